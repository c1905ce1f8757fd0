package org.torc.client.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.client.api.TorcApi;

/**
 * The client's initialize and reinitialize sequences (torc's WorkflowManager): check inputs,
 * reset, bump the run id, record file times, then let the server mark jobs ready or blocked.
 */
public final class WorkflowManager {
    private static final Logger log = LoggerFactory.getLogger(WorkflowManager.class);

    private final TorcApi api;
    private final long workflowId;

    public WorkflowManager(TorcApi api, long workflowId) {
        this.api = api;
        this.workflowId = workflowId;
    }

    /** A problem that stops initialization; its message is meant for the user. */
    public static final class InitializationRefused extends RuntimeException {
        public InitializationRefused(String message) {
            super(message);
        }
    }

    /** Fresh start of a run: everything is reset and re-evaluated. */
    public long initialize(boolean force) {
        checkWorkflow(force);
        warnAboutExistingOutputs();
        api.post("/workflows/" + workflowId + "/reset_status", null);
        api.post("/workflows/" + workflowId + "/reset_job_status?failed_only=false", null);
        long runId = bumpRunId();
        initializeFiles();
        api.post("/workflows/" + workflowId + "/initialize_jobs?only_uninitialized=false"
                + "&clear_ephemeral_user_data=false", null);
        log.info("Changed all uninitialized jobs to ready or blocked for workflow {}", workflowId);
        return runId;
    }

    /**
     * Initializes the workflow for its first run unless another runner already did. On our server
     * the reset, run-id bump and initialization happen in one transaction guarded by "all jobs are
     * still uninitialized", so concurrent runners cannot reset each other; on torc's server this
     * falls back to torc's client-side sequence.
     * @return true when this call initialized the workflow
     */
    public boolean initializeIfUninitialized(boolean force) {
        String version = api.get("/version").asText("");
        if (!version.contains("torc-jvm")) {
            initialize(force);
            return true;
        }
        checkWorkflow(force);
        initializeFiles();
        JsonNode r = api.post("/workflows/" + workflowId
                + "/initialize_jobs?start_run=if_uninitialized", null);
        return r.path("initialized").asBoolean(false);
    }

    /**
     * A new run that keeps finished work: only jobs whose inputs changed (file times, missing
     * outputs, changed user data) and what depends on them run again.
     */
    public List<String> reinitialize(boolean force, boolean dryRun) {
        checkWorkflow(force);
        if (!dryRun) {
            bumpRunId();
            api.post("/workflows/" + workflowId + "/reset_status", null);
        }
        List<String> changes = new ArrayList<>();
        changes.addAll(processChangedFiles(dryRun));
        changes.addAll(resetJobsWithMissingOutputs(dryRun));
        JsonNode changed = api.post("/workflows/" + workflowId
                + "/process_changed_job_inputs?dry_run=" + dryRun, null);
        changed.path("reinitialized_jobs").forEach(n -> changes.add("job " + n.asText()
                + ": inputs changed"));
        if (!dryRun) {
            api.post("/workflows/" + workflowId + "/initialize_jobs?only_uninitialized=true"
                    + "&clear_ephemeral_user_data=false", null);
        }
        return changes;
    }

    public long bumpRunId() {
        JsonNode status = api.get("/workflows/" + workflowId + "/status");
        ObjectNode next = status.deepCopy();
        long runId = status.path("run_id").asLong() + 1;
        next.put("run_id", runId);
        api.put("/workflows/" + workflowId + "/status", next);
        return runId;
    }

    private void checkWorkflow(boolean force) {
        JsonNode status = api.get("/workflows/" + workflowId + "/status");
        if (status.path("is_archived").asBoolean(false)) {
            throw new InitializationRefused("Workflow " + workflowId + " is archived");
        }
        List<String> missing = new ArrayList<>();
        for (JsonNode id : api.get("/workflows/" + workflowId + "/required_existing_files")
                .path("files")) {
            JsonNode file = api.get("/files/" + id.asLong());
            if (!Files.exists(Path.of(file.path("path").asText()))) {
                missing.add("Required file '" + file.path("name").asText() + "' (id: "
                        + id.asLong() + ", path: " + file.path("path").asText()
                        + ") does not exist on filesystem");
            }
        }
        if (!missing.isEmpty()) {
            if (!force) {
                throw new InitializationRefused("Missing required files:\n"
                        + String.join("\n", missing));
            }
            missing.forEach(m -> log.warn("{} (ignored because of --force)", m));
        }
        List<String> missingData = new ArrayList<>();
        api.get("/workflows/" + workflowId + "/missing_user_data").path("user_data")
                .forEach(n -> missingData.add(n.asText()));
        if (!missingData.isEmpty()) {
            throw new InitializationRefused("Missing user data for workflow " + workflowId
                    + ": IDs [" + String.join(", ", missingData) + "]");
        }
    }

    private List<JsonNode> files(Map<String, Object> filters) {
        Map<String, Object> q = new LinkedHashMap<>(filters);
        q.put("workflow_id", workflowId);
        return api.listAll("/files", q, Long.MAX_VALUE);
    }

    private void warnAboutExistingOutputs() {
        for (JsonNode f : files(Map.of("is_output", true))) {
            if (Files.exists(Path.of(f.path("path").asText()))) {
                log.warn("Output file {} already exists and will be overwritten",
                        f.path("path").asText());
            }
        }
    }

    /** Records the modification time of every file that exists. */
    private void initializeFiles() {
        for (JsonNode f : files(Map.of())) {
            Double mtime = mtime(Path.of(f.path("path").asText()));
            if (mtime == null) {
                continue;
            }
            JsonNode current = f.get("st_mtime");
            if (current == null || current.isNull()
                    || Math.abs(current.asDouble() - mtime) > 0.01) {
                ObjectNode updated = f.deepCopy();
                updated.put("st_mtime", mtime);
                api.put("/files/" + f.path("id").asLong(), updated);
            }
        }
    }

    private List<String> processChangedFiles(boolean dryRun) {
        List<String> changes = new ArrayList<>();
        for (JsonNode f : files(Map.of())) {
            Double mtime = mtime(Path.of(f.path("path").asText()));
            JsonNode recorded = f.get("st_mtime");
            boolean hadTime = recorded != null && !recorded.isNull();
            String reason = null;
            if (mtime != null && hadTime && Math.abs(recorded.asDouble() - mtime) > 0.01) {
                reason = "modified";
            } else if (mtime != null && !hadTime) {
                reason = "appeared";
            } else if (mtime == null && hadTime) {
                reason = "disappeared";
            }
            if (reason == null) {
                continue;
            }
            changes.add("file " + f.path("name").asText() + ": " + reason);
            if (dryRun) {
                continue;
            }
            ObjectNode updated = f.deepCopy();
            if (mtime == null) {
                updated.putNull("st_mtime");
            } else {
                updated.put("st_mtime", mtime);
            }
            api.put("/files/" + f.path("id").asLong(), updated);
            long runId = api.get("/workflows/" + workflowId + "/status").path("run_id").asLong();
            for (JsonNode job : api.listAll("/jobs", Map.of("workflow_id", workflowId,
                    "needs_file_id", f.path("id").asLong()), Long.MAX_VALUE)) {
                String status = job.path("status").asText();
                if (status.equals("completed") || status.equals("failed")
                        || status.equals("canceled")) {
                    api.put("/jobs/" + job.path("id").asLong() + "/manage_status_change/"
                            + "uninitialized/" + runId, null);
                }
            }
        }
        return changes;
    }

    private List<String> resetJobsWithMissingOutputs(boolean dryRun) {
        List<String> changes = new ArrayList<>();
        Map<Long, String> paths = new LinkedHashMap<>();
        for (JsonNode f : files(Map.of("is_output", true))) {
            paths.put(f.path("id").asLong(), f.path("path").asText());
        }
        if (paths.isEmpty()) {
            return changes;
        }
        long runId = api.get("/workflows/" + workflowId + "/status").path("run_id").asLong();
        for (JsonNode job : api.listAll("/jobs", Map.of("workflow_id", workflowId,
                "status", "completed", "include_relationships", true), Long.MAX_VALUE)) {
            for (JsonNode fid : job.path("output_file_ids")) {
                String path = paths.get(fid.asLong());
                if (path != null && !Files.exists(Path.of(path))) {
                    changes.add("job " + job.path("name").asText() + ": output " + path
                            + " is missing");
                    if (!dryRun) {
                        api.put("/jobs/" + job.path("id").asLong() + "/manage_status_change/"
                                + "uninitialized/" + runId, null);
                    }
                    break;
                }
            }
        }
        return changes;
    }

    private static Double mtime(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis() / 1000.0;
        } catch (IOException e) {
            return null;
        }
    }
}
