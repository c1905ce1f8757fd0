package org.torc.client.cli.commands;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.torc.client.cli.CliEnvironment;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.TorcMain;
import org.torc.client.cli.config.ConfigException;
import org.torc.client.cli.config.ConfigPaths;
import org.torc.client.cli.config.TorcConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code torc config show|paths|init|validate}: work on the configuration files without a server.
 * These commands read the files themselves, so a broken file can still be shown and validated.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Manage configuration files and settings.",
        subcommands = {
            ConfigCommand.Show.class,
            ConfigCommand.Paths.class,
            ConfigCommand.Init.class,
            ConfigCommand.Validate.class
        })
public final class ConfigCommand extends GroupCommand {

    /** The file {@code config init} writes: the defaults, with the optional settings commented. */
    static final String TEMPLATE = """
            # torc configuration.
            # Read in this order, later files winning: /etc/torc/config.toml,
            # ~/.config/torc/config.toml, ./torc.toml. Variables such as
            # TORC_CLIENT__API_URL or TORC_CLIENT__RUN__POLL_INTERVAL override the files,
            # and command-line options override everything.

            [client]
            # Base URL of the torc server's API
            api_url = "http://localhost:8080/torc-service/v1"

            # Output of the commands: "table" or "json"
            format = "table"

            # How much the CLI logs: error, warn, info, debug or trace
            log_level = "info"

            [client.run]
            # Defaults for `torc run` and `torc workflows run`.
            # Seconds between workflow status checks while jobs run
            poll_interval = 5.0

            # Where job output and runner logs go
            output_dir = "output"

            # Run at most this many jobs at once, ignoring resource requirements
            # max_parallel_jobs = 4

            # Resources to offer to jobs (default: what the machine has)
            # num_cpus = 8
            # memory_gb = 32.0
            # num_gpus = 0

            [client.slurm]
            # Seconds between polls of Slurm job runners
            poll_interval = 30

            # Keep generated sbatch scripts after submission
            keep_submission_scripts = false
            """;

    private abstract static class Leaf implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        CliEnvironment env() {
            return TorcMain.environment(spec);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public final Integer call() throws IOException {
            ExitCode code = run();
            out().flush();
            err().flush();
            return code.code;
        }

        abstract ExitCode run() throws IOException;
    }

    /** {@code torc config show [-f toml|json]}: the effective settings after every layer. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the effective configuration (-f toml, the default, or -f json).")
    static final class Show extends Leaf {
        @Override
        ExitCode run() {
            String raw = TorcMain.rawFormat(spec);
            String format = raw == null ? "toml" : raw.trim().toLowerCase(Locale.ROOT);
            TorcConfig config = TorcConfig.load(env().configPaths(), env().variables());
            switch (format) {
                case "toml", "table" -> out().print(config.toToml());
                case "json" -> new Output(out(), true).printJson(config.toJson());
                default -> throw new CliError("Unknown format '" + raw + "'. Use 'toml' or 'json'.");
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc config paths}: where configuration is read from. */
    @Command(name = "paths", mixinStandardHelpOptions = true,
            description = "Show the configuration file locations.")
    static final class Paths extends Leaf {
        @Override
        ExitCode run() {
            ConfigPaths p = env().configPaths();
            PrintWriter out = out();
            out.println("Configuration file paths (in priority order, lowest first):");
            out.println();
            out.println("  System:  " + describe(p.system()));
            out.println("  User:    " + (p.user() == null
                    ? "(not available - neither $XDG_CONFIG_HOME nor $HOME is set)"
                    : describe(p.user())));
            out.println("  Local:   " + describe(p.local()));
            out.println();
            out.println("Environment variables (highest priority):");
            out.println("  Use double underscore (__) to separate nested keys:");
            out.println("    TORC_CLIENT__API_URL, TORC_CLIENT__FORMAT, TORC_CLIENT__RUN__POLL_INTERVAL, "
                    + "etc.");
            out.println();
            List<Path> existing = p.existing();
            if (existing.isEmpty()) {
                out.println("No configuration files found. Run 'torc config init --user' to create "
                        + "one.");
            } else {
                out.println("Active configuration files: " + existing.stream().map(Path::toString)
                        .collect(Collectors.joining(", ")));
            }
            return ExitCode.OK;
        }

        private static String describe(Path path) {
            return path + " (" + (Files.isRegularFile(path) ? "exists" : "not found") + ")";
        }
    }

    /** {@code torc config init [--system|--user|--local] [--force]}: write the default file. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create a configuration file with the defaults (default: --user).")
    static final class Init extends Leaf {
        @ArgGroup(exclusive = true)
        Target target = new Target();

        static final class Target {
            @Option(names = "--system", description = "Create /etc/torc/config.toml")
            boolean system;

            @Option(names = "--user", description = "Create ~/.config/torc/config.toml")
            boolean user;

            @Option(names = "--local", description = "Create ./torc.toml")
            boolean local;
        }

        @Option(names = "--force", description = "Overwrite an existing file")
        boolean force;

        @Override
        ExitCode run() {
            ConfigPaths p = env().configPaths();
            Path path = target != null && target.system ? p.system()
                    : target != null && target.local ? p.local() : p.user();
            if (path == null) {
                throw new CliError("Could not determine the user config directory (set $HOME), or "
                        + "use --local");
            }
            if (Files.exists(path) && !force) {
                throw new CliError("Configuration file already exists: " + path
                        + " (use --force to overwrite)");
            }
            Path parent = path.toAbsolutePath().getParent();
            try {
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent);
                    out().println("Created directory: " + parent);
                }
                Files.writeString(path, TEMPLATE, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliError("Error creating " + path + ": " + e.getMessage()
                        + (path.startsWith("/etc") ? " (creating the system config may need root)"
                                : ""));
            }
            out().println("Created configuration file: " + path);
            out().println();
            out().println("Edit this file to customize your torc settings.");
            out().println("Run 'torc config show' to see the effective configuration.");
            return ExitCode.OK;
        }
    }

    /** {@code torc config validate}: check every file and variable, listing every problem. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Validate the configuration files and TORC_CLIENT__ variables.")
    static final class Validate extends Leaf {
        @Override
        ExitCode run() {
            PrintWriter out = out();
            out.println("Validating configuration...");
            out.println();
            List<Path> existing = env().configPaths().existing();
            if (existing.isEmpty()) {
                out.println("No configuration files found (using defaults)");
            } else {
                out.println("Loading configuration from:");
                existing.forEach(p -> out.println("  - " + p));
            }
            out.println();
            TorcConfig config;
            try {
                config = TorcConfig.load(env().configPaths(), env().variables());
            } catch (ConfigException e) {
                out.flush();
                err().println("Configuration has " + e.problems().size() + " error(s):");
                e.problems().forEach(p -> err().println("  - " + p));
                return ExitCode.ERROR;
            }
            out.println("Configuration is valid.");
            out.println();
            out.println("Key settings:");
            for (String key : List.of("client.api_url", "client.format", "client.log_level",
                    "client.run.poll_interval", "client.run.output_dir")) {
                out.println("  " + key + " = " + config.string(key));
            }
            return ExitCode.OK;
        }
    }
}
