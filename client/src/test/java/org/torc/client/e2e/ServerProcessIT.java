package org.torc.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.api.TorcApi;

/** The packaged torc-server as users run it. */
class ServerProcessIT {
    @TempDir
    Path dir;

    @Test
    void records_survive_a_clean_restart_on_the_same_database() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir)) {
            TorcApi api = new TorcApi(server.url(), "tester", null);
            long wf = Api.workflow(api, "kept", 0);
            List<Long> ids = Api.createJobs(api, List.of(Api.job(wf, "a", "true", List.of()),
                    Api.job(wf, "b", "true", List.of())));
            api.post("/files", Api.obj().put("workflow_id", wf).put("name", "f").put("path", "f.txt"));
            server.close(); // SIGTERM: a clean shutdown
            server.restart();
            assertEquals("kept", api.get("/workflows/" + wf).path("name").asText());
            assertEquals(2, api.get("/jobs?workflow_id=" + wf).path("total_count").asLong());
            assertEquals("b", api.get("/jobs/" + ids.get(1)).path("name").asText());
            assertEquals(1, api.get("/files?workflow_id=" + wf).path("total_count").asLong());
            assertEquals(List.of(), server.errorLines());
        }
    }

    @Test
    void database_url_creates_missing_folders_and_a_bad_path_is_a_one_line_error() throws Exception {
        Path db = dir.resolve("nested/folder/dev.db");
        Path log = dir.resolve("env-server.log");
        ProcessBuilder pb = new ProcessBuilder(Processes.java(), "-jar",
                Processes.serverJar().toString(), "run", "-p", "0", "-u", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATABASE_URL", "sqlite:" + db);
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(db) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(db), "database created under a new folder: " + Files.readString(log));

        Process bad = new ProcessBuilder(Processes.java(), "-jar", Processes.serverJar().toString(),
                "run", "-p", "0", "-d", "/proc/no/such/place/x.db").redirectErrorStream(true).start();
        String out = new String(bad.getInputStream().readAllBytes());
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, bad.exitValue());
        List<String> errorLines = out.lines().filter(l -> l.startsWith("Error:")).toList();
        assertEquals(1, errorLines.size(), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
    }
}
