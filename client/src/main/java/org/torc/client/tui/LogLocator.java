package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torc.client.api.TorcApi;

/**
 * Finds a job's stdout and stderr files where the runner writes them:
 * {@code <output_dir>/job_stdio/job_wf<W>_j<J>_r<R>_a<A>.o} and {@code .e}. The run and attempt
 * come from the job's latest result; a job without one (still running) uses the workflow's
 * current run and the job's current attempt, so a running job's output can be followed too.
 */
public final class LogLocator {
    /** The two files of one attempt. */
    public record Paths(Path stdout, Path stderr, long runId, long attemptId, boolean fromResult) {
    }

    private final Path outputDir;

    public LogLocator(Path outputDir) {
        this.outputDir = outputDir;
    }

    public Path outputDir() {
        return outputDir;
    }

    public Paths locate(TorcApi api, long workflowId, JsonNode job) {
        long jobId = job.path("id").asLong();
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("workflow_id", workflowId);
        q.put("job_id", jobId);
        q.put("all_runs", true);
        q.put("sort_by", "id");
        q.put("reverse_sort", true);
        q.put("limit", 1);
        JsonNode items = api.get("/results" + TorcApi.queryString(q)).path("items");
        if (items.size() > 0) {
            JsonNode r = items.get(0);
            return paths(workflowId, jobId, r.path("run_id").asLong(),
                    r.path("attempt_id").asLong(1), true);
        }
        long runId = api.get("/workflows/" + workflowId + "/status").path("run_id").asLong();
        return paths(workflowId, jobId, runId, job.path("attempt_id").asLong(1), false);
    }

    public Paths paths(long workflowId, long jobId, long runId, long attemptId, boolean fromResult) {
        String base = "job_wf" + workflowId + "_j" + jobId + "_r" + runId + "_a" + attemptId;
        Path dir = outputDir.resolve("job_stdio");
        return new Paths(dir.resolve(base + ".o"), dir.resolve(base + ".e"), runId, attemptId,
                fromResult);
    }
}
