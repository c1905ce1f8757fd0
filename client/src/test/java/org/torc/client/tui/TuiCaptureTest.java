package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;

/**
 * The seed scenario as the TUI shows it, written to {@code docs/tui-capture.txt} for the README:
 * the contention workflow's shape (5 stages x 1000 jobs, a barrier after each), stage 1 done,
 * stage 2 under way.
 */
class TuiCaptureTest {
    @TempDir
    Path dir;

    /** A fixed port when free, so the capture does not change from run to run. */
    private TorcServer fixedPortServer() {
        try {
            return TorcServer.start(ServerConfig.defaults(dir.resolve("torc.db")).withPort(18080)
                    .withHost("127.0.0.1"));
        } catch (RuntimeException busy) {
            return TorcServer.start(ServerConfig.defaults(dir.resolve("torc2.db")).withPort(0)
                    .withHost("127.0.0.1"));
        }
    }

    private static final Pattern CURSOR = Pattern.compile("(\\d+)/5005 ─┘");

    /** The table's cursor position from its footer ("1412/5005"), 0 while not shown. */
    private static int cursor(String screen) {
        Matcher m = CURSOR.matcher(screen);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Test
    void writes_a_text_capture_of_the_seed_scenario() throws Exception {
        try (TorcServer server = fixedPortServer()) {
            try (TuiHarness h = TuiHarness.start(server, dir.resolve("output"))) {
                SeedWorkflow wf = SeedWorkflow.create(h.api, "Database Contention Stress Test", 5,
                        1000);
                wf.complete(wf.stages.get(0));
                wf.complete(java.util.List.of(wf.barriers.get(0)));
                wf.complete(wf.stages.get(1).subList(0, 400));
                wf.start(wf.stages.get(1).subList(400, 408));
                h.loadNewest("Database Contention Stress Test");
                h.key(KeyType.ArrowRight);
                // Page down (each page fetched from the server as it is needed) to where stage 2
                // is under way: completed, running and ready jobs on one screen.
                long target = wf.stages.get(1).get(410);
                String runningRow = "│▸ " + target + " ";
                // Jobs are listed by id, so the row's position is its distance from the first id.
                int position = (int) (target - wf.stages.get(0).get(0) + 1);
                for (int i = 0; i < 300; i++) {
                    int at = cursor(h.screen());
                    if (at == position) {
                        break;
                    }
                    int gap = position - at;
                    h.key(gap >= 20 ? KeyType.PageDown : gap > 0 ? KeyType.ArrowDown
                            : gap <= -20 ? KeyType.PageUp : KeyType.ArrowUp);
                    // Each key waits for its redraw: keys typed ahead of a loaded machine's
                    // redraws would overshoot.
                    h.await("the cursor to move from row " + at, s -> cursor(s) != at,
                            Duration.ofSeconds(10));
                }
                String jobs = h.await("the counts of stage 1 done and stage 2 running",
                        s -> s.contains("█ completed 1401") && s.contains("▓ running 8")
                                && s.contains("▒ ready 592") && s.contains("░ blocked 3004")
                                && s.contains("Jobs 5005") && s.contains(runningRow)
                                && s.contains("Running") && !s.contains("loading"),
                        Duration.ofSeconds(20));
                h.key(KeyType.ReverseTab);
                String dag = h.await("the DAG", s -> s.contains("stage5_{0000..0999} ×1000"),
                        Duration.ofSeconds(20));
                assertTrue(dag.contains("stage2_{0000..0999} ×1000"), dag);
                String capture = "torc tui (120x40) on the seed scenario: 5 stages x 1000 jobs with "
                        + "a barrier after each, stage 1 done, stage 2 running.\n"
                        + "Written by TuiCaptureTest from Lanterna's virtual terminal.\n\n"
                        + "Jobs tab (the detail pane focused):\n\n" + jobs
                        + "\nDAG tab (parameterized siblings drawn as one node):\n\n" + dag;
                Path out = Path.of(System.getProperty("torc.repo.root", ".."))
                        .resolve("docs/tui-capture.txt");
                Files.createDirectories(out.getParent());
                Files.writeString(out, capture, StandardCharsets.UTF_8);
                System.out.println(capture);
            }
        }
    }
}
