package org.torc.server.schedulers;

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
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class SlurmSchedulerApiTest {
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

    private static ObjectNode body(long workflowId, String name) {
        return ApiClient.obj().put("workflow_id", workflowId).put("name", name)
                .put("account", "proj").put("nodes", 1).put("walltime", "04:00:00");
    }

    private static long create(ObjectNode body) {
        return api.post("/slurm_schedulers", body).expect(200).id();
    }

    private static List<String> names(String query) {
        List<String> out = new ArrayList<>();
        api.get("/slurm_schedulers?" + query).expect(200).json().get("items")
                .forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    @Test
    void create_stores_every_field_and_defaults_qos_to_normal() {
        long wf = api.createWorkflow("slurm-create");
        ObjectNode body = body(wf, "short").put("gres", "gpu:2").put("mem", "180G")
                .put("ntasks_per_node", 36).put("partition", "debug").put("tmp", "100G")
                .put("extra", "--exclusive");
        JsonNode created = api.post("/slurm_schedulers", body).expect(200).json();
        JsonNode got = api.get("/slurm_schedulers/" + created.get("id").asLong()).expect(200)
                .json();
        assertEquals(created, got);
        assertEquals("normal", got.get("qos").asText());
        for (String field : List.of("workflow_id", "name", "account", "gres", "mem", "nodes",
                "ntasks_per_node", "partition", "tmp", "walltime", "extra")) {
            assertEquals(body.get(field).asText(), got.get(field).asText(), field);
        }
    }

    @Test
    void an_explicit_qos_is_kept() {
        long wf = api.createWorkflow("slurm-qos");
        long id = create(body(wf, "hi").put("qos", "high"));
        assertEquals("high", api.get("/slurm_schedulers/" + id).json().get("qos").asText());
    }

    @Test
    void update_changes_only_the_fields_sent() {
        long wf = api.createWorkflow("slurm-update");
        long id = create(body(wf, "before").put("partition", "debug"));
        JsonNode updated = api.put("/slurm_schedulers/" + id, ApiClient.obj()
                .put("walltime", "01:00:00").put("nodes", 4)).expect(200).json();
        assertEquals("01:00:00", updated.get("walltime").asText());
        assertEquals(4, updated.get("nodes").asLong());
        assertEquals("before", updated.get("name").asText());
        assertEquals("debug", updated.get("partition").asText());
        api.put("/slurm_schedulers/" + id, ApiClient.obj().put("nodes", 0)).expect(422);
        api.put("/slurm_schedulers/987654", ApiClient.obj().put("nodes", 2)).expect(404);
    }

    @Test
    void list_filters_on_each_documented_field() {
        long wf = api.createWorkflow("slurm-filters");
        create(body(wf, "a").put("account", "x").put("gres", "gpu:1").put("mem", "10G")
                .put("partition", "debug").put("qos", "high").put("tmp", "1G"));
        create(body(wf, "b").put("nodes", 2).put("walltime", "00:30:00"));
        String q = "workflow_id=" + wf;
        assertEquals(List.of("a", "b"), names(q));
        assertEquals(List.of("a"), names(q + "&name=a"));
        assertEquals(List.of("a"), names(q + "&account=x"));
        assertEquals(List.of("a"), names(q + "&gres=gpu:1"));
        assertEquals(List.of("a"), names(q + "&mem=10G"));
        assertEquals(List.of("b"), names(q + "&nodes=2"));
        assertEquals(List.of("a"), names(q + "&partition=debug"));
        assertEquals(List.of("b"), names(q + "&qos=normal"));
        assertEquals(List.of("a"), names(q + "&tmp=1G"));
        assertEquals(List.of("b"), names(q + "&walltime=00:30:00"));
        assertEquals(List.of("b", "a"), names(q + "&sort_by=name&reverse_sort=true"));
        assertEquals(List.of("b"), names(q + "&offset=1"));
    }

    @Test
    void missing_required_fields_are_422_naming_the_field() {
        long wf = api.createWorkflow("slurm-invalid");
        for (String field : List.of("name", "account", "nodes", "walltime", "workflow_id")) {
            ObjectNode b = body(wf, "x");
            b.remove(field);
            var r = api.post("/slurm_schedulers", b).expect(422);
            assertTrue(r.errorMessage().contains(field), field + ": " + r.text());
        }
        assertTrue(names("workflow_id=" + wf).isEmpty());
    }

    @Test
    void unknown_workflow_is_404() {
        var r = api.post("/slurm_schedulers", body(987654, "x")).expect(404);
        assertEquals("Workflow not found with ID: 987654", r.errorMessage());
    }

    @Test
    void delete_single_and_bulk_then_cascade_from_the_workflow() {
        long wf = api.createWorkflow("slurm-delete");
        long a = create(body(wf, "a"));
        long b = create(body(wf, "b"));
        long c = create(body(wf, "c"));
        assertEquals("a", api.delete("/slurm_schedulers/" + a).expect(200).json().get("name")
                .asText());
        api.get("/slurm_schedulers/" + a).expect(404);
        assertEquals(2, api.delete("/slurm_schedulers?workflow_id=" + wf).expect(200).json()
                .get("count").asInt());
        api.get("/slurm_schedulers/" + b).expect(404);
        api.get("/slurm_schedulers/" + c).expect(404);

        long wf2 = api.createWorkflow("slurm-cascade");
        long d = create(body(wf2, "d"));
        api.delete("/workflows/" + wf2).expect(200);
        var r = api.get("/slurm_schedulers/" + d).expect(404);
        assertEquals("Slurm scheduler not found with ID: " + d, r.errorMessage());
        assertFalse(r.text().isEmpty());
    }
}
