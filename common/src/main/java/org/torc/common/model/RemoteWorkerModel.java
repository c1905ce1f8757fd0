package org.torc.common.model;

/** A remote worker address registered for a workflow. */
public record RemoteWorkerModel(String worker, Long workflowId) {
}
