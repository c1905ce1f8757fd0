package org.torc.server.actions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.torc.common.model.WorkflowActionModel;
import org.torc.server.http.ApiException;

/**
 * What a new workflow action must look like (torc's {@code validate_action_config} plus the checks
 * torc left to chance); every failure is a 422 that names the field.
 */
final class ActionValidation {
    static final String RUN_COMMANDS = "run_commands";
    static final String SCHEDULE_NODES = "schedule_nodes";
    static final List<String> ACTION_TYPES = List.of(RUN_COMMANDS, SCHEDULE_NODES);

    private static final List<String> SCHEDULE_NODES_FIELDS = List.of("scheduler_id",
            "scheduler_type", "num_allocations", "start_one_worker_per_node", "max_parallel_jobs");

    private ActionValidation() {
    }

    static void check(WorkflowActionModel a) {
        if (a.triggerType() == null || !ActionTriggers.TRIGGER_TYPES.contains(a.triggerType())) {
            throw ApiException.unprocessable("Invalid trigger_type '" + a.triggerType()
                    + "'; expected one of " + String.join(", ", ActionTriggers.TRIGGER_TYPES));
        }
        if (a.actionType() == null || !ACTION_TYPES.contains(a.actionType())) {
            throw ApiException.unprocessable("Invalid action_type '" + a.actionType()
                    + "'; expected one of " + String.join(", ", ACTION_TYPES));
        }
        checkConfig(a.actionType(), a.actionConfig());
        if (ActionTriggers.isJobTrigger(a.triggerType())
                && (a.jobIds() == null || a.jobIds().isEmpty())) {
            throw ApiException.unprocessable("job_ids is required for trigger_type '"
                    + a.triggerType() + "' and cannot be empty");
        }
        if (a.jobIds() != null && a.jobIds().contains(null)) {
            throw ApiException.unprocessable("job_ids cannot contain null");
        }
        if (a.triggerCount() != null && a.triggerCount() < 0) {
            throw ApiException.unprocessable("trigger_count cannot be negative");
        }
    }

    private static void checkConfig(String actionType, JsonNode config) {
        if (config == null || config.isNull()) {
            throw ApiException.unprocessable("action_config is required");
        }
        if (!config.isObject()) {
            throw ApiException.unprocessable("action_config must be a JSON object");
        }
        if (RUN_COMMANDS.equals(actionType)) {
            checkRunCommands(config);
        } else {
            checkScheduleNodes(config);
        }
    }

    /** {@code {"commands": ["...", ...]}} and nothing else; at least one command. */
    private static void checkRunCommands(JsonNode config) {
        JsonNode commands = config.get("commands");
        if (commands == null || config.size() != 1) {
            throw ApiException.unprocessable("action_config of a run_commands action must have "
                    + "exactly one field, 'commands'");
        }
        if (!commands.isArray() || commands.isEmpty()) {
            throw ApiException.unprocessable(
                    "action_config.commands must be a non-empty array of strings");
        }
        for (int i = 0; i < commands.size(); i++) {
            if (!commands.get(i).isTextual()) {
                throw ApiException.unprocessable("action_config.commands[" + i
                        + "] must be a string");
            }
        }
    }

    /** Only the known fields, each with its type; all of them optional. */
    private static void checkScheduleNodes(JsonNode config) {
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String where = "action_config." + name;
            switch (name) {
                case "scheduler_id", "num_allocations", "max_parallel_jobs" -> {
                    if (!value.isIntegralNumber()) {
                        throw ApiException.unprocessable(where + " must be an integer");
                    }
                }
                case "scheduler_type" -> {
                    if (!value.isTextual()) {
                        throw ApiException.unprocessable(where + " must be a string");
                    }
                }
                case "start_one_worker_per_node" -> {
                    if (!value.isBoolean()) {
                        throw ApiException.unprocessable(where + " must be true or false");
                    }
                }
                default -> throw ApiException.unprocessable("Unsupported field '" + name
                        + "' in the action_config of a schedule_nodes action; allowed: "
                        + String.join(", ", SCHEDULE_NODES_FIELDS));
            }
        }
    }
}
