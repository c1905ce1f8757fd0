package org.torc.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.client.api.ApiError;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;
import org.torc.common.model.JobModel;

/**
 * A failed job's failure handler: the first rule listing the exit code (else the first match-all
 * rule) decides whether the job gets another attempt, after its recovery script has run.
 */
final class FailureHandling {
    private static final Logger log = LoggerFactory.getLogger(FailureHandling.class);

    private final TorcApi api;
    private final Path workingDir;
    private final Path outputDir;
    private final long runId;
    private final Map<Long, JsonNode> handlers = new HashMap<>();

    FailureHandling(TorcApi api, Path workingDir, Path outputDir, long runId) {
        this.api = api;
        this.workingDir = workingDir;
        this.outputDir = outputDir;
        this.runId = runId;
    }

    /** Whether the job was put back to ready for another attempt (then it is not completed). */
    boolean retry(JobModel job, int rc) {
        if (job.failureHandlerId() == null) {
            return false;
        }
        JsonNode rule = ruleFor(handlers.computeIfAbsent(job.failureHandlerId(),
                id -> api.get("/failure_handlers/" + id)), rc);
        if (rule == null) {
            return false;
        }
        long maxRetries = rule.path("max_retries").asLong(3);
        long attempt = job.attemptId() == null ? 1 : job.attemptId();
        if (attempt >= maxRetries) {
            log.info("Job {} failed with {} and has used its {} attempt(s)", job.name(), rc,
                    maxRetries);
            return false;
        }
        // torc retries first and then runs the script, so another runner could start the next
        // attempt before the recovery is done; the script runs first here.
        String script = rule.path("recovery_script").asText(null);
        if (script != null && !script.isBlank()) {
            runRecoveryScript(job, rc, script);
        }
        try {
            api.post("/jobs/" + job.id() + "/retry/" + runId + "?max_retries=" + maxRetries, null);
        } catch (ApiError e) {
            log.warn("Retry of job {} refused: {}", job.name(), e.getMessage());
            return false;
        }
        log.info("Job {} failed with exit code {}; retrying (attempt {} of {})", job.name(), rc,
                attempt + 1, maxRetries);
        return true;
    }

    private static JsonNode ruleFor(JsonNode handler, int rc) {
        JsonNode rules = Json.parse(handler.path("rules").asText("[]"));
        for (JsonNode r : rules) {
            for (JsonNode code : r.path("exit_codes")) {
                if (code.asInt() == rc) {
                    return r;
                }
            }
        }
        for (JsonNode r : rules) {
            if (r.path("match_all_exit_codes").asBoolean(false)) {
                return r;
            }
        }
        return null;
    }

    /** Runs with the job's environment and its exit code; a failing script is only logged. */
    private void runRecoveryScript(JobModel job, int rc, String script) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", script)
                    .directory(workingDir.toFile()).inheritIO();
            Map<String, String> env = pb.environment();
            env.put("TORC_WORKFLOW_ID", Long.toString(job.workflowId()));
            env.put("TORC_JOB_ID", Long.toString(job.id()));
            env.put("TORC_JOB_NAME", job.name());
            env.put("TORC_API_URL", api.baseUrl());
            env.put("TORC_OUTPUT_DIR", outputDir.toString());
            env.put("TORC_ATTEMPT_ID", Long.toString(job.attemptId() == null ? 1 : job.attemptId()));
            env.put("TORC_RETURN_CODE", Integer.toString(rc));
            int code = pb.start().waitFor();
            if (code != 0) {
                log.warn("Recovery script for job {} exited with {}", job.name(), code);
            }
        } catch (IOException e) {
            log.warn("Recovery script for job {} could not start: {}", job.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
