package org.torc.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.common.Json;

/** Builds job graphs through the API for tests. */
public final class Dags {
    private Dags() {
    }

    /** A job body; {@code deps} are ids of jobs it depends on. */
    public static ObjectNode job(long workflowId, String name, List<Long> deps) {
        ObjectNode j = ApiClient.obj().put("workflow_id", workflowId).put("name", name)
                .put("command", "echo " + name);
        if (deps != null && !deps.isEmpty()) {
            ArrayNode a = j.putArray("depends_on_job_ids");
            deps.forEach(a::add);
        }
        return j;
    }

    /** Creates jobs with POST /bulk_jobs (in chunks of 10,000) and returns their ids in order. */
    public static List<Long> createJobs(ApiClient api, List<ObjectNode> jobs) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += 10_000) {
            ObjectNode body = ApiClient.obj();
            ArrayNode arr = body.putArray("jobs");
            jobs.subList(i, Math.min(jobs.size(), i + 10_000)).forEach(arr::add);
            JsonNode resp = api.post("/bulk_jobs", body).expect(200).json();
            resp.get("jobs").forEach(j -> ids.add(j.get("id").asLong()));
        }
        return ids;
    }

    public static long createJob(ApiClient api, long workflowId, String name, List<Long> deps) {
        return createJobs(api, List.of(job(workflowId, name, deps))).get(0);
    }

    /**
     * The seed scenario's graph: {@code stages} stages of {@code width} jobs, a barrier after each
     * stage but the last, and a final job; names as in the contention workflow.
     */
    public static Map<String, Long> contention(ApiClient api, long workflowId, int stages, int width) {
        Map<String, Long> ids = new LinkedHashMap<>();
        Long previousBarrier = null;
        for (int s = 1; s <= stages; s++) {
            List<ObjectNode> stageJobs = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                stageJobs.add(job(workflowId, String.format("stage%d_%04d", s, i),
                        previousBarrier == null ? List.of() : List.of(previousBarrier)));
            }
            List<Long> stageIds = createJobs(api, stageJobs);
            for (int i = 0; i < width; i++) {
                ids.put(String.format("stage%d_%04d", s, i), stageIds.get(i));
            }
            String barrier = s < stages ? "barrier_stage" + s + "_complete" : "workflow_complete";
            long b = createJob(api, workflowId, barrier, stageIds);
            ids.put(barrier, b);
            previousBarrier = b;
        }
        return ids;
    }

    public static long createComputeNode(TestServer server, long workflowId) {
        return server.server().database().write(tx -> tx.insert("""
                INSERT INTO compute_node (workflow_id, hostname, pid, start_time, is_active, num_cpus,
                    memory_gb, num_gpus, num_nodes, compute_node_type)
                VALUES (?, 'testhost', 1234, '2025-01-01T00:00:00.000Z', 1, 8, 16.0, 0, 1, 'local')""",
                workflowId));
    }

    public static ObjectNode result(long returnCode) {
        return ApiClient.obj().put("return_code", returnCode).put("exec_time_minutes", 0.01)
                .put("completion_time", "2025-01-01T00:00:00.000Z");
    }

    public static String statusOf(ApiClient api, long jobId) {
        return api.get("/jobs/" + jobId).expect(200).json().get("status").asText();
    }

    public static Map<String, Integer> statusCounts(ApiClient api, long workflowId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        long offset = 0;
        while (true) {
            JsonNode page = api.get("/jobs?workflow_id=" + workflowId + "&limit=10000&offset="
                    + offset).expect(200).json();
            page.get("items").forEach(j -> counts.merge(j.get("status").asText(), 1, Integer::sum));
            offset += page.get("count").asLong();
            if (!page.get("has_more").asBoolean()) {
                return counts;
            }
        }
    }

    /** Polls until the job has {@code status} (50 ms steps) or fails after {@code timeoutMs}. */
    public static long awaitStatus(ApiClient api, long jobId, String status, long timeoutMs) {
        long start = System.nanoTime();
        while (true) {
            if (statusOf(api, jobId).equals(status)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ((System.nanoTime() - start) / 1_000_000 > timeoutMs) {
                throw new AssertionError("Job " + jobId + " did not become " + status + " within "
                        + timeoutMs + " ms; it is " + statusOf(api, jobId));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static String json(Object o) {
        return Json.write(o);
    }
}
