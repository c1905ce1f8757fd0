package org.torc.common.model;

/** The mutable run state of a workflow ({@code workflow_status_model}). */
public record WorkflowStatusModel(
        Long id,
        Boolean isCanceled,
        Boolean isArchived,
        Long runId,
        Boolean hasDetectedNeedToRunCompletionScript) {
}
