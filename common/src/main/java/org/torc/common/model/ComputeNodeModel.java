package org.torc.common.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A worker process registered with the server ({@code compute_node_model}). */
public record ComputeNodeModel(
        Long id,
        Long workflowId,
        String hostname,
        Long pid,
        String startTime,
        Double durationSeconds,
        Boolean isActive,
        Long numCpus,
        Double memoryGb,
        Long numGpus,
        Long numNodes,
        String timeLimit,
        Long schedulerConfigId,
        String computeNodeType,
        JsonNode scheduler) {
}
