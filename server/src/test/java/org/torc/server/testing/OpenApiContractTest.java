package org.torc.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract checker itself: it must accept torc's shapes and reject everything else. */
class OpenApiContractTest {
    private static final String FILE = """
            {"id": 3, "workflow_id": 1, "name": "in", "path": "/tmp/in", "st_mtime": 1.5}""";

    @Test
    void concrete_paths_find_their_templates() {
        assertEquals("GET /files/{id}", OpenApiContract.operation("GET", "/files/7"));
        assertEquals("GET /files", OpenApiContract.operation("get", "/files?workflow_id=1"));
        assertEquals("GET /workflows/{id}/status",
                OpenApiContract.operation("GET", "/torc-service/v1/workflows/4/status"));
        assertEquals("POST /workflows/{id}/claim_jobs_based_on_resources/{limit}",
                OpenApiContract.operation("POST", "/workflows/4/claim_jobs_based_on_resources/9"));
    }

    @Test
    void unknown_operations_fail() {
        assertThrows(AssertionError.class, () -> OpenApiContract.operation("GET", "/nope/1"));
        assertThrows(AssertionError.class, () -> OpenApiContract.operation("PATCH", "/files/1"));
    }

    @Test
    void a_valid_body_passes() {
        assertEquals(List.of(), OpenApiContract.errors("GET", "/files/3", FILE));
        OpenApiContract.assertValid("GET", "/files/3", FILE);
    }

    @Test
    void a_missing_required_field_fails() {
        List<String> errors = OpenApiContract.errors("GET", "/files/3",
                "{\"id\": 3, \"workflow_id\": 1, \"path\": \"/tmp/in\"}");
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("name"), errors.toString());
        assertThrows(AssertionError.class, () -> OpenApiContract.assertValid("GET", "/files/3",
                "{\"id\": 3, \"workflow_id\": 1, \"path\": \"/tmp/in\"}"));
    }

    @Test
    void a_wrong_type_fails() {
        assertFalse(OpenApiContract.errors("GET", "/files/3",
                "{\"id\": \"3\", \"workflow_id\": 1, \"name\": \"in\", \"path\": \"p\"}").isEmpty());
    }

    @Test
    void an_undeclared_field_fails() {
        assertFalse(OpenApiContract.errors("GET", "/files/3",
                "{\"id\": 3, \"workflow_id\": 1, \"name\": \"in\", \"path\": \"p\", \"size\": 4}")
                .isEmpty());
    }

    @Test
    void an_undeclared_field_of_an_inline_response_object_fails() {
        String claim = "/workflows/1/actions/2/claim";
        assertEquals(List.of(), OpenApiContract.errors("POST", claim,
                "{\"claimed\": true, \"action_id\": 2}"));
        assertFalse(OpenApiContract.errors("POST", claim,
                "{\"claimed\": true, \"action_id\": 2, \"by\": 7}").isEmpty());
        assertFalse(OpenApiContract.errors("POST", claim, "{\"action_id\": 2}").isEmpty());
    }

    @Test
    void list_items_and_envelope_are_checked() {
        String ok = "{\"items\": [" + FILE + "], \"offset\": 0, \"max_limit\": 10000, \"count\": 1,"
                + " \"total_count\": 1, \"has_more\": false}";
        assertEquals(List.of(), OpenApiContract.errors("GET", "/files?workflow_id=1", ok));
        String badItem = ok.replace("\"name\": \"in\", ", "");
        assertFalse(OpenApiContract.errors("GET", "/files?workflow_id=1", badItem).isEmpty());
        String noCount = ok.replace("\"count\": 1,", "");
        assertFalse(OpenApiContract.errors("GET", "/files?workflow_id=1", noCount).isEmpty());
    }

    @Test
    void job_statuses_are_checked_and_include_pending_failed() {
        String result = """
                {"id": 1, "job_id": 2, "workflow_id": 1, "run_id": 1, "compute_node_id": 1,
                 "return_code": 0, "exec_time_minutes": 0.5, "completion_time": "t",
                 "status": "%s"}""";
        assertEquals(List.of(), OpenApiContract.errors("GET", "/results/1",
                result.formatted("pending_failed")));
        assertFalse(OpenApiContract.errors("GET", "/results/1", result.formatted("done")).isEmpty());
    }

    @Test
    void listed_deviations_apply() {
        assertEquals(List.of(), OpenApiContract.errors("GET", "/workflows/1/required_existing_files",
                "{\"files\": [1, 2]}"));
        assertEquals(List.of(), OpenApiContract.errors("GET", "/version", "\"0.12.0 (jvm)\""));
        assertEquals(List.of(), OpenApiContract.errors("GET", "/user_data/1",
                "{\"id\": 1, \"workflow_id\": 1, \"name\": \"x\", \"data\": [1, 2]}"));
    }
}
