package org.torc.client.cli.commands;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options {@code torc run} and {@code torc workflows run} share. */
public final class RunOptions {
    @Option(names = {"-p", "--poll-interval"}, paramLabel = "SECONDS",
            description = "How often to check the workflow's status while jobs run (default 5.0). "
                    + "New work and finished jobs are handled at once, not on this timer.")
    Double pollInterval;

    @Option(names = "--max-parallel-jobs", paramLabel = "N",
            description = "Run up to N jobs at once, ignoring resource requirements")
    Integer maxParallelJobs;

    @Option(names = "--num-cpus", paramLabel = "N", description = "CPUs to offer (default: all)")
    Long numCpus;

    @Option(names = "--memory-gb", paramLabel = "GB", description = "Memory to offer (default: all)")
    Double memoryGb;

    @Option(names = "--num-gpus", paramLabel = "N", description = "GPUs to offer (default: 0)")
    Long numGpus;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Where job output and runner logs go (default: output)")
    Path outputDir;

    @Option(names = "--skip-checks", description = "Initialize even if required input files are missing")
    boolean skipChecks;

    double pollIntervalOrDefault() {
        return pollInterval == null ? 5.0 : pollInterval;
    }

    Path outputDirOrDefault() {
        return outputDir == null ? Path.of("output") : outputDir;
    }
}
