package org.torc.server.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class ScheduledComputeNodeApiTest {
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ObjectNode body(long workflowId, long schedulerId, long configId, String status) {
        return ApiClient.obj().put("workflow_id", workflowId).put("scheduler_id", schedulerId)
                .put("scheduler_config_id", configId).put("scheduler_type", "slurm")
                .put("status", status);
    }

    private static List<Long> ids(String query) {
        List<Long> out = new ArrayList<>();
        api.get("/scheduled_compute_nodes?" + query).expect(200).json().get("items")
                .forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_get_and_update_status() {
        long wf = api.createWorkflow("scn-crud");
        JsonNode created = api.post("/scheduled_compute_nodes", body(wf, 12345, 1, "pending"))
                .expect(200).json();
        long id = created.get("id").asLong();
        assertEquals(created, api.get("/scheduled_compute_nodes/" + id).expect(200).json());
        assertEquals(12345, created.get("scheduler_id").asLong());
        JsonNode updated = api.put("/scheduled_compute_nodes/" + id,
                ApiClient.obj().put("status", "active")).expect(200).json();
        assertEquals("active", updated.get("status").asText());
        assertEquals("slurm", updated.get("scheduler_type").asText());
        assertEquals(12345, updated.get("scheduler_id").asLong());
    }

    @Test
    void list_filters_by_scheduler_config_and_status() {
        long wf = api.createWorkflow("scn-list");
        long a = api.post("/scheduled_compute_nodes", body(wf, 1, 10, "pending")).expect(200).id();
        long b = api.post("/scheduled_compute_nodes", body(wf, 2, 10, "active")).expect(200).id();
        long c = api.post("/scheduled_compute_nodes", body(wf, 3, 20, "active")).expect(200).id();
        String q = "workflow_id=" + wf;
        assertEquals(List.of(a, b, c), ids(q));
        assertEquals(List.of(b), ids(q + "&scheduler_id=2"));
        assertEquals(List.of(a, b), ids(q + "&scheduler_config_id=10"));
        assertEquals(List.of(b, c), ids(q + "&status=active"));
        assertEquals(List.of(c, b, a), ids(q + "&sort_by=scheduler_id&reverse_sort=true"));
        assertEquals(List.of(b), ids(q + "&offset=1&limit=1"));
        api.get("/scheduled_compute_nodes").expect(400);
        api.get("/scheduled_compute_nodes?workflow_id=987654").expect(404);
    }

    @Test
    void required_fields_are_checked() {
        long wf = api.createWorkflow("scn-invalid");
        for (String field : List.of("scheduler_id", "scheduler_config_id", "scheduler_type",
                "status", "workflow_id")) {
            ObjectNode b = body(wf, 1, 1, "pending");
            b.remove(field);
            var r = api.post("/scheduled_compute_nodes", b).expect(422);
            assertTrue(r.errorMessage().contains(field), field + ": " + r.text());
        }
        assertTrue(ids("workflow_id=" + wf).isEmpty());
        api.post("/scheduled_compute_nodes", body(987654, 1, 1, "pending")).expect(404);
    }

    @Test
    void delete_single_bulk_and_cascade() {
        long wf = api.createWorkflow("scn-delete");
        long a = api.post("/scheduled_compute_nodes", body(wf, 1, 1, "pending")).expect(200).id();
        long b = api.post("/scheduled_compute_nodes", body(wf, 2, 1, "pending")).expect(200).id();
        assertEquals(a, api.delete("/scheduled_compute_nodes/" + a).expect(200).id());
        var r = api.get("/scheduled_compute_nodes/" + a).expect(404);
        assertEquals("Scheduled compute node not found with ID: " + a, r.errorMessage());
        assertEquals(1, api.delete("/scheduled_compute_nodes?workflow_id=" + wf).expect(200)
                .json().get("count").asInt());
        api.get("/scheduled_compute_nodes/" + b).expect(404);

        long wf2 = api.createWorkflow("scn-cascade");
        long c = api.post("/scheduled_compute_nodes", body(wf2, 1, 1, "pending")).expect(200)
                .id();
        api.delete("/workflows/" + wf2).expect(200);
        api.get("/scheduled_compute_nodes/" + c).expect(404);
    }
}
