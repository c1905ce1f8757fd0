package org.torc.server.userdata;

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
import org.torc.common.Json;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.CheckedApi;
import org.torc.server.testing.DbRows;
import org.torc.server.testing.TestServer;

class UserDataApiTest {
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

    static ObjectNode userData(long workflowId, String name) {
        return ApiClient.obj().put("workflow_id", workflowId).put("name", name);
    }

    static long create(long workflowId, String name, String dataJson) {
        ObjectNode body = userData(workflowId, name);
        if (dataJson != null) {
            body.set("data", Json.parse(dataJson));
        }
        return api.post("/user_data", body).expect(200).id();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_stores_json_data_and_defaults_is_ephemeral_to_false() {
        long wf = api.createWorkflow("ud-create");
        JsonNode data = Json.parse("{\"alpha\": [1, 2.5, \"x\"], \"nested\": {\"ok\": true}}");
        JsonNode created = api.post("/user_data", userData(wf, "params").set("data", data))
                .expect(200).json();
        assertEquals(data, created.get("data"));
        assertFalse(created.get("is_ephemeral").asBoolean());
        assertEquals(created, api.get("/user_data/" + created.get("id").asLong()).expect(200).json());
    }

    @Test
    void json_null_data_is_stored_as_no_data() {
        long wf = api.createWorkflow("ud-null");
        JsonNode created = api.post("/user_data", userData(wf, "empty").putNull("data"))
                .expect(200).json();
        assertFalse(created.has("data"), created.toString());
        long id = created.get("id").asLong();
        assertEquals(1, rows.count("user_data", "id = ? AND data IS NULL", id));
    }

    @Test
    void scalar_and_list_data_round_trip() {
        long wf = api.createWorkflow("ud-scalars");
        for (String json : List.of("42", "\"text\"", "[1, 2]", "false")) {
            long id = create(wf, "v", json);
            assertEquals(Json.parse(json), api.get("/user_data/" + id).json().get("data"));
        }
    }

    @Test
    void consumer_and_producer_job_ids_link_the_new_record() {
        long wf = api.createWorkflow("ud-links");
        long producer = rows.job(wf, "producer", JobStatus.READY);
        long consumer = rows.job(wf, "consumer", JobStatus.BLOCKED);
        long id = api.post("/user_data?consumer_job_id=" + consumer + "&producer_job_id=" + producer,
                userData(wf, "shared")).expect(200).id();
        assertEquals(1, rows.count("job_input_user_data", "job_id = ? AND user_data_id = ?",
                consumer, id));
        assertEquals(1, rows.count("job_output_user_data", "job_id = ? AND user_data_id = ?",
                producer, id));
    }

    @Test
    void linking_to_a_missing_job_is_404_and_creates_nothing() {
        long wf = api.createWorkflow("ud-missing-job");
        var r = api.post("/user_data?consumer_job_id=909090", userData(wf, "x")).expect(404);
        assertEquals("Job not found with ID: 909090", r.errorMessage());
        api.post("/user_data?producer_job_id=909091", userData(wf, "x")).expect(404);
        assertEquals(0, rows.count("user_data", "workflow_id = ?", wf));
    }

    @Test
    void linking_to_a_job_of_another_workflow_is_422() {
        long wf = api.createWorkflow("ud-foreign-a");
        long other = api.createWorkflow("ud-foreign-b");
        long job = rows.job(other, "j", JobStatus.READY);
        api.post("/user_data?consumer_job_id=" + job, userData(wf, "x")).expect(422);
        assertEquals(0, rows.count("user_data", "workflow_id = ?", wf));
    }

    @Test
    void invalid_input_is_rejected() {
        long wf = api.createWorkflow("ud-invalid");
        assertTrue(api.post("/user_data", ApiClient.obj().put("workflow_id", wf)).expect(422)
                .errorMessage().contains("name"));
        assertTrue(api.post("/user_data", ApiClient.obj().put("name", "n")).expect(422)
                .errorMessage().contains("workflow_id"));
        api.post("/user_data", userData(31313, "n")).expect(404);
        api.post("/user_data", "{\"name\": \"n\", ").expect(400);
        api.post("/user_data", userData(wf, "n").put("is_ephemeral", "yes")).expect(400);
        api.post("/user_data?consumer_job_id=abc", userData(wf, "n")).expect(400);
        assertEquals(0, rows.count("user_data", "workflow_id = ?", wf));
    }

    @Test
    void unknown_user_data_is_404_with_torc_message() {
        assertEquals("User data not found with ID: 777777",
                api.get("/user_data/777777").expect(404).errorMessage());
        api.put("/user_data/777777", ApiClient.obj().put("name", "x")).expect(404);
        api.delete("/user_data/777777").expect(404);
    }

    @Test
    void update_changes_given_fields_keeps_absent_data_and_clears_null_data() {
        long wf = api.createWorkflow("ud-update");
        long id = create(wf, "v", "{\"a\": 1}");
        JsonNode renamed = api.put("/user_data/" + id, ApiClient.obj().put("name", "w")
                .put("is_ephemeral", true)).expect(200).json();
        assertEquals("w", renamed.get("name").asText());
        assertTrue(renamed.get("is_ephemeral").asBoolean());
        assertEquals(Json.parse("{\"a\": 1}"), renamed.get("data"), "absent data is kept");

        JsonNode replaced = api.put("/user_data/" + id, ApiClient.obj()
                .set("data", Json.parse("[3]"))).expect(200).json();
        assertEquals(Json.parse("[3]"), replaced.get("data"));

        JsonNode cleared = api.put("/user_data/" + id, ApiClient.obj().putNull("data")).expect(200)
                .json();
        assertFalse(cleared.has("data"), cleared.toString());
        assertEquals("w", cleared.get("name").asText());

        api.put("/user_data/" + id, ApiClient.obj().put("name", " ")).expect(422);
        long other = api.createWorkflow("ud-update-other");
        api.put("/user_data/" + id, userData(other, "w")).expect(422);
        assertEquals(wf, api.get("/user_data/" + id).json().get("workflow_id").asLong());
    }

    @Test
    void list_filters_by_jobs_name_substring_and_ephemeral_flag() {
        long wf = api.createWorkflow("ud-list");
        long producer = rows.job(wf, "producer", JobStatus.READY);
        long consumer = rows.job(wf, "consumer", JobStatus.BLOCKED);
        long alpha = api.post("/user_data?producer_job_id=" + producer, userData(wf, "alpha_one"))
                .expect(200).id();
        long beta = api.post("/user_data?consumer_job_id=" + consumer,
                userData(wf, "beta").put("is_ephemeral", true)).expect(200).id();
        long pct = create(wf, "100%_done", null);

        String base = "/user_data?workflow_id=" + wf;
        assertEquals(List.of(alpha, beta, pct), ids(api.get(base).expect(200).json()));
        assertEquals(List.of(alpha), ids(api.get(base + "&producer_job_id=" + producer).json()));
        assertEquals(List.of(beta), ids(api.get(base + "&consumer_job_id=" + consumer).json()));
        assertEquals(List.of(alpha), ids(api.get(base + "&name=pha_").json()));
        assertEquals(List.of(pct), ids(api.get(base + "&name=0%25_").json()),
                "% and _ in the filter match themselves");
        assertEquals(List.of(beta), ids(api.get(base + "&is_ephemeral=true").json()));
        assertEquals(List.of(alpha, pct), ids(api.get(base + "&is_ephemeral=false").json()));
        JsonNode sorted = api.get(base + "&sort_by=name&limit=2").expect(200).json();
        assertEquals(List.of(pct, alpha), ids(sorted));
        assertTrue(sorted.get("has_more").asBoolean());
        assertEquals(3, sorted.get("total_count").asLong());
    }

    @Test
    void list_checks_its_parameters() {
        long wf = api.createWorkflow("ud-list-params");
        api.get("/user_data").expect(400);
        api.get("/user_data?workflow_id=" + wf + "&limit=10001").expect(400);
        api.get("/user_data?workflow_id=" + wf + "&sort_by=data").expect(400);
        api.get("/user_data?workflow_id=" + wf + "&sort_by=id%20DESC").expect(400);
        assertEquals("Workflow not found with ID: 81818",
                api.get("/user_data?workflow_id=81818").expect(404).errorMessage());
    }

    @Test
    void delete_removes_the_record_and_its_job_links() {
        long wf = api.createWorkflow("ud-delete");
        long job = rows.job(wf, "j", JobStatus.READY);
        long id = api.post("/user_data?consumer_job_id=" + job, userData(wf, "x")).expect(200).id();
        assertEquals(id, api.delete("/user_data/" + id).expect(200).json().get("id").asLong());
        api.get("/user_data/" + id).expect(404);
        assertEquals(0, rows.count("job_input_user_data", "user_data_id = ?", id));
    }

    @Test
    void deleting_all_user_data_reports_a_message_and_the_count() {
        long wf = api.createWorkflow("ud-delete-all");
        long other = api.createWorkflow("ud-delete-all-other");
        create(wf, "a", null);
        create(wf, "b", "1");
        long kept = create(other, "c", null);
        JsonNode r = api.delete("/user_data?workflow_id=" + wf).expect(200).json();
        assertEquals(2, r.get("deleted_count").asLong());
        assertEquals("Deleted 2 user data records for workflow " + wf, r.get("message").asText());
        api.get("/user_data/" + kept).expect(200);
        api.delete("/user_data").expect(400);
    }

    @Test
    void deleting_a_workflow_removes_its_user_data() {
        long wf = api.createWorkflow("ud-cascade");
        long id = create(wf, "x", "{}");
        api.delete("/workflows/" + wf).expect(200);
        api.get("/user_data/" + id).expect(404);
    }

    @Test
    void missing_user_data_is_unset_user_inputs_and_unset_outputs_of_completed_jobs() {
        long wf = api.createWorkflow("ud-missing");
        long done = rows.job(wf, "done", JobStatus.COMPLETED);
        long running = rows.job(wf, "running", JobStatus.RUNNING);
        long consumer = rows.job(wf, "consumer", JobStatus.BLOCKED);
        long userInputUnset = create(wf, "user-input-unset", null);
        long userInputSet = create(wf, "user-input-set", "{\"v\": 1}");
        long doneOutputUnset = create(wf, "done-output-unset", null);
        long doneOutputSet = create(wf, "done-output-set", "2");
        long runningOutputUnset = create(wf, "running-output-unset", null);
        rows.inputUserData(done, userInputUnset);
        rows.inputUserData(done, userInputSet);
        rows.outputUserData(done, doneOutputUnset);
        rows.outputUserData(done, doneOutputSet);
        rows.outputUserData(running, runningOutputUnset);
        rows.inputUserData(consumer, runningOutputUnset);
        rows.inputUserData(consumer, doneOutputUnset);

        JsonNode r = api.get("/workflows/" + wf + "/missing_user_data").expect(200).json();
        List<Long> missing = new ArrayList<>();
        r.get("user_data").forEach(n -> missing.add(n.asLong()));
        assertEquals(List.of(userInputUnset, doneOutputUnset), missing);
        api.get("/workflows/51515/missing_user_data").expect(404);
    }
}
