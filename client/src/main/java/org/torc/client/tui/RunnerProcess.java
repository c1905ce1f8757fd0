package org.torc.client.tui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code x}: runs a workflow on this machine as torc's TUI does, in a child process
 * ({@code torc --url URL workflows run ID -o DIR}, started with this JVM and class path), whose
 * stdout and stderr feed an {@link OutputBuffer}. A separate process keeps the runner's logging
 * and its children off the TUI's terminal.
 */
public final class RunnerProcess implements AutoCloseable {
    private final Process process;
    private final OutputBuffer output;
    private final long workflowId;

    private RunnerProcess(Process process, OutputBuffer output, long workflowId) {
        this.process = process;
        this.output = output;
        this.workflowId = workflowId;
    }

    /** The command line: this JVM, this class path, torc's main class. */
    public static List<String> command(String url, long workflowId, Path outputDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.torc.client.cli.TorcMain");
        cmd.addAll(List.of("--url", url, "workflows", "run", Long.toString(workflowId), "-o",
                outputDir.toString()));
        return cmd;
    }

    public static RunnerProcess start(String url, String password, long workflowId,
            Path outputDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(url, workflowId, outputDir))
                .redirectErrorStream(true);
        if (password != null) {
            pb.environment().put("TORC_PASSWORD", password);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        OutputBuffer out = new OutputBuffer(20_000);
        out.append("$ torc --url " + url + " workflows run " + workflowId + " -o " + outputDir);
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line);
                }
            } catch (IOException ignored) {
                // the process went away
            }
            try {
                out.append("[runner exited with code " + p.waitFor() + "]");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tui-runner-output");
        pump.setDaemon(true);
        pump.start();
        return new RunnerProcess(p, out, workflowId);
    }

    public OutputBuffer output() {
        return output;
    }

    public long workflowId() {
        return workflowId;
    }

    public boolean running() {
        return process.isAlive();
    }

    /** Asks the runner to stop (it terminates its jobs and reports them), then waits a little. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
