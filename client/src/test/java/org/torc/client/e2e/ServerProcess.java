package org.torc.client.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * torc-server as its own process on a free port over a SQLite file; its output is kept in a log
 * file so tests can check it for ERROR lines.
 */
public final class ServerProcess implements AutoCloseable {
    private final Path dir;
    private final Path database;
    private final Path log;
    private final List<String> extraArgs;
    private Process process;
    private int port;

    private ServerProcess(Path dir, List<String> extraArgs) {
        this.dir = dir;
        this.database = dir.resolve("torc.db");
        this.log = dir.resolve("server.log");
        this.extraArgs = extraArgs;
    }

    public static ServerProcess start(Path dir, String... extraArgs) throws IOException {
        ServerProcess s = new ServerProcess(dir, List.of(extraArgs));
        s.launch(0);
        return s;
    }

    private void launch(int requestedPort) throws IOException {
        // The launcher's options (bin/java-opts.sh): C1 only, parallel GC.
        List<String> cmd = new ArrayList<>(List.of(Processes.java(), "-XX:+UseParallelGC",
                "-XX:TieredStopAtLevel=1", "-jar",
                Processes.serverJar().toString(), "run", "-u", "127.0.0.1", "-p",
                Integer.toString(requestedPort), "-d", database.toString()));
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<Integer> portFuture = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("TORC_SERVER_PORT=")) {
                        portFuture.complete(Integer.parseInt(line.substring(17).trim()));
                    }
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                portFuture.completeExceptionally(e);
            }
            portFuture.completeExceptionally(new IOException("torc-server exited before binding"));
        }, "server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            port = portFuture.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("torc-server did not start: " + e.getMessage() + "\n"
                    + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/torc-service/v1";
    }

    public int port() {
        return port;
    }

    public Path database() {
        return database;
    }

    public Path logFile() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hooks, no graceful close. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts again on the same port and database. */
    public void restart() throws IOException {
        launch(port);
    }

    /** ERROR-level lines the server logged. */
    public List<String> errorLines() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
