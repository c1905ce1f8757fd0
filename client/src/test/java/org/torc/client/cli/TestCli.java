package org.torc.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.config.ConfigPaths;
import org.torc.common.Json;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;

/**
 * A real server on a free port over a temporary database, and the CLI run in-process against it
 * through {@link TorcMain#execute} with captured output. Config files live under a temporary
 * directory ({@link #etcConfig}, {@link #userConfig}, {@link #localConfig}), never the real home.
 */
public final class TestCli implements AutoCloseable {
    public static final String USER = "alice";

    private final Path dir;
    private final TorcServer server;
    private final TorcApi api;

    private TestCli(Path dir, TorcServer server) {
        this.dir = dir;
        this.server = server;
        this.api = new TorcApi(server.baseUrl(), USER, null);
    }

    public static TestCli start() {
        try {
            Path dir = Files.createTempDirectory("torc-cli-test");
            TorcServer server = TorcServer.start(ServerConfig.defaults(dir.resolve("torc.db"))
                    .withPort(0).withHost("127.0.0.1").withCompletionCheckIntervalSecs(0.1));
            return new TestCli(dir, server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What one CLI invocation returned. */
    public record Result(int code, String out, String err) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out
                        + "\nstderr: " + err);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public String url() {
        return server.baseUrl();
    }

    public TorcApi api() {
        return api;
    }

    public Path dir() {
        return dir;
    }

    public Path etcConfig() {
        return dir.resolve("etc/torc/config.toml");
    }

    public Path userConfig() {
        return dir.resolve("home/.config/torc/config.toml");
    }

    public Path localConfig() {
        return dir.resolve("work/torc.toml");
    }

    public ConfigPaths configPaths() {
        return new ConfigPaths(etcConfig(), userConfig(), localConfig());
    }

    /** {@code torc --url <server> ARGS} as {@value #USER}. */
    public Result run(String... args) {
        return runWith(Map.of(), args);
    }

    /** As {@link #run}, as another user. */
    public Result runAs(String user, String... args) {
        return runWith(Map.of("USER", user), args);
    }

    /** {@code torc --url <server> ARGS} with extra environment variables. */
    public Result runWith(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url()));
        all.addAll(List.of(args));
        return raw(env, all.toArray(String[]::new));
    }

    /** {@code torc --url <server> ARGS} as {@code user}, with {@code stdin} as standard input. */
    public Result runWithInput(String stdin, String user, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url()));
        all.addAll(List.of(args));
        return raw(Map.of("USER", user), stdin, all.toArray(String[]::new));
    }

    /** {@code torc ARGS} exactly as given (no --url), with USER={@value #USER} plus {@code env}. */
    public Result raw(Map<String, String> env, String... args) {
        return raw(env, "", args);
    }

    private Result raw(Map<String, String> env, String stdin, String... args) {
        Map<String, String> vars = new HashMap<>();
        vars.put("USER", USER);
        vars.putAll(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TorcMain.execute(args, new PrintWriter(out), new PrintWriter(err),
                CliEnvironment.of(vars, configPaths()).withStdin(stdin));
        return new Result(code, out.toString(), err.toString());
    }

    /** Creates a workflow owned by {@code user} through the API and returns its id. */
    public long workflow(String name, String user) {
        return api.post("/workflows", Map.of("name", name, "user", user)).path("id").asLong();
    }

    public void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
