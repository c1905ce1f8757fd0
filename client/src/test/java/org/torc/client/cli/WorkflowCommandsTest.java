package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code torc workflows ...} other than create, against a real server. Each test uses its own user. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCommandsTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    private List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(w -> out.add(w.path("name").asText()));
        return out;
    }

    @Test
    void list_shows_only_the_users_workflows_in_torcs_table() {
        cli.workflow("mine-1", "lister");
        cli.workflow("mine-2", "lister");
        cli.workflow("theirs", "someone-else");
        TestCli.Result r = cli.runAs("lister", "workflows", "list");
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("Workflows for user lister:", lines.get(0));
        assertTrue(lines.get(1).startsWith("╭"), r.out());
        assertTrue(lines.get(2).matches("│ ID +│ Name +│ Description +│ Timestamp +│"), lines.get(2));
        assertTrue(lines.get(3).startsWith("├"));
        assertEquals("Total: 2 workflows", lines.get(lines.size() - 1));
        assertEquals("", lines.get(lines.size() - 2));
        assertFalse(r.out().contains("theirs"));
    }

    @Test
    void list_json_is_a_bare_array_with_monitor_config_as_an_object() {
        cli.api().post("/workflows", Map.of("name", "with-monitor", "user", "jsonlister",
                "resource_monitor_config", "{\"enabled\":true,\"granularity\":\"summary\"}"));
        JsonNode a = cli.runAs("jsonlister", "-f", "json", "workflows", "list").json();
        assertTrue(a.isArray());
        assertEquals(1, a.size());
        assertTrue(a.get(0).path("resource_monitor_config").isObject(), a.toString());
        assertTrue(a.get(0).path("resource_monitor_config").path("enabled").asBoolean());
        assertEquals("No workflows found for user: nobody-here\n",
                cli.runAs("nobody-here", "workflows", "list").out());
        assertEquals("[]", cli.runAs("nobody-here", "-f", "json", "workflows", "list").out().trim());
    }

    @Test
    void list_pages_sorts_and_filters_archived_workflows() {
        for (String n : List.of("c", "a", "d", "b", "e")) {
            cli.workflow("page-" + n, "pager");
        }
        assertEquals(List.of("page-e", "page-d", "page-c"), names(cli.runAs("pager", "-f", "json",
                "workflows", "list", "--sort-by", "name", "--reverse-sort", "--limit", "3").json()));
        assertEquals(List.of("page-d", "page-b"), names(cli.runAs("pager", "-f", "json",
                "workflows", "list", "--offset", "2", "-l", "2").json()));
        long archived = cli.api().get("/workflows?user=pager&name=page-a").path("items").get(0)
                .path("id").asLong();
        TestCli.Result a = cli.runAs("pager", "workflows", "archive", "true", "" + archived);
        assertEquals(0, a.code(), a.toString());
        assertEquals("Successfully archived workflow " + archived + "\n", a.out());
        assertFalse(names(cli.runAs("pager", "-f", "json", "workflows", "list").json())
                .contains("page-a"));
        assertEquals(List.of("page-a"), names(cli.runAs("pager", "-f", "json", "workflows",
                "list", "--archived-only").json()));
        assertEquals(5, cli.runAs("pager", "-f", "json", "workflows", "list",
                "--include-archived").json().size());
        JsonNode unarchive = cli.runAs("pager", "-f", "json", "workflows", "archive", "false",
                "" + archived).json();
        assertEquals("success", unarchive.path("status").asText());
        assertEquals(archived, unarchive.path("updated_workflows").get(0).asLong());
        assertFalse(unarchive.path("is_archived").asBoolean());
        assertEquals(1, cli.runAs("pager", "workflows", "archive", "maybe", "" + archived).code());
    }

    @Test
    void new_get_and_update_round_trip() {
        TestCli.Result created = cli.runAs("editor", "-f", "json", "workflows", "new", "-n", "fresh",
                "-d", "first version");
        assertEquals(0, created.code(), created.toString());
        long id = created.json().path("id").asLong();
        assertEquals("editor", created.json().path("user").asText());
        TestCli.Result get = cli.runAs("editor", "workflows", "get", "" + id);
        assertTrue(get.out().startsWith("Workflow ID " + id + ":\n  Name: fresh\n  User: editor\n"
                + "  Description: first version\n"), get.out());
        TestCli.Result updated = cli.runAs("editor", "workflows", "update", "" + id, "-n", "renamed",
                "--description", "second version");
        assertEquals(0, updated.code(), updated.toString());
        assertEquals("Successfully updated workflow:\n  ID: " + id + "\n  Name: renamed\n"
                + "  User: editor\n  Description: second version\n", updated.out());
        JsonNode after = cli.runAs("editor", "-f", "json", "workflows", "get").json();
        assertEquals("renamed", after.path("name").asText(), "the only workflow is selected");
    }

    @Test
    void an_omitted_id_needs_exactly_one_workflow() {
        TestCli.Result none = cli.runAs("no-workflows", "workflows", "status");
        assertEquals(1, none.code());
        assertEquals("Error: No workflows found for user: no-workflows\n", none.err());
        cli.workflow("one", "two-workflows");
        cli.workflow("two", "two-workflows");
        TestCli.Result two = cli.runAs("two-workflows", "workflows", "status");
        assertEquals(1, two.code());
        assertTrue(two.err().contains("has 2 workflows; give the workflow ID"), two.toString());
    }

    @Test
    void delete_refuses_other_users_workflows_and_fails_only_when_nothing_was_deleted() {
        long mine = cli.workflow("deletable", "deleter");
        long theirs = cli.workflow("protected", "owner");
        TestCli.Result refused = cli.runAs("deleter", "workflows", "delete", "" + theirs,
                "--no-prompts");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("Cannot delete workflow owned by user 'owner' (you are "
                + "'deleter')."), refused.toString());
        assertEquals(200, status(theirs));

        TestCli.Result mixed = cli.runAs("deleter", "-f", "json", "workflows", "delete", "" + mine,
                "" + theirs, "--no-prompts");
        assertEquals(0, mixed.code(), mixed.toString());
        assertEquals(1, mixed.json().size());
        assertEquals(mine, mixed.json().get(0).path("id").asLong());
        assertEquals(404, status(mine));
        assertEquals(200, status(theirs));
        TestCli.Result missing = cli.runAs("deleter", "workflows", "delete", "999999",
                "--no-prompts");
        assertEquals(1, missing.code());
    }

    @Test
    void delete_asks_first_and_does_nothing_without_a_yes() {
        long id = cli.workflow("kept", "asker");
        TestCli.Result r = cli.runAs("asker", "workflows", "delete", "" + id);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Are you sure you want to delete this workflow? (y/N): "));
        assertTrue(r.out().contains("Deletion cancelled for workflow " + id + "."));
        assertEquals(200, status(id));
        TestCli.Result no = cli.runWithInput("n\n", "asker", "workflows", "delete", "" + id);
        assertTrue(no.out().contains("Deletion cancelled"), no.toString());
        assertEquals(200, status(id));
        TestCli.Result yes = cli.runWithInput("y\n", "asker", "workflows", "delete", "" + id);
        assertEquals(0, yes.code(), yes.toString());
        assertTrue(yes.out().contains("  - 0 job(s)"), yes.out());
        assertTrue(yes.out().contains("Successfully deleted 1 workflow(s):"), yes.out());
        assertEquals(404, status(id));
    }

    private int status(long workflowId) {
        try {
            cli.api().get("/workflows/" + workflowId);
            return 200;
        } catch (org.torc.client.api.ApiError e) {
            return e.status();
        }
    }

    @Test
    void status_cancel_and_is_complete() {
        long id = cli.workflow("lifecycle", "canceler");
        JsonNode status = cli.runAs("canceler", "-f", "json", "workflows", "status", "" + id).json();
        assertEquals(0, status.path("run_id").asLong());
        assertFalse(status.path("is_canceled").asBoolean());
        TestCli.Result complete = cli.runAs("canceler", "workflows", "is-complete", "" + id);
        assertEquals("Workflow " + id + " completion status:\n  Is Complete: true\n"
                + "  Is Canceled: false\n", complete.out());
        TestCli.Result cancel = cli.runAs("canceler", "workflows", "cancel", "" + id);
        assertEquals(0, cancel.code());
        assertEquals("Successfully canceled workflow " + id + "\n", cancel.err());
        assertTrue(cli.runAs("canceler", "-f", "json", "workflows", "is-complete", "" + id).json()
                .path("is_canceled").asBoolean());
        assertTrue(cli.runAs("canceler", "workflows", "status", "" + id).out()
                .contains("  Is Canceled: true\n"));
    }

    @Test
    void reset_status_resets_failed_jobs_and_reports_each_step() {
        long id = cli.workflow("resettable", "resetter");
        long job = cli.api().post("/jobs", Map.of("workflow_id", id, "name", "j", "command", "true"))
                .path("id").asLong();
        cli.api().post("/workflows/" + id + "/initialize_jobs", null);
        assertEquals("ready", cli.api().get("/jobs/" + job).path("status").asText());
        TestCli.Result r = cli.runAs("resetter", "-f", "json", "workflows", "reset-status",
                "" + id, "--no-prompts");
        assertEquals(0, r.code(), r.toString());
        JsonNode o = r.json();
        assertEquals("success", o.path("status").asText());
        assertTrue(o.path("operations").path("workflow_reset").asBoolean());
        assertTrue(o.path("operations").path("job_reset").asBoolean());
        assertTrue(o.path("operations").path("reinitialize").isNull());
        assertEquals(2, o.path("messages").size());
        assertEquals("uninitialized", cli.api().get("/jobs/" + job).path("status").asText());

        TestCli.Result table = cli.runAs("resetter", "workflows", "reset-status", "" + id,
                "--failed-only", "-r", "--no-prompts");
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.err().contains("Successfully reset failed job status for workflow " + id));
        assertTrue(table.err().contains("Successfully reinitialized workflow " + id));
        assertEquals("ready", cli.api().get("/jobs/" + job).path("status").asText());
    }

    @Test
    void list_actions_shows_progress_and_status() {
        long id = cli.workflow("actions", "actor");
        TestCli.Result none = cli.runAs("actor", "workflows", "list-actions", "" + id);
        assertEquals("No workflow actions found for workflow " + id + "\n", none.out());
        cli.api().post("/workflows/" + id + "/actions", Map.of("workflow_id", id,
                "trigger_type", "on_workflow_start", "action_type", "run_commands",
                "action_config", Map.of("commands", List.of("echo hi"))));
        TestCli.Result r = cli.runAs("actor", "workflows", "list-actions", "" + id);
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Workflow Actions for workflow " + id + ":\n\n╭"), r.out());
        assertTrue(r.out().contains("│ on_workflow_start │ run_commands │ 0/1"), r.out());
        assertTrue(r.out().contains("Waiting"));
        assertTrue(r.out().contains("(all jobs)"));
        assertTrue(r.out().contains("Total: 1 actions"));
        JsonNode json = cli.runAs("actor", "-f", "json", "workflows", "list-actions", "" + id)
                .json();
        assertEquals("run_commands", json.path("actions").get(0).path("action_type").asText());
    }

    @Test
    void export_and_import_recreate_the_workflow_under_new_ids() throws Exception {
        long id = cli.workflow("exported", "porter");
        long in = cli.api().post("/files", Map.of("workflow_id", id, "name", "in", "path",
                "in.txt")).path("id").asLong();
        long mid = cli.api().post("/files", Map.of("workflow_id", id, "name", "mid", "path",
                "mid.txt")).path("id").asLong();
        long ud = cli.api().post("/user_data", Map.of("workflow_id", id, "name", "params",
                "data", Map.of("k", 1))).path("id").asLong();
        long rr = cli.api().post("/resource_requirements", Map.of("workflow_id", id, "name",
                "big", "num_cpus", 4, "memory", "2g", "runtime", "PT1H")).path("id").asLong();
        long first = cli.api().post("/jobs", Map.of("workflow_id", id, "name", "first",
                "command", "echo 1", "input_file_ids", List.of(in), "output_file_ids",
                List.of(mid), "resource_requirements_id", rr)).path("id").asLong();
        long second = cli.api().post("/jobs", Map.of("workflow_id", id, "name", "second",
                "command", "echo 2", "depends_on_job_ids", List.of(first), "input_file_ids",
                List.of(mid), "input_user_data_ids", List.of(ud))).path("id").asLong();
        cli.api().post("/jobs", Map.of("workflow_id", id, "name", "third", "command", "echo 3",
                "depends_on_job_ids", List.of(second, first)));
        cli.api().post("/workflows/" + id + "/actions", Map.of("workflow_id", id,
                "trigger_type", "on_jobs_complete", "action_type", "run_commands",
                "action_config", Map.of("commands", List.of("echo done")), "job_ids",
                List.of(second)));
        cli.api().post("/events", Map.of("workflow_id", id, "data", Map.of("note", "hello")));
        long node = cli.api().post("/compute_nodes", Map.of("workflow_id", id, "hostname", "h",
                "pid", 1, "start_time", "2026-01-01T00:00:00Z", "num_cpus", 1, "memory_gb", 1.0,
                "num_gpus", 0, "num_nodes", 1, "compute_node_type", "local")).path("id").asLong();
        cli.api().post("/results", Map.of("workflow_id", id, "job_id", first, "run_id", 1,
                "compute_node_id", node, "return_code", 0, "exec_time_minutes", 0.5,
                "completion_time", "2026-01-01T00:01:00Z", "status", "completed"));

        Path file = cli.dir().resolve("export.json");
        TestCli.Result exported = cli.runAs("porter", "-f", "json", "workflows", "export", "" + id,
                "-o", file.toString(), "--include-results", "--include-events");
        assertEquals(0, exported.code(), exported.toString());
        assertEquals(3, exported.json().path("jobs").asInt());
        assertEquals(1, exported.json().path("results").asInt());
        JsonNode doc = org.torc.common.Json.parse(Files.readString(file));
        assertEquals("1.0", doc.path("export_version").asText());
        assertEquals(2, doc.path("resource_requirements").size(), "default plus big");

        TestCli.Result imported = cli.runAs("importer", "-f", "json", "workflows", "import",
                file.toString(), "--name", "copy");
        assertEquals(0, imported.code(), imported.toString());
        long copy = imported.json().path("workflow_id").asLong();
        assertNotEquals(id, copy);
        JsonNode wf = cli.api().get("/workflows/" + copy);
        assertEquals("copy", wf.path("name").asText());
        assertEquals("importer", wf.path("user").asText());

        Map<String, JsonNode> jobs = new TreeMap<>();
        cli.api().get("/jobs?workflow_id=" + copy + "&include_relationships=true").path("items")
                .forEach(j -> jobs.put(j.path("name").asText(), j));
        assertEquals(List.of("first", "second", "third"), new ArrayList<>(jobs.keySet()));
        Map<Long, String> jobNames = new HashMap<>();
        jobs.forEach((n, j) -> jobNames.put(j.path("id").asLong(), n));
        Map<Long, String> fileNames = new HashMap<>();
        cli.api().get("/files?workflow_id=" + copy).path("items")
                .forEach(f -> fileNames.put(f.path("id").asLong(), f.path("name").asText()));
        assertEquals("uninitialized", jobs.get("second").path("status").asText());
        assertEquals(List.of("first"), mapIds(jobs.get("second").path("depends_on_job_ids"),
                jobNames));
        assertEquals(List.of("first", "second"), mapIds(jobs.get("third")
                .path("depends_on_job_ids"), jobNames).stream().sorted().toList());
        assertEquals(List.of("in"), mapIds(jobs.get("first").path("input_file_ids"), fileNames));
        assertEquals(List.of("mid"), mapIds(jobs.get("second").path("input_file_ids"), fileNames));
        assertEquals("big", cli.api().get("/resource_requirements/" + jobs.get("first")
                .path("resource_requirements_id").asLong()).path("name").asText());
        assertEquals(1, jobs.get("second").path("input_user_data_ids").size());
        assertEquals(1, cli.api().get("/results?workflow_id=" + copy + "&all_runs=true")
                .path("total_count").asLong());
        assertEquals(1, cli.api().get("/events?workflow_id=" + copy).path("total_count")
                .asLong());
        JsonNode action = cli.api().get("/workflows/" + copy + "/actions").get(0);
        assertEquals(List.of("second"), mapIds(action.path("job_ids"), jobNames));

        TestCli.Result again = cli.runWithInput(Files.readString(file), "importer", "workflows",
                "import", "-", "--skip-results", "--skip-events");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.err().startsWith("Imported workflow 'exported' as ID "), again.toString());
        assertTrue(again.err().contains("(3 jobs, 2 files, status reset)"), again.toString());
    }

    private static List<String> mapIds(JsonNode ids, Map<Long, String> names) {
        List<String> out = new ArrayList<>();
        ids.forEach(i -> out.add(names.get(i.asLong())));
        return out;
    }

    @Test
    void a_failed_import_leaves_no_workflow_behind() throws Exception {
        Path file = cli.dir().resolve("broken-export.json");
        Files.writeString(file, """
                {"export_version": "1.0", "exported_at": "2026-01-01T00:00:00Z",
                 "workflow": {"id": 5, "name": "broken-import", "user": "x"},
                 "files": [], "user_data": [], "resource_requirements": [],
                 "slurm_schedulers": [], "local_schedulers": [], "failure_handlers": [],
                 "jobs": [{"id": 1, "workflow_id": 5, "name": "j", "command": "true",
                           "status": "completed", "resource_requirements_id": 77}],
                 "workflow_actions": [{"id": 1, "workflow_id": 5, "trigger_type": "bogus",
                                       "action_type": "run_commands",
                                       "action_config": {"commands": ["x"]}}]}
                """);
        TestCli.Result r = cli.runAs("breaker", "workflows", "import", file.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith("Error: API error while creating workflow action"),
                r.toString());
        assertEquals(0, cli.api().get("/workflows?name=broken-import").path("total_count").asLong());
    }
}
