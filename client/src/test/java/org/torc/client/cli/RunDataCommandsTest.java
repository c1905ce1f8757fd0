package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code results}, {@code events}, {@code compute-nodes} and {@code reports} against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunDataCommandsTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    /** A workflow with jobs ok (completed, after an earlier failed run), bad (failed) and waiting. */
    private record Ran(long workflow, long ok, long bad, long waiting, long node) {
    }

    private Ran ranWorkflow(String name) {
        long wf = cli.workflow(name, TestCli.USER);
        long ok = job(wf, "ok", List.of());
        long bad = job(wf, "bad", List.of());
        long waiting = job(wf, "waiting", List.of(bad));
        assertEquals(0, cli.run("workflows", "initialize", "" + wf, "--no-prompts").code());
        long node = cli.api().post("/compute_nodes", Map.of("workflow_id", wf, "hostname",
                "node1", "pid", 42, "start_time", "2026-01-01T00:00:00Z", "num_cpus", 4,
                "memory_gb", 8.0, "num_gpus", 0, "num_nodes", 1, "compute_node_type", "local"))
                .path("id").asLong();
        result(wf, ok, 0, node, 1, "2026-01-01T00:01:00Z", "failed");
        complete(wf, ok, "completed", 0, node, 1, "2026-01-01T00:02:00Z");
        complete(wf, bad, "failed", 3, node, 1, "2026-01-01T00:03:00Z");
        return new Ran(wf, ok, bad, waiting, node);
    }

    private long job(long wf, String name, List<Long> after) {
        return cli.api().post("/jobs", Map.of("workflow_id", wf, "name", name, "command", "true",
                "depends_on_job_ids", after)).path("id").asLong();
    }

    private void result(long wf, long job, long runId, long node, long rc, String at,
            String status) {
        cli.api().post("/results", resultBody(wf, job, runId, node, rc, at, status));
    }

    private static Map<String, Object> resultBody(long wf, long job, long runId, long node, long rc,
            String at, String status) {
        Map<String, Object> r = new HashMap<>(Map.of("workflow_id", wf, "job_id", job, "run_id",
                runId, "compute_node_id", node, "return_code", rc, "exec_time_minutes", 0.5,
                "completion_time", at, "status", status));
        r.put("peak_memory_bytes", 3L * 1024 * 1024 * 1024 / 2);
        r.put("peak_cpu_percent", 87.25);
        return r;
    }

    private void complete(long wf, long job, String status, long rc, long node, long runId,
            String at) {
        cli.api().post("/jobs/" + job + "/complete_job/" + status + "/" + runId,
                resultBody(wf, job, runId, node, rc, at, status));
    }

    private static List<Long> jobIds(JsonNode results) {
        List<Long> out = new ArrayList<>();
        results.forEach(r -> out.add(r.path("job_id").asLong()));
        out.sort(null);
        return out;
    }

    @Test
    void results_show_current_results_and_filter_failures_on_the_client() {
        Ran ran = ranWorkflow("results");
        JsonNode current = cli.run("-f", "json", "results", "list", "" + ran.workflow()).json()
                .path("results");
        assertEquals(List.of(ran.ok(), ran.bad()), jobIds(current));
        assertEquals(3, cli.run("-f", "json", "results", "list", "" + ran.workflow(),
                "--all-runs").json().path("results").size());
        assertEquals(List.of(ran.bad()), jobIds(cli.run("-f", "json", "results", "list",
                "" + ran.workflow(), "--failed").json().path("results")));
        assertEquals(List.of(ran.ok(), ran.bad()), jobIds(cli.run("-f", "json", "results", "list",
                "" + ran.workflow(), "--failed", "--all-runs").json().path("results")));
        assertEquals(List.of(ran.ok()), jobIds(cli.run("-f", "json", "results", "list",
                "" + ran.workflow(), "-j", "" + ran.ok(), "--all-runs", "-r", "0").json()
                .path("results")));

        TestCli.Result table = cli.run("results", "list", "" + ran.workflow());
        List<String> lines = table.out().lines().toList();
        assertEquals("Results for workflow ID " + ran.workflow() + ":", lines.get(0));
        assertTrue(lines.get(2).matches("│ ID +│ Job ID +│ Job Name +│ WF ID +│ Run ID +│ Attempt +│ "
                + "Return Code +│ Exec Time +│ Peak Mem +│ Peak CPU % +│ Completion Time +│ Status +│"),
                lines.get(2));
        assertTrue(table.out().contains("│ bad      │"), table.out());
        assertTrue(table.out().contains("│ 0.50      │ 1.50GB   │ 87.3%      │"), table.out());
        assertTrue(table.out().contains("│ Completed │") && table.out().contains("│ Failed    │"),
                table.out());
        assertEquals("Total: 2 results", lines.get(lines.size() - 1));

        long resultId = current.get(0).path("id").asLong();
        TestCli.Result get = cli.run("results", "get", "" + resultId);
        assertTrue(get.out().contains("  Execution Time (minutes): 0.50\n"), get.out());
        assertTrue(get.out().contains("    Peak Memory: 1.50GB\n"), get.out());
        assertEquals(0, cli.run("results", "delete", "" + resultId).code());
        assertEquals(1, cli.run("results", "get", "" + resultId).code());
    }

    @Test
    void events_carry_millisecond_timestamps_and_a_readable_form() {
        long wf = cli.workflow("events", TestCli.USER);
        JsonNode created = cli.run("-f", "json", "events", "create", "" + wf, "--data",
                "{\"category\":\"note\",\"k\":1}").json();
        long ts = created.path("timestamp").asLong();
        assertTrue(created.path("timestamp").isIntegralNumber());
        assertTrue(ts > 1_577_836_800_000L && ts < 4_102_444_800_000L, "ms between 2020 and 2100");
        assertTrue(created.path("timestamp_formatted").asText()
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
        cli.run("events", "create", "" + wf, "-d", "{\"category\":\"other\",\"severity\":\"error\"}");
        JsonNode list = cli.run("-f", "json", "events", "list", "" + wf).json().path("events");
        assertEquals(2, list.size());
        assertEquals(1, cli.run("-f", "json", "events", "list", "" + wf, "--category", "note")
                .json().path("events").size());
        TestCli.Result table = cli.run("events", "list", "" + wf, "-s", "id", "-r");
        assertTrue(table.out().contains("│ error │ other      │"), table.out());
        assertTrue(table.out().indexOf("other") < table.out().indexOf("note"), "newest first");
        JsonNode latest = cli.run("-f", "json", "events", "get-latest-event", "" + wf).json();
        assertEquals("other", latest.path("data").path("category").asText());
        assertEquals(0, cli.run("events", "delete", "" + latest.path("id").asLong()).code());
        assertEquals(1, cli.run("-f", "json", "events", "list", "" + wf).json().path("events")
                .size());
        assertEquals(1, cli.run("events", "create", "" + wf, "-d", "nope").code());
    }

    @Test
    void events_monitor_prints_live_events_until_its_duration_ends() throws Exception {
        long wf = cli.workflow("monitored", TestCli.USER);
        Path log = cli.dir().resolve("monitor.log");
        AtomicReference<TestCli.Result> result = new AtomicReference<>();
        Thread monitor = new Thread(() -> result.set(cli.run("events", "monitor", "" + wf,
                "--duration", "0.1", "--filename", log.toString())));
        monitor.start();
        while (monitor.isAlive()) {
            cli.api().post("/compute_nodes", Map.of("workflow_id", wf, "hostname", "live",
                    "pid", 7, "start_time", "2026-01-01T00:00:00Z", "num_cpus", 1, "memory_gb", 1.0,
                    "num_gpus", 0, "num_nodes", 1, "compute_node_type", "local"));
            monitor.join(500);
        }
        TestCli.Result r = result.get();
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("Monitoring events for workflow " + wf + " via SSE"), r.err());
        assertTrue(r.out().contains("] [info] compute_node_started: "), r.out());
        assertTrue(r.out().trim().endsWith("Monitoring duration completed."), r.out());
        String logged = Files.readString(log);
        assertTrue(logged.contains("compute_node_started"), logged);
        TestCli.Result missing = cli.run("events", "monitor", "987654", "-d", "0.01");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("status: 404"), missing.toString());
    }

    @Test
    void compute_nodes_list_and_get() {
        Ran ran = ranWorkflow("nodes");
        TestCli.Result table = cli.run("compute-nodes", "list", "" + ran.workflow());
        assertTrue(table.out().startsWith("╭"), "no title, as torc: " + table.out());
        assertTrue(table.out().contains("│ node1    │ 42  │ 4    │ 8.00        │ 0    │ Yes    │"),
                table.out());
        assertTrue(table.out().endsWith("Total: 1 compute nodes\n"));
        assertEquals(1, cli.run("-f", "json", "compute-nodes", "list", "" + ran.workflow()).json()
                .path("compute_nodes").size());
        TestCli.Result get = cli.run("compute-nodes", "get", "" + ran.node());
        assertTrue(get.out().contains("  Memory: 8.00 GB\n  GPUs: 0\n  Active: Yes\n"), get.out());
    }

    @Test
    void summary_counts_statuses_and_names_the_failed_jobs() {
        Ran ran = ranWorkflow("summary");
        JsonNode s = cli.run("-f", "json", "reports", "summary", "" + ran.workflow()).json();
        assertEquals(3, s.path("total_jobs").asInt());
        assertEquals(1, s.path("jobs_by_status").path("completed").asInt());
        assertEquals(1, s.path("jobs_by_status").path("failed").asInt());
        assertEquals(1, s.path("run_id").asInt());
        assertEquals(ran.bad(), s.path("failed_jobs").get(0).path("id").asLong());
        assertEquals(3, s.path("failed_jobs").get(0).path("return_code").asInt());
        TestCli.Result table = cli.run("reports", "summary", "" + ran.workflow());
        assertTrue(table.out().startsWith("Workflow Summary\n================\n"), table.out());
        assertTrue(table.out().contains("Run ID: 1\n"));
        assertTrue(table.out().contains("  Completed:     1 ✓\n"), table.out());
        assertTrue(table.out().contains("  Failed:        1 ✗\n"), table.out());
        assertTrue(table.out().contains("Failed Jobs:\n  " + ran.bad() + "  bad (return code 3)"),
                table.out());
    }

    @Test
    void results_report_points_at_each_jobs_log_files() throws Exception {
        Ran ran = ranWorkflow("report");
        Path out = cli.dir().resolve("report-output");
        Path stdout = out.resolve("job_stdio/job_wf" + ran.workflow() + "_j" + ran.ok()
                + "_r1_a1.o");
        Files.createDirectories(stdout.getParent());
        Files.writeString(stdout, "hello\n");
        TestCli.Result r = cli.run("reports", "results", "" + ran.workflow(), "-o", out.toString());
        assertEquals(0, r.code(), r.toString());
        JsonNode report = r.json();
        assertEquals(2, report.path("total_results").asInt());
        JsonNode ok = null;
        for (JsonNode rec : report.path("results")) {
            if (rec.path("job_id").asLong() == ran.ok()) {
                ok = rec;
            }
        }
        assertEquals(stdout.toString(), ok.path("job_stdout").asText());
        assertEquals(out + "/job_stdio/job_wf" + ran.workflow() + "_j" + ran.ok() + "_r1_a1.e",
                ok.path("job_stderr").asText());
        assertEquals(out + "/job_runner_node1_wf" + ran.workflow() + "_r1.log",
                ok.path("job_runner_log").asText());
        assertEquals("Completed", ok.path("status").asText());
        assertEquals("local", ok.path("compute_node_type").asText());
        assertFalse(r.err().contains(stdout.toString()), "no warning for a file that exists");
        assertTrue(r.err().contains("job stderr log file does not exist for job " + ran.ok()));

        TestCli.Result noDir = cli.run("reports", "results", "" + ran.workflow(), "-o",
                out.resolve("missing").toString());
        assertEquals(1, noDir.code());
        assertTrue(noDir.err().startsWith("Error: Output directory does not exist: "));
    }
}
