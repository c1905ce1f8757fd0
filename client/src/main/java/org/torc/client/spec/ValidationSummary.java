package org.torc.client.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a spec would create (torc's {@code ValidationSummary}). */
public record ValidationSummary(
        String workflowName,
        String workflowDescription,
        int jobCount,
        int jobCountBeforeExpansion,
        int fileCount,
        int fileCountBeforeExpansion,
        int userDataCount,
        int resourceRequirementsCount,
        int slurmSchedulerCount,
        int actionCount,
        boolean hasScheduleNodesAction,
        List<String> jobNames,
        List<String> schedulerNames) {

    static ValidationSummary empty() {
        return new ValidationSummary("", null, 0, 0, 0, 0, 0, 0, 0, 0, false, List.of(), List.of());
    }

    /** torc's JSON: keys in torc's order, {@code workflow_description} written as null when absent. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("workflow_name", workflowName);
        if (workflowDescription == null) {
            o.putNull("workflow_description");
        } else {
            o.put("workflow_description", workflowDescription);
        }
        o.put("job_count", jobCount);
        o.put("job_count_before_expansion", jobCountBeforeExpansion);
        o.put("file_count", fileCount);
        o.put("file_count_before_expansion", fileCountBeforeExpansion);
        o.put("user_data_count", userDataCount);
        o.put("resource_requirements_count", resourceRequirementsCount);
        o.put("slurm_scheduler_count", slurmSchedulerCount);
        o.put("action_count", actionCount);
        o.put("has_schedule_nodes_action", hasScheduleNodesAction);
        ArrayNode jn = o.putArray("job_names");
        jobNames.forEach(jn::add);
        ArrayNode sn = o.putArray("scheduler_names");
        schedulerNames.forEach(sn::add);
        return o;
    }
}
