package org.torc.common.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Something to do when a trigger fires ({@code workflow_action_model}). */
public record WorkflowActionModel(
        Long id,
        Long workflowId,
        String triggerType,
        String actionType,
        JsonNode actionConfig,
        List<Long> jobIds,
        Long triggerCount,
        Long requiredTriggers,
        Boolean executed,
        String executedAt,
        Long executedBy,
        Boolean persistent,
        Boolean isRecovery) {
}
