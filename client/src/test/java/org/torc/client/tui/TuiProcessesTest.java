package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;

/** What the TUI starts: a local runner ({@code x}) and its own server ({@code --standalone}). */
class TuiProcessesTest {
    @TempDir
    Path dir;

    @Test
    void x_runs_the_workflow_locally_and_shows_the_runner_output() throws Exception {
        try (TuiHarness h = TuiHarness.start(dir)) {
            long wf = h.api.post("/workflows", Json.mapper().createObjectNode()
                    .put("name", "run-locally").put("user", "tester")).path("id").asLong();
            ObjectNode body = Json.mapper().createObjectNode();
            body.putArray("jobs")
                    .add(SeedWorkflow.job(wf, "hello", "echo hello-from-x", List.of()))
                    .add(SeedWorkflow.job(wf, "bye", "echo bye-from-x", List.of()));
            h.api.post("/bulk_jobs", body);
            h.selectNewest("run-locally");
            h.type("x");
            h.await("Run workflow 'run-locally' locally?");
            h.type("y");
            h.await("Running: run-locally");
            String s = h.await("the runner's end", t -> t.contains("[runner exited with code 0]"),
                    Duration.ofSeconds(90));
            System.out.println(s);
            assertTrue(s.contains("2 completed"), s);
            for (var job : h.api.get("/jobs?workflow_id=" + wf).path("items")) {
                assertEquals("completed", job.path("status").asText());
            }
            Path stdio = h.outputDir.resolve("job_stdio");
            try (var files = Files.list(stdio)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".o")),
                        "the runner wrote to the TUI's output directory");
            }
            h.type("q");
            h.await("the main screen", t -> t.contains("Workflows") && !t.contains("Running:"),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void standalone_starts_its_own_server_and_stops_it_on_quit() throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(120, 40));
        TorcApi initial = new TorcApi("http://localhost:0/torc-service/v1", "tester", null);
        TuiApp app = new TuiApp(new TerminalScreen(vt), initial, null, "tester",
                new TuiApp.Options(dir.resolve("output"), true, 0, dir.resolve("sa.db"), null),
                new OutputBuffer(100));
        Thread ui = new Thread(() -> {
            try {
                app.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        ui.start();
        Pattern url = Pattern.compile("● managed (http://localhost:\\d+/torc-service/v1)");
        String url0 = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (url0 == null && System.nanoTime() < deadline) {
            Matcher m = url.matcher(screen(vt));
            if (m.find()) {
                url0 = m.group(1);
            }
            Thread.sleep(20);
        }
        assertTrue(url0 != null, "the managed server shows in the server bar:\n" + screen(vt));
        TorcApi api = new TorcApi(url0, "tester", null);
        assertEquals("ok", api.get("/ping").path("status").asText());
        assertTrue(Files.exists(dir.resolve("sa.db")), "the --database file is used");
        vt.addInput(new KeyStroke('q', false, false));
        ui.join(10_000);
        assertFalse(ui.isAlive(), "q ends the TUI");
        assertThrows(ServerUnreachable.class, () -> api.get("/ping"), "the server stopped");
    }

    @Test
    void n_creates_a_workflow_from_the_typed_spec_path_through_the_spec_creator() throws Exception {
        Path spec = Files.writeString(dir.resolve("from-spec.yaml"), "name: from-spec\n");
        List<Path> asked = new java.util.ArrayList<>();
        SpecCreator creator = (api, path) -> {
            asked.add(path);
            return api.post("/workflows", Json.mapper().createObjectNode().put("name",
                    "from-spec").put("user", "tester")).path("id").asLong();
        };
        try (org.torc.server.TorcServer server = TuiHarness.server(dir);
                TuiHarness h = TuiHarness.start(server, new TorcApi(server.baseUrl(), "tester",
                        null), dir.resolve("output"), 120, 40, creator)) {
            h.await("Torc Management Console");
            h.type("n");
            h.await("Workflow spec file: _");
            h.type(spec.toString());
            h.key(com.googlecode.lanterna.input.KeyType.Enter);
            h.await("Workflow created with ID:");
            h.await("from-spec");
            assertEquals(List.of(spec), asked);
            h.type("n");
            h.type(dir.resolve("missing.yaml").toString());
            h.key(com.googlecode.lanterna.input.KeyType.Enter);
            h.await("File not found");
        }
    }

    private static String screen(DefaultVirtualTerminal vt) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < vt.getTerminalSize().getRows(); r++) {
            for (int c = 0; c < vt.getTerminalSize().getColumns(); c++) {
                sb.append(vt.getCharacter(c, r).getCharacterString());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
