package org.torc.common.model;

/** Retry rules for failed jobs; {@code rules} is a JSON array in a string, as in torc. */
public record FailureHandlerModel(Long id, Long workflowId, String name, String rules) {
}
