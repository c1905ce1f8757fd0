package org.torc.client.cli;

import java.io.PrintWriter;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.api.TorcApi;
import org.torc.server.service.ServiceRoutes;

/** Compares the client's version with the server's, as torc does before server commands. */
final class VersionCheck {
    private VersionCheck() {
    }

    static void check(TorcApi api, PrintWriter err) {
        String server;
        try {
            var v = api.get("/version");
            server = v.isTextual() ? v.asText() : v.path("version").asText("");
        } catch (ServerUnreachable | ApiError e) {
            return; // the command itself will report the problem
        }
        int[] s = parse(server);
        int[] c = parse(ServiceRoutes.VERSION);
        if (s == null || c == null) {
            return;
        }
        if (s[0] != c[0]) {
            throw new CliError("Major version mismatch - client " + ServiceRoutes.VERSION
                    + " vs server " + server + " - incompatible versions. Use --skip-version-check "
                    + "to bypass this check (not recommended)");
        }
        if (c[1] > s[1]) {
            err.println("Warning: client version " + ServiceRoutes.VERSION
                    + " is newer than server version " + server);
            err.flush();
        }
    }

    /** "v0.12.0 (abc)" or "0.12.0-dirty" → {0, 12, 0}. */
    static int[] parse(String version) {
        String v = version.trim();
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        int space = v.indexOf(' ');
        if (space > 0) {
            v = v.substring(0, space);
        }
        int dash = v.indexOf('-');
        if (dash > 0) {
            v = v.substring(0, dash);
        }
        String[] parts = v.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
