package org.torc.common.model;

/** A workflow as torc's API sends it ({@code workflow_model}). */
public record WorkflowModel(
        Long id,
        String name,
        String user,
        String description,
        String timestamp,
        String project,
        String metadata,
        Long computeNodeExpirationBufferSeconds,
        Long computeNodeWaitForNewJobsSeconds,
        Boolean computeNodeIgnoreWorkflowCompletion,
        Long computeNodeWaitForHealthyDatabaseMinutes,
        Long computeNodeMinTimeForNewJobsSeconds,
        String jobsSortMethod,
        String resourceMonitorConfig,
        String slurmDefaults,
        Boolean usePendingFailed,
        Long statusId) {

    public static WorkflowModel named(String name, String user) {
        return new WorkflowModel(null, name, user, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
