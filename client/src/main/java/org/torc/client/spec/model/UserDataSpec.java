package org.torc.client.spec.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A user-data record (torc's {@code UserDataSpec}). The name is optional: torc skips unnamed entries
 * when it creates the workflow. {@code data} is {@code null} when absent or JSON null.
 */
public record UserDataSpec(Boolean isEphemeral, String name, JsonNode data) {
    public static final List<String> FIELDS = List.of("is_ephemeral", "name", "data");
}
