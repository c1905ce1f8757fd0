package org.torc.client.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Launches the packaged torc-server and torc jars as separate processes, as users do. */
public final class Processes {
    private Processes() {
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("torc.repo.root", "..")).toAbsolutePath().normalize();
    }

    public static Path serverJar() {
        return repoRoot().resolve("server/target/torc-server.jar");
    }

    public static Path cliJar() {
        return repoRoot().resolve("client/target/torc.jar");
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The result of a finished CLI process. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result expect(int code) {
            if (exitCode != code) {
                throw new AssertionError("Expected exit code " + code + " but got " + exitCode
                        + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** Starts {@code torc <args>} in {@code dir}; output goes to files in {@code dir}. */
    public static Process startCli(Path dir, String url, Map<String, String> env, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", cliJar().toString(), "--url", url));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.environment().putIfAbsent("USER", "tester");
        String tag = Long.toString(System.nanoTime());
        pb.redirectOutput(dir.resolve("cli-" + tag + ".out").toFile());
        pb.redirectError(dir.resolve("cli-" + tag + ".err").toFile());
        return pb.start();
    }

    /** Runs {@code torc <args>} to completion (up to {@code timeoutSec}). */
    public static Result runCli(Path dir, String url, long timeoutSec, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", cliJar().toString(), "--url", url));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("torc " + String.join(" ", args) + " did not finish in "
                    + timeoutSec + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
