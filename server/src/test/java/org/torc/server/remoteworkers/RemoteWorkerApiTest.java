package org.torc.server.remoteworkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

class RemoteWorkerApiTest {
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

    private static List<String> workers(long workflowId) {
        List<String> out = new ArrayList<>();
        JsonNode list = api.get("/workflows/" + workflowId + "/remote_workers").expect(200).json();
        assertTrue(list.isArray(), list.toString());
        list.forEach(w -> {
            assertEquals(workflowId, w.get("workflow_id").asLong());
            out.add(w.get("worker").asText());
        });
        return out;
    }

    private static String encoded(String worker) {
        return URLEncoder.encode(worker, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void add_returns_one_model_per_address_and_ignores_duplicates() {
        long wf = api.createWorkflow("rw-add");
        JsonNode added = api.post("/workflows/" + wf + "/remote_workers",
                List.of("node2", "alice@node1:2222", "[::1]:22", "node2")).expect(200).json();
        assertEquals(4, added.size());
        assertEquals("alice@node1:2222", added.get(1).get("worker").asText());
        assertEquals(wf, added.get(1).get("workflow_id").asLong());
        api.post("/workflows/" + wf + "/remote_workers", List.of("node2")).expect(200);
        assertEquals(List.of("[::1]:22", "alice@node1:2222", "node2"), workers(wf));
    }

    @Test
    void workers_are_per_workflow() {
        long a = api.createWorkflow("rw-a");
        long b = api.createWorkflow("rw-b");
        api.post("/workflows/" + a + "/remote_workers", List.of("shared")).expect(200);
        api.post("/workflows/" + b + "/remote_workers", List.of("shared", "only-b")).expect(200);
        assertEquals(List.of("shared"), workers(a));
        assertEquals(List.of("only-b", "shared"), workers(b));
    }

    @Test
    void delete_removes_one_address_and_404s_when_absent() {
        long wf = api.createWorkflow("rw-delete");
        api.post("/workflows/" + wf + "/remote_workers", List.of("bob@h1:22", "h2")).expect(200);
        JsonNode deleted = api.delete("/workflows/" + wf + "/remote_workers/"
                + encoded("bob@h1:22")).expect(200).json();
        assertEquals("bob@h1:22", deleted.get("worker").asText());
        assertEquals(wf, deleted.get("workflow_id").asLong());
        assertEquals(List.of("h2"), workers(wf));
        var r = api.delete("/workflows/" + wf + "/remote_workers/" + encoded("bob@h1:22"))
                .expect(404);
        assertTrue(r.errorMessage().contains("bob@h1:22"), r.text());
    }

    @Test
    void an_invalid_address_is_422_and_nothing_is_stored() {
        long wf = api.createWorkflow("rw-invalid");
        for (String bad : List.of("", " ", "@host", "user@", "host:70000", "[::1", "[::1]x",
                "a host")) {
            var r = api.post("/workflows/" + wf + "/remote_workers", List.of("good", bad))
                    .expect(422);
            assertTrue(r.errorMessage().contains("workers[1]"), bad + ": " + r.text());
        }
        assertTrue(workers(wf).isEmpty());
    }

    @Test
    void body_must_be_an_array_of_strings() {
        long wf = api.createWorkflow("rw-body");
        api.post("/workflows/" + wf + "/remote_workers", "{\"worker\":\"h\"}").expect(400);
        api.post("/workflows/" + wf + "/remote_workers", "[1, 2]").expect(400);
        api.post("/workflows/" + wf + "/remote_workers", "[").expect(400);
        api.send("POST", "/workflows/" + wf + "/remote_workers", null).expect(400);
    }

    @Test
    void unknown_workflow_is_404_everywhere() {
        api.post("/workflows/987654/remote_workers", List.of("h")).expect(404);
        var r = api.get("/workflows/987654/remote_workers").expect(404);
        assertEquals("Workflow not found with ID: 987654", r.errorMessage());
        api.delete("/workflows/987654/remote_workers/h").expect(404);
    }

    @Test
    void deleting_the_workflow_deletes_its_workers() throws Exception {
        long wf = api.createWorkflow("rw-cascade");
        api.post("/workflows/" + wf + "/remote_workers", List.of("h1", "h2")).expect(200);
        api.delete("/workflows/" + wf).expect(200);
        long left = server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM remote_worker WHERE workflow_id = ?", wf));
        assertEquals(0, left);
    }
}
