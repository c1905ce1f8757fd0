package org.torc.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.client.api.ApiError;
import org.torc.client.api.TorcApi;

/**
 * Runs the workflow's {@code run_commands} actions whose trigger has fired. Each action is claimed
 * on the server first, so exactly one runner executes it (persistent actions excepted).
 */
final class WorkflowActions {
    private static final Logger log = LoggerFactory.getLogger(WorkflowActions.class);

    private final TorcApi api;
    private final long workflowId;
    private final long computeNodeId;
    private final Path outputDir;
    private final boolean hasActions;

    WorkflowActions(TorcApi api, long workflowId, long computeNodeId, Path outputDir) {
        this.api = api;
        this.workflowId = workflowId;
        this.computeNodeId = computeNodeId;
        this.outputDir = outputDir;
        JsonNode all = api.get("/workflows/" + workflowId + "/actions");
        this.hasActions = all.isArray() && all.size() > 0;
    }

    boolean any() {
        return hasActions;
    }

    /** Claims and executes the pending actions of the given trigger types. */
    void runPending(String... triggerTypes) {
        if (!hasActions) {
            return;
        }
        String query = TorcApi.queryString(Map.of("trigger_type", List.of(triggerTypes)));
        for (JsonNode action : api.get("/workflows/" + workflowId + "/actions/pending" + query)) {
            if (!"run_commands".equals(action.path("action_type").asText())) {
                log.debug("Skipping action {} of type {}: not runnable locally",
                        action.path("id"), action.path("action_type").asText());
                continue;
            }
            long id = action.path("id").asLong();
            try {
                JsonNode claim = api.post("/workflows/" + workflowId + "/actions/" + id + "/claim",
                        Map.of("compute_node_id", computeNodeId));
                if (!claim.path("claimed").asBoolean(false)) {
                    continue;
                }
            } catch (ApiError e) {
                if (e.status() == 409) {
                    continue; // another runner has it
                }
                throw e;
            }
            log.info("Executing {} action {}", action.path("trigger_type").asText(), id);
            for (JsonNode command : action.path("action_config").path("commands")) {
                if (!runCommand(command.asText())) {
                    break;
                }
            }
        }
    }

    /** Runs one command with bash in the output directory; false when it fails. */
    private boolean runCommand(String command) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).directory(outputDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .start();
            int rc = p.waitFor();
            if (rc != 0) {
                log.warn("Action command failed with exit code {}: {}", rc, command);
                return false;
            }
            return true;
        } catch (IOException e) {
            log.warn("Action command could not start: {}: {}", command, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
