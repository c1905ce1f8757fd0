package org.torc.client.spec.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Resource monitoring settings. Unlike the other spec structs, torc reads this one leniently:
 * missing keys take defaults and unknown keys are ignored. {@code granularity} is "summary" or
 * "time_series".
 */
public record ResourceMonitorConfig(boolean enabled, String granularity, int sampleIntervalSeconds,
        boolean generatePlots) {
    public static final List<String> GRANULARITIES = List.of("summary", "time_series");

    /** torc's defaults when the section is present but a key is missing. */
    public static ResourceMonitorConfig defaults() {
        return new ResourceMonitorConfig(false, "summary", 5, false);
    }

    /** What torc injects when a spec has no {@code resource_monitor} and monitoring is not disabled. */
    public static ResourceMonitorConfig injectedDefault() {
        return new ResourceMonitorConfig(true, "summary", 5, false);
    }

    /** The JSON torc stores in {@code workflow.resource_monitor_config}, keys in torc's order. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("enabled", enabled);
        n.put("granularity", granularity);
        n.put("sample_interval_seconds", sampleIntervalSeconds);
        n.put("generate_plots", generatePlots);
        return n;
    }
}
