package org.torc.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.api.TorcApi;
import org.torc.client.report.StageTransitions;

/**
 * The seed scenario, as its README's "Multiple Workers" section runs it: torc-server as its own
 * process, {@code torc workflows create} the contention workflow, four {@code torc workflows run}
 * processes started at once on the uninitialized workflow.
 */
class ContentionIT {
    @TempDir
    Path dir;

    @Test
    void four_workers_finish_the_5005_job_contention_workflow() throws Exception {
        Path spec = Processes.repoRoot().resolve("tests/workflows/database_contention_test/workflow.yaml");
        try (ServerProcess server = ServerProcess.start(dir)) {
            TorcApi api = new TorcApi(server.url(), "tester", null);
            long t0 = System.nanoTime();
            var created = Processes.runCli(dir, server.url(), 120, "-f", "json", "workflows",
                    "create", spec.toString()).expect(0);
            long wf = org.torc.common.Json.parse(created.stdout()).path("workflow_id").asLong();
            double createSeconds = (System.nanoTime() - t0) / 1e9;

            long start = System.nanoTime();
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                workers.add(Processes.startCli(dir, server.url(), Map.of(), "workflows", "run",
                        Long.toString(wf), "-o", "output"));
            }
            for (Process w : workers) {
                assertTrue(w.waitFor(600, TimeUnit.SECONDS), "worker finished");
                assertEquals(0, w.exitValue(), "worker exit code");
            }
            double wallSeconds = (System.nanoTime() - start) / 1e9;

            Map<String, JsonNode> jobs = Api.jobsByName(api, wf);
            assertEquals(5005, jobs.size());
            Map<String, Integer> counts = Api.statusCounts(api, wf);
            assertEquals(Map.of("completed", 5005), counts, "no job left blocked/ready/pending/running");
            List<JsonNode> results = Api.results(api, wf, true);
            assertEquals(5005, results.size(), "exactly one result per job");
            Set<Long> distinct = new HashSet<>();
            Map<Long, String> names = new HashMap<>();
            jobs.forEach((name, j) -> names.put(j.path("id").asLong(), name));
            Map<String, Instant> done = new HashMap<>();
            for (JsonNode r : results) {
                distinct.add(r.path("job_id").asLong());
                assertEquals(0, r.path("return_code").asLong());
                done.put(names.get(r.path("job_id").asLong()),
                        Instant.parse(r.path("completion_time").asText()));
            }
            assertEquals(5005, distinct.size());
            for (int k = 1; k <= 4; k++) {
                Instant barrier = done.get("barrier_stage" + k + "_complete");
                for (var e : done.entrySet()) {
                    if (e.getKey().startsWith("stage" + k + "_")) {
                        assertTrue(!e.getValue().isAfter(barrier), e.getKey() + " finished after its barrier");
                    }
                    if (e.getKey().startsWith("stage" + (k + 1) + "_")) {
                        assertTrue(e.getValue().isAfter(barrier), e.getKey() + " ran before barrier " + k);
                    }
                }
            }
            long job42 = jobs.get("stage3_0042").path("id").asLong();
            Path out = dir.resolve("output/job_stdio/job_wf" + wf + "_j" + job42 + "_r1_a1.o");
            assertEquals("stage3 job 42\n", Files.readString(out));
            List<String> errors = server.errorLines();
            assertEquals(List.of(), errors, "no ERROR lines in the server log");
            assertTrue(Files.readAllLines(server.logFile()).stream()
                    .noneMatch(l -> l.toLowerCase().contains("database is locked")));

            JsonNode metrics = api.get("/metrics");
            StageTransitions m = new StageTransitions(names, results, 5);
            long retries = metrics.path("lock_retries").asLong();
            long passes = Math.max(1, metrics.path("unblock_passes").asLong());
            System.out.printf("%n=== Seed scenario: 5005 jobs, 4 workers ===%n");
            System.out.printf("workflow created in %.2f s%n", createSeconds);
            System.out.printf("lock / 'database is locked' retries: %d%n", retries);
            System.out.printf("retries per unblocking operation: %.4f (%d unblock passes)%n",
                    (double) retries / passes, passes);
            System.out.printf("stage transitions (median %.1f ms):%n%s", m.medianTransitionMs(),
                    m.describe());
            System.out.printf("total workflow time: %.2f s wall (%.2f s first job start to last "
                    + "job end), %.0f jobs/s%n", wallSeconds, m.spanSeconds, 5005 / wallSeconds);
            System.out.println("server metrics: " + metrics);
        }
    }
}
