package org.torc.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;

/** Small helpers over the API for end-to-end tests. */
public final class Api {
    private Api() {
    }

    public static ObjectNode obj() {
        return Json.mapper().createObjectNode();
    }

    public static long workflow(TorcApi api, String name, int waitForNewJobsSeconds) {
        return api.post("/workflows", obj().put("name", name).put("user", "tester")
                .put("compute_node_wait_for_new_jobs_seconds", waitForNewJobsSeconds))
                .path("id").asLong();
    }

    public static ObjectNode job(long wf, String name, String command, List<Long> deps) {
        ObjectNode j = obj().put("workflow_id", wf).put("name", name).put("command", command);
        if (deps != null && !deps.isEmpty()) {
            ArrayNode a = j.putArray("depends_on_job_ids");
            deps.forEach(a::add);
        }
        return j;
    }

    public static List<Long> createJobs(TorcApi api, List<ObjectNode> jobs) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i += 10_000) {
            ObjectNode body = obj();
            ArrayNode arr = body.putArray("jobs");
            jobs.subList(i, Math.min(jobs.size(), i + 10_000)).forEach(arr::add);
            api.post("/bulk_jobs", body).path("jobs").forEach(j -> ids.add(j.path("id").asLong()));
        }
        return ids;
    }

    /** All jobs of a workflow by name. */
    public static Map<String, JsonNode> jobsByName(TorcApi api, long wf) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode j : api.listAll("/jobs", Map.of("workflow_id", wf), Long.MAX_VALUE)) {
            out.put(j.path("name").asText(), j);
        }
        return out;
    }

    public static List<JsonNode> results(TorcApi api, long wf, boolean allRuns) {
        return api.listAll("/results", Map.of("workflow_id", wf, "all_runs", allRuns),
                Long.MAX_VALUE);
    }

    public static Map<String, Integer> statusCounts(TorcApi api, long wf) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode j : api.listAll("/jobs", Map.of("workflow_id", wf), Long.MAX_VALUE)) {
            counts.merge(j.path("status").asText(), 1, Integer::sum);
        }
        return counts;
    }
}
