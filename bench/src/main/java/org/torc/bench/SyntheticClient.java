package org.torc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;

/**
 * Drives a workflow to completion without running processes: N threads claim, start and
 * complete jobs over HTTP, recording the latency of each call.
 */
final class SyntheticClient {
    /** torc's calls (claim_next_jobs, start_job, complete_job) or ours (claim-and-start, batches). */
    enum Api {
        TORC, BATCHED
    }

    final List<Double> claimMs = Collections.synchronizedList(new ArrayList<>());
    final List<Double> startMs = Collections.synchronizedList(new ArrayList<>());
    final List<Double> completeMs = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong lifecycles = new AtomicLong();

    /** Runs until the workflow is complete; returns the elapsed seconds. */
    double run(TorcApi api, long wf, int clients, Api mode, int claimLimit) throws Exception {
        long runId = api.get("/workflows/" + wf + "/status").path("run_id").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long node = api.post("/compute_nodes", Json.mapper().createObjectNode()
                    .put("workflow_id", wf).put("hostname", "bench").put("pid", c)
                    .put("start_time", "2025-01-01T00:00:00.000Z").put("num_cpus", 1)
                    .put("memory_gb", 1.0).put("num_gpus", 0).put("num_nodes", 1)
                    .put("compute_node_type", "local")).path("id").asLong();
            futures.add(pool.submit(() -> {
                loop(api, wf, runId, node, mode, claimLimit);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    private void loop(TorcApi api, long wf, long runId, long node, Api mode, int limit) {
        String claimPath = "/workflows/" + wf + "/claim_next_jobs?limit=" + limit
                + (mode == Api.BATCHED ? "&start_compute_node_id=" + node + "&run_id=" + runId : "")
                + "&wait_ms=200";
        while (true) {
            long t = System.nanoTime();
            JsonNode jobs = api.post(claimPath, null).path("jobs");
            claimMs.add((System.nanoTime() - t) / 1e6);
            if (jobs.isEmpty()) {
                if (api.get("/workflows/" + wf + "/is_complete").path("is_complete").asBoolean()) {
                    return;
                }
                continue;
            }
            if (mode == Api.TORC) {
                for (JsonNode j : jobs) {
                    long id = j.path("id").asLong();
                    t = System.nanoTime();
                    api.put("/jobs/" + id + "/start_job/" + runId + "/" + node, null);
                    startMs.add((System.nanoTime() - t) / 1e6);
                    t = System.nanoTime();
                    api.post("/jobs/" + id + "/complete_job/completed/" + runId, result(id, wf,
                            runId, node));
                    completeMs.add((System.nanoTime() - t) / 1e6);
                    lifecycles.incrementAndGet();
                }
            } else {
                ObjectNode body = Json.mapper().createObjectNode();
                ArrayNode completions = body.putArray("completions");
                for (JsonNode j : jobs) {
                    long id = j.path("id").asLong();
                    completions.addObject().put("job_id", id).put("status", "completed")
                            .put("run_id", runId).set("result", result(id, wf, runId, node));
                }
                t = System.nanoTime();
                api.post("/workflows/" + wf + "/batch_complete_jobs", body);
                completeMs.add((System.nanoTime() - t) / 1e6);
                lifecycles.addAndGet(jobs.size());
            }
        }
    }

    private static ObjectNode result(long jobId, long wf, long runId, long node) {
        return Json.mapper().createObjectNode().put("job_id", jobId).put("workflow_id", wf)
                .put("run_id", runId).put("compute_node_id", node).put("return_code", 0)
                .put("exec_time_minutes", 0.0).put("completion_time", "2025-01-01T00:00:00.000Z")
                .put("status", "completed");
    }

    Map<String, Object> latencies() {
        return Map.of(
                "claim_p50_ms", Results.percentile(claimMs, 50),
                "claim_p99_ms", Results.percentile(claimMs, 99),
                "start_p50_ms", Results.percentile(startMs, 50),
                "start_p99_ms", Results.percentile(startMs, 99),
                "complete_p50_ms", Results.percentile(completeMs, 50),
                "complete_p99_ms", Results.percentile(completeMs, 99));
    }
}
