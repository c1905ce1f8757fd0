package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torc.client.api.ApiError;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.spec.ResolvedSpec;
import org.torc.client.spec.ResolvedSpec.ResolvedAction;
import org.torc.client.spec.ResolvedSpec.ResolvedFile;
import org.torc.client.spec.ResolvedSpec.ResolvedUserData;
import org.torc.client.spec.SpecException;
import org.torc.client.spec.SpecIds;
import org.torc.client.spec.SpecOptions;
import org.torc.client.spec.SpecPipeline;
import org.torc.client.spec.model.FailureHandlerSpec;
import org.torc.client.spec.model.ResourceRequirementsSpec;
import org.torc.client.spec.model.SlurmSchedulerSpec;
import org.torc.common.model.JobModel;

/**
 * Creates a workflow from a spec file: the spec pipeline, then torc's sequence of API calls
 * ({@code create_workflow_from_spec}): the workflow, its files, user data, resource requirements,
 * Slurm schedulers and failure handlers one by one, the jobs with {@code POST /bulk_jobs} level by
 * level (so every dependency names a job that already exists), then the actions. If anything fails
 * once the workflow exists, the workflow is deleted again so nothing half-made is left behind.
 * Nothing is initialized.
 */
public final class SpecCreation {
    /** Jobs per {@code POST /bulk_jobs}: our server accepts 10,000 (torc's client sends 1,000). */
    static final int JOB_BATCH = JobsCommand.BULK_BATCH;

    private SpecCreation() {
    }

    /** The {@code torc run SPEC} path: resource monitoring on, as torc's run does. */
    static long create(TorcApi api, Path spec, boolean skipChecks, CliContext ctx) {
        return create(api, spec, SpecOptions.defaults().withSkipChecks(skipChecks), ctx);
    }

    /**
     * Resolves {@code spec} and creates it as the context's user; warnings go to stderr.
     *
     * @throws CliError "Error creating workflow from spec: ..." for a bad spec or a failed call
     */
    static long create(TorcApi api, Path spec, SpecOptions options, CliContext ctx) {
        ResolvedSpec resolved;
        try {
            resolved = SpecPipeline.resolve(spec, options);
        } catch (SpecException e) {
            // Name the file even when the problem is about an item rather than a line of text.
            String message = e.getMessage();
            String file = spec.getFileName() == null ? spec.toString() : spec.getFileName().toString();
            if (!message.contains(file)) {
                message = file + ": " + message;
            }
            throw new CliError("Error creating workflow from spec: " + message);
        }
        resolved.warnings().forEach(w -> ctx.note("Warning: " + w));
        return create(api, resolved, ctx.user());
    }

    /** Sends a resolved spec to the server; returns the new workflow's id. */
    public static long create(TorcApi api, ResolvedSpec spec, String user) {
        long workflowId = call("creating workflow",
                () -> api.post("/workflows", spec.toWorkflowModel(user))).path("id").asLong();
        try {
            createContents(api, spec, workflowId);
            return workflowId;
        } catch (RuntimeException e) {
            try {
                api.delete("/workflows/" + workflowId);
            } catch (RuntimeException cleanupFailed) {
                e.addSuppressed(cleanupFailed);
                throw new CliError(e.getMessage() + " (and deleting the partly created workflow "
                        + workflowId + " failed: " + cleanupFailed.getMessage() + ")");
            }
            throw e;
        }
    }

    private static void createContents(TorcApi api, ResolvedSpec spec, long wf) {
        SpecIds ids = new SpecIds(spec);
        for (ResolvedFile f : spec.files()) {
            ids.setFile(f.index(), id(call("creating file '" + f.name() + "'",
                    () -> api.post("/files", f.toModel(wf)))));
        }
        for (ResolvedUserData u : spec.userData()) {
            ids.setUserData(u.index(), id(call("creating user data '" + u.name() + "'",
                    () -> api.post("/user_data", u.toModel(wf)))));
        }
        List<ResourceRequirementsSpec> requirements = spec.resourceRequirements();
        for (int i = 0; i < requirements.size(); i++) {
            ResourceRequirementsSpec rr = requirements.get(i);
            ids.setResourceRequirements(i, id(call("creating resource requirements '" + rr.name()
                    + "'", () -> api.post("/resource_requirements", ResolvedSpec.toModel(rr, wf)))));
        }
        List<SlurmSchedulerSpec> schedulers = spec.slurmSchedulers();
        for (int i = 0; i < schedulers.size(); i++) {
            SlurmSchedulerSpec s = schedulers.get(i);
            ids.setSlurmScheduler(i, id(call("creating slurm scheduler '" + s.name() + "'",
                    () -> api.post("/slurm_schedulers", ResolvedSpec.toModel(s, wf)))));
        }
        List<FailureHandlerSpec> handlers = spec.failureHandlers();
        for (int i = 0; i < handlers.size(); i++) {
            FailureHandlerSpec h = handlers.get(i);
            ids.setFailureHandler(i, id(call("creating failure handler '" + h.name() + "'",
                    () -> api.post("/failure_handlers", ResolvedSpec.toModel(h, wf)))));
        }
        for (List<Integer> level : spec.creationLevels()) {
            for (int from = 0; from < level.size(); from += JOB_BATCH) {
                List<Integer> batch = level.subList(from, Math.min(level.size(), from + JOB_BATCH));
                List<JobModel> models = new ArrayList<>(batch.size());
                for (int index : batch) {
                    models.add(spec.jobs().get(index).toModel(wf, ids));
                }
                JsonNode created = call("creating jobs",
                        () -> api.post("/bulk_jobs", Map.of("jobs", models))).path("jobs");
                if (created.size() != batch.size()) {
                    throw new CliError("Error creating workflow from spec: the server created "
                            + created.size() + " of " + batch.size() + " jobs");
                }
                for (int k = 0; k < batch.size(); k++) {
                    ids.setJob(batch.get(k), created.get(k).path("id").asLong());
                }
            }
        }
        for (ResolvedAction a : spec.actions()) {
            call("creating workflow action",
                    () -> api.post("/workflows/" + wf + "/actions", a.toModel(wf, ids)));
        }
    }

    private static long id(JsonNode created) {
        return created.path("id").asLong();
    }

    private static JsonNode call(String doing, java.util.function.Supplier<JsonNode> request) {
        try {
            return request.get();
        } catch (ApiError e) {
            throw new CliError("Error creating workflow from spec: "
                    + CliContext.describe(doing, e));
        }
    }
}
