package org.torc.server.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.common.JobStatus;
import org.torc.common.Json;
import org.torc.server.db.Database;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class WorkflowActionApiTest {
    static TestServer server;
    static ApiClient api;
    static Database db;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
        db = server.server().database();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ObjectNode runCommands(String trigger, String... commands) {
        ObjectNode body = ApiClient.obj().put("trigger_type", trigger)
                .put("action_type", "run_commands");
        var list = body.putObject("action_config").putArray("commands");
        for (String c : commands) {
            list.add(c);
        }
        return body;
    }

    static ObjectNode withJobs(ObjectNode body, long... jobIds) {
        var ids = body.putArray("job_ids");
        for (long id : jobIds) {
            ids.add(id);
        }
        return body;
    }

    private static JsonNode create(long workflowId, ObjectNode body) {
        return api.post("/workflows/" + workflowId + "/actions", body).expect(200).json();
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(a -> out.add(a.get("id").asLong()));
        return out;
    }

    private static void makePending(long actionId) {
        db.write(tx -> tx.update(
                "UPDATE workflow_action SET trigger_count = required_triggers WHERE id = ?",
                actionId));
    }

    private static ApiClient.Response claim(long workflowId, long actionId, Long computeNodeId) {
        ObjectNode body = ApiClient.obj();
        if (computeNodeId == null) {
            body.putNull("compute_node_id");
        } else {
            body.put("compute_node_id", computeNodeId);
        }
        return api.post("/workflows/" + workflowId + "/actions/" + actionId + "/claim", body);
    }

    @Test
    void create_returns_the_stored_action_with_torc_defaults() {
        long wf = api.createWorkflow("act-create");
        JsonNode a = create(wf, runCommands("on_workflow_start", "echo hi").put("workflow_id", 0));
        assertEquals(wf, a.get("workflow_id").asLong(), "the path decides the workflow");
        assertEquals("on_workflow_start", a.get("trigger_type").asText());
        assertEquals("run_commands", a.get("action_type").asText());
        assertEquals("echo hi", a.get("action_config").get("commands").get(0).asText());
        assertEquals(0, a.get("trigger_count").asLong());
        assertEquals(1, a.get("required_triggers").asLong());
        assertFalse(a.get("executed").asBoolean());
        assertFalse(a.get("persistent").asBoolean());
        assertFalse(a.get("is_recovery").asBoolean());
        assertFalse(a.has("executed_at"));
        assertEquals(List.of(a), List.copyOf(toList(api.get("/workflows/" + wf + "/actions")
                .expect(200).json())));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void job_triggers_need_one_event_per_distinct_job() {
        long wf = api.createWorkflow("act-jobs");
        long j1 = Rows.job(db, wf, JobStatus.UNINITIALIZED);
        long j2 = Rows.job(db, wf, JobStatus.UNINITIALIZED);
        JsonNode a = create(wf, withJobs(runCommands("on_jobs_complete", "x")
                .put("required_triggers", 99), j1, j2, j1));
        assertEquals(2, a.get("required_triggers").asLong());
        assertEquals(List.of(j1, j2), Json.mapper().convertValue(a.get("job_ids"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Long>>() { }));
    }

    @Test
    void schedule_nodes_accepts_the_fields_torc_clients_send() {
        long wf = api.createWorkflow("act-schedule");
        ObjectNode body = ApiClient.obj().put("trigger_type", "on_workflow_start")
                .put("action_type", "schedule_nodes");
        body.putObject("action_config").put("scheduler_type", "slurm").put("scheduler_id", 3)
                .put("num_allocations", 2).put("start_one_worker_per_node", false)
                .put("max_parallel_jobs", 8);
        JsonNode a = create(wf, body.put("persistent", true));
        assertEquals(3, a.get("action_config").get("scheduler_id").asInt());
        assertTrue(a.get("persistent").asBoolean());
    }

    @Test
    void invalid_actions_are_422_naming_the_problem_and_store_nothing() {
        long wf = api.createWorkflow("act-invalid");
        long otherWf = api.createWorkflow("act-invalid-other");
        long foreignJob = Rows.job(db, otherWf, JobStatus.READY);
        ObjectNode scheduleBadField = ApiClient.obj().put("trigger_type", "on_workflow_start")
                .put("action_type", "schedule_nodes");
        scheduleBadField.putObject("action_config").put("partition", "debug");
        ObjectNode scheduleBadType = ApiClient.obj().put("trigger_type", "on_workflow_start")
                .put("action_type", "schedule_nodes");
        scheduleBadType.putObject("action_config").put("num_allocations", "2");
        ObjectNode extraField = runCommands("on_workflow_start", "x");
        ((ObjectNode) extraField.get("action_config")).put("shell", "bash");
        ObjectNode notObject = runCommands("on_workflow_start", "x");
        notObject.putArray("action_config").add("x");
        ObjectNode nonString = runCommands("on_workflow_start");
        ((ObjectNode) nonString.get("action_config")).putArray("commands").add(5);

        List<Object[]> cases = List.of(
                new Object[] {runCommands("on_lunch", "x"), "trigger_type"},
                new Object[] {runCommands("on_workflow_start", "x").put("action_type", "email"),
                        "action_type"},
                new Object[] {runCommands("on_workflow_start"), "commands"},
                new Object[] {nonString, "commands[0]"},
                new Object[] {extraField, "commands"},
                new Object[] {notObject, "action_config"},
                new Object[] {runCommands("on_workflow_start", "x").putNull("action_config"),
                        "action_config"},
                new Object[] {scheduleBadField, "partition"},
                new Object[] {scheduleBadType, "num_allocations"},
                new Object[] {runCommands("on_jobs_ready", "x"), "job_ids"},
                new Object[] {withJobs(runCommands("on_jobs_complete", "x")), "job_ids"},
                new Object[] {withJobs(runCommands("on_jobs_ready", "x"), foreignJob), "job_ids"},
                new Object[] {runCommands("on_workflow_start", "x").put("trigger_count", -1),
                        "trigger_count"});
        for (Object[] c : cases) {
            var r = api.post("/workflows/" + wf + "/actions", c[0]).expect(422);
            assertTrue(r.errorMessage().contains((String) c[1]), c[0] + " -> " + r.text());
        }
        assertEquals(0, api.get("/workflows/" + wf + "/actions").json().size());
    }

    @Test
    void unknown_workflow_is_404_and_malformed_json_400() {
        var r = api.post("/workflows/987654/actions", runCommands("on_workflow_start", "x"))
                .expect(404);
        assertEquals("Workflow not found with ID: 987654", r.errorMessage());
        api.get("/workflows/987654/actions").expect(404);
        api.get("/workflows/987654/actions/pending").expect(404);
        long wf = api.createWorkflow("act-malformed");
        api.post("/workflows/" + wf + "/actions", "{\"trigger_type\":").expect(400);
        api.post("/workflows/" + wf + "/actions", "{\"job_ids\":[\"a\"]}").expect(400);
    }

    @Test
    void pending_lists_fully_triggered_unclaimed_actions_filtered_by_trigger_type() {
        long wf = api.createWorkflow("act-pending");
        long start = create(wf, runCommands("on_workflow_start", "a")).get("id").asLong();
        long worker = create(wf, runCommands("on_worker_start", "b")).get("id").asLong();
        long complete = create(wf, runCommands("on_workflow_complete", "c")).get("id").asLong();
        String pending = "/workflows/" + wf + "/actions/pending";
        assertEquals(List.of(), ids(api.get(pending).expect(200).json()));

        makePending(worker);
        makePending(start);
        assertEquals(List.of(start, worker), ids(api.get(pending).json()));
        assertEquals(List.of(worker), ids(api.get(pending + "?trigger_type=on_worker_start")
                .json()));
        assertEquals(List.of(start, worker), ids(api.get(pending
                + "?trigger_type=on_worker_start&trigger_type=on_workflow_start").json()));
        assertEquals(List.of(), ids(api.get(pending + "?trigger_type=on_workflow_complete")
                .json()));

        claim(wf, start, null).expect(200);
        assertEquals(List.of(worker), ids(api.get(pending).json()));
        assertTrue(List.of(start, worker, complete).containsAll(ids(api.get("/workflows/" + wf
                + "/actions").json())));
    }

    @Test
    void a_one_shot_action_is_claimed_once_then_409() {
        long wf = api.createWorkflow("act-claim");
        long node = Rows.computeNode(db, wf);
        long id = create(wf, runCommands("on_workflow_start", "x")).get("id").asLong();
        makePending(id);

        JsonNode won = claim(wf, id, node).expect(200).json();
        assertTrue(won.get("claimed").asBoolean());
        assertEquals(id, won.get("action_id").asLong());

        var lost = claim(wf, id, node).expect(409);
        assertEquals("Action " + id + " already claimed", lost.errorMessage());
        assertFalse(lost.json().get("error").get("claimed").asBoolean(), lost.text());

        JsonNode stored = api.get("/workflows/" + wf + "/actions").json().get(0);
        assertTrue(stored.get("executed").asBoolean());
        assertEquals(node, stored.get("executed_by").asLong());
        assertTrue(stored.get("executed_at").asText().endsWith("Z"), stored.toString());
    }

    @Test
    void a_persistent_action_can_be_claimed_by_every_worker() {
        long wf = api.createWorkflow("act-persistent");
        long id = create(wf, runCommands("on_worker_start", "x").put("persistent", true))
                .get("id").asLong();
        makePending(id);
        for (int i = 0; i < 3; i++) {
            claim(wf, id, Rows.computeNode(db, wf)).expect(200);
        }
        JsonNode stored = api.get("/workflows/" + wf + "/actions").json().get(0);
        assertFalse(stored.get("executed").asBoolean());
        assertFalse(stored.has("executed_by"));
        assertTrue(stored.has("executed_at"));
        assertEquals(List.of(id), ids(api.get("/workflows/" + wf + "/actions/pending").json()));
    }

    @Test
    void claim_checks_workflow_action_body_and_compute_node() {
        long wf = api.createWorkflow("act-claim-errors");
        long other = api.createWorkflow("act-claim-errors-other");
        long id = create(wf, runCommands("on_workflow_start", "x")).get("id").asLong();
        assertEquals("Action not found with ID: 987654",
                claim(wf, 987654, null).expect(404).errorMessage());
        assertTrue(claim(other, id, null).expect(404).errorMessage()
                .contains("does not belong to workflow " + other));
        claim(987654, id, null).expect(404);
        assertEquals("Compute node not found with ID: 987654",
                claim(wf, id, 987654L).expect(404).errorMessage());
        String path = "/workflows/" + wf + "/actions/" + id + "/claim";
        api.send("POST", path, null).expect(400);
        api.post(path, "{\"compute_node_id\":").expect(400);
        api.post(path, "{\"compute_node_id\":\"abc\"}").expect(422);
        assertFalse(api.get("/workflows/" + wf + "/actions").json().get(0).get("executed")
                .asBoolean(), "failed claims change nothing");
    }

    @Test
    void exactly_one_of_many_concurrent_claimers_wins() throws Exception {
        int claimers = 16;
        long wf = api.createWorkflow("act-race");
        List<Long> nodes = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            nodes.add(Rows.computeNode(db, wf));
        }
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            for (int round = 0; round < 10; round++) {
                long id = create(wf, runCommands("on_workflow_start", "x")).get("id").asLong();
                makePending(id);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (long node : nodes) {
                    Callable<Integer> claimer = () -> {
                        go.await();
                        return claim(wf, id, node).status();
                    };
                    results.add(pool.submit(claimer));
                }
                go.countDown();
                int won = 0;
                int lost = 0;
                for (Future<Integer> f : results) {
                    int status = f.get();
                    if (status == 200) {
                        won++;
                    } else if (status == 409) {
                        lost++;
                    }
                }
                assertEquals(1, won, "round " + round);
                assertEquals(claimers - 1, lost, "round " + round);
                long winner = Rows.count(db,
                        "SELECT executed_by FROM workflow_action WHERE id = ?", id);
                assertTrue(nodes.contains(winner), "executed_by names one of the claimers");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleting_the_workflow_deletes_its_actions() {
        long wf = api.createWorkflow("act-cascade");
        create(wf, runCommands("on_workflow_start", "x"));
        api.delete("/workflows/" + wf).expect(200);
        assertEquals(0, Rows.count(db, "SELECT COUNT(*) FROM workflow_action WHERE workflow_id = ?",
                wf));
    }
}
