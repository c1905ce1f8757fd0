package org.torc.common.model;

import org.torc.common.JobStatus;

/** The outcome of one attempt of one job in one run ({@code result_model}). */
public record ResultModel(
        Long id,
        Long jobId,
        Long workflowId,
        Long runId,
        Long attemptId,
        Long computeNodeId,
        Long returnCode,
        Double execTimeMinutes,
        String completionTime,
        JobStatus status,
        Long peakMemoryBytes,
        Long avgMemoryBytes,
        Double peakCpuPercent,
        Double avgCpuPercent) {
}
