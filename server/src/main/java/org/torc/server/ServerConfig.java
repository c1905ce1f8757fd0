package org.torc.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of one torc-server process, with torc's defaults. {@link #validate()} fails fast with
 * messages that name the setting.
 */
public record ServerConfig(
        String host,
        int port,
        int threads,
        Path database,
        double completionCheckIntervalSecs,
        long maxRequestBytes,
        Long orphanTimeoutSecs,
        Path authFile,
        boolean requireAuth,
        long credentialCacheTtlSecs,
        boolean enforceAccessControl,
        List<String> adminUsers) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_THREADS = 1;
    /** torc's effective default; ours is only a safety sweep because completions wake the unblocker. */
    public static final double DEFAULT_COMPLETION_CHECK_INTERVAL_SECS = 30.0;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_CREDENTIAL_CACHE_TTL_SECS = 60;

    public ServerConfig {
        adminUsers = adminUsers == null ? List.of() : List.copyOf(adminUsers);
    }

    /** Without authentication or access control, as before those settings existed. */
    public ServerConfig(String host, int port, int threads, Path database,
            double completionCheckIntervalSecs, long maxRequestBytes, Long orphanTimeoutSecs) {
        this(host, port, threads, database, completionCheckIntervalSecs, maxRequestBytes,
                orphanTimeoutSecs, null, false, DEFAULT_CREDENTIAL_CACHE_TTL_SECS, false, List.of());
    }

    public static ServerConfig defaults(Path database) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS, database,
                DEFAULT_COMPLETION_CHECK_INTERVAL_SECS, DEFAULT_MAX_REQUEST_BYTES, null);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, threads, database, completionCheckIntervalSecs,
                maxRequestBytes, orphanTimeoutSecs, authFile, requireAuth, credentialCacheTtlSecs,
                enforceAccessControl, adminUsers);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, threads, database, completionCheckIntervalSecs,
                maxRequestBytes, orphanTimeoutSecs, authFile, requireAuth, credentialCacheTtlSecs,
                enforceAccessControl, adminUsers);
    }

    public ServerConfig withCompletionCheckIntervalSecs(double secs) {
        return new ServerConfig(host, port, threads, database, secs, maxRequestBytes,
                orphanTimeoutSecs, authFile, requireAuth, credentialCacheTtlSecs,
                enforceAccessControl, adminUsers);
    }

    public ServerConfig withOrphanTimeoutSecs(Long secs) {
        return new ServerConfig(host, port, threads, database, completionCheckIntervalSecs,
                maxRequestBytes, secs, authFile, requireAuth, credentialCacheTtlSecs,
                enforceAccessControl, adminUsers);
    }

    public ServerConfig withMaxRequestBytes(long bytes) {
        return new ServerConfig(host, port, threads, database, completionCheckIntervalSecs,
                bytes, orphanTimeoutSecs, authFile, requireAuth, credentialCacheTtlSecs,
                enforceAccessControl, adminUsers);
    }

    /** HTTP Basic authentication against {@code file}; {@code required} refuses anonymous calls. */
    public ServerConfig withAuth(Path file, boolean required, long cacheTtlSecs) {
        return new ServerConfig(host, port, threads, database, completionCheckIntervalSecs,
                maxRequestBytes, orphanTimeoutSecs, file, required, cacheTtlSecs,
                enforceAccessControl, adminUsers);
    }

    /** Workflow access control on or off, and the members of the system group "admin". */
    public ServerConfig withAccessControl(boolean enforce, List<String> admins) {
        return new ServerConfig(host, port, threads, database, completionCheckIntervalSecs,
                maxRequestBytes, orphanTimeoutSecs, authFile, requireAuth, credentialCacheTtlSecs,
                enforce, admins);
    }

    /** @throws IllegalArgumentException listing every invalid setting */
    public ServerConfig validate() {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("--url (bind host) must not be empty");
        }
        if (port < 0 || port > 65535) {
            problems.add("--port must be between 0 and 65535, got " + port);
        }
        if (threads < 1) {
            problems.add("--threads must be at least 1, got " + threads);
        }
        if (database == null) {
            problems.add("--database (or DATABASE_URL) is required");
        }
        if (!(completionCheckIntervalSecs > 0) || Double.isInfinite(completionCheckIntervalSecs)) {
            problems.add("--completion-check-interval-secs must be a positive number, got "
                    + completionCheckIntervalSecs);
        }
        if (maxRequestBytes < 1024) {
            problems.add("the maximum request size (--max-request-mb) must be at least 1 KiB, got "
                    + maxRequestBytes + " bytes");
        }
        if (orphanTimeoutSecs != null && orphanTimeoutSecs < 1) {
            problems.add("--orphan-timeout-secs must be at least 1, got " + orphanTimeoutSecs);
        }
        if (requireAuth && authFile == null) {
            problems.add("--require-auth needs an htpasswd file: give --auth-file or set "
                    + "TORC_AUTH_FILE");
        }
        if (credentialCacheTtlSecs < 0) {
            problems.add("--credential-cache-ttl-secs cannot be negative, got "
                    + credentialCacheTtlSecs);
        }
        for (String admin : adminUsers) {
            if (admin.isBlank()) {
                problems.add("--admin-user (or TORC_ADMIN_USERS) must not contain an empty name");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return this;
    }
}
