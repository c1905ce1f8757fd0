package org.torc.client.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.torc.client.cli.config.ConfigPaths;

/**
 * What the CLI reads from its surroundings: environment variables, where config files live and
 * standard input (for prompts and {@code import -}).
 * {@link #system()} is the real process; tests pass their own so that nothing depends on the
 * developer's home directory or shell.
 *
 * @param configureLogging whether commands may reconfigure logback (only the real process does;
 *     tests share the JVM with an in-process server)
 */
public record CliEnvironment(Map<String, String> variables, ConfigPaths configPaths,
        InputStream stdin, boolean configureLogging) {

    public static CliEnvironment system() {
        Map<String, String> env = System.getenv();
        return new CliEnvironment(env, ConfigPaths.standard(env), System.in, true);
    }

    /**
     * An environment for tests: these variables only, these config files, empty standard input,
     * logging untouched.
     */
    public static CliEnvironment of(Map<String, String> variables, ConfigPaths configPaths) {
        return new CliEnvironment(Map.copyOf(variables), configPaths,
                new ByteArrayInputStream(new byte[0]), false);
    }

    /** The same environment with {@code text} as standard input. */
    public CliEnvironment withStdin(String text) {
        return new CliEnvironment(variables, configPaths,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), configureLogging);
    }

    public String get(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** torc's user identity: {@code $USER}, else {@code $USERNAME}, else "unknown". */
    public String user() {
        String u = get("USER");
        if (u == null) {
            u = get("USERNAME");
        }
        return u == null ? "unknown" : u;
    }
}
