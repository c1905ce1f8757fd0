package org.torc.server.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.Dags;
import org.torc.server.testing.ErrorLogWatcher;
import org.torc.server.testing.TestServer;

/**
 * The seed scenario's graph driven through the API step by step (acceptance checks C4, C5, C8,
 * C9): initialization, exclusive claims by 16 threads, and barrier release timing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentionLifecycleTest {
    static TestServer server;
    static ApiClient api;
    static ErrorLogWatcher errors;
    static long wf;
    static long node;
    static Map<String, Long> ids;

    @BeforeAll
    static void setUp() {
        errors = ErrorLogWatcher.attach();
        // The sweep timer is long on purpose: releases must come from completions waking the unblocker.
        server = TestServer.start(c -> c.withCompletionCheckIntervalSecs(3600));
        api = server.api();
        wf = api.createWorkflow("contention");
        ids = Dags.contention(api, wf, 5, 1000);
        node = Dags.createComputeNode(server, wf);
    }

    @AfterAll
    static void tearDown() {
        server.close();
        errors.close();
        assertEquals(List.of(), errors.errors(), "no ERROR log lines");
    }

    @Test
    @Order(1)
    void initialize_makes_stage1_ready_and_everything_else_blocked() {
        assertEquals(5005, ids.size());
        var r = api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200).json();
        assertEquals("Initialized job status", r.get("message").asText());
        Map<String, Integer> counts = Dags.statusCounts(api, wf);
        assertEquals(Map.of("ready", 1000, "blocked", 4005), counts);
        assertEquals(false, api.get("/workflows/" + wf + "/is_complete").json()
                .get("is_complete").asBoolean());
        assertEquals(9000, api.get("/workflows/" + wf + "/job_dependencies?limit=1")
                .json().get("total_count").asLong());
    }

    @Test
    @Order(2)
    void sixteen_threads_claim_every_stage1_job_exactly_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            futures.add(pool.submit(() -> {
                while (true) {
                    JsonNode jobs = api.post("/workflows/" + wf + "/claim_next_jobs?limit=5", null)
                            .expect(200).json().get("jobs");
                    if (jobs.isEmpty()) {
                        return;
                    }
                    for (JsonNode j : jobs) {
                        assertEquals("pending", j.get("status").asText());
                        if (!claimed.add(j.get("id").asLong())) {
                            synchronized (duplicates) {
                                duplicates.add(j.get("id").asLong());
                            }
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(), duplicates, "no job is handed out twice");
        Set<Long> stage1 = new HashSet<>();
        ids.forEach((name, id) -> {
            if (name.startsWith("stage1_")) {
                stage1.add(id);
            }
        });
        assertEquals(stage1, claimed);
        assertEquals("pending", Dags.statusOf(api, ids.get("stage1_0042")));
        assertTrue(api.post("/workflows/" + wf + "/claim_next_jobs?limit=5", null).json()
                .get("jobs").isEmpty(), "the barrier is still blocked");
    }

    @Test
    @Order(3)
    void barrier_stays_blocked_until_the_last_predecessor_completes_then_is_released_fast()
            throws Exception {
        long barrier = ids.get("barrier_stage1_complete");
        for (int i = 0; i < 999; i++) {
            long id = ids.get(String.format("stage1_%04d", i));
            api.put("/jobs/" + id + "/start_job/0/" + node, null).expect(200);
            api.post("/jobs/" + id + "/complete_job/completed/0", Dags.result(0)).expect(200);
        }
        for (int sample = 0; sample < 5; sample++) {
            assertEquals("blocked", Dags.statusOf(api, barrier));
            Thread.sleep(200);
        }
        long last = ids.get("stage1_0999");
        api.put("/jobs/" + last + "/start_job/0/" + node, null).expect(200);
        long t0 = System.nanoTime();
        api.post("/jobs/" + last + "/complete_job/completed/0", Dags.result(0)).expect(200);
        long ms = Dags.awaitStatus(api, barrier, "ready", 2000);
        long total = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("Barrier ready %d ms after the last of 1000 predecessors completed "
                + "(poll included; server-side release latency %s ms)%n", total,
                api.get("/metrics").json().get("last_release_latency_ms"));
        assertTrue(ms < 2000);
        assertEquals(Map.of("completed", 1000, "ready", 1, "blocked", 4004),
                Dags.statusCounts(api, wf));
        // /metrics counts requests per endpoint: this test's 1000 completions are all there.
        long completions = api.get("/metrics").json().path("http_requests")
                .path("POST /jobs/{id}/complete_job/{status}/{run_id}").asLong();
        assertTrue(completions >= 1000, "complete_job requests counted: " + completions);
    }

    @Test
    @Order(4)
    void completing_a_barrier_readies_exactly_the_next_stage() throws Exception {
        long barrier = ids.get("barrier_stage1_complete");
        JsonNode claimed = api.post("/workflows/" + wf + "/claim_next_jobs?limit=10", null).json()
                .get("jobs");
        assertEquals(1, claimed.size());
        assertEquals(barrier, claimed.get(0).get("id").asLong());
        api.put("/jobs/" + barrier + "/start_job/0/" + node, null).expect(200);
        api.post("/jobs/" + barrier + "/complete_job/completed/0", Dags.result(0)).expect(200);
        Dags.awaitStatus(api, ids.get("stage2_0999"), "ready", 2000);
        Map<String, Integer> counts = Dags.statusCounts(api, wf);
        assertEquals(1000, counts.get("ready"));
        assertEquals(1001, counts.get("completed"));
        assertEquals("blocked", Dags.statusOf(api, ids.get("barrier_stage2_complete")));
        JsonNode ready = api.get("/jobs?workflow_id=" + wf + "&status=ready&limit=10000").json();
        ready.get("items").forEach(j -> assertTrue(j.get("name").asText().startsWith("stage2_")));
    }
}
