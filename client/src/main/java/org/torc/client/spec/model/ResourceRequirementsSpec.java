package org.torc.client.spec.model;

import java.util.List;

/**
 * Named resource requirements (torc's {@code ResourceRequirementsSpec}). Defaults as in torc:
 * {@code num_gpus} 0, {@code num_nodes} 1, {@code runtime} "PT1H".
 */
public record ResourceRequirementsSpec(String name, long numCpus, long numGpus, long numNodes, String memory,
        String runtime) {
    public static final List<String> FIELDS =
            List.of("name", "num_cpus", "num_gpus", "num_nodes", "memory", "runtime");
    public static final long DEFAULT_NUM_GPUS = 0;
    public static final long DEFAULT_NUM_NODES = 1;
    public static final String DEFAULT_RUNTIME = "PT1H";
}
