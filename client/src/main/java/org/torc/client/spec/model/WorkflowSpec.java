package org.torc.client.spec.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A whole workflow specification (torc's {@code WorkflowSpec}).
 *
 * <p>{@code computeNodeMinTimeForNewJobsSeconds} is deliberately absent: torc's workflow model has it,
 * but torc's spec rejects it as an unknown field (checked against torc 0.12).
 */
public record WorkflowSpec(
        String name,
        String user,
        String description,
        Map<String, String> parameters,
        Long computeNodeExpirationBufferSeconds,
        Long computeNodeWaitForNewJobsSeconds,
        Boolean computeNodeIgnoreWorkflowCompletion,
        Long computeNodeWaitForHealthyDatabaseMinutes,
        String jobsSortMethod,
        List<JobSpec> jobs,
        List<FileSpec> files,
        List<UserDataSpec> userData,
        List<ResourceRequirementsSpec> resourceRequirements,
        List<FailureHandlerSpec> failureHandlers,
        List<SlurmSchedulerSpec> slurmSchedulers,
        Map<String, JsonNode> slurmDefaults,
        ResourceMonitorConfig resourceMonitor,
        List<WorkflowActionSpec> actions,
        Boolean usePendingFailed,
        String project,
        String metadata) {

    /** The keys a spec may contain, in torc's order (used in "unknown field" messages). */
    public static final List<String> FIELDS = List.of(
            "name", "user", "description", "parameters",
            "compute_node_expiration_buffer_seconds", "compute_node_wait_for_new_jobs_seconds",
            "compute_node_ignore_workflow_completion", "compute_node_wait_for_healthy_database_minutes",
            "jobs_sort_method", "jobs", "files", "user_data", "resource_requirements",
            "failure_handlers", "slurm_schedulers", "slurm_defaults", "resource_monitor", "actions",
            "use_pending_failed", "project", "metadata");

    /** The values torc accepts for {@code jobs_sort_method}. */
    public static final List<String> JOBS_SORT_METHODS =
            List.of("gpus_runtime_memory", "gpus_memory_runtime", "none");

    /** Keys of {@code slurm_defaults} that torc manages itself and refuses (compared case-insensitively). */
    public static final List<String> SLURM_EXCLUDED_PARAMS =
            List.of("partition", "nodes", "walltime", "time", "mem", "gres", "name", "job-name");

    public WorkflowSpec withJobsAndFiles(List<JobSpec> newJobs, List<FileSpec> newFiles) {
        return new WorkflowSpec(name, user, description, parameters, computeNodeExpirationBufferSeconds,
                computeNodeWaitForNewJobsSeconds, computeNodeIgnoreWorkflowCompletion,
                computeNodeWaitForHealthyDatabaseMinutes, jobsSortMethod, newJobs, newFiles, userData,
                resourceRequirements, failureHandlers, slurmSchedulers, slurmDefaults, resourceMonitor,
                actions, usePendingFailed, project, metadata);
    }
}
