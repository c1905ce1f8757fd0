package org.torc.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code torc-server [run]}: the command line of the server process. */
@Command(name = "torc-server", mixinStandardHelpOptions = true,
        version = "torc-server " + org.torc.server.service.ServiceRoutes.VERSION,
        description = "The torc workflow server: a REST API over one SQLite database.",
        subcommands = {TorcServerMain.Run.class})
public final class TorcServerMain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new TorcServerMain());
        // Without a subcommand, torc-server behaves as `torc-server run`.
        if (args.length == 0 || (args[0].startsWith("-") && !isHelpOrVersion(args[0]))) {
            String[] withRun = new String[args.length + 1];
            withRun[0] = "run";
            System.arraycopy(args, 0, withRun, 1, args.length);
            args = withRun;
        }
        System.exit(cli.execute(args));
    }

    private static boolean isHelpOrVersion(String arg) {
        return arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the server in the foreground until Ctrl-C or SIGTERM.")
    static final class Run implements Callable<Integer> {
        private static final Logger log = LoggerFactory.getLogger(Run.class);

        @Option(names = {"-u", "--url"}, defaultValue = ServerConfig.DEFAULT_HOST,
                description = "Host to bind (0.0.0.0 for all interfaces). Default: ${DEFAULT-VALUE}")
        String host;

        @Option(names = {"-p", "--port"}, defaultValue = "8080",
                description = "Port to listen on; 0 picks a free port. Default: ${DEFAULT-VALUE}")
        int port;

        @Option(names = {"-t", "--threads"}, defaultValue = "1",
                description = "Minimum number of HTTP worker threads. Default: ${DEFAULT-VALUE}")
        int threads;

        @Option(names = {"-d", "--database"},
                description = "SQLite database file (created if missing). Default: $DATABASE_URL")
        String database;

        @Option(names = {"-l", "--log-level"},
                description = "error, warn, info, debug or trace. Default: $RUST_LOG or info")
        String logLevel;

        @Option(names = {"-c", "--completion-check-interval-secs"},
                description = "Safety sweep of the unblocker in seconds; completions wake it at once. "
                        + "Default: $TORC_COMPLETION_CHECK_INTERVAL_SECS or 30")
        Double completionCheckIntervalSecs;

        @Option(names = "--log-dir", description = "Also write the log to DIR/torc-server.log")
        Path logDir;

        @Option(names = "--orphan-timeout-secs",
                description = "Recover the jobs of runners silent for this long (off by default)")
        Long orphanTimeoutSecs;

        @Option(names = "--auth-file", paramLabel = "FILE",
                description = "htpasswd file of users and bcrypt hashes for HTTP Basic "
                        + "authentication. Default: $TORC_AUTH_FILE")
        Path authFile;

        @Option(names = "--require-auth",
                description = "Refuse requests without valid credentials (401); needs --auth-file")
        boolean requireAuth;

        @Option(names = "--credential-cache-ttl-secs", paramLabel = "SECS",
                description = "Remember a successful password check this long; 0 disables. "
                        + "Default: $TORC_CREDENTIAL_CACHE_TTL_SECS or 60")
        Long credentialCacheTtlSecs;

        @Option(names = "--enforce-access-control",
                description = "Let users reach only their own workflows, those shared with their "
                        + "groups, and (admins) all")
        boolean enforceAccessControl;

        @Option(names = "--admin-user", paramLabel = "USER",
                description = "Member of the system group 'admin' (repeatable); the group is set to "
                        + "exactly these users at startup. Default: $TORC_ADMIN_USERS "
                        + "(comma-separated)")
        List<String> adminUsers;

        @Option(names = "--max-request-mb", paramLabel = "MB",
                description = "Largest request body accepted; larger ones get 413. "
                        + "Default: ${DEFAULT-VALUE}",
                defaultValue = "64")
        long maxRequestMb;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            ServerConfig config;
            try {
                Logging.configure(Logging.resolveLevel(logLevel, System.getenv("RUST_LOG")),
                        Logging.SERVER_PATTERN, false,
                        logDir == null ? null : prepareLogDir(logDir));
                if (maxRequestMb < 1 || maxRequestMb > MAX_REQUEST_MB) {
                    throw new IllegalArgumentException("--max-request-mb must be between 1 and "
                            + MAX_REQUEST_MB + ", got " + maxRequestMb);
                }
                config = new ServerConfig(host, port, threads, resolveDatabase(database),
                        resolveInterval(), maxRequestMb * 1024 * 1024, orphanTimeoutSecs,
                        resolveAuthFile(), requireAuth, resolveCacheTtl(), enforceAccessControl,
                        resolveAdminUsers()).validate();
            } catch (IllegalArgumentException e) {
                err.println("Error: " + e.getMessage());
                err.flush();
                return 1;
            }
            log.info("Starting torc-server version={}", org.torc.server.service.ServiceRoutes.VERSION);
            TorcServer server;
            try {
                server = TorcServer.start(config);
            } catch (RuntimeException e) {
                err.println("Error: " + oneLine(e));
                err.flush();
                return 1;
            }
            // Machine-readable for scripts and tests, as torc prints it.
            System.out.println("TORC_SERVER_PORT=" + server.port());
            System.out.flush();
            log.info("Starting a server (over http, so no TLS) on port {}", server.port());

            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("Shutting down");
                server.close();
                stopped.countDown();
            }, "shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        /** 1 TiB: beyond any body this server could hold. */
        static final long MAX_REQUEST_MB = 1024 * 1024;

        private Path resolveAuthFile() {
            if (authFile != null) {
                return authFile;
            }
            String env = System.getenv("TORC_AUTH_FILE");
            return env == null || env.isBlank() ? null : Path.of(env.trim());
        }

        private long resolveCacheTtl() {
            if (credentialCacheTtlSecs != null) {
                return credentialCacheTtlSecs;
            }
            String env = System.getenv("TORC_CREDENTIAL_CACHE_TTL_SECS");
            if (env == null || env.isBlank()) {
                return ServerConfig.DEFAULT_CREDENTIAL_CACHE_TTL_SECS;
            }
            try {
                return Long.parseLong(env.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "TORC_CREDENTIAL_CACHE_TTL_SECS must be a whole number, got '" + env + "'");
            }
        }

        /** The --admin-user values, else TORC_ADMIN_USERS split at commas; duplicates dropped. */
        private List<String> resolveAdminUsers() {
            return adminUsers(adminUsers, System.getenv("TORC_ADMIN_USERS"));
        }

        static List<String> adminUsers(List<String> options, String env) {
            Set<String> users = new LinkedHashSet<>();
            if (options != null && !options.isEmpty()) {
                options.forEach(u -> users.add(u.trim()));
            } else if (env != null) {
                for (String u : env.split(",")) {
                    if (!u.isBlank()) {
                        users.add(u.trim());
                    }
                }
            }
            return new ArrayList<>(users);
        }

        private double resolveInterval() {
            if (completionCheckIntervalSecs != null) {
                return completionCheckIntervalSecs;
            }
            String env = System.getenv("TORC_COMPLETION_CHECK_INTERVAL_SECS");
            if (env != null && !env.isBlank()) {
                try {
                    return Double.parseDouble(env.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "TORC_COMPLETION_CHECK_INTERVAL_SECS must be a number, got '" + env + "'");
                }
            }
            return ServerConfig.DEFAULT_COMPLETION_CHECK_INTERVAL_SECS;
        }

        private static Path prepareLogDir(Path dir) {
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("Cannot create --log-dir " + dir + ": "
                        + e.getMessage());
            }
            return dir.resolve("torc-server.log");
        }

        /** {@code --database PATH}, else {@code DATABASE_URL} as {@code sqlite:PATH} or a bare path. */
        static Path resolveDatabase(String option) {
            String value = option;
            if (value == null || value.isBlank()) {
                value = System.getenv("DATABASE_URL");
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        "No database given: use --database PATH or set DATABASE_URL=sqlite:PATH");
            }
            String v = value.trim();
            if (v.startsWith("sqlite://")) {
                v = v.substring("sqlite://".length());
            } else if (v.startsWith("sqlite:")) {
                v = v.substring("sqlite:".length());
            }
            int q = v.indexOf('?');
            if (q >= 0) {
                v = v.substring(0, q);
            }
            if (v.isBlank() || v.equals(":memory:")) {
                throw new IllegalArgumentException("The database must be a file path, got '"
                        + value + "'");
            }
            return Path.of(v);
        }

        private static String oneLine(Throwable e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return msg.replaceAll("\\s+", " ");
        }
    }
}
