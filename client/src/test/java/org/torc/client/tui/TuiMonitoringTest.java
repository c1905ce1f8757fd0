package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.server.TorcServer;

/**
 * The TUI on a virtual terminal against a real server (in this process, temporary database):
 * what it shows of a running workflow, how it follows it, and that it stays responsive.
 */
class TuiMonitoringTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static TorcServer server;

    @BeforeAll
    static void startServer() {
        server = TuiHarness.server(shared);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private TuiHarness tui() throws Exception {
        return TuiHarness.start(server, dir.resolve("output"));
    }

    @Test
    void shows_the_workflow_and_its_status_counts_change_as_jobs_complete() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "counts-change", 5, 20);
            h.loadNewest("counts-change");
            String s = h.await("▒ ready 20");
            assertTrue(s.contains("░ blocked 85"), s);
            assertTrue(s.contains("Jobs 105"), s);
            wf.complete(wf.stages.get(0).subList(0, 5));
            s = h.await("█ completed 5");
            assertTrue(s.contains("▒ ready 15"), s);
            wf.complete(wf.stages.get(0).subList(5, 20));
            h.await("stage 1 done and its barrier ready",
                    t -> t.contains("█ completed 20") && t.contains("▒ ready 1 "),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void l_opens_the_log_viewer_on_the_files_the_runner_writes() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "log-viewer", 1, 3);
            long job = wf.stages.get(0).get(0);
            wf.complete(List.of(job));
            Path stdio = h.outputDir.resolve("job_stdio");
            Files.createDirectories(stdio);
            String base = "job_wf" + wf.id + "_j" + job + "_r" + wf.runId() + "_a1";
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                out.add("stdout line " + i);
            }
            Files.write(stdio.resolve(base + ".o"), out);
            Files.writeString(stdio.resolve(base + ".e"), "warning: something on stderr\n");

            h.loadNewest("log-viewer");
            h.key(KeyType.ArrowRight);
            h.await("Enter: details  l: logs");
            h.type("l");
            String s = h.await("stdout line 1");
            assertTrue(s.contains("Logs: stage1_0000"), s);
            assertTrue(s.contains(base + ".o"), s);
            h.type("G");
            h.await("stdout line 100");
            h.type("/line 42");
            h.key(KeyType.Enter);
            h.await("the search jumped to line 42", t -> t.contains("   42  stdout line 42")
                    && !t.contains("stdout line 41\n"), Duration.ofSeconds(5));
            h.key(KeyType.Tab);
            h.await("warning: something on stderr");
            h.type("q");
            h.await("the main screen again", t -> !t.contains("Logs: stage1_0000")
                    && t.contains("Workflows"), Duration.ofSeconds(5));
        }
    }

    @Test
    void q_exits_cleanly_and_restores_the_terminal() throws Exception {
        try (TuiHarness h = tui()) {
            h.await("Torc Management Console");
            assertFalse(h.terminal.isCursorVisible(), "the TUI hides the cursor");
            h.type("q");
            h.join(Duration.ofSeconds(5));
            assertFalse(h.uiAlive(), "q ends the TUI");
            assertTrue(h.terminal.isCursorVisible(), "cursor restored");
            assertFalse(h.screen().contains("Torc"), "back on the normal screen:\n" + h.screen());
        }
    }

    @Test
    void answers_keys_within_200_ms_while_a_workflow_runs() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "latency", 5, 200);
            h.loadNewest("latency");
            h.key(KeyType.ArrowRight);
            h.await("Enter: details  l: logs");
            AtomicBoolean running = new AtomicBoolean(true);
            Thread runner = new Thread(() -> {
                // Jobs keep completing (and events streaming) while keys are pressed.
                List<Long> jobs = wf.stages.get(0);
                for (int i = 0; running.get() && i + 5 <= jobs.size(); i += 5) {
                    wf.complete(jobs.subList(i, i + 5));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            runner.start();
            List<Double> ms = new ArrayList<>();
            try {
                for (int k = 1; k <= 30; k++) {
                    long expected = wf.stages.get(0).get(k);
                    Pattern selected = Pattern.compile("│▸ " + expected + " ");
                    long t0 = System.nanoTime();
                    h.key(KeyType.ArrowDown);
                    h.await("row " + k + " selected", t -> selected.matcher(t).find(),
                            Duration.ofSeconds(5));
                    ms.add((System.nanoTime() - t0) / 1e6);
                }
            } finally {
                running.set(false);
                runner.join();
            }
            Collections.sort(ms);
            double median = ms.get(ms.size() / 2);
            double max = ms.get(ms.size() - 1);
            System.out.printf("TUI key-to-redraw latency while jobs complete: median %.1f ms, "
                    + "p90 %.1f ms, max %.1f ms over %d keys%n", median,
                    ms.get(ms.size() * 9 / 10), max, ms.size());
            assertTrue(max < 1000, "a key took " + max + " ms");
        }
    }

    @Test
    void events_tab_follows_the_sse_stream_newest_first() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "events", 1, 5);
            h.loadNewest("events");
            h.key(KeyType.Tab);
            h.key(KeyType.Tab);
            h.await("[SSE Live]");
            wf.complete(wf.stages.get(0).subList(0, 3));
            String s = h.await("three completions", t -> t.contains("stage1_0002")
                    && t.contains("stage1_0000"), Duration.ofSeconds(10));
            assertTrue(s.indexOf("stage1_0002") < s.indexOf("stage1_0001")
                    && s.indexOf("stage1_0001") < s.indexOf("stage1_0000"), "newest first:\n" + s);
            assertTrue(s.contains("job_completed"), s);
            assertTrue(s.contains("Events (3)"), s);
        }
    }

    @Test
    void jobs_table_pages_through_the_server_list_instead_of_loading_it() throws Exception {
        CountingApi api = new CountingApi(server.baseUrl());
        try (TuiHarness h = TuiHarness.start(server, api, dir.resolve("output"), 120, 40)) {
            SeedWorkflow.create(h.api, "paging", 5, 200);
            h.loadNewest("paging");
            h.key(KeyType.ArrowRight);
            h.key(KeyType.End);
            String s = h.await("workflow_complete");
            assertTrue(s.contains("1005/1005"), s);
            h.key(KeyType.Home);
            h.await("stage1_0000");
            long rowsRead = 0;
            for (String p : api.paths()) {
                if (p.startsWith("GET /jobs?")) {
                    Matcher m = Pattern.compile("limit=(\\d+)").matcher(p);
                    assertTrue(m.find(), "every job list request is paged: " + p);
                    long limit = Long.parseLong(m.group(1));
                    assertTrue(limit <= 120, "a page, not the list: " + p);
                    rowsRead += limit;
                }
            }
            assertTrue(rowsRead < 1005, "read " + rowsRead + " rows of 1005");
        }
    }

    @Test
    void refreshes_at_most_once_a_second_reading_counts_and_the_visible_page() throws Exception {
        CountingApi api = new CountingApi(server.baseUrl());
        try (TuiHarness h = TuiHarness.start(server, api, dir.resolve("output"), 120, 40)) {
            SeedWorkflow.create(h.api, "refresh-rate", 5, 100);
            h.loadNewest("refresh-rate");
            h.await("▒ ready 100");
            Thread.sleep(1200);
            api.clear();
            Thread.sleep(3000);
            List<String> paths = api.paths();
            long lists = paths.stream().filter(p -> p.startsWith("GET /workflows?")).count();
            long counts = paths.stream().filter(p -> p.contains("status=completed&limit=0"))
                    .count();
            long pages = paths.stream().filter(p -> p.startsWith("GET /jobs?")
                    && !p.contains("limit=0")).count();
            System.out.println("Requests in 3 s of auto-refresh: " + paths.size() + " (" + lists
                    + " workflow lists, " + counts + " count passes, " + pages + " job pages)");
            assertTrue(lists >= 2 && lists <= 4, "workflow list reads: " + lists);
            assertTrue(counts <= 4, "count passes: " + counts);
            assertTrue(pages <= 4, "job pages: " + pages);
            assertFalse(paths.stream().anyMatch(p -> p.contains("/jobs?") && !p.contains("limit=")),
                    "never an unpaged job list: " + paths);
        }
    }

    @Test
    void dag_tab_draws_parameterized_siblings_as_one_node() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "dag", 5, 20);
            wf.complete(wf.stages.get(0));
            h.loadNewest("dag");
            h.key(KeyType.ReverseTab);
            String s = h.await("stage1_{0000..0019} ×20");
            assertTrue(s.contains("█ 20 completed"), s);
            assertTrue(s.contains("barrier_stage1_complete (id: " + wf.barriers.get(0) + ")"), s);
            assertTrue(s.contains("stage2_{0000..0019} ×20"), s);
            assertTrue(s.contains("← barrier_stage1_complete"), s);
            assertFalse(s.contains("stage1_0005"), "siblings are not drawn one by one:\n" + s);
        }
    }

    @Test
    void destructive_actions_ask_first() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "to-delete", 1, 2);
            h.selectNewest("to-delete");
            h.type("d");
            h.await("DELETE workflow 'to-delete'?");
            h.type("n");
            h.await("dialog closed", t -> !t.contains("DELETE workflow"), Duration.ofSeconds(5));
            assertEquals("to-delete", h.api.get("/workflows/" + wf.id).path("name").asText());
            h.type("d");
            h.await("DELETE workflow 'to-delete'?");
            h.type("y");
            h.await("Workflow 'to-delete' deleted");
            h.await("list without it", t -> !t.contains("to-delete  "), Duration.ofSeconds(5));
        }
    }

    @Test
    void c_and_y_cancel_and_retry_the_selected_job_after_confirmation() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow wf = SeedWorkflow.create(h.api, "job-actions", 1, 3);
            long job = wf.stages.get(0).get(0);
            h.loadNewest("job-actions");
            h.key(KeyType.ArrowRight);
            h.await("Enter: details  l: logs");
            h.type("c");
            h.await("Cancel job 'stage1_0000'?");
            h.type("y");
            h.await("Job 'stage1_0000' canceled");
            assertEquals("canceled", wf.status(job));
            h.await("% canceled 1");
            h.type("y");
            h.await("Retry job 'stage1_0000'?");
            h.type("y");
            h.await("Job 'stage1_0000' queued for retry");
            assertEquals("ready", wf.status(job));
        }
    }

    @Test
    void f_filters_jobs_and_w_and_a_change_whose_workflows_are_listed() throws Exception {
        try (TuiHarness h = tui()) {
            SeedWorkflow.create(h.api, "filters", 5, 20);
            h.loadNewest("filters");
            h.key(KeyType.ArrowRight);
            h.type("f");
            h.await("Filter by Status: _");
            h.type("blocked");
            h.key(KeyType.Enter);
            String s = h.await("[filter: Status contains 'blocked']");
            s = h.await("the blocked jobs", t -> t.contains("Jobs (85)"), Duration.ofSeconds(10));
            assertFalse(s.contains(" Ready "), s);
            h.type("f");
            h.key(KeyType.Tab);
            h.await("Filter by Name: _");
            h.type("complete");
            h.key(KeyType.Enter);
            s = h.await("the barriers", t -> t.contains("Jobs (5)")
                    && t.contains("workflow_complete"), Duration.ofSeconds(10));
            assertTrue(s.contains("barrier_stage1_complete"), s);
            h.type("f");
            h.key(KeyType.Enter);
            h.await("all jobs again", t -> t.contains("Jobs (105)") && !t.contains("[filter:"),
                    Duration.ofSeconds(10));

            h.key(KeyType.ArrowLeft);
            h.type("w");
            h.await("User: tester_");
            for (int i = 0; i < 6; i++) {
                h.key(KeyType.Backspace);
            }
            h.type("nobody");
            h.key(KeyType.Enter);
            h.await("No workflows for user nobody");
            h.type("a");
            h.await("Current: all users");
            h.await("filters");
            h.type("?");
            h.await("Help (press q or Esc to close)");
            h.type("q");
            h.await("help closed", t -> !t.contains("Help (press q"), Duration.ofSeconds(5));
            assertTrue(h.uiAlive(), "q closes the popup, not the TUI");
        }
    }
}
