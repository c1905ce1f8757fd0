package org.torc.client.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.cli.commands.AccessGroupsCommand;
import org.torc.client.cli.commands.CompletionsCommand;
import org.torc.client.cli.commands.ComputeNodesCommand;
import org.torc.client.cli.commands.ConfigCommand;
import org.torc.client.cli.commands.EventsCommand;
import org.torc.client.cli.commands.FailureHandlersCommand;
import org.torc.client.cli.commands.FilesCommand;
import org.torc.client.cli.commands.JobDependenciesCommand;
import org.torc.client.cli.commands.JobsCommand;
import org.torc.client.cli.commands.PingCommand;
import org.torc.client.cli.commands.ReportsCommand;
import org.torc.client.cli.commands.ResourceRequirementsCommand;
import org.torc.client.cli.commands.ResultsCommand;
import org.torc.client.cli.commands.RunCommand;
import org.torc.client.cli.commands.UserDataCommand;
import org.torc.client.cli.commands.WorkflowsCommand;
import org.torc.client.cli.config.ConfigException;
import org.torc.client.workflow.WorkflowManager;
import org.torc.server.Logging;
import org.torc.client.run.RunnerLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** {@code torc}: the command line of the torc workflow manager. */
@Command(name = "torc", mixinStandardHelpOptions = true,
        versionProvider = TorcMain.Version.class,
        description = "Workflow management: create workflows from specs, run and inspect them.",
        subcommands = {
            RunCommand.class,
            WorkflowsCommand.class,
            JobsCommand.class,
            FilesCommand.class,
            UserDataCommand.class,
            EventsCommand.class,
            ResultsCommand.class,
            ResourceRequirementsCommand.class,
            FailureHandlersCommand.class,
            ComputeNodesCommand.class,
            JobDependenciesCommand.class,
            ReportsCommand.class,
            AccessGroupsCommand.class,
            ConfigCommand.class,
            PingCommand.class,
            org.torc.client.tui.TuiCommand.class,
            CompletionsCommand.class
        })
public final class TorcMain implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    private final CliEnvironment environment;
    private CliContext context;

    @CommandLine.Spec
    CommandSpec spec;

    TorcMain(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The context of the command being executed (settings resolved once, on first use). */
    public static CliContext context(CommandSpec spec) {
        TorcMain root = root(spec);
        if (root.context == null) {
            ClientSettings settings = ClientSettings.resolve(root.global, root.environment);
            if (root.environment.configureLogging()) {
                Logging.configure(Logging.resolveLevel(null, settings.logLevel()),
                        RunnerLauncher.LOG_PATTERN, true, null);
            }
            root.context = new CliContext(settings, root.environment,
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return root.context;
    }

    /** The environment the CLI runs in (for commands that work without a server). */
    public static CliEnvironment environment(CommandSpec spec) {
        return root(spec).environment;
    }

    /** The raw {@code -f/--format} value, for {@code config show}, which also accepts toml. */
    public static String rawFormat(CommandSpec spec) {
        return root(spec).global.format;
    }

    private static TorcMain root(CommandSpec spec) {
        return (TorcMain) spec.root().userObject();
    }

    public static void main(String[] args) {
        // Spawning children through vfork is much faster on JDK 17 (measured in the reference
        // notes: ~1,300 vs ~800 jobs/s); it must be chosen before the first process starts.
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        System.exit(execute(args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), CliEnvironment.system()));
    }

    /** Runs the CLI in the real environment and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, CliEnvironment.system());
    }

    /** Runs the CLI with the given writers and environment and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, CliEnvironment env) {
        CommandLine cli = commandLine(env);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command tree (also used to generate shell completions). */
    public static CommandLine commandLine(CliEnvironment env) {
        CommandLine cli = new CommandLine(new TorcMain(env));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(TorcMain::handleError);
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("Error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE.code;
        });
        cli.setExitCodeExceptionMapper(e -> ExitCode.ERROR.code);
        return cli;
    }

    /** Maps exceptions to one line on stderr and an exit code; stack traces only at debug level. */
    private static int handleError(Exception e, CommandLine cmd, CommandLine.ParseResult parse) {
        PrintWriter err = cmd.getErr();
        String message;
        if (e instanceof ServerUnreachable su) {
            message = unreachable(su);
        } else if (e instanceof ApiError ae) {
            message = ae.status() > 0 ? "API error (status: " + ae.status() + "): "
                    + ae.getMessage() : ae.getMessage();
        } else if (e instanceof CliError || e instanceof ConfigException
                || e instanceof WorkflowManager.InitializationRefused
                || e instanceof IllegalArgumentException) {
            message = e.getMessage();
        } else {
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        err.println("Error: " + message);
        String level = root(cmd.getCommandSpec()).environment.get("RUST_LOG");
        if (level != null && level.toLowerCase(Locale.ROOT).contains("debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.ERROR.code;
    }

    /** One line naming the URL and, in words, why it could not be reached. */
    static String unreachable(ServerUnreachable su) {
        Throwable cause = su.getCause();
        String why;
        if (cause instanceof java.net.ConnectException) {
            why = "connection refused";
        } else if (cause instanceof java.net.http.HttpTimeoutException) {
            why = "timed out";
        } else if (cause instanceof java.nio.channels.UnresolvedAddressException) {
            why = "unknown host";
        } else {
            return su.getMessage();
        }
        return "Cannot reach the torc server at " + su.url() + ": " + why;
    }

    /** Version string for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"torc " + org.torc.server.service.ServiceRoutes.VERSION
                    + " (torc-jvm)"};
        }
    }
}
