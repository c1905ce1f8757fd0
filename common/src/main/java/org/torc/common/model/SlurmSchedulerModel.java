package org.torc.common.model;

/** Slurm allocation settings ({@code slurm_scheduler_model}). */
public record SlurmSchedulerModel(
        Long id,
        Long workflowId,
        String name,
        String account,
        String gres,
        String mem,
        Long nodes,
        Long ntasksPerNode,
        String partition,
        String qos,
        String tmp,
        String walltime,
        String extra) {
}
