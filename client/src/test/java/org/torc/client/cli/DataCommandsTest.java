package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code files}, {@code user-data}, {@code resource-requirements}, {@code failure-handlers},
 * {@code job-dependencies} and {@code access-groups} against a real server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataCommandsTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    @Test
    void files_crud_with_torcs_table_and_json_shapes() {
        long wf = cli.workflow("files", TestCli.USER);
        JsonNode created = cli.run("-f", "json", "files", "create", "" + wf, "-n", "input", "-p",
                "data/in.csv").json();
        long id = created.path("id").asLong();
        assertEquals("data/in.csv", created.path("path").asText());
        cli.api().put("/files/" + id, Map.of("workflow_id", wf, "name", "input", "path",
                "data/in.csv", "st_mtime", 1700000000.5));
        TestCli.Result table = cli.run("files", "list", "" + wf);
        assertTrue(table.out().startsWith("Files for workflow ID " + wf + ":\n"), table.out());
        assertTrue(table.out().contains("│ ID │ Name  │ Path        │ Modified Time           │"),
                table.out());
        assertTrue(table.out().contains("│ input │ data/in.csv │ 2023-11-14 22:13:20 UTC │"),
                table.out());
        assertTrue(table.out().endsWith("\nTotal: 1 files\n"));
        assertEquals(1, cli.run("-f", "json", "files", "list", "" + wf).json().path("files")
                .size());
        TestCli.Result updated = cli.run("files", "update", "" + id, "-p", "data/other.csv");
        assertTrue(updated.out().contains("  Path: data/other.csv\n"), updated.out());
        assertEquals("File ID " + id + ":\n  Name: input\n  Path: data/other.csv\n  Workflow ID: "
                + wf + "\n", cli.run("files", "get", "" + id).out());

        TestCli.Result required = cli.run("files", "list-required-existing", "" + wf);
        assertEquals(0, required.code(), required.toString());
        assertTrue(required.out().startsWith("No missing required files"), required.out());
        cli.api().post("/jobs", Map.of("workflow_id", wf, "name", "reader", "command", "cat",
                "input_file_ids", List.of(id)));
        JsonNode requiredJson = cli.run("-f", "json", "files", "list-required-existing", "" + wf)
                .json();
        assertEquals(id, requiredJson.path("files").get(0).asLong());
        TestCli.Result producedBy = cli.run("files", "list", "" + wf, "--produced-by-job-id", "1");
        assertEquals("No files found for workflow ID: " + wf + "\n", producedBy.out());

        TestCli.Result removed = cli.run("files", "delete", "" + id);
        assertEquals(0, removed.code(), removed.toString());
        assertTrue(removed.out().startsWith("Successfully removed file:\n  ID: " + id));
    }

    @Test
    void user_data_lists_50_records_unless_asked_for_more() {
        long wf = cli.workflow("user-data", TestCli.USER);
        for (int i = 0; i < 60; i++) {
            cli.api().post("/user_data", Map.of("workflow_id", wf, "name", "ud" + i, "data",
                    Map.of("i", i)));
        }
        JsonNode defaultPage = cli.run("-f", "json", "user-data", "list", "" + wf).json();
        assertEquals(50, defaultPage.path("user_data").size());
        assertEquals(60, cli.run("-f", "json", "user-data", "list", "" + wf, "--limit", "100")
                .json().path("user_data").size());
        TestCli.Result table = cli.run("user-data", "list", "" + wf, "-l", "2", "-o", "10");
        assertTrue(table.out().contains("│ ud10 │ false     │ {\"i\":10}     │"), table.out());
        assertTrue(table.out().endsWith("Total: 2 user data records\n"), table.out());
        assertEquals(1, cli.run("-f", "json", "user-data", "list", "" + wf, "--name", "ud7").json()
                .path("user_data").size());
    }

    @Test
    void user_data_crud_and_missing_records() {
        long wf = cli.workflow("ud-crud", TestCli.USER);
        TestCli.Result bad = cli.run("user-data", "create", "" + wf, "-n", "x", "-d", "{not json");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("Error: Error parsing JSON data: "), bad.toString());
        JsonNode created = cli.run("-f", "json", "user-data", "create", "" + wf, "-n", "params",
                "--ephemeral").json();
        long id = created.path("id").asLong();
        assertTrue(created.path("is_ephemeral").asBoolean());
        long producer = cli.api().post("/jobs", Map.of("workflow_id", wf, "name", "producer",
                "command", "true", "output_user_data_ids", List.of(id))).path("id").asLong();
        cli.api().post("/jobs", Map.of("workflow_id", wf, "name", "consumer", "command", "true",
                "input_user_data_ids", List.of(id)));
        assertTrue(producer > 0);
        TestCli.Result missing = cli.run("user-data", "list-missing", "" + wf);
        assertEquals(0, missing.code(), missing.toString());
        JsonNode missingJson = cli.run("-f", "json", "user-data", "list-missing", "" + wf).json();
        assertTrue(missingJson.path("user_data").isArray(), missingJson.toString());
        JsonNode updated = cli.run("-f", "json", "user-data", "update", "" + id, "-d",
                "{\"lr\": 0.1}", "--ephemeral", "false").json();
        assertEquals(0.1, updated.path("data").path("lr").asDouble());
        assertFalse(updated.path("is_ephemeral").asBoolean());
        TestCli.Result get = cli.run("user-data", "get", "" + id);
        assertTrue(get.out().contains("  Is Ephemeral: Some(false)\n  Data: {\n  \"lr\": 0.1\n}"),
                get.out());
        assertEquals(0, cli.run("user-data", "delete", "" + id).code());
        TestCli.Result all = cli.run("-f", "json", "user-data", "delete-all", "" + wf);
        assertEquals("All user data deleted for workflow " + wf, all.json().path("message")
                .asText());
    }

    @Test
    void resource_requirements_crud_refuses_the_reserved_name() {
        long wf = cli.workflow("rr", TestCli.USER);
        TestCli.Result created = cli.run("resource-requirements", "create", "" + wf, "-n", "big",
                "--num-cpus", "8", "-m", "16g", "-r", "PT2H");
        assertEquals(0, created.code(), created.toString());
        assertTrue(created.out().contains("  Number of CPUs: 8\n"), created.out());
        TestCli.Result reserved = cli.run("resource-requirements", "create", "" + wf, "-n",
                "default");
        assertEquals(1, reserved.code());
        assertTrue(reserved.err().startsWith("Error: API error while creating resource "
                + "requirements (status: "), reserved.toString());
        JsonNode list = cli.run("-f", "json", "resource-requirements", "list", "" + wf).json();
        assertEquals(2, list.path("resource_requirements").size());
        long id = list.path("resource_requirements").get(1).path("id").asLong();
        JsonNode updated = cli.run("-f", "json", "resource-requirements", "update", "" + id,
                "--num-gpus", "2", "--runtime", "PT3H").json();
        assertEquals(2, updated.path("num_gpus").asInt());
        assertEquals("PT3H", updated.path("runtime").asText());
        TestCli.Result table = cli.run("resource-requirements", "list", "" + wf, "--sort-by",
                "name");
        assertTrue(table.out().indexOf("big") < table.out().indexOf("default"), table.out());
        TestCli.Result reversed = cli.run("resource-requirements", "list", "" + wf, "--sort-by",
                "name", "--reverse-sort");
        assertTrue(reversed.out().indexOf("default") < reversed.out().indexOf("big"),
                reversed.out());
        assertTrue(table.out().contains("│ ID │ Name    │ CPUs │ GPUs │ Nodes │ Memory │ Runtime │"),
                table.out());
        assertEquals(0, cli.run("resource-requirements", "delete", "" + id).code());
    }

    @Test
    void failure_handlers_summarize_their_rules() {
        long wf = cli.workflow("fh", TestCli.USER);
        long id = cli.api().post("/failure_handlers", Map.of("workflow_id", wf, "name", "oom",
                "rules", "[{\"exit_codes\":[137],\"max_retries\":2,\"recovery_script\":\"fix.sh\"},"
                        + "{\"exit_codes\":[1]}]")).path("id").asLong();
        TestCli.Result list = cli.run("failure-handlers", "list", "" + wf);
        assertTrue(list.out().contains("[137]: 2 retries+script; [1]: 3 retries"), list.out());
        TestCli.Result get = cli.run("failure-handlers", "get", "" + id);
        assertTrue(get.out().contains("    Rule 1:\n      Exit codes: [137]\n      Max retries: 2\n"
                + "      Recovery script: \"fix.sh\"\n    Rule 2:\n      Exit codes: [1]\n"),
                get.out());
        assertEquals("oom", cli.run("-f", "json", "failure-handlers", "list", "" + wf).json()
                .path("failure_handlers").get(0).path("name").asText());
    }

    @Test
    void job_dependencies_show_job_file_and_user_data_relationships() {
        long wf = cli.workflow("deps", TestCli.USER);
        long file = cli.api().post("/files", Map.of("workflow_id", wf, "name", "f", "path", "f"))
                .path("id").asLong();
        long a = cli.api().post("/jobs", Map.of("workflow_id", wf, "name", "a", "command", "true",
                "output_file_ids", List.of(file))).path("id").asLong();
        cli.api().post("/jobs", Map.of("workflow_id", wf, "name", "b", "command", "true",
                "depends_on_job_ids", List.of(a), "input_file_ids", List.of(file)));
        JsonNode page = cli.run("-f", "json", "job-dependencies", "job-job", "" + wf).json();
        assertEquals(1, page.path("total_count").asInt(), page.toString());
        assertEquals("a", page.path("items").get(0).path("depends_on_job_name").asText());
        TestCli.Result table = cli.run("job-dependencies", "job-file", "" + wf);
        assertTrue(table.out().contains("│ File ID │ File Name │ Producer Job ID │ Producer Job Name "
                + "│ Consumer Job ID │ Consumer Job Name │"), table.out());
        TestCli.Result none = cli.run("job-dependencies", "job-user-data", "" + wf);
        assertEquals("No job-user_data relationships found for workflow ID: " + wf + "\n",
                none.out());
    }

    @Test
    void access_groups_membership_and_sharing() {
        long wf = cli.workflow("shared", TestCli.USER);
        JsonNode group = cli.run("-f", "json", "access-groups", "create", "team", "-d",
                "the team").json();
        long g = group.path("id").asLong();
        assertEquals("team", group.path("name").asText());
        TestCli.Result add = cli.run("access-groups", "add-user", "" + g, "bob", "--role",
                "admin");
        assertEquals(0, add.code(), add.toString());
        assertEquals("Successfully added user to group:\n  User: bob\n  Group ID: " + g
                + "\n  Role: admin\n", add.out());
        TestCli.Result members = cli.run("access-groups", "list-members", "" + g);
        assertTrue(members.out().startsWith("Members of group " + g + ":\n"), members.out());
        assertTrue(members.out().contains("│ bob  │ admin │"), members.out());
        List<String> groupNames = new ArrayList<>();
        cli.run("-f", "json", "access-groups", "list").json().path("groups")
                .forEach(x -> groupNames.add(x.path("name").asText()));
        assertTrue(groupNames.contains("team"), groupNames.toString());
        assertEquals("team", cli.run("-f", "json", "access-groups", "list-user-groups", "bob")
                .json().path("groups").get(0).path("name").asText());
        assertEquals(0, cli.run("access-groups", "add-workflow", "" + wf, "" + g).code());
        TestCli.Result shared = cli.run("access-groups", "list-workflow-groups", "" + wf);
        assertTrue(shared.out().startsWith("Groups with access to workflow " + wf + ":\n"),
                shared.out());
        assertTrue(cli.run("-f", "json", "access-groups", "remove-workflow", "" + wf, "" + g)
                .json().path("success").asBoolean());
        assertEquals("Workflow " + wf + " is not associated with any groups\n",
                cli.run("access-groups", "list-workflow-groups", "" + wf).out());
        assertEquals("Successfully removed user 'bob' from group " + g + "\n",
                cli.run("access-groups", "remove-user", "" + g, "bob").out());
        assertEquals(0, cli.run("access-groups", "delete", "" + g).code());
        assertEquals(1, cli.run("access-groups", "get", "" + g).code());
    }
}
