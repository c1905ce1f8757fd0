package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.common.Json;

/** Reading fields of API objects for table output. */
final class Fields {
    private Fields() {
    }

    /** The field as text; "" when absent or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    /** The field as text, or {@code fallback} when absent or null. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    static Long longOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    /** Rust's {@code {:?}} of an id list: {@code [1, 2]}, or "None" when absent. */
    static String idList(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isArray()) {
            return "None";
        }
        List<String> ids = new ArrayList<>();
        v.forEach(x -> ids.add(x.asText()));
        return "[" + String.join(", ", ids) + "]";
    }

    /** torc's list JSON: {@code {"<field>": [items...]}}. */
    static ObjectNode wrap(String field, List<JsonNode> items) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.putArray(field).addAll(items);
        return o;
    }

    /** Compact JSON of a node. */
    static String compact(JsonNode node) {
        return node == null || node.isMissingNode() ? "" : Json.write(node);
    }

    /** Pretty JSON of a node (2-space indent). */
    static String pretty(JsonNode node) {
        return org.torc.client.cli.Output.pretty(node);
    }

    /**
     * torc's {@code parse_json_fields}: {@code resource_monitor_config}, {@code slurm_defaults} and
     * {@code metadata} are stored as JSON strings and shown as objects in JSON output.
     */
    static JsonNode workflowForJson(JsonNode workflow) {
        if (!(workflow instanceof ObjectNode o)) {
            return workflow;
        }
        ObjectNode copy = o.deepCopy();
        for (String field : new String[] {"resource_monitor_config", "slurm_defaults", "metadata"}) {
            JsonNode v = copy.get(field);
            if (v != null && v.isTextual()) {
                try {
                    copy.set(field, Json.mapper().readTree(v.asText()));
                } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                    // left as the string it is
                }
            }
        }
        return copy;
    }
}
