package org.torc.common.model;

/** One edge of the job graph: {@code job_id} waits for {@code depends_on_job_id}. */
public record JobDependencyModel(Long jobId, String jobName, Long dependsOnJobId,
        String dependsOnJobName, Long workflowId) {
}
