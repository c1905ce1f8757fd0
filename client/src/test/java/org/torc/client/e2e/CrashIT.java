package org.torc.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.api.TorcApi;

/** Crashes lose nothing: kill -9 of the server or of a runner in the middle of a run. */
class CrashIT {
    @TempDir
    Path dir;

    /** The seed scenario's graph (stages of echo jobs with barriers), built through the API. */
    static long contention(TorcApi api, int stages, int width, int idleSeconds) {
        long wf = Api.workflow(api, "crash", idleSeconds);
        Long barrier = null;
        for (int s = 1; s <= stages; s++) {
            List<ObjectNode> jobs = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                jobs.add(Api.job(wf, String.format("stage%d_%04d", s, i),
                        "echo 'stage" + s + " job " + i + "'", barrier == null ? List.of() : List.of(barrier)));
            }
            List<Long> ids = Api.createJobs(api, jobs);
            barrier = Api.createJobs(api, List.of(Api.job(wf, s < stages ? "barrier_stage" + s
                    + "_complete" : "workflow_complete", "true", ids))).get(0);
        }
        return wf;
    }

    static void awaitResults(TorcApi api, long wf, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (api.get("/results?workflow_id=" + wf + "&limit=1&all_runs=true")
                        .path("total_count").asLong() >= count) {
                    return;
                }
            } catch (RuntimeException serverBusy) {
                // keep polling
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never reached " + count + " results");
    }

    static String integrityCheck(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void killing_the_server_mid_workflow_loses_no_completion_and_counts_none_twice() throws Exception {
        ServerProcess server = ServerProcess.start(dir);
        try {
            TorcApi api = new TorcApi(server.url(), "tester", null);
            long wf = contention(api, 5, 1000, 120);
            List<Process> runners = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runners.add(Processes.startCli(dir, server.url(), Map.of(), "workflows", "run",
                        Long.toString(wf), "-o", "output"));
            }
            awaitResults(api, wf, 2000);
            server.kill9();
            Thread.sleep(2_000);
            server.restart();
            for (Process p : runners) {
                assertTrue(p.waitFor(600, TimeUnit.SECONDS), "runner finished");
                assertEquals(0, p.exitValue(), "runner exit code");
            }
            assertEquals(Map.of("completed", 5005), Api.statusCounts(api, wf));
            List<JsonNode> results = Api.results(api, wf, true);
            Map<Long, Integer> perJob = new HashMap<>();
            for (JsonNode r : results) {
                assertEquals(1, r.path("run_id").asLong());
                assertEquals("completed", r.path("status").asText());
                perJob.merge(r.path("job_id").asLong(), 1, Integer::sum);
            }
            assertEquals(5005, perJob.size(), "every job has a result");
            assertTrue(perJob.values().stream().allMatch(n -> n == 1), "no completion counted twice");
            assertEquals(List.of(), server.errorLines());
        } finally {
            server.close();
        }
        assertEquals("ok", integrityCheck(server.database()));
    }

    @Test
    void a_killed_runner_leaves_nothing_stuck_after_sync_status_and_a_rerun() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir)) {
            TorcApi api = new TorcApi(server.url(), "tester", null);
            long wf = Api.workflow(api, "killed-runner", 5);
            List<ObjectNode> jobs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                jobs.add(Api.job(wf, "j" + i, "sleep 0.2", List.of()));
            }
            Api.createJobs(api, jobs);
            Processes.runCli(dir, server.url(), 60, "workflows", "initialize", Long.toString(wf),
                    "--no-prompts").expect(0);
            List<Process> runners = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runners.add(Processes.startCli(dir, server.url(), Map.of(), "workflows", "run",
                        Long.toString(wf), "--max-parallel-jobs", "3", "-o", "output"));
            }
            awaitResults(api, wf, 30);
            Process victim = runners.get(0);
            victim.destroyForcibly(); // kill -9: no chance to report its jobs
            victim.waitFor();
            for (Process p : runners.subList(1, 4)) {
                assertTrue(p.waitFor(300, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue());
            }
            Map<String, Integer> counts = Api.statusCounts(api, wf);
            int stuck = counts.getOrDefault("running", 0);
            assertTrue(stuck > 0, "the killed runner's jobs are still marked running: " + counts);
            // Its heartbeat stopped; a short timeout declares it dead.
            Thread.sleep(2_000);
            var sync = Processes.runCli(dir, server.url(), 60, "-f", "json", "workflows",
                    "sync-status", Long.toString(wf), "--timeout-secs", "1").expect(0);
            assertTrue(sync.stdout().contains("failed_job_ids"), sync.stdout());
            counts = Api.statusCounts(api, wf);
            assertEquals(0, counts.getOrDefault("running", 0), "nothing left running: " + counts);
            assertEquals(stuck, counts.getOrDefault("failed", 0));
            api.post("/workflows/" + wf + "/reset_status", null);
            api.post("/workflows/" + wf + "/reset_job_status?failed_only=true", null);
            Processes.runCli(dir, server.url(), 60, "workflows", "reinitialize", Long.toString(wf))
                    .expect(0);
            Processes.runCli(dir, server.url(), 120, "workflows", "run", Long.toString(wf),
                    "--max-parallel-jobs", "4", "-o", "output").expect(0);
            assertEquals(Map.of("completed", 200), Api.statusCounts(api, wf));
            List<JsonNode> orphanResults = Api.results(api, wf, true).stream()
                    .filter(r -> r.path("return_code").asLong() == -128).toList();
            assertEquals(stuck, orphanResults.size(), "orphans are recorded with return code -128");
        }
    }

    @Test
    void a_job_whose_process_cannot_start_fails_with_the_reason_in_its_stderr_file()
            throws Exception {
        try (ServerProcess server = ServerProcess.start(dir)) {
            TorcApi api = new TorcApi(server.url(), "tester", null);
            long wf = Api.workflow(api, "no-shell", 5);
            long job = Api.createJobs(api, List.of(Api.job(wf, "cannot_start", "true", List.of())))
                    .get(0);
            // Without bash on the PATH the runner cannot spawn the job.
            Process runner = Processes.startCli(dir, server.url(), Map.of("PATH", "/nonexistent"),
                    "run", Long.toString(wf), "--max-parallel-jobs", "1", "-o", "output");
            assertTrue(runner.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, runner.exitValue());
            assertEquals("failed", api.get("/jobs/" + job).path("status").asText());
            JsonNode result = Api.results(api, wf, false).get(0);
            assertEquals(127, result.path("return_code").asLong());
            String stderr = Files.readString(dir.resolve("output/job_stdio/job_wf" + wf + "_j" + job
                    + "_r1_a1.e"));
            assertTrue(stderr.contains("could not start"), stderr);
        }
    }
}
