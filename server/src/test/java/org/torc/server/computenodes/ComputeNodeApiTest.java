package org.torc.server.computenodes;

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
import org.torc.common.Json;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.CheckedApi;
import org.torc.server.testing.DbRows;
import org.torc.server.testing.TestServer;

class ComputeNodeApiTest {
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

    static ObjectNode node(long workflowId, String hostname) {
        return ApiClient.obj().put("workflow_id", workflowId).put("hostname", hostname)
                .put("pid", 4242).put("start_time", "2025-06-01T12:00:00.000Z").put("num_cpus", 8)
                .put("memory_gb", 31.5).put("num_gpus", 1).put("num_nodes", 1)
                .put("compute_node_type", "local");
    }

    static long create(ObjectNode body) {
        return api.post("/compute_nodes", body).expect(200).id();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_stores_the_node_active_by_default_with_its_scheduler_json() {
        long wf = api.createWorkflow("cn-create");
        JsonNode scheduler = Json.parse("{\"scheduler_id\": 12, \"slurm_job_id\": \"998\"}");
        JsonNode created = api.post("/compute_nodes", node(wf, "host-a").set("scheduler", scheduler))
                .expect(200).json();
        assertTrue(created.get("is_active").asBoolean());
        assertEquals(scheduler, created.get("scheduler"));
        assertEquals(31.5, created.get("memory_gb").asDouble());
        assertFalse(created.has("duration_seconds"));
        assertEquals(created, api.get("/compute_nodes/" + created.get("id").asLong()).expect(200)
                .json());
    }

    @Test
    void missing_or_invalid_fields_are_422_and_store_nothing() {
        long wf = api.createWorkflow("cn-invalid");
        for (String field : List.of("hostname", "pid", "start_time", "num_cpus", "memory_gb",
                "num_gpus", "num_nodes", "compute_node_type", "workflow_id")) {
            ObjectNode body = node(wf, "h");
            body.remove(field);
            var r = api.post("/compute_nodes", body).expect(422);
            assertTrue(r.errorMessage().contains(field), field + ": " + r.text());
        }
        api.post("/compute_nodes", node(wf, "h").put("num_cpus", -1)).expect(422);
        api.post("/compute_nodes", node(wf, "h").put("memory_gb", -0.5)).expect(422);
        api.post("/compute_nodes", node(wf, "h").put("scheduler", "slurm")).expect(422);
        api.post("/compute_nodes", node(wf, "h").put("pid", "abc")).expect(400);
        api.post("/compute_nodes", "{\"hostname\": ").expect(400);
        assertEquals("Workflow not found with ID: 353535",
                api.post("/compute_nodes", node(353535, "h")).expect(404).errorMessage());
        assertEquals(0, rows.count("compute_node", "workflow_id = ?", wf));
    }

    @Test
    void unknown_compute_node_is_404_with_torc_message() {
        assertEquals("Compute node not found with ID: 646464",
                api.get("/compute_nodes/646464").expect(404).errorMessage());
        api.put("/compute_nodes/646464", ApiClient.obj().put("is_active", false)).expect(404);
        api.delete("/compute_nodes/646464").expect(404);
    }

    @Test
    void update_changes_given_fields_and_keeps_the_rest() {
        long wf = api.createWorkflow("cn-update");
        long id = create(node(wf, "h").set("scheduler", Json.parse("{\"scheduler_id\": 3}")));
        JsonNode updated = api.put("/compute_nodes/" + id, ApiClient.obj().put("is_active", false)
                .put("duration_seconds", 93.25)).expect(200).json();
        assertFalse(updated.get("is_active").asBoolean());
        assertEquals(93.25, updated.get("duration_seconds").asDouble());
        assertEquals("h", updated.get("hostname").asText());
        assertEquals(Json.parse("{\"scheduler_id\": 3}"), updated.get("scheduler"));
        assertEquals(updated, api.get("/compute_nodes/" + id).json());

        long other = api.createWorkflow("cn-update-other");
        api.put("/compute_nodes/" + id, node(other, "h")).expect(422);
        api.put("/compute_nodes/" + id, ApiClient.obj().put("num_gpus", -1)).expect(422);
        api.put("/compute_nodes/" + id, ApiClient.obj().put("hostname", "")).expect(422);
        assertEquals(updated, api.get("/compute_nodes/" + id).json(), "rejected updates change nothing");
    }

    @Test
    void list_filters_by_hostname_activity_and_scheduler() {
        long wf = api.createWorkflow("cn-list");
        long a = create(node(wf, "alpha").set("scheduler", Json.parse("{\"scheduler_id\": 7}")));
        long b = create(node(wf, "beta").put("is_active", false));
        long c = create(node(wf, "alpha").set("scheduler", Json.parse("{\"scheduler_id\": 8}")));
        String base = "/compute_nodes?workflow_id=" + wf;
        assertEquals(List.of(a, b, c), ids(api.get(base).expect(200).json()));
        assertEquals(List.of(a, c), ids(api.get(base + "&hostname=alpha").json()));
        JsonNode active = api.get(base + "&is_active=true").json();
        assertEquals(List.of(a, c), ids(active));
        assertEquals(2, active.get("total_count").asLong());
        assertEquals(List.of(b), ids(api.get(base + "&is_active=false").json()));
        assertEquals(List.of(c), ids(api.get(base + "&scheduled_compute_node_id=8").json()));
        assertEquals(List.of(c, a), ids(api.get(base + "&hostname=alpha&reverse_sort=true").json()));
        JsonNode page = api.get(base + "&sort_by=hostname&limit=1&offset=2").expect(200).json();
        assertEquals(List.of(b), ids(page));
        assertFalse(page.get("has_more").asBoolean());
        api.get(base + "&limit=10001").expect(400);
        api.get(base + "&sort_by=scheduler").expect(400);
        api.get(base + "&is_active=maybe").expect(400);
        api.get("/compute_nodes").expect(400);
        api.get("/compute_nodes?workflow_id=252525").expect(404);
    }

    @Test
    void delete_returns_the_node() {
        long wf = api.createWorkflow("cn-delete");
        long id = create(node(wf, "gone"));
        assertEquals("gone", api.delete("/compute_nodes/" + id).expect(200).json().get("hostname")
                .asText());
        api.get("/compute_nodes/" + id).expect(404);
    }

    @Test
    void deleting_all_nodes_reports_the_count() {
        long wf = api.createWorkflow("cn-delete-all");
        long other = api.createWorkflow("cn-delete-all-other");
        create(node(wf, "a"));
        create(node(wf, "b"));
        long kept = create(node(other, "c"));
        assertEquals(2, api.delete("/compute_nodes?workflow_id=" + wf).expect(200).json()
                .get("count").asLong());
        api.get("/compute_nodes/" + kept).expect(200);
        api.delete("/compute_nodes").expect(400);
        api.delete("/compute_nodes?workflow_id=141414").expect(404);
    }

    @Test
    void deleting_a_workflow_removes_its_compute_nodes() {
        long wf = api.createWorkflow("cn-cascade");
        long id = create(node(wf, "h"));
        api.delete("/workflows/" + wf).expect(200);
        api.get("/compute_nodes/" + id).expect(404);
    }
}
