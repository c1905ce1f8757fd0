package org.torc.client.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.torc.client.cli.ClientSettings.RunDefaults;
import org.torc.client.run.JobRunner;
import picocli.CommandLine;

/** {@code torc run} takes each runner option from its flag, else [client.run], else torc's default. */
class RunOptionsTest {
    private static RunOptions parse(String... args) {
        RunOptions options = new RunOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void config_values_fill_in_what_the_command_line_leaves_out() {
        RunDefaults config = new RunDefaults(0.5, 3, "cfg-out", 4L, 8.5, 1L);
        JobRunner.Options o = parse("--num-cpus", "16").toRunnerOptions(7, config);
        assertEquals(7, o.workflowId());
        assertEquals(0.5, o.pollIntervalSecs());
        assertEquals(3, o.maxParallelJobs());
        assertEquals(Path.of("cfg-out"), o.outputDir());
        assertEquals(16L, o.numCpus());
        assertEquals(8.5, o.memoryGb());
        assertEquals(1L, o.numGpus());
    }

    @Test
    void torcs_defaults_apply_when_neither_says_anything() {
        JobRunner.Options o = parse().toRunnerOptions(1, RunDefaults.NONE);
        assertEquals(5.0, o.pollIntervalSecs());
        assertEquals(Path.of("output"), o.outputDir());
        assertNull(o.maxParallelJobs());
        assertNull(o.numCpus());
    }

    @Test
    void command_line_options_beat_the_config() {
        RunDefaults config = new RunDefaults(0.5, 3, "cfg-out", 4L, 8.5, 1L);
        JobRunner.Options o = parse("-p", "2", "--max-parallel-jobs", "9", "-o", "cli-out",
                "--memory-gb", "1", "--num-gpus", "0").toRunnerOptions(1, config);
        assertEquals(2.0, o.pollIntervalSecs());
        assertEquals(9, o.maxParallelJobs());
        assertEquals(Path.of("cli-out"), o.outputDir());
        assertEquals(1.0, o.memoryGb());
        assertEquals(0L, o.numGpus());
    }
}
