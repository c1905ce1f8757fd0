package org.torc.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.Dags;
import org.torc.server.testing.ErrorLogWatcher;
import org.torc.server.testing.TestServer;

/** Job lifecycle semantics through the HTTP API (acceptance checks C7, C19–C23, C25–C27). */
class LifecycleSemanticsTest {
    static TestServer server;
    static ApiClient api;
    static ErrorLogWatcher errors;

    @BeforeAll
    static void setUp() {
        errors = ErrorLogWatcher.attach();
        server = TestServer.start(c -> c.withCompletionCheckIntervalSecs(3600));
        api = server.api();
    }

    @AfterAll
    static void tearDown() {
        server.close();
        errors.close();
        assertEquals(List.of(), errors.errors(), "no ERROR log lines");
    }

    private static void run(long jobId, long runId, long node, String status, long rc) {
        api.put("/jobs/" + jobId + "/start_job/" + runId + "/" + node, null).expect(200);
        api.post("/jobs/" + jobId + "/complete_job/" + status + "/" + runId, Dags.result(rc))
                .expect(200);
    }

    private static void claimAll(long wf) {
        api.post("/workflows/" + wf + "/claim_next_jobs?limit=1000", null).expect(200);
    }

    @Test
    void start_and_complete_record_one_result_and_a_second_completion_is_refused() {
        long wf = api.createWorkflow("c7");
        long job = Dags.createJob(api, wf, "only", List.of());
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        api.put("/jobs/" + job + "/start_job/0/" + node, null).expect(422); // not claimed yet
        claimAll(wf);
        var started = api.put("/jobs/" + job + "/start_job/0/" + node, null).expect(200).json();
        assertEquals("running", started.get("status").asText());
        assertEquals(1, api.get("/jobs?workflow_id=" + wf + "&active_compute_node_id=" + node)
                .json().get("total_count").asLong());
        api.post("/jobs/" + job + "/complete_job/running/0", Dags.result(0)).expect(422);
        api.post("/jobs/" + job + "/complete_job/completed/7", Dags.result(0)).expect(422);
        assertEquals(0, api.get("/results?workflow_id=" + wf).json() == null ? 0
                : countResults(wf), "a refused completion writes no result");
        var done = api.post("/jobs/" + job + "/complete_job/completed/0", Dags.result(0))
                .expect(200).json();
        assertEquals("completed", done.get("status").asText());
        api.post("/jobs/" + job + "/complete_job/completed/0", Dags.result(0)).expect(422);
        assertEquals(0, api.get("/jobs?workflow_id=" + wf + "&active_compute_node_id=" + node)
                .json().get("total_count").asLong());
        assertEquals(1, countResults(wf));
        assertTrue(api.get("/workflows/" + wf + "/is_complete").json().get("is_complete")
                .asBoolean());
    }

    private static long countResults(long wf) {
        return server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM result WHERE workflow_id = ?", wf));
    }

    @Test
    void a_failure_cancels_dependents_transitively_unless_they_opt_out() {
        long wf = api.createWorkflow("c19");
        long setup = Dags.createJob(api, wf, "setup", List.of());
        long a = Dags.createJob(api, wf, "work_a", List.of(setup));
        long fail = Dags.createJob(api, wf, "work_fail", List.of(setup));
        long fin = Dags.createJob(api, wf, "finalize", List.of(a, fail));
        long after = Dags.createJob(api, wf, "after_finalize", List.of(fin));
        ObjectNode lenient = Dags.job(wf, "lenient", List.of(fail));
        lenient.put("cancel_on_blocking_job_failure", false);
        long len = Dags.createJobs(api, List.of(lenient)).get(0);
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        claimAll(wf);
        run(setup, 0, node, "completed", 0);
        Dags.awaitStatus(api, fail, "ready", 2000);
        claimAll(wf);
        run(a, 0, node, "completed", 0);
        run(fail, 0, node, "failed", 1);
        Dags.awaitStatus(api, after, "canceled", 2000);
        assertEquals("canceled", Dags.statusOf(api, fin));
        assertEquals("ready", Dags.statusOf(api, len), "opted out of cancellation");
        assertFalse(api.get("/workflows/" + wf + "/is_complete").json().get("is_complete")
                .asBoolean());
        claimAll(wf);
        run(len, 0, node, "completed", 0);
        assertTrue(api.get("/workflows/" + wf + "/is_complete").json().get("is_complete")
                .asBoolean());

        // C21: reset failed jobs and their downstream, re-initialize, rerun.
        var reset = api.post("/workflows/" + wf + "/reset_job_status?failed_only=true", null)
                .expect(200).json();
        assertEquals("failed_only", reset.get("reset_type").asText());
        assertEquals("uninitialized", Dags.statusOf(api, fail));
        assertEquals("uninitialized", Dags.statusOf(api, fin));
        assertEquals("uninitialized", Dags.statusOf(api, after));
        assertEquals("uninitialized", Dags.statusOf(api, len), "downstream of the failure");
        assertEquals("completed", Dags.statusOf(api, a));
        api.put("/workflows/" + wf + "/status", ApiClient.obj().put("run_id", 1)
                .put("is_canceled", false)).expect(200);
        api.post("/workflows/" + wf + "/initialize_jobs?only_uninitialized=true", null).expect(200);
        assertEquals("ready", Dags.statusOf(api, fail));
        assertEquals("blocked", Dags.statusOf(api, fin));
        assertEquals("completed", Dags.statusOf(api, setup));
        claimAll(wf);
        run(fail, 1, node, "completed", 0);
        Dags.awaitStatus(api, fin, "ready", 2000);
    }

    @Test
    void reset_failed_only_reverses_completed_downstream_jobs_and_records_an_event() {
        long wf = api.createWorkflow("c22");
        long j1 = Dags.createJob(api, wf, "job1", List.of());
        long j2 = Dags.createJob(api, wf, "job2", List.of(j1));
        long j3 = Dags.createJob(api, wf, "job3", List.of(j2));
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        // Downstream first: the failure of job1 would otherwise cancel job2 at once.
        for (long j : new long[] {j3, j2, j1}) {
            api.post("/jobs/" + j + "/complete_job/" + (j == j1 ? "failed" : "completed") + "/0",
                    Dags.result(j == j1 ? 1 : 0)).expect(200);
        }
        api.post("/workflows/" + wf + "/reset_job_status?failed_only=true", null).expect(200);
        for (long j : new long[] {j1, j2, j3}) {
            assertEquals("uninitialized", Dags.statusOf(api, j));
        }
        List<String> events = server.server().database().read(sql -> sql.query(
                "SELECT data FROM event WHERE workflow_id = ?", rs -> rs.getString(1), wf));
        assertTrue(events.stream().anyMatch(e -> e.contains("\"action\":\"reset_job_status\"")
                && e.contains("\"category\":\"user_action\"")), "event persisted: " + events);
    }

    @Test
    void reset_status_is_refused_while_jobs_run_unless_forced() {
        long wf = api.createWorkflow("c23");
        long j1 = Dags.createJob(api, wf, "j1", List.of());
        long j2 = Dags.createJob(api, wf, "j2", List.of());
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        api.put("/jobs/" + j1 + "/manage_status_change/running/0", null).expect(200);
        api.put("/jobs/" + j2 + "/manage_status_change/pending/0", null).expect(200);
        var refused = api.post("/workflows/" + wf + "/reset_status", null).expect(422);
        assertTrue(refused.errorMessage().contains("running or pending"), refused.text());
        assertEquals("running", Dags.statusOf(api, j1));
        var ok = api.post("/workflows/" + wf + "/reset_status?force=true", null).expect(200).json();
        assertFalse(ok.get("is_canceled").asBoolean());
        api.put("/jobs/" + j1 + "/manage_status_change/completed/0", null).expect(422);
    }

    @Test
    void claim_next_jobs_limits_and_workflow_states() {
        long wf = api.createWorkflow("c25");
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(Dags.job(wf, "j" + i, List.of()));
        }
        Dags.createJobs(api, jobs);
        assertEquals(0, claim(wf, "").size(), "uninitialized workflow has nothing ready");
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        assertEquals(0, claim(wf, "?limit=0").size());
        assertEquals(4, claim(wf, "?limit=50").size());
        assertEquals(0, claim(wf, "?limit=50").size());
        api.put("/workflows/" + wf + "/cancel", null).expect(200);
        var canceled = api.post("/workflows/" + wf + "/claim_next_jobs", null).expect(200).json();
        assertEquals(0, canceled.get("jobs").size());
        var complete = api.get("/workflows/" + wf + "/is_complete").json();
        assertTrue(complete.get("is_complete").asBoolean());
        assertTrue(complete.get("is_canceled").asBoolean());
        assertEquals("canceled", Dags.statusOf(api, api.get("/workflows/" + wf + "/job_ids")
                .json().get("job_ids").get(0).asLong()));
        assertTrue(api.post("/workflows/99999/claim_next_jobs", null).status() >= 400);
    }

    private static JsonNode claim(long wf, String query) {
        return api.post("/workflows/" + wf + "/claim_next_jobs" + query, null).expect(200).json()
                .get("jobs");
    }

    @Test
    void default_claim_limit_is_ten() {
        long wf = api.createWorkflow("default-limit");
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            jobs.add(Dags.job(wf, "j" + i, List.of()));
        }
        Dags.createJobs(api, jobs);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        assertEquals(10, claim(wf, "").size());
    }

    /** A resource_requirements row from {name, cpus, memory, gpus, runtime}; returns its id. */
    private static long insertRequirements(long wf, Object[] s) {
        return server.server().database().write(tx -> tx.insert("""
                INSERT INTO resource_requirements (workflow_id, name, num_cpus, num_gpus,
                    num_nodes, memory, runtime, memory_bytes, runtime_s)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)""", wf, s[0], s[1], s[3], s[2], s[4],
                org.torc.common.MemorySize.toBytes((String) s[2]),
                org.torc.common.IsoDuration.toSeconds((String) s[4])));
    }

    @Test
    void resource_claims_filter_order_and_pack() {
        long wf = api.createWorkflow("c26");
        long[] rr = new long[6];
        // name, cpus, memory, gpus, runtime
        Object[][] specs = {
            {"r1", 2, "1g", 0, "PT2H"}, {"r2", 1, "512m", 0, "PT1H"}, {"r3", 4, "8g", 1, "PT4H"},
            {"r4", 2, "4g", 1, "PT2H"}, {"r5", 1, "256m", 0, "PT30M"}, {"r6", 8, "16g", 2, "PT1H"}};
        for (int i = 0; i < 6; i++) {
            rr[i] = insertRequirements(wf, specs[i]);
        }
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(Dags.job(wf, "diverse_job_" + (i + 1), List.of())
                    .put("resource_requirements_id", rr[i]));
        }
        Dags.createJobs(api, jobs);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        ObjectNode big = ApiClient.obj().put("num_cpus", 100).put("memory_gb", 500)
                .put("num_gpus", 20).put("num_nodes", 1);
        JsonNode claimed = api.post("/workflows/" + wf
                + "/claim_jobs_based_on_resources/10?sort_method=gpus_runtime_memory", big)
                .expect(200).json().get("jobs");
        List<String> names = new ArrayList<>();
        claimed.forEach(j -> names.add(j.get("name").asText()));
        assertEquals(List.of("diverse_job_6", "diverse_job_3", "diverse_job_4", "diverse_job_1",
                "diverse_job_2", "diverse_job_5"), names);
    }

    /**
     * Jobs spread over requirement rows, two of which rank equal: claims take rows by rank and
     * interleave equal rows' jobs by id, for every sort method, across several claims.
     */
    @Test
    void resource_claims_order_jobs_by_rank_then_id_across_requirement_rows() {
        long wf = api.createWorkflow("claim-order");
        // name, cpus, memory, gpus, runtime; "same_a" and "same_b" rank equal in every method
        Object[][] specs = {
            {"same_a", 1, "1g", 0, "PT1H"}, {"long", 1, "1g", 0, "PT3H"},
            {"same_b", 1, "1g", 0, "PT1H"}, {"big", 1, "4g", 0, "PT1H"}, {"gpu", 1, "1g", 1, "PT1H"}};
        long[] rr = new long[specs.length];
        for (int i = 0; i < specs.length; i++) {
            rr[i] = insertRequirements(wf, specs[i]);
        }
        // Job i uses row (i * 3) % 5, so every row's jobs are spread over the id range.
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            jobs.add(Dags.job(wf, "j" + i + "_" + specs[(i * 3) % 5][0], List.of())
                    .put("resource_requirements_id", rr[(i * 3) % 5]));
        }
        Dags.createJobs(api, jobs);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        ObjectNode big = ApiClient.obj().put("num_cpus", 1000).put("memory_gb", 1000)
                .put("num_gpus", 100).put("num_nodes", 1);
        List<String> byRuntime = new ArrayList<>();
        // gpus, then runtime, then memory (all descending); equal rows by id
        for (String row : List.of("gpu", "long", "big")) {
            for (int i = 0; i < 40; i++) {
                if (specs[(i * 3) % 5][0].equals(row)) {
                    byRuntime.add("j" + i + "_" + row);
                }
            }
        }
        for (int i = 0; i < 40; i++) {
            String row = (String) specs[(i * 3) % 5][0];
            if (row.startsWith("same_")) {
                byRuntime.add("j" + i + "_" + row);
            }
        }
        String path = "/workflows/" + wf + "/claim_jobs_based_on_resources/";
        List<String> claimed = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            api.post(path + "10?sort_method=gpus_runtime_memory", big).expect(200).json()
                    .get("jobs").forEach(j -> claimed.add(j.get("name").asText()));
        }
        assertEquals(byRuntime, claimed);

        // gpus_memory_runtime ranks "big" (memory) before "long" (runtime); none is id order.
        for (String sort : List.of("gpus_memory_runtime", "none")) {
            api.post("/workflows/" + wf + "/reset_status?force=true", null).expect(200);
            api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
            List<String> expected = new ArrayList<>();
            List<String> rows = sort.equals("none") ? List.of("") : List.of("gpu", "big", "long");
            for (String row : rows) {
                for (int i = 0; i < 40; i++) {
                    if (row.isEmpty() || specs[(i * 3) % 5][0].equals(row)) {
                        expected.add("j" + i + "_" + specs[(i * 3) % 5][0]);
                    }
                }
            }
            if (!sort.equals("none")) {
                for (int i = 0; i < 40; i++) {
                    if (((String) specs[(i * 3) % 5][0]).startsWith("same_")) {
                        expected.add("j" + i + "_" + specs[(i * 3) % 5][0]);
                    }
                }
            }
            List<String> got = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                api.post(path + "10?sort_method=" + sort, big).expect(200).json().get("jobs")
                        .forEach(j -> got.add(j.get("name").asText()));
            }
            assertEquals(expected, got, sort);
        }
    }

    /** With more requirement rows than JobClaims walks one by one, the joined query keeps the order. */
    @Test
    void resource_claims_keep_their_order_with_many_requirement_rows() {
        long wf = api.createWorkflow("claim-order-many");
        int rows = JobClaims.MAX_ROWS_WALKED + 8;
        long[] rr = new long[rows];
        for (int i = 0; i < rows; i++) {
            rr[i] = insertRequirements(wf, new Object[] {"r" + i, 1, "1g", 0, "PT" + (i + 1) + "M"});
        }
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 2 * rows; i++) {
            jobs.add(Dags.job(wf, "j" + i, List.of()).put("resource_requirements_id",
                    rr[(i * 7) % rows]));
        }
        Dags.createJobs(api, jobs);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        // Longest runtime first (row rows-1), jobs of one row by id.
        List<String> expected = new ArrayList<>();
        for (int row = rows - 1; row >= 0; row--) {
            for (int i = 0; i < 2 * rows; i++) {
                if ((i * 7) % rows == row) {
                    expected.add("j" + i);
                }
            }
        }
        ObjectNode big = ApiClient.obj().put("num_cpus", 1000).put("memory_gb", 1000)
                .put("num_gpus", 0).put("num_nodes", 1);
        List<String> got = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            api.post("/workflows/" + wf + "/claim_jobs_based_on_resources/10?sort_method="
                    + "gpus_runtime_memory", big).expect(200).json().get("jobs")
                    .forEach(j -> got.add(j.get("name").asText()));
        }
        assertEquals(expected, got);
    }

    @Test
    void resource_claims_respect_cpus_memory_time_limit_and_limit() {
        long wf = api.createWorkflow("c6");
        long rr = server.server().database().write(tx -> tx.insert("""
                INSERT INTO resource_requirements (workflow_id, name, num_cpus, num_gpus, num_nodes,
                    memory, runtime, memory_bytes, runtime_s)
                VALUES (?, 'minimal', 1, 0, 1, '100m', 'PT1M', ?, 60)""", wf, 100L << 20));
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            jobs.add(Dags.job(wf, "j" + i, List.of()).put("resource_requirements_id", rr));
        }
        Dags.createJobs(api, jobs);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        String path = "/workflows/" + wf + "/claim_jobs_based_on_resources/";
        ObjectNode cpuBound = ApiClient.obj().put("num_cpus", 4).put("memory_gb", 8)
                .put("num_gpus", 0).put("num_nodes", 1);
        ObjectNode tooShort = cpuBound.deepCopy().put("time_limit", "PT30S");
        assertEquals(0, api.post(path + "1000", tooShort).expect(200).json().get("jobs").size());
        api.post(path + "1000", cpuBound.deepCopy().put("time_limit", "bogus")).expect(422);
        assertEquals(4, api.post(path + "1000", cpuBound).expect(200).json().get("jobs").size());
        ObjectNode memBound = ApiClient.obj().put("num_cpus", 64).put("memory_gb", 0.25)
                .put("num_gpus", 0).put("num_nodes", 1);
        assertEquals(2, api.post(path + "1000", memBound).expect(200).json().get("jobs").size());
        ObjectNode plenty = ApiClient.obj().put("num_cpus", 64).put("memory_gb", 64)
                .put("num_gpus", 0).put("num_nodes", 1);
        JsonNode three = api.post(path + "3", plenty).expect(200).json().get("jobs");
        assertEquals(3, three.size());
        three.forEach(j -> assertEquals("pending", j.get("status").asText()));
    }

    @Test
    void only_multi_node_jobs_consume_nodes() {
        long wf = api.createWorkflow("nodes");
        long rr = server.server().database().write(tx -> tx.insert("""
                INSERT INTO resource_requirements (workflow_id, name, num_cpus, num_gpus, num_nodes,
                    memory, runtime, memory_bytes, runtime_s)
                VALUES (?, 'four_nodes', 1, 0, 4, '1g', 'PT1H', ?, 3600)""", wf, 1L << 30));
        Dags.createJobs(api, List.of(Dags.job(wf, "a", List.of()).put("resource_requirements_id", rr),
                Dags.job(wf, "b", List.of()).put("resource_requirements_id", rr)));
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        ObjectNode res = ApiClient.obj().put("num_cpus", 8).put("memory_gb", 8).put("num_gpus", 0)
                .put("num_nodes", 4);
        assertEquals(1, api.post("/workflows/" + wf + "/claim_jobs_based_on_resources/10", res)
                .expect(200).json().get("jobs").size());
    }

    @Test
    void a_dependency_chain_offers_only_its_head() {
        long wf = api.createWorkflow("chain");
        long j1 = Dags.createJob(api, wf, "chain_job_1", List.of());
        long j2 = Dags.createJob(api, wf, "chain_job_2", List.of(j1));
        Dags.createJob(api, wf, "chain_job_3", List.of(j2));
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        ObjectNode res = ApiClient.obj().put("num_cpus", 8).put("memory_gb", 8).put("num_gpus", 0)
                .put("num_nodes", 1);
        JsonNode jobs = api.post("/workflows/" + wf + "/claim_jobs_based_on_resources/10", res)
                .expect(200).json().get("jobs");
        assertEquals(1, jobs.size());
        assertEquals("chain_job_1", jobs.get(0).get("name").asText());
    }

    @Test
    void user_data_producers_block_their_consumers() {
        long wf = api.createWorkflow("c27");
        long[] ud = new long[3];
        for (int i = 0; i < 3; i++) {
            int n = i + 1;
            ud[i] = server.server().database().write(tx -> tx.insert(
                    "INSERT INTO user_data (workflow_id, name, is_ephemeral, data) VALUES (?, ?, 0, "
                            + (n == 1 ? "'{\"a\":1}'" : "NULL") + ")", wf, "ud" + n));
        }
        long j1 = Dags.createJobs(api, List.of(Dags.job(wf, "job1", List.of())
                .set("output_user_data_ids", ApiClient.obj().arrayNode().add(ud[1]))))
                .get(0);
        long j2 = Dags.createJobs(api, List.of(Dags.job(wf, "job2", List.of())
                .<ObjectNode>set("input_user_data_ids", ApiClient.obj().arrayNode().add(ud[1]))
                .set("output_user_data_ids", ApiClient.obj().arrayNode().add(ud[2])))).get(0);
        long j3 = Dags.createJobs(api, List.of(Dags.job(wf, "job3", List.of())
                .set("input_user_data_ids", ApiClient.obj().arrayNode().add(ud[2])))).get(0);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        assertEquals("ready", Dags.statusOf(api, j1));
        assertEquals("blocked", Dags.statusOf(api, j2));
        assertEquals("blocked", Dags.statusOf(api, j3));
        api.post("/jobs/" + j1 + "/complete_job/completed/0", Dags.result(0)).expect(200);
        Dags.awaitStatus(api, j2, "ready", 2000);
        assertEquals("blocked", Dags.statusOf(api, j3));
    }

    @Test
    void retry_moves_a_failed_job_back_to_ready_with_the_next_attempt() {
        long wf = api.createWorkflow("c31");
        long j = Dags.createJob(api, wf, "retry_me", List.of());
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        api.post("/jobs/" + j + "/retry/0?max_retries=3", null).expect(422); // ready: not retryable
        api.post("/jobs/" + j + "/complete_job/failed/0", Dags.result(2)).expect(200);
        var retried = api.post("/jobs/" + j + "/retry/0?max_retries=3", null).expect(200).json();
        assertEquals("ready", retried.get("status").asText());
        assertEquals(2, retried.get("attempt_id").asLong());
        api.post("/jobs/" + j + "/retry/0", null).expect(400); // max_retries is required
        api.put("/jobs/" + j, ApiClient.obj().put("name", "renamed")).expect(422);
        api.put("/jobs/" + j, ApiClient.obj().put("status", "completed")).expect(422);
    }

    @Test
    void a_job_with_a_disabled_dependency_never_becomes_ready_but_the_workflow_can_complete() {
        long wf = api.createWorkflow("disabled");
        long d = Dags.createJob(api, wf, "disabled_one", List.of());
        Dags.createJob(api, wf, "after", List.of(d));
        api.put("/jobs/" + d, ApiClient.obj().put("status", "disabled")).expect(200);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        assertEquals("disabled", Dags.statusOf(api, d));
        assertEquals(Map.of("disabled", 1, "blocked", 1), Dags.statusCounts(api, wf));
    }

    @Test
    void a_completion_left_unprocessed_by_a_crash_is_processed_after_restart() {
        long wf = api.createWorkflow("restart");
        long a = Dags.createJob(api, wf, "a", List.of());
        long b = Dags.createJob(api, wf, "b", List.of(a));
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        server.server().unblocker().close(); // stop releasing: the state a crash would leave
        api.post("/jobs/" + a + "/complete_job/completed/0", Dags.result(0)).expect(200);
        assertEquals("blocked", Dags.statusOf(api, b));
        assertEquals(1L, (long) server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM job WHERE id = ? AND unblocking_processed = 0", a)));
        server.restart();
        Dags.awaitStatus(api, b, "ready", 2000);
    }

    @Test
    void claim_and_start_extension_starts_jobs_in_the_same_request() {
        long wf = api.createWorkflow("claim-start");
        long j = Dags.createJob(api, wf, "fast", List.of());
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        api.post("/workflows/" + wf + "/claim_next_jobs?start_compute_node_id=" + node + "&run_id=5",
                null).expect(422);
        assertEquals("ready", Dags.statusOf(api, j), "a refused claim-and-start claims nothing");
        JsonNode jobs = api.post("/workflows/" + wf + "/claim_next_jobs?start_compute_node_id="
                + node + "&run_id=0", null).expect(200).json().get("jobs");
        assertEquals("running", jobs.get(0).get("status").asText());
        assertEquals("running", Dags.statusOf(api, j));
        assertEquals(1, api.get("/jobs?workflow_id=" + wf + "&active_compute_node_id=" + node)
                .json().get("total_count").asLong());
    }

    @Test
    void sync_status_recovers_the_jobs_of_a_silent_runner() {
        long wf = api.createWorkflow("orphans");
        long a = Dags.createJob(api, wf, "was_running", List.of());
        long b = Dags.createJob(api, wf, "was_pending", List.of());
        long after = Dags.createJob(api, wf, "after", List.of(a));
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        api.post("/workflows/" + wf + "/claim_next_jobs?limit=2", null).expect(200);
        api.put("/jobs/" + a + "/start_job/0/" + node, null).expect(200);
        server.server().database().write(tx -> tx.update(
                "INSERT INTO job_internal (job_id, input_hash, active_compute_node_id) VALUES (?, '', ?) "
                        + "ON CONFLICT (job_id) DO UPDATE SET active_compute_node_id = excluded.active_compute_node_id",
                b, node));
        api.post("/compute_nodes/" + node + "/heartbeat", null).expect(200);
        var fresh = api.post("/workflows/" + wf + "/sync_status?timeout_secs=60", null).expect(200).json();
        assertEquals(0, fresh.get("compute_node_ids").size(), "a runner with a fresh heartbeat is alive");
        server.server().database().write(tx -> tx.update(
                "UPDATE compute_node SET last_heartbeat = 0 WHERE id = ?", node));
        var dry = api.post("/workflows/" + wf + "/sync_status?timeout_secs=60&dry_run=true", null)
                .expect(200).json();
        assertEquals(1, dry.get("failed_job_ids").size());
        assertEquals("running", Dags.statusOf(api, a), "a dry run changes nothing");
        var report = api.post("/workflows/" + wf + "/sync_status?timeout_secs=60", null).expect(200).json();
        assertEquals(List.of(node), List.of(report.get("compute_node_ids").get(0).asLong()));
        assertEquals("failed", Dags.statusOf(api, a));
        assertEquals("ready", Dags.statusOf(api, b));
        Dags.awaitStatus(api, after, "canceled", 2000);
        long rc = server.server().database().read(sql -> sql.queryLong(
                "SELECT return_code FROM result WHERE job_id = ?", a));
        assertEquals(-128, rc);
        assertEquals(false, api.get("/compute_nodes/" + node).json().get("is_active").asBoolean());
        api.post("/compute_nodes/999999/heartbeat", null).expect(404);
    }

    @Test
    void runners_starting_together_initialize_a_new_workflow_exactly_once() throws Exception {
        long wf = api.createWorkflow("start-run");
        for (int i = 0; i < 20; i++) {
            Dags.createJob(api, wf, "j" + i, List.of());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<JsonNode>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> api.post("/workflows/" + wf
                    + "/initialize_jobs?start_run=if_uninitialized", null).expect(200).json()));
        }
        int initialized = 0;
        for (var f : answers) {
            JsonNode a = f.get();
            initialized += a.get("initialized").asBoolean() ? 1 : 0;
            assertEquals(1, a.get("run_id").asLong());
        }
        pool.shutdown();
        assertEquals(1, initialized);
        assertEquals(1, api.get("/workflows/" + wf + "/status").json().get("run_id").asLong());
        assertEquals(Map.of("ready", 20), Dags.statusCounts(api, wf));
    }

    @Test
    void batch_completion_commits_the_valid_entries_and_reports_each_refusal() {
        long wf = api.createWorkflow("batch");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(Dags.createJob(api, wf, "b" + i, List.of()));
        }
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        ObjectNode body = ApiClient.obj();
        var list = body.putArray("completions");
        list.addObject().put("job_id", ids.get(0)).put("status", "completed").put("run_id", 0)
                .set("result", Dags.result(0).put("compute_node_id", node));
        list.addObject().put("job_id", ids.get(1)).put("status", "failed").put("run_id", 0)
                .set("result", Dags.result(2));
        // A compute node that does not exist: only found when writing, so the batch falls back
        // to one entry at a time and refuses just this one.
        list.addObject().put("job_id", ids.get(2)).put("status", "completed").put("run_id", 0)
                .set("result", Dags.result(0).put("compute_node_id", 987654));
        list.addObject().put("job_id", ids.get(3)).put("status", "completed").put("run_id", 9)
                .set("result", Dags.result(0));
        list.addObject().put("job_id", 99999999).put("status", "completed").put("run_id", 0)
                .set("result", Dags.result(0));
        list.addObject().put("job_id", ids.get(0)).put("status", "completed").put("run_id", 0)
                .set("result", Dags.result(0));
        JsonNode r = api.post("/workflows/" + wf + "/batch_complete_jobs", body).expect(200).json();
        List<Long> completed = new ArrayList<>();
        r.get("completed").forEach(n -> completed.add(n.asLong()));
        assertEquals(List.of(ids.get(0), ids.get(1)), completed);
        assertEquals(4, r.get("errors").size(), r.toString());
        assertTrue(r.toString().contains("compute_node_id 987654 does not exist"), r.toString());
        assertTrue(r.toString().contains("run_id 9 does not match"), r.toString());
        assertEquals("completed", Dags.statusOf(api, ids.get(0)));
        assertEquals("failed", Dags.statusOf(api, ids.get(1)));
        assertEquals("ready", Dags.statusOf(api, ids.get(2)));
        assertEquals("ready", Dags.statusOf(api, ids.get(3)));
        assertEquals(2L, (long) server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM result WHERE workflow_id = ?", wf)));
        assertEquals(2L, (long) server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM workflow_result WHERE workflow_id = ?", wf)));
    }
}
