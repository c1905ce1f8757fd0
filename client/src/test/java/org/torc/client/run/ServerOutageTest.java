package org.torc.client.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torc.client.api.TorcApi;
import org.torc.client.e2e.Api;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;

/**
 * The runner against a real server whose network goes away while jobs run: jobs that finish
 * during the outage must be reported once the server is reachable again, and none may run twice.
 */
class ServerOutageTest {
    private Path dir;
    private TorcServer server;
    private OutageProxy proxy;

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("torc-outage");
        server = TorcServer.start(ServerConfig.defaults(dir.resolve("torc.db")).withPort(0)
                .withHost("127.0.0.1").withCompletionCheckIntervalSecs(0.1));
        proxy = new OutageProxy(URI.create(server.baseUrl()).getPort());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        server.close();
    }

    private static final int JOBS = 60;

    private CompletableFuture<JobRunner.Summary> runner(TorcApi api, long wf, String name,
            int parallel) {
        JobRunner runner = new JobRunner(api, new JobRunner.Options(wf, dir.resolve("out-" + name),
                0.2, parallel, null, null, null, dir, false));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "runner-" + name).start());
    }

    @Test
    void jobs_that_finish_while_the_server_is_unreachable_are_recorded_once_and_never_rerun()
            throws Exception {
        TorcApi direct = new TorcApi(server.baseUrl(), "tester", null);
        long wf = Api.workflow(direct, "outage", 30);
        Path runs = Files.createDirectories(dir.resolve("runs"));
        List<ObjectNode> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            // Each execution leaves a file, so a job that ran twice shows as two lines.
            jobs.add(Api.job(wf, "j_" + i, "sleep 0.4; echo ran >> " + runs.resolve("j_" + i),
                    List.of()));
        }
        Api.createJobs(direct, jobs);
        direct.post("/workflows/" + wf + "/initialize_jobs", null);

        // Runner A reaches the server through the proxy; runner B, directly, keeps claiming
        // whatever is ready - so a job wrongly put back to ready during the outage runs twice.
        CompletableFuture<JobRunner.Summary> runA = runner(new TorcApi(proxy.url(), "tester",
                null), wf, "a", 8);
        long deadline = System.currentTimeMillis() + 30_000;
        while (Api.statusCounts(direct, wf).getOrDefault("running", 0) < 8
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        CompletableFuture<JobRunner.Summary> runB = runner(direct, wf, "b", 2);
        // Cut A off while its first jobs run; they finish during the outage.
        proxy.cut();
        Thread.sleep(2_000);
        proxy.restore();

        JobRunner.Summary a = runA.get(120, TimeUnit.SECONDS);
        JobRunner.Summary b = runB.get(120, TimeUnit.SECONDS);
        assertEquals(JOBS, a.completed() + b.completed(), a.line() + "\n" + b.line());
        assertEquals(Map.of("completed", JOBS), Api.statusCounts(direct, wf));
        List<JsonNode> results = Api.results(direct, wf, true);
        assertEquals(JOBS, results.size(), "one result per job");
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.toList()) {
                assertEquals(List.of("ran"), Files.readAllLines(f), f.getFileName() + " ran once");
            }
        }
        try (Stream<Path> files = Files.list(runs)) {
            assertTrue(files.count() == JOBS, "every job ran");
        }
    }
}
