package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code torc jobs ...} against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobCommandsTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    private long workflowWithJobs(String name, int n) {
        long id = cli.workflow(name, TestCli.USER);
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(Map.of("workflow_id", id, "name", String.format("job_%04d", i), "command",
                    "echo " + i));
        }
        cli.api().post("/bulk_jobs", Map.of("jobs", jobs));
        return id;
    }

    private static List<String> names(JsonNode jobs) {
        List<String> out = new ArrayList<>();
        jobs.forEach(j -> out.add(j.path("name").asText()));
        return out;
    }

    @Test
    void list_pages_through_every_job_of_a_large_workflow() {
        long id = workflowWithJobs("big", 2500);
        TestCli.Result json = cli.run("-f", "json", "jobs", "list", "" + id);
        assertEquals(0, json.code(), json.err());
        JsonNode jobs = json.json().path("jobs");
        assertEquals(2500, jobs.size());
        assertEquals("job_0000", jobs.get(0).path("name").asText());
        assertEquals("job_2499", jobs.get(2499).path("name").asText());
        TestCli.Result table = cli.run("jobs", "list", "" + id);
        List<String> lines = table.out().lines().toList();
        assertEquals("Jobs for workflow ID " + id + ":", lines.get(0));
        assertTrue(lines.get(2).matches("│ ID +│ Name +│ Status +│ Command +│"), lines.get(2));
        assertEquals("Total: 2500 jobs", lines.get(lines.size() - 1));
        assertEquals(2500 + 4 + 3, lines.size(), "title, 3 borders, header, rows, blank, total");
    }

    @Test
    void limit_offset_and_sorting_select_the_page() {
        long id = workflowWithJobs("paged", 30);
        assertEquals(List.of("job_0005", "job_0006", "job_0007"), names(cli.run("-f", "json",
                "jobs", "list", "" + id, "--offset", "5", "--limit", "3").json().path("jobs")));
        assertEquals(List.of("job_0029", "job_0028"), names(cli.run("-f", "json", "jobs", "list",
                "" + id, "--sort-by", "name", "--reverse-sort", "-l", "2").json().path("jobs")));
        TestCli.Result badSort = cli.run("jobs", "list", "" + id, "--sort-by", "nonsense");
        assertEquals(1, badSort.code());
        assertTrue(badSort.err().startsWith("Error: API error while listing jobs (status: "),
                badSort.toString());
    }

    @Test
    void status_filter_accepts_any_case_and_rejects_unknown_statuses() {
        long id = workflowWithJobs("statuses", 3);
        cli.api().post("/workflows/" + id + "/initialize_jobs", null);
        assertEquals(3, cli.run("-f", "json", "jobs", "list", "" + id, "-s", "READY").json()
                .path("jobs").size());
        assertEquals("No jobs found for workflow ID: " + id + "\n", cli.run("jobs", "list",
                "" + id, "--status", "failed").out());
        TestCli.Result bad = cli.run("jobs", "list", "" + id, "--status", "done");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("Invalid status: done. Valid values are: uninitialized,"));
        assertEquals(1, cli.run("jobs", "list", "" + id, "--status", "pending_failed").code());
    }

    @Test
    void create_get_and_update_a_job() {
        long id = cli.workflow("single-jobs", TestCli.USER);
        JsonNode first = cli.run("-f", "json", "jobs", "create", "" + id, "-n", "first", "-c",
                "echo 1").json();
        long a = first.path("id").asLong();
        assertTrue(first.has("scheduler_id") && first.get("scheduler_id").isNull(),
                "scheduler_id is always present: " + first);
        TestCli.Result second = cli.run("jobs", "create", "" + id, "--name", "second",
                "--command", "echo 2", "--blocking-job-ids", "" + a);
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("  Blocking job IDs: [" + a + "]\n"), second.out());
        TestCli.Result get = cli.run("jobs", "get", "" + a);
        assertEquals("Job ID " + a + ":\n  Name: first\n  Command: echo 1\n  Workflow ID: " + id
                + "\n  Status: uninitialized\n  Blocking job IDs: None\n  Input file IDs: None\n"
                + "  Output file IDs: None\n", get.out());
        JsonNode updated = cli.run("-f", "json", "jobs", "update", "" + a, "-n", "renamed").json();
        assertEquals("renamed", updated.path("name").asText());

        TestCli.Result runtime = cli.run("jobs", "update", "" + a, "--runtime", "PT2H");
        assertEquals(0, runtime.code(), runtime.toString());
        long rr = updated.path("resource_requirements_id").asLong();
        assertEquals("PT2H", cli.api().get("/resource_requirements/" + rr).path("runtime")
                .asText());

        cli.api().post("/workflows/" + id + "/initialize_jobs", null);
        TestCli.Result refused = cli.run("jobs", "update", "" + a, "-n", "too-late");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("uninitialized"), refused.toString());
    }

    @Test
    void delete_removes_nothing_unless_every_id_exists() {
        long id = workflowWithJobs("deletions", 3);
        JsonNode jobs = cli.api().get("/jobs?workflow_id=" + id).path("items");
        long a = jobs.get(0).path("id").asLong();
        long b = jobs.get(1).path("id").asLong();
        TestCli.Result missing = cli.run("-f", "json", "jobs", "delete", "" + a, "99999");
        assertEquals(1, missing.code());
        assertEquals(List.of(99999L), List.of(missing.json().path("missing_ids").get(0).asLong()));
        assertEquals(3, cli.api().get("/jobs?workflow_id=" + id).path("total_count").asLong());
        TestCli.Result deleted = cli.run("-f", "json", "jobs", "delete", "" + a, "" + b);
        assertEquals(0, deleted.code());
        assertEquals(2, deleted.json().path("jobs").size());
        assertEquals(1, cli.api().get("/jobs?workflow_id=" + id).path("total_count").asLong());
        TestCli.Result all = cli.run("-f", "json", "jobs", "delete-all", "" + id);
        assertEquals(1, all.json().path("count").asInt(), all.toString());
        assertEquals("No jobs found for workflow ID: " + id + "\n",
                cli.run("jobs", "delete-all", "" + id).out());
    }

    @Test
    void create_from_file_names_jobs_after_the_existing_ones() throws Exception {
        long id = workflowWithJobs("from-file", 2);
        Path file = cli.dir().resolve("commands.txt");
        Files.writeString(file, "# comment\necho one\n\n   echo two  \n#another\necho three\n");
        TestCli.Result r = cli.run("-f", "json", "jobs", "create-from-file", "" + id,
                file.toString(), "--cpus-per-job", "2", "--memory-per-job", "2g");
        assertEquals(0, r.code(), r.toString());
        assertEquals(3, r.json().path("jobs_created").asInt());
        JsonNode jobs = cli.api().get("/jobs?workflow_id=" + id + "&sort_by=id").path("items");
        assertEquals(List.of("job_0000", "job_0001", "job3", "job4", "job5"), names(jobs));
        assertEquals("echo two", jobs.get(3).path("command").asText());
        JsonNode rr = cli.api().get("/resource_requirements/" + jobs.get(2)
                .path("resource_requirements_id").asLong());
        assertTrue(rr.path("name").asText().startsWith("batch_jobs_req_"));
        assertEquals(2, rr.path("num_cpus").asInt());

        Path empty = cli.dir().resolve("empty.txt");
        Files.writeString(empty, "# nothing\n\n");
        TestCli.Result none = cli.run("jobs", "create-from-file", "" + id, empty.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("No valid commands found in file"));
    }

    @Test
    void list_resource_requirements_and_failure_handlers_join_jobs_to_their_records() {
        long id = cli.workflow("joined", TestCli.USER);
        long rr = cli.api().post("/resource_requirements", Map.of("workflow_id", id, "name",
                "gpu", "num_gpus", 1, "memory", "4g", "runtime", "PT1H")).path("id").asLong();
        long fh = cli.api().post("/failure_handlers", Map.of("workflow_id", id, "name", "retry",
                "rules", "[{\"exit_codes\":[1,2],\"max_retries\":2}]")).path("id").asLong();
        cli.api().post("/jobs", Map.of("workflow_id", id, "name", "trainer", "command", "train",
                "resource_requirements_id", rr, "failure_handler_id", fh));
        TestCli.Result table = cli.run("jobs", "list-resource-requirements", "" + id);
        assertTrue(table.out().contains("│ trainer  │ " + rr + "     │ gpu     │ 1    │ 1    │ 1     │ "
                + "4g     │ PT1H    │"), table.out());
        assertTrue(table.out().endsWith("Total: 1 jobs with resource requirements\n"));
        JsonNode json = cli.run("-f", "json", "jobs", "list-resource-requirements", "" + id).json();
        assertTrue(json.isArray());
        assertEquals("gpu", json.get(0).path("rr_name").asText());
        TestCli.Result handlers = cli.run("jobs", "list-failure-handlers", "" + id);
        assertTrue(handlers.out().contains("[1,2]: 2 retries"), handlers.out());
        JsonNode fhJson = cli.run("-f", "json", "jobs", "list-failure-handlers", "" + id).json();
        assertEquals("retry", fhJson.get(0).path("failure_handler_name").asText());
        assertFalse(fhJson.get(0).path("rules").asText().isEmpty());
    }
}
