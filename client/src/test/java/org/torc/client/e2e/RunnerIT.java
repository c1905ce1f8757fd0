package org.torc.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.api.TorcApi;

/** The runner as users start it: separate torc-server and torc processes. */
class RunnerIT {
    @TempDir
    static Path dir;
    static ServerProcess server;
    static TorcApi api;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(dir);
        api = new TorcApi(server.url(), "tester", null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        assertEquals(List.of(), server.errorLines(), "no ERROR lines in the server log");
    }

    private static Path workdir(String name) throws Exception {
        return Files.createDirectories(dir.resolve(name));
    }

    /**
     * Initializes the workflow once, then starts {@code runners} `torc workflows run` processes
     * on it together and waits for each to exit 0.
     */
    private static void runTogether(Path work, long wf, int runners, int parallel, int seconds)
            throws Exception {
        Processes.runCli(work, server.url(), 60, "workflows", "initialize", Long.toString(wf),
                "--no-prompts").expect(0);
        List<Process> started = new ArrayList<>();
        for (int r = 0; r < runners; r++) {
            started.add(Processes.startCli(work, server.url(), Map.of(), "workflows", "run",
                    Long.toString(wf), "--max-parallel-jobs", Integer.toString(parallel), "-o",
                    "out"));
        }
        for (Process p : started) {
            assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "runner finished");
            assertEquals(0, p.exitValue());
        }
    }

    @Test
    void four_runners_share_a_2000_job_workflow_and_run_every_job_exactly_once() throws Exception {
        long wf = Api.workflow(api, "four-runners", 10);
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            jobs.add(Api.job(wf, "a_" + i, "echo a " + i, List.of()));
        }
        List<Long> first = Api.createJobs(api, jobs);
        long barrier = Api.createJobs(api, List.of(Api.job(wf, "barrier", "true", first))).get(0);
        jobs.clear();
        for (int i = 0; i < 999; i++) {
            jobs.add(Api.job(wf, "b_" + i, "echo b " + i, List.of(barrier)));
        }
        Api.createJobs(api, jobs);
        // Initialize once, then four runners join the initialized workflow.
        runTogether(workdir("four"), wf, 4, 4, 300);
        List<JsonNode> results = Api.results(api, wf, true);
        assertEquals(2000, results.size(), "exactly one result per job");
        Set<Long> distinct = new HashSet<>();
        results.forEach(r -> distinct.add(r.path("job_id").asLong()));
        assertEquals(2000, distinct.size(), "no job ran twice");
        assertEquals(Map.of("completed", 2000), Api.statusCounts(api, wf));
        assertEquals(4, api.get("/compute_nodes?workflow_id=" + wf).path("total_count").asLong());
    }

    @Test
    void a_server_restart_mid_run_loses_no_completion() throws Exception {
        long wf = Api.workflow(api, "restart", 60);
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            jobs.add(Api.job(wf, "j_" + i, "sleep 0.05", List.of()));
        }
        Api.createJobs(api, jobs);
        Process runner = Processes.startCli(workdir("restart"), server.url(), Map.of(), "run",
                Long.toString(wf), "--max-parallel-jobs", "4", "-o", "out");
        // Let it get going, then take the server away for a few seconds.
        long deadline = System.currentTimeMillis() + 60_000;
        while (Api.results(api, wf, true).size() < 40 && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        server.kill9();
        Thread.sleep(5_000);
        server.restart();
        assertTrue(runner.waitFor(180, TimeUnit.SECONDS), "runner finished after the restart");
        assertEquals(0, runner.exitValue());
        List<JsonNode> results = Api.results(api, wf, true);
        Set<Long> distinct = new HashSet<>();
        results.forEach(r -> distinct.add(r.path("job_id").asLong()));
        assertEquals(300, distinct.size(), "every job has a result");
        assertEquals(300, results.size(), "no result was recorded twice");
        assertEquals(Map.of("completed", 300), Api.statusCounts(api, wf));
    }

    @Test
    void sigterm_to_a_runner_terminates_its_running_jobs() throws Exception {
        long wf = Api.workflow(api, "sigterm", 60);
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(Api.job(wf, "sleeper_" + i, "sleep 300", List.of()));
        }
        Api.createJobs(api, jobs);
        Process runner = Processes.startCli(workdir("sigterm"), server.url(), Map.of(), "run",
                Long.toString(wf), "--max-parallel-jobs", "3", "-o", "out");
        long deadline = System.currentTimeMillis() + 60_000;
        while (Api.statusCounts(api, wf).getOrDefault("running", 0) < 3
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        runner.destroy(); // SIGTERM
        assertTrue(runner.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Map.of("terminated", 3), Api.statusCounts(api, wf));
        JsonNode node = api.get("/compute_nodes?workflow_id=" + wf).path("items").get(0);
        assertEquals(false, node.path("is_active").asBoolean(true), "compute node deactivated");
    }

    @Test
    void a_failure_cancels_dependents_and_a_failed_only_reset_reruns_just_that_part() throws Exception {
        Path work = workdir("failure");
        long wf = Api.workflow(api, "failure", 5);
        long setup = Api.createJobs(api, List.of(Api.job(wf, "setup", "true", List.of()))).get(0);
        List<Long> mid = Api.createJobs(api, List.of(
                Api.job(wf, "work_a", "echo a", List.of(setup)),
                Api.job(wf, "work_fail", "test ! -f flag", List.of(setup))));
        Api.createJobs(api, List.of(Api.job(wf, "finalize", "echo done", mid)));
        Files.writeString(work.resolve("flag"), "x");
        Processes.runCli(work, server.url(), 120, "run", Long.toString(wf), "--max-parallel-jobs",
                "4", "-o", "out").expect(0);
        Map<String, JsonNode> byName = Api.jobsByName(api, wf);
        assertEquals("failed", byName.get("work_fail").path("status").asText());
        assertEquals("canceled", byName.get("finalize").path("status").asText());
        assertEquals("completed", byName.get("work_a").path("status").asText());
        assertEquals(3, Api.results(api, wf, true).size(), "no result for the canceled job");

        api.post("/workflows/" + wf + "/reset_status", null);
        api.post("/workflows/" + wf + "/reset_job_status?failed_only=true", null);
        Processes.runCli(work, server.url(), 60, "workflows", "reinitialize", Long.toString(wf))
                .expect(0);
        byName = Api.jobsByName(api, wf);
        assertEquals("ready", byName.get("work_fail").path("status").asText());
        assertEquals("blocked", byName.get("finalize").path("status").asText());
        assertEquals("completed", byName.get("setup").path("status").asText());
        Files.delete(work.resolve("flag"));
        Processes.runCli(work, server.url(), 120, "run", Long.toString(wf), "--max-parallel-jobs",
                "4", "-o", "out").expect(0);
        assertEquals(Map.of("completed", 4), Api.statusCounts(api, wf));
        List<JsonNode> history = Api.results(api, wf, true);
        assertTrue(history.stream().anyMatch(r -> r.path("return_code").asLong() == 1
                && r.path("run_id").asLong() == 1), "the failed attempt stays in the history");
        assertEquals(4, Api.results(api, wf, false).size(), "one current result per job");
    }

    @Test
    void a_failure_handler_retries_until_the_job_succeeds() throws Exception {
        Path work = workdir("retry");
        long wf = Api.workflow(api, "retry", 5);
        long handler = api.post("/failure_handlers", Api.obj().put("workflow_id", wf)
                .put("name", "retry3").put("rules", "[{\"exit_codes\":[3],\"max_retries\":3}]"))
                .path("id").asLong();
        // Fails with 3 on the first two attempts, succeeds on the third.
        ObjectNode flaky = Api.job(wf, "flaky", "test \"$TORC_ATTEMPT_ID\" -ge 3 || exit 3", List.of());
        flaky.put("failure_handler_id", handler);
        Api.createJobs(api, List.of(flaky));
        Processes.runCli(work, server.url(), 120, "run", Long.toString(wf), "--max-parallel-jobs",
                "2", "-o", "out").expect(0);
        JsonNode job = Api.jobsByName(api, wf).get("flaky");
        assertEquals("completed", job.path("status").asText());
        assertEquals(3, job.path("attempt_id").asLong());
    }

    @Test
    void the_recovery_script_has_run_before_another_runner_can_start_the_next_attempt()
            throws Exception {
        Path work = workdir("recovery");
        long wf = Api.workflow(api, "recovery", 5);
        long handler = api.post("/failure_handlers", Api.obj().put("workflow_id", wf)
                .put("name", "fix").put("rules", "[{\"exit_codes\":[3],\"max_retries\":3,"
                        + "\"recovery_script\":\"sleep 1; touch fixed\"}]"))
                .path("id").asLong();
        ObjectNode job = Api.job(wf, "needs_fix", "test -f fixed || exit 3", List.of());
        job.put("failure_handler_id", handler);
        Api.createJobs(api, List.of(job));
        // Two runners: had the job gone back to ready before its recovery script finished, the
        // idle one would have started attempt 2 at once, failed it, and needed attempt 3.
        runTogether(work, wf, 2, 1, 120);
        JsonNode done = Api.jobsByName(api, wf).get("needs_fix");
        assertEquals("completed", done.path("status").asText());
        assertEquals(2, done.path("attempt_id").asLong(), "the second attempt found the fix");
    }

    @Test
    void an_action_runs_exactly_once_with_three_runners() throws Exception {
        Path work = workdir("actions");
        Files.createDirectories(work.resolve("out"));
        long wf = Api.workflow(api, "actions", 5);
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            jobs.add(Api.job(wf, "j" + i, "sleep 0.1", List.of()));
        }
        Api.createJobs(api, jobs);
        ObjectNode start = Api.obj().put("workflow_id", wf).put("trigger_type", "on_workflow_start")
                .put("action_type", "run_commands");
        start.putObject("action_config").putArray("commands").add("echo started >> actions.log");
        api.post("/workflows/" + wf + "/actions", start);
        ObjectNode end = Api.obj().put("workflow_id", wf).put("trigger_type", "on_workflow_complete")
                .put("action_type", "run_commands");
        end.putObject("action_config").putArray("commands").add("echo finished >> actions.log");
        api.post("/workflows/" + wf + "/actions", end);
        runTogether(work, wf, 3, 2, 120);
        List<String> lines = Files.readAllLines(work.resolve("out/actions.log"));
        assertEquals(List.of("started", "finished"), lines);
    }

    @Test
    void resource_mode_packs_jobs_by_their_requirements() throws Exception {
        Path work = workdir("resources");
        long wf = Api.workflow(api, "resources", 5);
        long rr = api.post("/resource_requirements", Api.obj().put("workflow_id", wf)
                .put("name", "two_cpus").put("num_cpus", 2).put("memory", "1g").put("runtime", "PT1M"))
                .path("id").asLong();
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            jobs.add(Api.job(wf, String.format("job_%03d", i), "echo $TORC_JOB_NAME", List.of())
                    .put("resource_requirements_id", rr));
        }
        Api.createJobs(api, jobs);
        Processes.runCli(work, server.url(), 120, "run", Long.toString(wf), "--num-cpus", "4",
                "--memory-gb", "8", "-o", "out").expect(0);
        assertEquals(Map.of("completed", 30), Api.statusCounts(api, wf));
        assertEquals(30, Api.results(api, wf, false).size());
        JsonNode any = Api.jobsByName(api, wf).get("job_007");
        Path stdout = work.resolve("out/job_stdio/job_wf" + wf + "_j" + any.path("id").asLong()
                + "_r1_a1.o");
        assertEquals("job_007\n", Files.readString(stdout));
    }
}
