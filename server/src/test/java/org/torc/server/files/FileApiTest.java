package org.torc.server.files;

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

class FileApiTest {
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

    static ObjectNode file(long workflowId, String name, String path) {
        return ApiClient.obj().put("workflow_id", workflowId).put("name", name).put("path", path);
    }

    static long createFile(long workflowId, String name, String path) {
        return api.post("/files", file(workflowId, name, path)).expect(200).id();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_returns_the_stored_file_and_get_finds_it() {
        long wf = api.createWorkflow("files-create");
        JsonNode created = api.post("/files", file(wf, "input", "data/in.csv").put("st_mtime", 12.5))
                .expect(200).json();
        long id = created.get("id").asLong();
        assertEquals(wf, created.get("workflow_id").asLong());
        assertEquals("data/in.csv", created.get("path").asText());
        assertEquals(12.5, created.get("st_mtime").asDouble());
        assertEquals(created, api.get("/files/" + id).expect(200).json());
    }

    @Test
    void a_file_without_mtime_omits_it() {
        long wf = api.createWorkflow("files-no-mtime");
        JsonNode created = api.post("/files", file(wf, "f", "p")).expect(200).json();
        assertFalse(created.has("st_mtime"), created.toString());
    }

    @Test
    void missing_required_fields_are_422_naming_the_field_and_store_nothing() {
        long wf = api.createWorkflow("files-422");
        var r = api.post("/files", ApiClient.obj().put("workflow_id", wf).put("path", "p"))
                .expect(422);
        assertTrue(r.errorMessage().contains("name"), r.text());
        r = api.post("/files", ApiClient.obj().put("workflow_id", wf).put("name", "n")).expect(422);
        assertTrue(r.errorMessage().contains("path"), r.text());
        r = api.post("/files", ApiClient.obj().put("name", "n").put("path", "p")).expect(422);
        assertTrue(r.errorMessage().contains("workflow_id"), r.text());
        assertEquals(0, api.get("/files?workflow_id=" + wf).expect(200).json()
                .get("total_count").asLong());
    }

    @Test
    void creating_a_file_in_an_unknown_workflow_is_404() {
        var r = api.post("/files", file(987654, "f", "p")).expect(404);
        assertEquals("Workflow not found with ID: 987654", r.errorMessage());
    }

    @Test
    void malformed_json_is_400() {
        var r = api.post("/files", "{\"workflow_id\": 1, \"name\": ").expect(400);
        assertTrue(r.errorMessage().contains("Couldn't parse body"), r.text());
        api.post("/files", "{\"workflow_id\": \"one\", \"name\": \"n\", \"path\": \"p\"}")
                .expect(400);
    }

    @Test
    void unknown_file_is_404_with_torc_message() {
        assertEquals("File not found with ID: 424242",
                api.get("/files/424242").expect(404).errorMessage());
        api.put("/files/424242", ApiClient.obj().put("name", "x")).expect(404);
        api.delete("/files/424242").expect(404);
        api.get("/files/abc").expect(400);
    }

    @Test
    void update_changes_given_fields_and_always_overwrites_st_mtime() {
        long wf = api.createWorkflow("files-update");
        long id = api.post("/files", file(wf, "out", "out.txt").put("st_mtime", 5.0)).expect(200)
                .id();
        JsonNode updated = api.put("/files/" + id, ApiClient.obj().put("name", "renamed")
                .put("st_mtime", 7.25)).expect(200).json();
        assertEquals("renamed", updated.get("name").asText());
        assertEquals("out.txt", updated.get("path").asText());
        assertEquals(7.25, updated.get("st_mtime").asDouble());

        JsonNode cleared = api.put("/files/" + id, ApiClient.obj().put("path", "new.txt"))
                .expect(200).json();
        assertFalse(cleared.has("st_mtime"), "a PUT without st_mtime clears it: " + cleared);
        assertEquals("new.txt", cleared.get("path").asText());
        assertEquals(cleared, api.get("/files/" + id).expect(200).json());
    }

    @Test
    void a_file_cannot_move_to_another_workflow() {
        long wf = api.createWorkflow("files-move-a");
        long other = api.createWorkflow("files-move-b");
        long id = createFile(wf, "f", "p");
        var r = api.put("/files/" + id, file(other, "f", "p")).expect(422);
        assertTrue(r.errorMessage().contains("workflow_id"), r.text());
        assertEquals(wf, api.get("/files/" + id).expect(200).json().get("workflow_id").asLong());
        api.put("/files/" + id, file(wf, "same-workflow-is-fine", "p")).expect(200);
    }

    @Test
    void list_pages_and_sorts() {
        long wf = api.createWorkflow("files-list");
        List<Long> created = new ArrayList<>();
        for (String name : List.of("c", "a", "e", "b", "d")) {
            created.add(createFile(wf, name, name + ".txt"));
        }
        JsonNode page = api.get("/files?workflow_id=" + wf + "&offset=1&limit=2").expect(200).json();
        assertEquals(List.of(created.get(1), created.get(2)), ids(page));
        assertEquals(1, page.get("offset").asLong());
        assertEquals(2, page.get("count").asLong());
        assertEquals(5, page.get("total_count").asLong());
        assertEquals(10000, page.get("max_limit").asLong());
        assertTrue(page.get("has_more").asBoolean());

        JsonNode last = api.get("/files?workflow_id=" + wf + "&offset=3&limit=2").expect(200).json();
        assertFalse(last.get("has_more").asBoolean());

        JsonNode byName = api.get("/files?workflow_id=" + wf + "&sort_by=name&reverse_sort=true")
                .expect(200).json();
        List<String> names = new ArrayList<>();
        byName.get("items").forEach(i -> names.add(i.get("name").asText()));
        assertEquals(List.of("e", "d", "c", "b", "a"), names);
    }

    @Test
    void list_filters_by_name_and_path() {
        long wf = api.createWorkflow("files-filter");
        long a = createFile(wf, "a", "dir/a");
        createFile(wf, "b", "dir/b");
        assertEquals(List.of(a), ids(api.get("/files?workflow_id=" + wf + "&name=a").json()));
        assertEquals(List.of(a), ids(api.get("/files?workflow_id=" + wf + "&path=dir/a").json()));
        assertEquals(List.of(), ids(api.get("/files?workflow_id=" + wf + "&name=a&path=dir/b")
                .json()));
    }

    @Test
    void list_filters_by_producing_job_and_output_flag() {
        long wf = api.createWorkflow("files-produced");
        long input = createFile(wf, "input", "in");
        long mid = createFile(wf, "mid", "mid");
        long result = createFile(wf, "result", "out");
        long producer = rows.job(wf, "producer", JobStatus.READY);
        long consumer = rows.job(wf, "consumer", JobStatus.BLOCKED);
        rows.inputFile(producer, input);
        rows.outputFile(producer, mid);
        rows.inputFile(consumer, mid);
        rows.outputFile(consumer, result);

        String base = "/files?workflow_id=" + wf;
        assertEquals(List.of(mid), ids(api.get(base + "&produced_by_job_id=" + producer).json()));
        assertEquals(List.of(result), ids(api.get(base + "&produced_by_job_id=" + consumer).json()));
        JsonNode outputs = api.get(base + "&is_output=true").expect(200).json();
        assertEquals(List.of(mid, result), ids(outputs));
        assertEquals(2, outputs.get("total_count").asLong());
        assertEquals(List.of(input), ids(api.get(base + "&is_output=false").json()));
        api.get(base + "&is_output=yes").expect(400);
    }

    @Test
    void list_needs_an_existing_workflow() {
        var r = api.get("/files").expect(400);
        assertTrue(r.errorMessage().contains("workflow_id"), r.text());
        api.get("/files?workflow_id=x").expect(400);
        assertEquals("Workflow not found with ID: 55555",
                api.get("/files?workflow_id=55555").expect(404).errorMessage());
    }

    @Test
    void list_rejects_a_limit_above_10000_and_unknown_sort_columns() {
        long wf = api.createWorkflow("files-bad-paging");
        var r = api.get("/files?workflow_id=" + wf + "&limit=10001").expect(400);
        assertTrue(r.errorMessage().contains("10000"), r.text());
        api.get("/files?workflow_id=" + wf + "&limit=10000").expect(200);
        r = api.get("/files?workflow_id=" + wf + "&sort_by=name;DROP%20TABLE%20file").expect(400);
        assertTrue(r.errorMessage().contains("Invalid sort_by"), r.text());
        api.get("/files?workflow_id=" + wf + "&offset=-1").expect(400);
    }

    @Test
    void delete_returns_the_file_and_removes_its_job_links() {
        long wf = api.createWorkflow("files-delete");
        long id = createFile(wf, "f", "p");
        long job = rows.job(wf, "j", JobStatus.READY);
        rows.inputFile(job, id);
        JsonNode deleted = api.delete("/files/" + id).expect(200).json();
        assertEquals(id, deleted.get("id").asLong());
        api.get("/files/" + id).expect(404);
        assertEquals(0, rows.count("job_input_file", "file_id = ?", id));
        assertEquals(1, rows.count("job", "id = ?", job), "the job itself stays");
    }

    @Test
    void deleting_all_files_reports_the_count_and_spares_other_workflows() {
        long wf = api.createWorkflow("files-delete-all");
        long other = api.createWorkflow("files-delete-all-other");
        createFile(wf, "a", "a");
        createFile(wf, "b", "b");
        long kept = createFile(other, "c", "c");
        JsonNode r = api.delete("/files?workflow_id=" + wf).expect(200).json();
        assertEquals(2, r.get("deleted_count").asLong());
        assertEquals(0, api.get("/files?workflow_id=" + wf).json().get("total_count").asLong());
        api.get("/files/" + kept).expect(200);
        api.delete("/files").expect(400);
        api.delete("/files?workflow_id=77777").expect(404);
    }

    @Test
    void deleting_a_workflow_removes_its_files() {
        long wf = api.createWorkflow("files-cascade");
        long id = createFile(wf, "f", "p");
        api.delete("/workflows/" + wf).expect(200);
        api.get("/files/" + id).expect(404);
    }

    @Test
    void required_existing_files_are_user_inputs_and_outputs_of_completed_jobs() {
        long wf = api.createWorkflow("files-required");
        long userInput = createFile(wf, "user-input", "in");
        long intermediate = createFile(wf, "intermediate", "mid");
        long doneOutput = createFile(wf, "done-output", "done");
        long pendingOutput = createFile(wf, "pending-output", "pending");
        createFile(wf, "unused", "unused");
        long first = rows.job(wf, "first", JobStatus.COMPLETED);
        long second = rows.job(wf, "second", JobStatus.READY);
        rows.inputFile(first, userInput);
        rows.outputFile(first, intermediate);
        rows.outputFile(first, doneOutput);
        rows.inputFile(second, intermediate);
        rows.inputFile(second, userInput);
        rows.outputFile(second, pendingOutput);

        JsonNode r = api.get("/workflows/" + wf + "/required_existing_files").expect(200).json();
        List<Long> files = new ArrayList<>();
        r.get("files").forEach(f -> files.add(f.asLong()));
        assertEquals(List.of(userInput, intermediate, doneOutput), files);
        assertTrue(r.get("files").get(0).isIntegralNumber(), "ids are numbers, as torc sends them");

        rows.setStatus(second, JobStatus.COMPLETED);
        JsonNode after = api.get("/workflows/" + wf + "/required_existing_files").json();
        assertEquals(4, after.get("files").size());
        api.get("/workflows/66666/required_existing_files").expect(404);
    }
}
