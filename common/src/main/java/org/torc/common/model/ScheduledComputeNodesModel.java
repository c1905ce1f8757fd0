package org.torc.common.model;

/** A compute node requested from a scheduler ({@code scheduled_compute_nodes_model}). */
public record ScheduledComputeNodesModel(
        Long id,
        Long workflowId,
        Long schedulerId,
        Long schedulerConfigId,
        String schedulerType,
        String status) {
}
