package org.torc.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.torc.client.api.TorcApi;

/** torc-server as a separate process for a benchmark, with its peak RSS. */
final class Server implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Server(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Server start(Path root, Path dir) throws IOException {
        Path log = dir.resolve("server.log");
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(javaOptions("TORC_SERVER_JAVA_OPTS"));
        cmd.addAll(List.of("-jar",
                root.resolve("server/target/torc-server.jar").toString(), "run", "-u", "127.0.0.1",
                "-p", "0", "-d", dir.resolve("torc.db").toString(), "-l", "warn"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)); var w = Files.newBufferedWriter(log)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("TORC_SERVER_PORT=")) {
                        port.complete(Integer.parseInt(line.substring(17).trim()));
                    }
                    w.write(line);
                    w.newLine();
                    w.flush();
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("server exited"));
        });
        pump.setDaemon(true);
        pump.start();
        try {
            return new Server(p, port.get(60, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("torc-server did not start: " + e.getMessage(), e);
        }
    }

    /** JVM options from the environment variable the launchers use (bin/java-opts.sh sets them). */
    static List<String> javaOptions(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/torc-service/v1";
    }

    TorcApi api() {
        return new TorcApi(url(), "bench", null);
    }

    /** Peak resident memory of the server process in MiB (VmHWM). */
    double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // gone or not Linux
        }
        return Double.NaN;
    }

    long errorLines() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).count();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
