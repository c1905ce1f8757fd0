package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torc.client.api.ApiError;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.common.Json;

/**
 * torc's portable workflow document ({@code workflows export} / {@code workflows import}): the
 * workflow with its files, user data, resource requirements, schedulers, failure handlers, jobs
 * (with relationships) and actions, optionally results and events, all with the ids of the source
 * server. Import creates everything again and maps old ids to new ones.
 *
 * <p>Beyond torc's format the export also carries {@code compute_nodes} when results are included,
 * so that imported results can point at compute nodes of the new workflow (torc's own import
 * cannot store them); a document without that field still imports, without its results.
 */
final class WorkflowTransfer {
    static final String EXPORT_VERSION = "1.0";
    private static final int JOB_BATCH = 10_000;
    private static final int PAGE = Integer.MAX_VALUE;

    private WorkflowTransfer() {
    }

    /** What an import or export moved, for the summary line. */
    record Counts(int jobs, int files, int userData, int results, int events) {
        static Counts of(JsonNode doc) {
            return new Counts(doc.path("jobs").size(), doc.path("files").size(),
                    doc.path("user_data").size(), doc.path("results").size(),
                    doc.path("events").size());
        }
    }

    // ------------------------------------------------------------------ export

    static ObjectNode export(TorcApi api, long workflowId, boolean includeResults,
            boolean includeEvents) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("export_version", EXPORT_VERSION);
        doc.put("exported_at", Instant.now().toString());
        doc.set("workflow", api.get("/workflows/" + workflowId));
        Map<String, Object> byWorkflow = Queries.of("workflow_id", workflowId);
        doc.set("files", array(api.listAll("/files", byWorkflow, PAGE)));
        doc.set("user_data", array(api.listAll("/user_data", byWorkflow, PAGE)));
        doc.set("resource_requirements", array(api.listAll("/resource_requirements", byWorkflow,
                PAGE)));
        doc.set("slurm_schedulers", array(api.listAll("/slurm_schedulers", byWorkflow, PAGE)));
        doc.set("local_schedulers", array(api.listAll("/local_schedulers", byWorkflow, PAGE)));
        doc.set("failure_handlers", array(api.listAll("/workflows/" + workflowId
                + "/failure_handlers", Map.of(), PAGE)));
        doc.set("jobs", array(api.listAll("/jobs", Queries.of("workflow_id", workflowId,
                "include_relationships", true), PAGE)));
        JsonNode actions = api.get("/workflows/" + workflowId + "/actions");
        doc.set("workflow_actions", actions.isArray() ? actions : Json.mapper().createArrayNode());
        if (includeResults) {
            doc.set("results", array(api.listAll("/results", Queries.of("workflow_id", workflowId,
                    "all_runs", true), PAGE)));
            doc.set("compute_nodes", array(api.listAll("/compute_nodes", byWorkflow, PAGE)));
        }
        if (includeEvents) {
            doc.set("events", array(api.listAll("/events", byWorkflow, PAGE)));
        }
        return doc;
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode a = Json.mapper().createArrayNode();
        items.forEach(a::add);
        return a;
    }

    // ------------------------------------------------------------------ import

    /** The result of an import: the new workflow and what was skipped. */
    record Imported(long workflowId, String workflowName, int resultsSkipped) {
    }

    /**
     * Recreates the document's workflow owned by {@code user}. On any failure the half-made
     * workflow is deleted again and the failure is reported.
     */
    static Imported importDocument(TorcApi api, JsonNode doc, String nameOverride, String user,
            boolean skipResults, boolean skipEvents) {
        JsonNode source = doc.get("workflow");
        if (source == null || !source.isObject()) {
            throw new CliError("Error parsing export file: it has no workflow object");
        }
        ObjectNode wf = source.deepCopy();
        wf.remove(List.of("id", "status_id", "timestamp"));
        if (nameOverride != null) {
            wf.put("name", nameOverride);
        }
        wf.put("user", user);
        JsonNode created = call("creating workflow", () -> api.post("/workflows", wf));
        long newId = created.path("id").asLong();
        try {
            int skipped = fill(api, doc, newId, skipResults, skipEvents);
            return new Imported(newId, created.path("name").asText(), skipped);
        } catch (RuntimeException e) {
            try {
                api.delete("/workflows/" + newId);
            } catch (RuntimeException cleanupFailed) {
                e.addSuppressed(cleanupFailed);
            }
            throw e;
        }
    }

    private static int fill(TorcApi api, JsonNode doc, long wf, boolean skipResults,
            boolean skipEvents) {
        Map<Long, Long> files = createEach(api, doc.path("files"), "/files", "creating file", wf);
        Map<Long, Long> userData = createEach(api, doc.path("user_data"), "/user_data",
                "creating user_data", wf);
        Map<Long, Long> requirements = new HashMap<>();
        List<JsonNode> defaults = api.listAll("/resource_requirements",
                Queries.of("workflow_id", wf, "name", "default"), 1);
        for (JsonNode rr : doc.path("resource_requirements")) {
            if ("default".equals(rr.path("name").asText())) {
                if (!defaults.isEmpty()) {
                    requirements.put(rr.path("id").asLong(), defaults.get(0).path("id").asLong());
                }
                continue;
            }
            requirements.put(rr.path("id").asLong(), createOne(api, rr, "/resource_requirements",
                    "creating resource requirements", wf));
        }
        Map<Long, Long> schedulers = createEach(api, doc.path("slurm_schedulers"),
                "/slurm_schedulers", "creating slurm scheduler", wf);
        schedulers.putAll(createEach(api, doc.path("local_schedulers"), "/local_schedulers",
                "creating local scheduler", wf));
        Map<Long, Long> handlers = createEach(api, doc.path("failure_handlers"),
                "/failure_handlers", "creating failure handler", wf);
        Map<Long, Long> jobs = createJobs(api, doc.path("jobs"), wf, files, userData, requirements,
                schedulers, handlers);
        for (JsonNode action : doc.path("workflow_actions")) {
            ObjectNode a = JsonNodeFactory.instance.objectNode();
            a.put("workflow_id", wf);
            a.set("trigger_type", action.get("trigger_type"));
            a.set("action_type", action.get("action_type"));
            JsonNode config = action.get("action_config");
            if (config instanceof ObjectNode c && c.path("scheduler_id").canConvertToLong()
                    && schedulers.containsKey(c.get("scheduler_id").asLong())) {
                ObjectNode copy = c.deepCopy();
                copy.put("scheduler_id", schedulers.get(c.get("scheduler_id").asLong()));
                config = copy;
            }
            a.set("action_config", config);
            JsonNode ids = action.get("job_ids");
            if (ids != null && ids.isArray()) {
                a.set("job_ids", remap(ids, jobs));
            }
            if (action.has("persistent")) {
                a.set("persistent", action.get("persistent"));
            }
            call("creating workflow action", () -> api.post("/workflows/" + wf + "/actions", a));
        }
        int skipped = 0;
        if (!skipResults && doc.path("results").size() > 0) {
            Map<Long, Long> nodes = new HashMap<>();
            for (JsonNode node : doc.path("compute_nodes")) {
                ObjectNode n = node.deepCopy();
                n.put("is_active", false);
                nodes.put(node.path("id").asLong(), createOne(api, n, "/compute_nodes",
                        "creating compute node", wf));
            }
            for (JsonNode result : doc.path("results")) {
                Long job = jobs.get(result.path("job_id").asLong());
                Long node = nodes.get(result.path("compute_node_id").asLong());
                if (job == null || node == null) {
                    skipped++;
                    continue;
                }
                ObjectNode r = result.deepCopy();
                r.put("job_id", job);
                r.put("compute_node_id", node);
                createOne(api, r, "/results", "creating result", wf);
            }
        }
        if (!skipEvents) {
            for (JsonNode event : doc.path("events")) {
                ObjectNode e = JsonNodeFactory.instance.objectNode();
                e.put("workflow_id", wf);
                e.set("data", event.get("data"));
                call("creating event", () -> api.post("/events", e));
            }
        }
        return skipped;
    }

    /**
     * Jobs go in dependency order, one {@code POST /bulk_jobs} per level, so each job's
     * {@code depends_on_job_ids} can name already-created jobs; statuses start uninitialized.
     */
    private static Map<Long, Long> createJobs(TorcApi api, JsonNode exported, long wf,
            Map<Long, Long> files, Map<Long, Long> userData, Map<Long, Long> requirements,
            Map<Long, Long> schedulers, Map<Long, Long> handlers) {
        Map<Long, JsonNode> byOldId = new LinkedHashMap<>();
        exported.forEach(j -> byOldId.put(j.path("id").asLong(), j));
        Map<Long, Long> ids = new HashMap<>();
        Set<Long> remaining = new HashSet<>(byOldId.keySet());
        while (!remaining.isEmpty()) {
            List<JsonNode> level = new ArrayList<>();
            for (Map.Entry<Long, JsonNode> e : byOldId.entrySet()) {
                if (!remaining.contains(e.getKey())) {
                    continue;
                }
                boolean ready = true;
                for (JsonNode d : e.getValue().path("depends_on_job_ids")) {
                    if (remaining.contains(d.asLong())) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    level.add(e.getValue());
                }
            }
            if (level.isEmpty()) {
                throw new CliError("Error importing workflow: the jobs' dependencies form a cycle");
            }
            for (int from = 0; from < level.size(); from += JOB_BATCH) {
                List<JsonNode> batch = level.subList(from, Math.min(level.size(), from + JOB_BATCH));
                ArrayNode models = Json.mapper().createArrayNode();
                for (JsonNode job : batch) {
                    models.add(jobModel(job, wf, ids, files, userData, requirements, schedulers,
                            handlers));
                }
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.set("jobs", models);
                JsonNode created = call("creating jobs", () -> api.post("/bulk_jobs", body))
                        .path("jobs");
                for (int k = 0; k < batch.size(); k++) {
                    ids.put(batch.get(k).path("id").asLong(), created.get(k).path("id").asLong());
                }
            }
            level.forEach(j -> remaining.remove(j.path("id").asLong()));
        }
        return ids;
    }

    private static ObjectNode jobModel(JsonNode job, long wf, Map<Long, Long> jobs,
            Map<Long, Long> files, Map<Long, Long> userData, Map<Long, Long> requirements,
            Map<Long, Long> schedulers, Map<Long, Long> handlers) {
        ObjectNode j = job.deepCopy();
        j.remove(List.of("id", "active_compute_node_id"));
        j.put("workflow_id", wf);
        j.put("status", "uninitialized");
        remapList(j, "depends_on_job_ids", jobs);
        remapList(j, "input_file_ids", files);
        remapList(j, "output_file_ids", files);
        remapList(j, "input_user_data_ids", userData);
        remapList(j, "output_user_data_ids", userData);
        remapId(j, "resource_requirements_id", requirements);
        remapId(j, "scheduler_id", schedulers);
        remapId(j, "failure_handler_id", handlers);
        return j;
    }

    private static void remapList(ObjectNode o, String field, Map<Long, Long> ids) {
        JsonNode v = o.get(field);
        if (v != null && v.isArray()) {
            o.set(field, remap(v, ids));
        }
    }

    private static void remapId(ObjectNode o, String field, Map<Long, Long> ids) {
        JsonNode v = o.get(field);
        if (v != null && v.canConvertToLong() && !v.isNull()) {
            Long mapped = ids.get(v.asLong());
            if (mapped == null) {
                o.putNull(field);
            } else {
                o.put(field, mapped);
            }
        }
    }

    private static ArrayNode remap(JsonNode oldIds, Map<Long, Long> ids) {
        ArrayNode out = Json.mapper().createArrayNode();
        for (JsonNode id : oldIds) {
            Long mapped = ids.get(id.asLong());
            if (mapped != null) {
                out.add(mapped);
            }
        }
        return out;
    }

    private static Map<Long, Long> createEach(TorcApi api, JsonNode items, String path,
            String doing, long wf) {
        Map<Long, Long> ids = new HashMap<>();
        for (JsonNode item : items) {
            ids.put(item.path("id").asLong(), createOne(api, item, path, doing, wf));
        }
        return ids;
    }

    private static long createOne(TorcApi api, JsonNode item, String path, String doing, long wf) {
        ObjectNode body = item.deepCopy();
        body.remove("id");
        body.put("workflow_id", wf);
        return call(doing, () -> api.post(path, body)).path("id").asLong();
    }

    private static JsonNode call(String doing, java.util.function.Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (ApiError e) {
            throw new CliError(CliContext.describe(doing, e));
        }
    }
}
