package org.torc.server.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class LocalSchedulerApiTest {
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

    private static JsonNode create(long workflowId, String memory, long cpus) {
        return api.post("/local_schedulers", ApiClient.obj().put("workflow_id", workflowId)
                .put("memory", memory).put("num_cpus", cpus)).expect(200).json();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_then_get_returns_the_stored_scheduler() {
        long wf = api.createWorkflow("local-create");
        JsonNode created = create(wf, "8g", 4);
        JsonNode got = api.get("/local_schedulers/" + created.get("id").asLong()).expect(200).json();
        assertEquals(created, got);
        assertEquals(wf, got.get("workflow_id").asLong());
        assertEquals("8g", got.get("memory").asText());
        assertEquals(4, got.get("num_cpus").asLong());
        assertFalse(got.has("name"), "name is not stored, so it is not returned");
    }

    @Test
    void update_changes_only_the_fields_sent() {
        long wf = api.createWorkflow("local-update");
        long id = create(wf, "1g", 1).get("id").asLong();
        JsonNode updated = api.put("/local_schedulers/" + id, ApiClient.obj().put("num_cpus", 16))
                .expect(200).json();
        assertEquals(16, updated.get("num_cpus").asLong());
        assertEquals("1g", updated.get("memory").asText());
    }

    @Test
    void update_cannot_move_a_scheduler_to_another_workflow() {
        long wf = api.createWorkflow("local-move");
        long other = api.createWorkflow("local-move-other");
        long id = create(wf, "1g", 1).get("id").asLong();
        var r = api.put("/local_schedulers/" + id, ApiClient.obj().put("workflow_id", other))
                .expect(422);
        assertTrue(r.errorMessage().contains("workflow_id"), r.text());
        assertEquals(wf, api.get("/local_schedulers/" + id).json().get("workflow_id").asLong());
    }

    @Test
    void list_pages_sorts_and_filters_within_the_workflow() {
        long wf = api.createWorkflow("local-list");
        long other = api.createWorkflow("local-list-other");
        long a = create(wf, "2g", 8).get("id").asLong();
        long b = create(wf, "1g", 2).get("id").asLong();
        long c = create(wf, "4g", 2).get("id").asLong();
        create(other, "1g", 2);

        JsonNode all = api.get("/local_schedulers?workflow_id=" + wf).expect(200).json();
        assertEquals(List.of(a, b, c), ids(all));
        assertEquals(3, all.get("total_count").asLong());
        assertEquals(3, all.get("count").asLong());
        assertEquals(10000, all.get("max_limit").asLong());
        assertFalse(all.get("has_more").asBoolean());

        JsonNode page = api.get("/local_schedulers?workflow_id=" + wf + "&offset=1&limit=1")
                .expect(200).json();
        assertEquals(List.of(b), ids(page));
        assertTrue(page.get("has_more").asBoolean());
        assertEquals(1, page.get("offset").asLong());

        JsonNode sorted = api.get("/local_schedulers?workflow_id=" + wf
                + "&sort_by=num_cpus&reverse_sort=true").expect(200).json();
        assertEquals(a, ids(sorted).get(0));

        assertEquals(List.of(b, c), ids(api.get("/local_schedulers?workflow_id=" + wf
                + "&num_cpus=2").expect(200).json()));
        assertEquals(List.of(b), ids(api.get("/local_schedulers?workflow_id=" + wf
                + "&num_cpus=2&memory=1g").expect(200).json()));
    }

    @Test
    void list_requires_workflow_id_and_an_existing_workflow() {
        api.get("/local_schedulers").expect(400);
        var r = api.get("/local_schedulers?workflow_id=987654").expect(404);
        assertEquals("Workflow not found with ID: 987654", r.errorMessage());
    }

    @Test
    void list_refuses_unknown_sort_columns_and_huge_limits() {
        long wf = api.createWorkflow("local-sort");
        api.get("/local_schedulers?workflow_id=" + wf + "&sort_by=memory;drop").expect(400);
        api.get("/local_schedulers?workflow_id=" + wf + "&limit=10001").expect(400);
    }

    @Test
    void delete_returns_the_record_and_then_it_is_gone() {
        long wf = api.createWorkflow("local-delete");
        JsonNode created = create(wf, "1g", 1);
        long id = created.get("id").asLong();
        assertEquals(created, api.delete("/local_schedulers/" + id).expect(200).json());
        var r = api.get("/local_schedulers/" + id).expect(404);
        assertEquals("Local scheduler not found with ID: " + id, r.errorMessage());
        api.delete("/local_schedulers/" + id).expect(404);
    }

    @Test
    void bulk_delete_removes_only_that_workflows_schedulers_and_counts_them() {
        long wf = api.createWorkflow("local-bulk");
        long other = api.createWorkflow("local-bulk-other");
        create(wf, "1g", 1);
        create(wf, "2g", 1);
        long kept = create(other, "1g", 1).get("id").asLong();
        assertEquals(2, api.delete("/local_schedulers?workflow_id=" + wf).expect(200).json()
                .get("count").asInt());
        assertEquals(0, api.get("/local_schedulers?workflow_id=" + wf).json()
                .get("total_count").asInt());
        api.get("/local_schedulers/" + kept).expect(200);
        api.delete("/local_schedulers").expect(400);
    }

    @Test
    void deleting_the_workflow_deletes_its_schedulers() {
        long wf = api.createWorkflow("local-cascade");
        long id = create(wf, "1g", 1).get("id").asLong();
        api.delete("/workflows/" + wf).expect(200);
        api.get("/local_schedulers/" + id).expect(404);
    }

    @Test
    void invalid_content_is_422_naming_the_field_and_stores_nothing() {
        long wf = api.createWorkflow("local-invalid");
        var noMemory = api.post("/local_schedulers", ApiClient.obj().put("workflow_id", wf)
                .put("num_cpus", 1)).expect(422);
        assertTrue(noMemory.errorMessage().contains("memory"), noMemory.text());
        var zeroCpus = api.post("/local_schedulers", ApiClient.obj().put("workflow_id", wf)
                .put("memory", "1g").put("num_cpus", 0)).expect(422);
        assertTrue(zeroCpus.errorMessage().contains("num_cpus"), zeroCpus.text());
        var noWorkflow = api.post("/local_schedulers", ApiClient.obj().put("memory", "1g")
                .put("num_cpus", 1)).expect(422);
        assertTrue(noWorkflow.errorMessage().contains("workflow_id"), noWorkflow.text());
        assertEquals(0, api.get("/local_schedulers?workflow_id=" + wf).json()
                .get("total_count").asInt());
    }

    @Test
    void unknown_workflow_is_404_and_malformed_json_is_400() {
        api.post("/local_schedulers", ApiClient.obj().put("workflow_id", 987654)
                .put("memory", "1g").put("num_cpus", 1)).expect(404);
        api.post("/local_schedulers", "{\"workflow_id\": ").expect(400);
        api.post("/local_schedulers", "{\"workflow_id\": 1, \"num_cpus\": \"four\"}").expect(400);
    }
}
