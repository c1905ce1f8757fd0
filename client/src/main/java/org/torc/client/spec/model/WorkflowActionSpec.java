package org.torc.client.spec.model;

import java.util.List;

/** Something to do when a trigger fires (torc's {@code WorkflowActionSpec}). */
public record WorkflowActionSpec(String triggerType, String actionType, List<String> jobs,
        List<String> jobNameRegexes, List<String> commands, String scheduler, String schedulerType,
        Long numAllocations, Boolean startOneWorkerPerNode, Integer maxParallelJobs, Boolean persistent) {
    public static final List<String> FIELDS = List.of("trigger_type", "action_type", "jobs",
            "job_name_regexes", "commands", "scheduler", "scheduler_type", "num_allocations",
            "start_one_worker_per_node", "max_parallel_jobs", "persistent");
}
