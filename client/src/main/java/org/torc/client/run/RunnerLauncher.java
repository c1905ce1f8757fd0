package org.torc.client.run;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.client.api.TorcApi;
import org.torc.client.workflow.WorkflowManager;
import org.torc.server.Logging;

/**
 * Starts a runner for a workflow the way {@code torc run} and {@code torc workflows run} do:
 * initialize it if all its jobs are uninitialized, log to stderr and to a file in the output
 * directory, stop cleanly on Ctrl-C / SIGTERM, and print a one-line summary.
 */
public final class RunnerLauncher {
    public static final String LOG_PATTERN =
            "[%d{yyyy-MM-dd'T'HH:mm:ss'Z',UTC} %-5level %logger{0}] %msg%n";
    private static final Logger log = LoggerFactory.getLogger(RunnerLauncher.class);

    private RunnerLauncher() {
    }

    public static JobRunner.Summary run(TorcApi api, JobRunner.Options options, String logLevel,
            boolean skipChecks, PrintWriter err) throws IOException {
        long workflowId = options.workflowId();
        Level level = Logging.resolveLevel(logLevel, null);
        Logging.configure(level, LOG_PATTERN, true, null);
        if (api.get("/workflows/" + workflowId + "/is_uninitialized").path("is_uninitialized")
                .asBoolean(false)) {
            err.println("Workflow " + workflowId
                    + " has all jobs uninitialized. Initializing workflow...");
            err.flush();
            boolean initialized = new WorkflowManager(api, workflowId)
                    .initializeIfUninitialized(skipChecks);
            err.println(initialized ? "Successfully initialized workflow " + workflowId
                    : "Workflow " + workflowId + " was initialized by another runner");
            err.flush();
        }
        long runId = api.get("/workflows/" + workflowId + "/status").path("run_id").asLong();
        Files.createDirectories(options.outputDir());
        Path logFile = options.outputDir().resolve("job_runner_" + JobRunner.hostname() + "_wf"
                + workflowId + "_r" + runId + ".log");
        Logging.configure(level, LOG_PATTERN, true, logFile);
        log.info("Starting job runner | Output directory: {} | Log file: {}", options.outputDir(),
                logFile);

        JobRunner runner = new JobRunner(api, options);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.requestStop("interrupted by signal");
            try {
                // Give the runner time to terminate its jobs, report them and sign off.
                finished.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runner-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            JobRunner.Summary summary = runner.run();
            log.info("Job runner completed workflow_id={} run_id={} had_failures={} "
                    + "had_terminations={}", workflowId, summary.runId(), summary.failed() > 0,
                    summary.terminated() > 0);
            err.println(summary.line());
            err.flush();
            return summary;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it is waiting for us and returns now
            }
        }
    }
}
