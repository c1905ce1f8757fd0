package org.torc.client.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.torc.common.model.JobModel;

/**
 * One job's child process: {@code bash -c "<invocation_script> <command>"} in the runner's working
 * directory with torc's environment variables and stdout/stderr in {@code job_stdio/}. Its exit is
 * reported through a callback the moment the JDK reaps it, so the runner never polls.
 */
final class JobProcess {
    private final JobModel job;
    private final long runId;
    private final Path stdout;
    private final Path stderr;
    private final long startNanos;
    private final Process process;
    private volatile boolean terminationRequested;

    private JobProcess(JobModel job, long runId, Path stdout, Path stderr, long startNanos,
            Process process) {
        this.job = job;
        this.runId = runId;
        this.stdout = stdout;
        this.stderr = stderr;
        this.startNanos = startNanos;
        this.process = process;
    }

    /** The paths torc uses: {@code <out>/job_stdio/job_wf<W>_j<J>_r<R>_a<A>.o} and {@code .e}. */
    static Path stdioPath(Path outputDir, long workflowId, long jobId, long runId, long attempt,
            String ext) {
        return outputDir.resolve("job_stdio").resolve("job_wf" + workflowId + "_j" + jobId + "_r"
                + runId + "_a" + attempt + "." + ext);
    }

    /**
     * Starts the job. A job that cannot be started at all (bad working directory, missing shell)
     * still gets a process-like outcome: exit code 127 and the reason in its {@code .e} file.
     */
    static JobProcess start(JobModel job, long runId, Path outputDir, String apiUrl,
            Path workingDir, Map<String, String> baseEnv, Consumer<JobProcess> onExit)
            throws SpawnFailure {
        long attempt = job.attemptId() == null ? 1 : job.attemptId();
        Path out = stdioPath(outputDir, job.workflowId(), job.id(), runId, attempt, "o");
        Path err = stdioPath(outputDir, job.workflowId(), job.id(), runId, attempt, "e");
        String script = job.invocationScript() == null || job.invocationScript().isBlank()
                ? job.command() : job.invocationScript() + " " + job.command();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script)
                .directory(workingDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.putAll(baseEnv);
        env.put("TORC_WORKFLOW_ID", Long.toString(job.workflowId()));
        env.put("TORC_JOB_ID", Long.toString(job.id()));
        env.put("TORC_JOB_NAME", job.name());
        env.put("TORC_OUTPUT_DIR", outputDir.toString());
        env.put("TORC_ATTEMPT_ID", Long.toString(attempt));
        env.put("TORC_API_URL", apiUrl);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            String reason = "torc could not start the job's process: " + e.getMessage() + "\n";
            try {
                Files.writeString(err, reason, StandardCharsets.UTF_8);
                if (!Files.exists(out)) {
                    Files.createFile(out);
                }
            } catch (IOException ignored) {
                // the folder itself is unusable; the reason still reaches the runner log
            }
            throw new SpawnFailure(job, reason.strip());
        }
        JobProcess jp = new JobProcess(job, runId, out, err, start, p);
        p.onExit().thenRun(() -> onExit.accept(jp));
        return jp;
    }

    /** A job whose process could not be created. */
    static final class SpawnFailure extends Exception {
        final transient JobModel job;

        SpawnFailure(JobModel job, String message) {
            super(message);
            this.job = job;
        }
    }

    JobModel job() {
        return job;
    }

    long runId() {
        return runId;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean terminationRequested() {
        return terminationRequested;
    }

    /** Seconds since spawn (call once the process has exited). */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Exit code; a process killed by signal N reports -N. */
    int exitCode() {
        int code = process.exitValue();
        // The JDK reports death by signal N as 128 + N; torc reports it as -N.
        return code > 128 && terminationRequested ? -(code - 128) : code;
    }

    /**
     * Stops the job and its children: SIGTERM when the job supports termination (then SIGKILL
     * after {@code graceMillis}), SIGKILL otherwise.
     */
    void terminate(long graceMillis) {
        terminationRequested = true;
        boolean graceful = Boolean.TRUE.equals(job.supportsTermination());
        var descendants = process.descendants().toList();
        if (graceful) {
            process.destroy();
            descendants.forEach(ProcessHandle::destroy);
            try {
                if (process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                    descendants.forEach(ProcessHandle::destroyForcibly);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
