package org.torc.client.cli.commands;

import java.nio.file.Path;
import org.torc.client.cli.ClientSettings.RunDefaults;
import org.torc.client.run.JobRunner;
import picocli.CommandLine.Option;

/** The options {@code torc run} and {@code torc workflows run} share. */
public final class RunOptions {
    @Option(names = {"-p", "--poll-interval"}, paramLabel = "SECONDS",
            description = "How often to check the workflow's status while jobs run (default: [client.run] poll_interval, else 5.0). "
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
            description = "Where job output and runner logs go (default: [client.run] output_dir, else output)")
    Path outputDir;

    @Option(names = "--skip-checks", description = "Initialize even if required input files are missing")
    boolean skipChecks;

    /**
     * The runner's options: each one from the command line, else from {@code [client.run]} in the
     * config (see {@code ClientSettings}), else torc's default.
     */
    JobRunner.Options toRunnerOptions(long workflowId, RunDefaults defaults) {
        return new JobRunner.Options(workflowId, outputDir(defaults),
                pollInterval != null ? pollInterval
                        : defaults.pollInterval() != null ? defaults.pollInterval() : 5.0,
                maxParallelJobs != null ? maxParallelJobs : defaults.maxParallelJobs(),
                numCpus != null ? numCpus : defaults.numCpus(),
                memoryGb != null ? memoryGb : defaults.memoryGb(),
                numGpus != null ? numGpus : defaults.numGpus(),
                Path.of("").toAbsolutePath(), System.console() != null);
    }

    Path outputDir(RunDefaults defaults) {
        if (outputDir != null) {
            return outputDir;
        }
        return Path.of(defaults.outputDir() != null ? defaults.outputDir() : "output");
    }
}
