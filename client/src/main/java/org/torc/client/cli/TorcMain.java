package org.torc.client.cli;

import java.io.PrintWriter;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.cli.commands.PingCommand;
import org.torc.client.cli.commands.RunCommand;
import org.torc.client.cli.commands.WorkflowsCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** {@code torc}: the command line of the torc workflow manager. */
@Command(name = "torc", mixinStandardHelpOptions = true,
        versionProvider = TorcMain.Version.class,
        description = "Workflow management: create workflows from specs, run and inspect them.",
        subcommands = {
            WorkflowsCommand.class,
            RunCommand.class,
            PingCommand.class,
            org.torc.client.tui.TuiCommand.class,
            AutoComplete.GenerateCompletion.class
        })
public final class TorcMain implements Runnable {
    @Mixin
    GlobalOptions global = new GlobalOptions();

    private CliContext context;

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The context of the command being executed (settings resolved once, on first use). */
    public static CliContext context(CommandSpec spec) {
        TorcMain root = (TorcMain) spec.root().userObject();
        if (root.context == null) {
            root.context = new CliContext(ClientSettings.resolve(root.global),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        return root.context;
    }

    public static void main(String[] args) {
        // Spawning children through vfork is much faster on JDK 17 (measured in the reference
        // notes: ~1,300 vs ~800 jobs/s); it must be chosen before the first process starts.
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
        System.exit(execute(args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given writers and returns the exit code (tests call this). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new TorcMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(TorcMain::handleError);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("Error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            err.flush();
            return ExitCode.USAGE.code;
        });
        return cli.execute(args);
    }

    /** Maps exceptions to one line on stderr and an exit code; stack traces only at debug level. */
    private static int handleError(Exception e, CommandLine cmd, CommandLine.ParseResult parse) {
        PrintWriter err = cmd.getErr();
        String message;
        if (e instanceof ServerUnreachable su) {
            message = su.getMessage();
        } else if (e instanceof ApiError ae) {
            message = ae.status() > 0 ? "API error (status " + ae.status() + "): " + ae.getMessage()
                    : ae.getMessage();
        } else if (e instanceof CliError || e instanceof IllegalArgumentException) {
            message = e.getMessage();
        } else {
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        err.println("Error: " + message);
        String level = System.getenv("RUST_LOG");
        if (level != null && level.toLowerCase().contains("debug")) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.ERROR.code;
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
