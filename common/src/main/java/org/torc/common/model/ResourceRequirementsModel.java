package org.torc.common.model;

/** What a job needs to run ({@code resource_requirements_model}). */
public record ResourceRequirementsModel(
        Long id,
        Long workflowId,
        String name,
        Long numCpus,
        Long numGpus,
        Long numNodes,
        String memory,
        String runtime) {
}
