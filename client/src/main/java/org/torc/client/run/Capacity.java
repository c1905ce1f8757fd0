package org.torc.client.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.torc.common.Json;

/**
 * What a runner can still take on: free job slots in parallel mode ({@code --max-parallel-jobs}),
 * or free CPUs, memory and GPUs in resource mode.
 */
abstract sealed class Capacity {
    /** The resources one job needs (from its resource requirements). */
    record Need(long cpus, long memoryBytes, long gpus) {
        static final Need ONE_SLOT = new Need(1, 0, 0);
    }

    abstract long claimLimit();

    abstract void take(Need need);

    abstract void release(Need need);

    abstract String describe();

    static final class Slots extends Capacity {
        private final int max;
        private int used;

        Slots(int max) {
            this.max = max;
        }

        @Override
        long claimLimit() {
            return Math.max(0, max - used);
        }

        @Override
        void take(Need need) {
            used++;
        }

        @Override
        void release(Need need) {
            used--;
        }

        @Override
        String describe() {
            return "max_parallel_jobs=" + max;
        }
    }

    static final class Resources extends Capacity {
        private final long cpus;
        private final long memoryBytes;
        private final long gpus;
        private long usedCpus;
        private long usedMemory;
        private long usedGpus;

        Resources(long cpus, double memoryGb, long gpus) {
            this.cpus = cpus;
            this.memoryBytes = (long) (memoryGb * (1L << 30));
            this.gpus = gpus;
        }

        /** torc's runner asks for as many jobs as it has free CPUs. */
        @Override
        long claimLimit() {
            return Math.max(0, cpus - usedCpus);
        }

        /** The claim body: the resources still free. */
        ObjectNode freeResources() {
            return Json.mapper().createObjectNode()
                    .put("num_cpus", Math.max(0, cpus - usedCpus))
                    .put("memory_gb", Math.max(0, memoryBytes - usedMemory) / (double) (1L << 30))
                    .put("num_gpus", Math.max(0, gpus - usedGpus))
                    .put("num_nodes", 1);
        }

        @Override
        void take(Need need) {
            usedCpus += need.cpus();
            usedMemory += need.memoryBytes();
            usedGpus += need.gpus();
        }

        @Override
        void release(Need need) {
            usedCpus -= need.cpus();
            usedMemory -= need.memoryBytes();
            usedGpus -= need.gpus();
        }

        @Override
        String describe() {
            return "num_cpus=" + cpus + " memory_gb=" + String.format("%.1f",
                    memoryBytes / (double) (1L << 30)) + " num_gpus=" + gpus;
        }
    }
}
