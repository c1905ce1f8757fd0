package org.torc.server.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.common.JobStatus;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.CheckedApi;
import org.torc.server.testing.DbRows;
import org.torc.server.testing.TestServer;

class ResultApiTest {
    static TestServer server;
    static CheckedApi api;
    static DbRows rows;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new CheckedApi(server.api());
        rows = new DbRows(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A workflow with one job and one compute node. */
    record Setup(long workflowId, long jobId, long nodeId) {
    }

    static Setup setup(String name) {
        long wf = api.createWorkflow(name);
        long job = rows.job(wf, "job", JobStatus.RUNNING);
        return new Setup(wf, job, computeNode(wf));
    }

    static long computeNode(long workflowId) {
        return api.post("/compute_nodes", ApiClient.obj().put("workflow_id", workflowId)
                .put("hostname", "node1").put("pid", 100).put("start_time", "2025-01-01T00:00:00Z")
                .put("num_cpus", 4).put("memory_gb", 8.0).put("num_gpus", 0).put("num_nodes", 1)
                .put("compute_node_type", "local")).expect(200).id();
    }

    static ObjectNode result(Setup s, long jobId, long runId, int returnCode, String status) {
        return ApiClient.obj().put("workflow_id", s.workflowId()).put("job_id", jobId)
                .put("run_id", runId).put("compute_node_id", s.nodeId())
                .put("return_code", returnCode).put("exec_time_minutes", 1.5)
                .put("completion_time", "2025-01-01T00:01:30Z").put("status", status);
    }

    static long create(ObjectNode body) {
        return api.post("/results", body).expect(200).id();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_stores_the_result_with_status_as_a_string_and_attempt_1() {
        Setup s = setup("results-create");
        JsonNode created = api.post("/results", result(s, s.jobId(), 1, 0, "completed")
                .put("peak_memory_bytes", 1024).put("avg_cpu_percent", 87.5)).expect(200).json();
        assertEquals("completed", created.get("status").asText());
        assertEquals(1, created.get("attempt_id").asLong());
        assertEquals(1024, created.get("peak_memory_bytes").asLong());
        assertEquals(87.5, created.get("avg_cpu_percent").asDouble());
        assertFalse(created.has("avg_memory_bytes"));
        long id = created.get("id").asLong();
        assertEquals(created, api.get("/results/" + id).expect(200).json());
        assertEquals((long) JobStatus.COMPLETED.code(), (long) server.server().database().read(sql ->
                sql.queryLong("SELECT status FROM result WHERE id = ?", id)), "stored as its code");
    }

    @Test
    void pending_failed_is_a_valid_status() {
        Setup s = setup("results-pending-failed");
        JsonNode r = api.post("/results", result(s, s.jobId(), 1, 3, "pending_failed")).expect(200)
                .json();
        assertEquals("pending_failed", r.get("status").asText());
    }

    @Test
    void invalid_results_are_rejected_and_store_nothing() {
        Setup s = setup("results-invalid");
        ObjectNode noStatus = result(s, s.jobId(), 1, 0, "completed");
        noStatus.remove("status");
        assertTrue(api.post("/results", noStatus).expect(422).errorMessage().contains("status"));
        ObjectNode noNode = result(s, s.jobId(), 1, 0, "completed");
        noNode.remove("compute_node_id");
        assertTrue(api.post("/results", noNode).expect(422).errorMessage()
                .contains("compute_node_id"));
        api.post("/results", result(s, s.jobId(), 1, 0, "done")).expect(400);
        api.post("/results", result(s, 8080808, 1, 0, "completed")).expect(404);
        api.post("/results", result(s, s.jobId(), 1, 0, "completed").put("compute_node_id", 7070))
                .expect(404);
        api.post("/results", result(s, s.jobId(), 1, 0, "completed").put("workflow_id", 6060))
                .expect(404);
        api.post("/results", result(s, s.jobId(), -1, 0, "completed")).expect(422);
        api.post("/results", "{\"job_id\": 1,").expect(400);
        assertEquals(0, rows.count("result", "workflow_id = ?", s.workflowId()));
    }

    @Test
    void a_job_of_another_workflow_is_422() {
        Setup s = setup("results-foreign-a");
        Setup other = setup("results-foreign-b");
        api.post("/results", result(s, other.jobId(), 1, 0, "completed")).expect(422);
    }

    @Test
    void a_second_result_for_the_same_attempt_is_409() {
        Setup s = setup("results-duplicate");
        create(result(s, s.jobId(), 1, 0, "completed"));
        var r = api.post("/results", result(s, s.jobId(), 1, 1, "failed")).expect(409);
        assertTrue(r.errorMessage().contains("already exists"), r.text());
        create(result(s, s.jobId(), 1, 1, "failed").put("attempt_id", 2));
    }

    @Test
    void listing_shows_each_jobs_latest_result_unless_all_runs() {
        Setup s = setup("results-latest");
        long job2 = rows.job(s.workflowId(), "job2", JobStatus.RUNNING);
        long firstRun = create(result(s, s.jobId(), 1, 1, "failed"));
        long secondRun = create(result(s, s.jobId(), 2, 0, "completed"));
        long other = create(result(s, job2, 2, 0, "completed"));

        String base = "/results?workflow_id=" + s.workflowId();
        assertEquals(List.of(secondRun, other), ids(api.get(base).expect(200).json()));
        assertEquals(List.of(secondRun, other), ids(api.get(base + "&all_runs=false").json()));
        JsonNode all = api.get(base + "&all_runs=true").expect(200).json();
        assertEquals(List.of(firstRun, secondRun, other), ids(all));
        assertEquals(3, all.get("total_count").asLong());
    }

    @Test
    void list_filters_sorts_and_pages() {
        Setup s = setup("results-filters");
        long job2 = rows.job(s.workflowId(), "job2", JobStatus.RUNNING);
        long node2 = computeNode(s.workflowId());
        long a = create(result(s, s.jobId(), 1, 0, "completed"));
        long b = create(result(s, s.jobId(), 2, 3, "failed"));
        long c = create(result(s, job2, 2, 0, "completed").put("compute_node_id", node2)
                .put("exec_time_minutes", 0.1));
        String base = "/results?workflow_id=" + s.workflowId() + "&all_runs=true";
        assertEquals(List.of(a, b), ids(api.get(base + "&job_id=" + s.jobId()).json()));
        assertEquals(List.of(b, c), ids(api.get(base + "&run_id=2").json()));
        assertEquals(List.of(b), ids(api.get(base + "&return_code=3").json()));
        assertEquals(List.of(b), ids(api.get(base + "&status=failed").json()));
        assertEquals(List.of(c), ids(api.get(base + "&compute_node_id=" + node2).json()));
        assertEquals(List.of(c, a, b), ids(api.get(base + "&sort_by=exec_time_minutes").json()));
        JsonNode page = api.get(base + "&reverse_sort=true&limit=1&offset=1").expect(200).json();
        assertEquals(List.of(b), ids(page));
        assertTrue(page.get("has_more").asBoolean());
        api.get(base + "&status=done").expect(400);
        api.get("/results?workflow_id=" + s.workflowId() + "&all_runs=1").expect(400);
        api.get(base + "&limit=10001").expect(400);
        api.get(base + "&sort_by=status%3B").expect(400);
        api.get("/results").expect(400);
        api.get("/results?workflow_id=123321").expect(404);
    }

    @Test
    void update_changes_given_fields() {
        Setup s = setup("results-update");
        long id = create(result(s, s.jobId(), 1, 0, "completed"));
        JsonNode updated = api.put("/results/" + id, ApiClient.obj().put("return_code", 2)
                .put("status", "failed").put("peak_cpu_percent", 150.0)).expect(200).json();
        assertEquals(2, updated.get("return_code").asLong());
        assertEquals("failed", updated.get("status").asText());
        assertEquals(150.0, updated.get("peak_cpu_percent").asDouble());
        assertEquals(1.5, updated.get("exec_time_minutes").asDouble(), "absent fields are kept");
        assertEquals(updated, api.get("/results/" + id).json());
    }

    @Test
    void update_cannot_move_a_result_or_break_its_attempt() {
        Setup s = setup("results-update-invalid");
        long job2 = rows.job(s.workflowId(), "job2", JobStatus.RUNNING);
        long id = create(result(s, s.jobId(), 1, 0, "completed"));
        create(result(s, s.jobId(), 2, 0, "completed"));
        JsonNode before = api.get("/results/" + id).json();
        api.put("/results/" + id, ApiClient.obj().put("job_id", job2)).expect(422);
        api.put("/results/" + id, ApiClient.obj().put("workflow_id", 4444)).expect(422);
        api.put("/results/" + id, ApiClient.obj().put("run_id", 2)).expect(409);
        api.put("/results/" + id, ApiClient.obj().put("compute_node_id", 5151)).expect(404);
        api.put("/results/" + id, ApiClient.obj().put("status", "finished")).expect(400);
        assertEquals(before, api.get("/results/" + id).json());
    }

    @Test
    void unknown_result_is_404_with_torc_message() {
        assertEquals("Result not found with ID: 919191",
                api.get("/results/919191").expect(404).errorMessage());
        api.put("/results/919191", ApiClient.obj().put("return_code", 1)).expect(404);
        api.delete("/results/919191").expect(404);
    }

    @Test
    void deleting_the_latest_result_removes_it_from_the_default_list() {
        Setup s = setup("results-delete");
        long id = create(result(s, s.jobId(), 1, 0, "completed"));
        assertEquals(id, api.delete("/results/" + id).expect(200).json().get("id").asLong());
        api.get("/results/" + id).expect(404);
        assertEquals(0, rows.count("workflow_result", "result_id = ?", id));
        assertEquals(List.of(), ids(api.get("/results?workflow_id=" + s.workflowId()).json()));
    }

    @Test
    void deleting_all_results_reports_the_count() {
        Setup s = setup("results-delete-all");
        Setup other = setup("results-delete-all-other");
        create(result(s, s.jobId(), 1, 0, "completed"));
        create(result(s, s.jobId(), 2, 0, "completed"));
        long kept = create(result(other, other.jobId(), 1, 0, "completed"));
        assertEquals(2, api.delete("/results?workflow_id=" + s.workflowId()).expect(200).json()
                .get("count").asLong());
        assertEquals(0, rows.count("workflow_result", "workflow_id = ?", s.workflowId()));
        api.get("/results/" + kept).expect(200);
        api.delete("/results").expect(400);
    }

    @Test
    void deleting_a_compute_node_keeps_its_results() {
        Setup s = setup("results-node-deleted");
        long id = create(result(s, s.jobId(), 1, 0, "completed"));
        api.delete("/compute_nodes/" + s.nodeId()).expect(200);
        JsonNode kept = api.get("/results/" + id).expect(200).json();
        assertFalse(kept.has("compute_node_id"), kept.toString());
    }

    @Test
    void deleting_a_workflow_removes_its_results() {
        Setup s = setup("results-cascade");
        long id = create(result(s, s.jobId(), 1, 0, "completed"));
        api.delete("/workflows/" + s.workflowId()).expect(200);
        api.get("/results/" + id).expect(404);
    }
}
