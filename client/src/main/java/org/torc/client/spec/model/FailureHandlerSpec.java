package org.torc.client.spec.model;

import java.util.List;

/** A named failure handler (torc's {@code FailureHandlerSpec}). */
public record FailureHandlerSpec(String name, List<FailureHandlerRuleSpec> rules) {
    public static final List<String> FIELDS = List.of("name", "rules");
}
