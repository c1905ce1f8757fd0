package org.torc.common.model;

/** A workflow shared with an access group. */
public record WorkflowAccessGroupModel(Long workflowId, Long groupId, String createdAt) {
}
