package org.torc.common.model;

/** The capacity a worker offers when it claims jobs by resources ({@code compute_nodes_resources}). */
public record ComputeNodesResources(
        Long id,
        Long numCpus,
        Double memoryGb,
        Long numGpus,
        Long numNodes,
        String timeLimit,
        Long schedulerConfigId) {
}
