package org.torc.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;
import org.torc.client.api.ApiError;
import org.torc.client.api.TorcApi;

/**
 * Everything a command needs from the global options: the resolved settings, an API client and
 * the output renderer. Commands get one from {@link TorcMain#context}.
 */
public final class CliContext {
    private final ClientSettings settings;
    private final CliEnvironment environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private TorcApi api;
    private BufferedReader stdin;

    CliContext(ClientSettings settings, CliEnvironment environment, PrintWriter out,
            PrintWriter err) {
        this.settings = settings;
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public ClientSettings settings() {
        return settings;
    }

    public CliEnvironment environment() {
        return environment;
    }

    public TorcApi api() {
        if (api == null) {
            api = new TorcApi(settings.url(), user(), settings.password());
            if (!settings.skipVersionCheck()) {
                VersionCheck.check(api, err);
            }
        }
        return api;
    }

    public Output output() {
        return new Output(out, json());
    }

    public boolean json() {
        return settings.format().equals("json");
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** A line on stderr (torc's status messages), flushed at once. */
    public void note(String line) {
        err.println(line);
        err.flush();
    }

    /** The user torc acts as: {@code $USER}, else {@code $USERNAME}, else "unknown". */
    public String user() {
        return settings.user();
    }

    /**
     * Runs an API call, turning a server error into torc's one-line message
     * {@code API error while <doing> (status: N): <message>}.
     */
    public <T> T during(String doing, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiError e) {
            throw new CliError(describe(doing, e));
        }
    }

    public static String describe(String doing, ApiError e) {
        return e.status() > 0 ? "API error while " + doing + " (status: " + e.status() + "): "
                + e.getMessage() : "Error while " + doing + ": " + e.getMessage();
    }

    /** Asks a yes/no question on stdout; anything but y/yes (or end of input) is no. */
    public boolean confirm(String question) {
        out.print(question + " (y/N): ");
        out.flush();
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(environment.stdin(),
                        StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            String answer = line == null ? "" : line.trim().toLowerCase(Locale.ROOT);
            return answer.equals("y") || answer.equals("yes");
        } catch (IOException e) {
            throw new CliError("Failed to read input: " + e.getMessage());
        }
    }

    /** Reads one line from stdin ({@code null} at end of input). */
    public String readLine() {
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(environment.stdin(),
                        StandardCharsets.UTF_8));
            }
            return stdin.readLine();
        } catch (IOException e) {
            throw new CliError("Error reading input: " + e.getMessage());
        }
    }

    static String normalizeFormat(String format) {
        String f = format == null ? "table" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("table") && !f.equals("json")) {
            throw new CliError("format must be either 'table' or 'json'");
        }
        return f;
    }
}
