package org.torc.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.Dags;
import org.torc.server.testing.ErrorLogWatcher;
import org.torc.server.testing.TestServer;

/** Many concurrent claimers and completers: every job is claimed once and completed once. */
class ClaimConcurrencyTest {
    static TestServer server;
    static ApiClient api;
    static ErrorLogWatcher errors;

    @BeforeAll
    static void setUp() {
        errors = ErrorLogWatcher.attach();
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void tearDown() {
        server.close();
        errors.close();
        assertEquals(List.of(), errors.errors(), "no ERROR log lines");
    }

    private static long readyWorkflow(String name, int jobs) {
        long wf = api.createWorkflow(name);
        List<ObjectNode> bodies = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            bodies.add(Dags.job(wf, "job_" + i, List.of()));
        }
        Dags.createJobs(api, bodies);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        return wf;
    }

    private static Set<Long> claimConcurrently(int threads, java.util.function.Supplier<JsonNode> claim)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger handedOut = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (true) {
                    JsonNode jobs = claim.get();
                    if (jobs.isEmpty()) {
                        return;
                    }
                    jobs.forEach(j -> {
                        handedOut.incrementAndGet();
                        claimed.add(j.get("id").asLong());
                    });
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(claimed.size(), handedOut.get(), "a job was handed out twice");
        return claimed;
    }

    @Test
    void sixteen_threads_claim_5000_jobs_exactly_once_with_claim_next_jobs() throws Exception {
        long wf = readyWorkflow("claim-next", 5000);
        Set<Long> claimed = claimConcurrently(16, () -> api.post("/workflows/" + wf
                + "/claim_next_jobs?limit=7", null).expect(200).json().get("jobs"));
        assertEquals(5000, claimed.size());
        assertEquals(Map.of("pending", 5000), Dags.statusCounts(api, wf));
    }

    @Test
    void sixteen_threads_claim_5000_jobs_exactly_once_by_resources() throws Exception {
        long wf = readyWorkflow("claim-resources", 5000);
        ObjectNode node = ApiClient.obj().put("num_cpus", 8).put("memory_gb", 16).put("num_gpus", 0)
                .put("num_nodes", 1);
        Set<Long> claimed = claimConcurrently(16, () -> api.post("/workflows/" + wf
                + "/claim_jobs_based_on_resources/8?sort_method=gpus_runtime_memory", node)
                .expect(200).json().get("jobs"));
        assertEquals(5000, claimed.size());
        assertEquals(Map.of("pending", 5000), Dags.statusCounts(api, wf));
    }

    @Test
    void completions_by_eight_threads_while_others_claim_lose_nothing() throws Exception {
        // A fan-out/fan-in graph: 2000 jobs, a barrier, 2000 more jobs.
        long wf = api.createWorkflow("claim-and-complete");
        Map<String, Long> ids = Dags.contention(api, wf, 2, 2000);
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        BlockingQueue<Long> claimedQueue = new LinkedBlockingQueue<>();
        Set<Long> completed = ConcurrentHashMap.newKeySet();
        AtomicInteger completions = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                while (!done.get()) {
                    JsonNode jobs = api.post("/workflows/" + wf + "/claim_next_jobs?limit=20&wait_ms=200",
                            null).expect(200).json().get("jobs");
                    jobs.forEach(j -> claimedQueue.add(j.get("id").asLong()));
                }
                return null;
            }));
        }
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                while (!done.get()) {
                    Long id = claimedQueue.poll(100, TimeUnit.MILLISECONDS);
                    if (id == null) {
                        continue;
                    }
                    api.put("/jobs/" + id + "/start_job/0/" + node, null).expect(200);
                    api.post("/jobs/" + id + "/complete_job/completed/0", Dags.result(0)).expect(200);
                    completions.incrementAndGet();
                    completed.add(id);
                    if (completed.size() == ids.size()) {
                        done.set(true);
                    }
                }
                return null;
            }));
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (!done.get() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        done.set(true);
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(ids.size(), completed.size(), "every job completed");
        assertEquals(ids.size(), completions.get(), "no job completed twice");
        assertEquals(Map.of("completed", ids.size()), Dags.statusCounts(api, wf));
        long results = server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(DISTINCT job_id) FROM result WHERE workflow_id = ?", wf));
        assertEquals(ids.size(), results);
        assertTrue(api.get("/workflows/" + wf + "/is_complete").json().get("is_complete").asBoolean());
        System.out.println("Metrics after claim/complete race: " + api.get("/metrics").text());
    }
}
