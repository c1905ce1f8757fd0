package org.torc.server.failurehandlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class FailureHandlerApiTest {
    static final String RULES =
            "[{\"exit_codes\":[10,11],\"recovery_script\":\"./fix.sh\",\"max_retries\":2},"
                    + "{\"match_all_exit_codes\":true}]";

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

    private static ApiClient.Response post(long workflowId, String name, String rules) {
        var body = ApiClient.obj().put("workflow_id", workflowId).put("name", name);
        if (rules != null) {
            body.put("rules", rules);
        }
        return api.post("/failure_handlers", body);
    }

    @Test
    void create_then_get_returns_rules_as_the_same_string() {
        long wf = api.createWorkflow("fh-create");
        JsonNode created = post(wf, "retry", RULES).expect(200).json();
        JsonNode got = api.get("/failure_handlers/" + created.get("id").asLong()).expect(200).json();
        assertEquals(created, got);
        assertTrue(got.get("rules").isTextual(), "rules stays a JSON string");
        assertEquals(RULES, got.get("rules").asText());
        assertEquals("retry", got.get("name").asText());
    }

    @Test
    void rules_must_be_a_json_array_of_rule_objects() {
        long wf = api.createWorkflow("fh-invalid");
        for (String bad : List.of("not json", "{\"max_retries\":1}", "[1, 2]", "[[]]",
                "[{\"exit_codes\":\"1\"}]", "[{\"exit_codes\":[1.5]}]",
                "[{\"match_all_exit_codes\":\"yes\"}]", "[{\"max_retries\":-1}]",
                "[{\"recovery_script\":5}]", "")) {
            var r = post(wf, "bad", bad).expect(422);
            assertTrue(r.errorMessage().contains("rules"), bad + ": " + r.text());
        }
        assertTrue(post(wf, "missing", null).expect(422).errorMessage().contains("rules"));
        post(wf, "empty list is fine", "[]").expect(200);
        assertEquals(1, api.get("/workflows/" + wf + "/failure_handlers").json()
                .get("total_count").asInt());
    }

    @Test
    void name_and_workflow_are_required() {
        long wf = api.createWorkflow("fh-required");
        assertTrue(api.post("/failure_handlers", ApiClient.obj().put("workflow_id", wf)
                .put("rules", "[]")).expect(422).errorMessage().contains("name"));
        assertTrue(api.post("/failure_handlers", ApiClient.obj().put("name", "x")
                .put("rules", "[]")).expect(422).errorMessage().contains("workflow_id"));
        var r = post(987654, "x", "[]").expect(404);
        assertEquals("Workflow not found with ID: 987654", r.errorMessage());
        api.post("/failure_handlers", "[").expect(400);
    }

    @Test
    void workflow_list_is_paged_in_id_order() {
        long wf = api.createWorkflow("fh-list");
        long other = api.createWorkflow("fh-list-other");
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(post(wf, "h" + i, "[]").expect(200).id());
        }
        post(other, "elsewhere", "[]").expect(200);
        JsonNode all = api.get("/workflows/" + wf + "/failure_handlers").expect(200).json();
        assertEquals(3, all.get("count").asInt());
        assertEquals(3, all.get("total_count").asInt());
        assertEquals(10000, all.get("max_limit").asInt());
        List<Long> ids = new ArrayList<>();
        all.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        assertEquals(created, ids);
        JsonNode page = api.get("/workflows/" + wf + "/failure_handlers?offset=1&limit=1")
                .expect(200).json();
        assertEquals(created.get(1), page.get("items").get(0).get("id").asLong());
        assertTrue(page.get("has_more").asBoolean());
        api.get("/workflows/987654/failure_handlers").expect(404);
        api.get("/workflows/" + wf + "/failure_handlers?limit=10001").expect(400);
    }

    @Test
    void delete_returns_the_handler_and_jobs_keep_running_without_it() throws Exception {
        long wf = api.createWorkflow("fh-delete");
        long id = post(wf, "gone", RULES).expect(200).id();
        long jobId = server.server().database().write(tx -> tx.insert("""
                INSERT INTO job (workflow_id, name, command, status, failure_handler_id)
                VALUES (?, 'j', 'true', 0, ?)""", wf, id));
        assertEquals("gone", api.delete("/failure_handlers/" + id).expect(200).json()
                .get("name").asText());
        var r = api.get("/failure_handlers/" + id).expect(404);
        assertEquals("Failure handler not found with ID: " + id, r.errorMessage());
        long handler = server.server().database().read(sql -> sql.queryLong(
                "SELECT COALESCE(failure_handler_id, -1) FROM job WHERE id = ?", jobId));
        assertEquals(-1, handler, "the job stays, without a handler");
        api.delete("/failure_handlers/" + id).expect(404);
    }

    @Test
    void deleting_the_workflow_deletes_its_handlers() {
        long wf = api.createWorkflow("fh-cascade");
        long id = post(wf, "h", "[]").expect(200).id();
        api.delete("/workflows/" + wf).expect(200);
        api.get("/failure_handlers/" + id).expect(404);
    }
}
