package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.client.api.TorcApi;
import org.torc.client.workflow.WorkflowManager;
import org.torc.common.Json;

/**
 * A workflow shaped like the seed scenario (stages of parameterized jobs, a barrier after each
 * stage, the last one named workflow_complete), created and initialized through the API; jobs
 * are completed through the API too, the way a runner reports them.
 */
final class SeedWorkflow {
    final long id;
    final List<List<Long>> stages = new ArrayList<>();
    final List<Long> barriers = new ArrayList<>();
    private final TorcApi api;

    private SeedWorkflow(TorcApi api, long id) {
        this.api = api;
        this.id = id;
    }

    static SeedWorkflow create(TorcApi api, String name, int stageCount, int perStage) {
        ObjectNode wf = Json.mapper().createObjectNode().put("name", name).put("user", "tester")
                .put("description", "Seed-shaped: " + stageCount + " stages x " + perStage
                        + " jobs with barriers");
        SeedWorkflow w = new SeedWorkflow(api, api.post("/workflows", wf).path("id").asLong());
        Long barrier = null;
        for (int s = 1; s <= stageCount; s++) {
            List<ObjectNode> jobs = new ArrayList<>();
            for (int i = 0; i < perStage; i++) {
                jobs.add(job(w.id, String.format("stage%d_%04d", s, i),
                        "echo 'stage" + s + " job " + i + "'",
                        barrier == null ? List.of() : List.of(barrier)));
            }
            List<Long> ids = w.createJobs(jobs);
            w.stages.add(ids);
            // A barrier after every stage; the last one is the seed's workflow_complete.
            String barrierName = s < stageCount ? "barrier_stage" + s + "_complete" : "workflow_complete";
            barrier = w.createJobs(List.of(job(w.id, barrierName, "echo '" + barrierName + "'",
                    ids))).get(0);
            w.barriers.add(barrier);
        }
        new WorkflowManager(api, w.id).initialize(false);
        return w;
    }

    static ObjectNode job(long wf, String name, String command, List<Long> deps) {
        ObjectNode j = Json.mapper().createObjectNode().put("workflow_id", wf).put("name", name)
                .put("command", command);
        if (!deps.isEmpty()) {
            ArrayNode a = j.putArray("depends_on_job_ids");
            deps.forEach(a::add);
        }
        return j;
    }

    List<Long> createJobs(List<ObjectNode> jobs) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode arr = body.putArray("jobs");
        jobs.forEach(arr::add);
        List<Long> ids = new ArrayList<>();
        api.post("/bulk_jobs", body).path("jobs").forEach(j -> ids.add(j.path("id").asLong()));
        return ids;
    }

    long runId() {
        return api.get("/workflows/" + id + "/status").path("run_id").asLong();
    }

    /** Completes jobs with return code 0 in one batch, as a runner reports them. */
    void complete(List<Long> jobIds) {
        long run = runId();
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode arr = body.putArray("completions");
        for (long j : jobIds) {
            ObjectNode c = arr.addObject().put("job_id", j).put("status", "completed")
                    .put("run_id", run);
            c.putObject("result").put("return_code", 0).put("exec_time_minutes", 0.01);
        }
        JsonNode r = api.post("/workflows/" + id + "/batch_complete_jobs", body);
        if (!r.path("errors").isEmpty()) {
            throw new AssertionError("completions refused: " + r.path("errors"));
        }
    }

    /** Marks jobs running (as a runner's start would). */
    void start(List<Long> jobIds) {
        long run = runId();
        for (long j : jobIds) {
            api.put("/jobs/" + j + "/manage_status_change/running/" + run, null);
        }
    }

    String status(long jobId) {
        return api.get("/jobs/" + jobId).path("status").asText();
    }
}
