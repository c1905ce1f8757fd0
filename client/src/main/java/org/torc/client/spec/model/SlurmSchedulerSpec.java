package org.torc.client.spec.model;

import java.util.List;

/**
 * A Slurm scheduler configuration (torc's {@code SlurmSchedulerSpec}). The name is optional (unnamed
 * schedulers are not created); defaults: {@code nodes} 1, {@code walltime} "01:00:00".
 */
public record SlurmSchedulerSpec(String name, String account, String gres, String mem, long nodes,
        Long ntasksPerNode, String partition, String qos, String tmp, String walltime, String extra) {
    public static final List<String> FIELDS = List.of("name", "account", "gres", "mem", "nodes",
            "ntasks_per_node", "partition", "qos", "tmp", "walltime", "extra");
    public static final long DEFAULT_NODES = 1;
    public static final String DEFAULT_WALLTIME = "01:00:00";
}
