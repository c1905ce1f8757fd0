package org.torc.common.model;

/** Local execution settings ({@code local_scheduler_model}). */
public record LocalSchedulerModel(Long id, Long workflowId, String name, String memory, Long numCpus) {
}
