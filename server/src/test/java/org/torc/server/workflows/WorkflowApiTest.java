package org.torc.server.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class WorkflowApiTest {
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

    @Test
    void create_sets_torc_defaults_and_a_default_resource_requirement() {
        var wf = api.post("/workflows", ApiClient.obj().put("name", "defaults").put("user", "ann"))
                .expect(200).json();
        long id = wf.get("id").asLong();
        assertEquals(id, wf.get("status_id").asLong(), "workflow id equals its status id");
        assertEquals(90, wf.get("compute_node_wait_for_new_jobs_seconds").asLong());
        assertEquals(60, wf.get("compute_node_expiration_buffer_seconds").asLong());
        assertEquals("gpus_runtime_memory", wf.get("jobs_sort_method").asText());
        assertTrue(wf.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        var status = api.get("/workflows/" + id + "/status").expect(200).json();
        assertEquals(0, status.get("run_id").asLong());
        assertFalse(status.get("is_canceled").asBoolean());
    }

    @Test
    void unknown_workflow_is_404_with_json_message() {
        var r = api.get("/workflows/999999").expect(404);
        assertEquals("Workflow not found with ID: 999999", r.errorMessage());
    }

    @Test
    void malformed_json_is_400_with_json_message() {
        var r = api.post("/workflows", "{\"name\": ").expect(400);
        assertTrue(r.errorMessage().contains("Couldn't parse body"), r.text());
    }

    @Test
    void non_numeric_id_is_400() {
        api.get("/workflows/abc").expect(400);
    }

    @Test
    void sort_by_is_checked_against_columns() {
        var r = api.get("/workflows?sort_by=name;DROP%20TABLE%20job").expect(400);
        assertTrue(r.errorMessage().contains("Invalid sort_by"), r.text());
    }

    @Test
    void limit_above_10000_is_refused() {
        api.get("/workflows?limit=10001").expect(400);
    }
}
