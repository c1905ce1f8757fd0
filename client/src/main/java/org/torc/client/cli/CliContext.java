package org.torc.client.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.torc.client.api.TorcApi;

/**
 * Everything a command needs from the global options: the resolved settings, an API client and
 * the output renderer. Commands get one from {@link TorcMain#context}.
 */
public final class CliContext {
    private final ClientSettings settings;
    private final PrintWriter out;
    private final PrintWriter err;
    private TorcApi api;

    CliContext(ClientSettings settings, PrintWriter out, PrintWriter err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public ClientSettings settings() {
        return settings;
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
        return new Output(out, settings.format().equals("json"));
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** torc's user identity: $USER, else $USERNAME, else "unknown". */
    public static String user() {
        String u = System.getenv("USER");
        if (u == null || u.isBlank()) {
            u = System.getenv("USERNAME");
        }
        return u == null || u.isBlank() ? "unknown" : u;
    }

    static String normalizeFormat(String format) {
        String f = format == null ? "table" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("table") && !f.equals("json")) {
            throw new CliError("format must be either 'table' or 'json'");
        }
        return f;
    }
}
