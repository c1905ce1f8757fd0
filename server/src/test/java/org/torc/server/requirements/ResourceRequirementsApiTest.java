package org.torc.server.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ResourceRequirementsApiTest {
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

    static ObjectNode rr(long workflowId, String name) {
        return ApiClient.obj().put("workflow_id", workflowId).put("name", name);
    }

    static long create(ObjectNode body) {
        return api.post("/resource_requirements", body).expect(200).id();
    }

    static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    static long derived(long id, String column) {
        return server.server().database().read(sql -> sql.queryLong(
                "SELECT " + column + " FROM resource_requirements WHERE id = ?", id));
    }

    @Test
    void create_applies_torc_defaults_and_derives_bytes_and_seconds() {
        long wf = api.createWorkflow("rr-defaults");
        JsonNode created = api.post("/resource_requirements", rr(wf, "small")).expect(200).json();
        assertEquals(1, created.get("num_cpus").asLong());
        assertEquals(0, created.get("num_gpus").asLong());
        assertEquals(1, created.get("num_nodes").asLong());
        assertEquals("1m", created.get("memory").asText());
        assertEquals("P0DT1M", created.get("runtime").asText());
        long id = created.get("id").asLong();
        assertEquals(1L << 20, derived(id, "memory_bytes"));
        assertEquals(60, derived(id, "runtime_s"));
        assertEquals(created, api.get("/resource_requirements/" + id).expect(200).json());
    }

    @Test
    void create_stores_the_given_values() {
        long wf = api.createWorkflow("rr-values");
        long id = create(rr(wf, "big").put("num_cpus", 32).put("num_gpus", 2).put("num_nodes", 4)
                .put("memory", "20g").put("runtime", "PT1H30M"));
        JsonNode got = api.get("/resource_requirements/" + id).json();
        assertEquals(32, got.get("num_cpus").asLong());
        assertEquals("20g", got.get("memory").asText());
        assertEquals(20L << 30, derived(id, "memory_bytes"));
        assertEquals(5400, derived(id, "runtime_s"));
    }

    @Test
    void invalid_memory_or_runtime_is_422_naming_the_field_on_create() {
        long wf = api.createWorkflow("rr-invalid-create");
        var r = api.post("/resource_requirements", rr(wf, "x").put("memory", "lots")).expect(422);
        assertTrue(r.errorMessage().contains("memory"), r.text());
        assertEquals("memory", r.json().path("error").path("field").asText());
        r = api.post("/resource_requirements", rr(wf, "x").put("runtime", "an hour")).expect(422);
        assertEquals("runtime", r.json().path("error").path("field").asText());
        assertEquals(1, api.get("/resource_requirements?workflow_id=" + wf).json()
                .get("total_count").asLong(), "only the workflow's default record exists");
    }

    @Test
    void invalid_counts_and_missing_fields_are_422() {
        long wf = api.createWorkflow("rr-invalid-counts");
        api.post("/resource_requirements", rr(wf, "x").put("num_cpus", -1)).expect(422);
        api.post("/resource_requirements", rr(wf, "x").put("num_cpus", 0)).expect(422);
        api.post("/resource_requirements", rr(wf, "x").put("num_gpus", -2)).expect(422);
        api.post("/resource_requirements", rr(wf, "x").put("num_nodes", 0)).expect(422);
        assertTrue(api.post("/resource_requirements", ApiClient.obj().put("workflow_id", wf))
                .expect(422).errorMessage().contains("name"));
        assertTrue(api.post("/resource_requirements", ApiClient.obj().put("name", "x"))
                .expect(422).errorMessage().contains("workflow_id"));
        api.post("/resource_requirements", rr(wf, "x").put("num_cpus", 1.5)).expect(400);
        api.post("/resource_requirements", "{\"workflow_id\": ").expect(400);
        api.post("/resource_requirements", rr(123123, "x")).expect(404);
    }

    @Test
    void the_name_default_is_reserved() {
        long wf = api.createWorkflow("rr-default-name");
        var r = api.post("/resource_requirements", rr(wf, "default")).expect(422);
        assertTrue(r.errorMessage().contains("default"), r.text());
        long id = create(rr(wf, "custom"));
        api.put("/resource_requirements/" + id, ApiClient.obj().put("name", "default")).expect(422);
        long defaultId = api.get("/resource_requirements?workflow_id=" + wf + "&name=default")
                .json().get("items").get(0).get("id").asLong();
        api.put("/resource_requirements/" + defaultId, ApiClient.obj().put("name", "other"))
                .expect(422);
        JsonNode changed = api.put("/resource_requirements/" + defaultId,
                ApiClient.obj().put("memory", "2g")).expect(200).json();
        assertEquals("default", changed.get("name").asText());
        assertEquals("2g", changed.get("memory").asText());
    }

    @Test
    void update_changes_given_fields_and_rederives_bytes_and_seconds() {
        long wf = api.createWorkflow("rr-update");
        long id = create(rr(wf, "r").put("num_cpus", 4).put("memory", "1g").put("runtime", "PT1H"));
        JsonNode updated = api.put("/resource_requirements/" + id,
                ApiClient.obj().put("memory", "512m").put("runtime", "P1D")).expect(200).json();
        assertEquals(4, updated.get("num_cpus").asLong(), "absent fields keep their values");
        assertEquals("512m", updated.get("memory").asText());
        assertEquals(512L << 20, derived(id, "memory_bytes"));
        assertEquals(86_400, derived(id, "runtime_s"));
        assertEquals(updated, api.get("/resource_requirements/" + id).json());
    }

    @Test
    void invalid_update_is_422_and_changes_nothing() {
        long wf = api.createWorkflow("rr-invalid-update");
        long id = create(rr(wf, "r").put("memory", "1g"));
        JsonNode before = api.get("/resource_requirements/" + id).json();
        var r = api.put("/resource_requirements/" + id, ApiClient.obj().put("memory", "1x"))
                .expect(422);
        assertEquals("memory", r.json().path("error").path("field").asText());
        api.put("/resource_requirements/" + id, ApiClient.obj().put("runtime", "1 hour"))
                .expect(422);
        api.put("/resource_requirements/" + id, ApiClient.obj().put("num_gpus", -1)).expect(422);
        long other = api.createWorkflow("rr-invalid-update-other");
        api.put("/resource_requirements/" + id, rr(other, "r")).expect(422);
        assertEquals(before, api.get("/resource_requirements/" + id).json());
        assertEquals(1L << 30, derived(id, "memory_bytes"));
    }

    @Test
    void unknown_resource_requirements_are_404_with_torc_message() {
        assertEquals("Resource requirements not found with ID: 565656",
                api.get("/resource_requirements/565656").expect(404).errorMessage());
        api.put("/resource_requirements/565656", ApiClient.obj().put("name", "x")).expect(404);
        api.delete("/resource_requirements/565656").expect(404);
    }

    @Test
    void list_filters_by_each_column_and_by_job() {
        long wf = api.createWorkflow("rr-filters");
        create(rr(wf, "cpu").put("num_cpus", 8).put("memory", "1024m").put("runtime", "PT2H"));
        create(rr(wf, "gpu").put("num_gpus", 1).put("num_nodes", 2).put("memory", "4g"));
        long used = create(rr(wf, "used"));
        long job = rows.job(wf, "j", JobStatus.UNINITIALIZED, used);
        String base = "/resource_requirements?workflow_id=" + wf;

        assertEquals(List.of("default", "cpu", "gpu", "used"), names(api.get(base).expect(200)
                .json()));
        assertEquals(List.of("used"), names(api.get(base + "&job_id=" + job).expect(200).json()));
        assertEquals(List.of(), names(api.get(base + "&job_id=99999").expect(200).json()));
        assertEquals(List.of("cpu"), names(api.get(base + "&name=cpu").json()));
        assertEquals(List.of("cpu"), names(api.get(base + "&num_cpus=8").json()));
        assertEquals(List.of("gpu"), names(api.get(base + "&num_gpus=1").json()));
        assertEquals(List.of("gpu"), names(api.get(base + "&num_nodes=2").json()));
        assertEquals(List.of("cpu"), names(api.get(base + "&memory=1g").json()),
                "memory compares sizes: 1g is 1024m");
        assertEquals(List.of("cpu"), names(api.get(base + "&runtime=7200").json()));
        assertEquals(List.of("cpu"), names(api.get(base + "&runtime=PT2H").json()));
        api.get(base + "&memory=big").expect(400);
        api.get(base + "&runtime=soon").expect(400);
        api.get(base + "&num_cpus=many").expect(400);
    }

    @Test
    void list_sorts_memory_and_runtime_by_value_and_pages() {
        long wf = api.createWorkflow("rr-sort");
        create(rr(wf, "m900").put("memory", "900m").put("runtime", "PT30M"));
        create(rr(wf, "g2").put("memory", "2g").put("runtime", "PT10M"));
        create(rr(wf, "k10").put("memory", "10k").put("runtime", "P1D"));
        String base = "/resource_requirements?workflow_id=" + wf + "&name=";
        String all = "/resource_requirements?workflow_id=" + wf;
        assertEquals(List.of("k10", "default", "m900", "g2"),
                names(api.get(all + "&sort_by=memory").json()));
        assertEquals(List.of("k10", "m900", "g2", "default"),
                names(api.get(all + "&sort_by=runtime&reverse_sort=true").json()));
        JsonNode page = api.get(all + "&sort_by=name&offset=1&limit=2").expect(200).json();
        assertEquals(List.of("g2", "k10"), names(page));
        assertEquals(4, page.get("total_count").asLong());
        assertTrue(page.get("has_more").asBoolean());
        api.get(all + "&sort_by=memory_bytes").expect(400);
        api.get(all + "&limit=10001").expect(400);
        api.get(base).expect(200);
        api.get("/resource_requirements").expect(400);
        api.get("/resource_requirements?workflow_id=747474").expect(404);
    }

    @Test
    void deleting_requirements_that_jobs_use_is_409_and_deletes_nothing() {
        long wf = api.createWorkflow("rr-in-use");
        long id = create(rr(wf, "busy"));
        long job = rows.job(wf, "j", JobStatus.READY, id);
        var r = api.delete("/resource_requirements/" + id).expect(409);
        assertTrue(r.errorMessage().contains("1 job"), r.text());
        api.get("/resource_requirements/" + id).expect(200);
        assertEquals(1, rows.count("job", "id = ?", job));

        api.delete("/resource_requirements?workflow_id=" + wf).expect(409);
        assertEquals(2, api.get("/resource_requirements?workflow_id=" + wf).json()
                .get("total_count").asLong());
    }

    @Test
    void delete_returns_the_record() {
        long wf = api.createWorkflow("rr-delete");
        long id = create(rr(wf, "gone"));
        JsonNode deleted = api.delete("/resource_requirements/" + id).expect(200).json();
        assertEquals("gone", deleted.get("name").asText());
        api.get("/resource_requirements/" + id).expect(404);
    }

    @Test
    void deleting_all_requirements_reports_the_count() {
        long wf = api.createWorkflow("rr-delete-all");
        long other = api.createWorkflow("rr-delete-all-other");
        create(rr(wf, "a"));
        JsonNode r = api.delete("/resource_requirements?workflow_id=" + wf).expect(200).json();
        assertEquals(2, r.get("count").asLong(), "the record and the workflow's default");
        assertEquals(1, api.get("/resource_requirements?workflow_id=" + other).json()
                .get("total_count").asLong());
        api.delete("/resource_requirements").expect(400);
    }

    @Test
    void deleting_a_workflow_removes_its_requirements_and_the_jobs_using_them() {
        long wf = api.createWorkflow("rr-cascade");
        long id = create(rr(wf, "r"));
        long job = rows.job(wf, "j", JobStatus.READY, id);
        api.delete("/workflows/" + wf).expect(200);
        api.get("/resource_requirements/" + id).expect(404);
        assertEquals(0, rows.count("job", "id = ?", job));
    }
}
