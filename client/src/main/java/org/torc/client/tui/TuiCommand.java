package org.torc.client.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.TorcMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torc tui}: the interactive terminal UI, with torc's layout and keys. */
@Command(name = "tui", mixinStandardHelpOptions = true,
        description = "Interactive terminal UI for managing workflows",
        footer = {"", "Examples:",
            "  torc tui                         # connect to the server at --url / TORC_API_URL",
            "  torc tui --standalone            # start a server in this process (port 8080)",
            "  torc tui --standalone --port 9090 --database /path/to/db.sqlite"})
public final class TuiCommand implements Callable<Integer> {
    @Option(names = "--standalone",
            description = "Start a torc server in this process and stop it on exit")
    boolean standalone;

    @Option(names = "--port", defaultValue = "8080",
            description = "Port of the server in standalone mode (default: 8080)")
    int port;

    @Option(names = "--database", paramLabel = "PATH",
            description = "Database of the server in standalone mode (default: <output-dir>/torc.db)")
    Path database;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "output",
            description = "Where runners write job output: job_stdio/ logs are read from here, "
                    + "and x runs with it (default: output)")
    Path outputDir;

    @Spec
    CommandSpec spec;

    /**
     * HOOK for the lead, after merging the spec branch: return
     * {@code (api, path) -> SpecCreation.create(api, path, false, ctx)} so {@code n} creates
     * workflows from spec files. Until then {@code n} explains that it is not wired.
     */
    static SpecCreator specCreator(CliContext ctx) {
        // The CLI's creation path without its stderr warnings, which would tear the screen.
        return (api, spec) -> org.torc.client.cli.commands.SpecCreation.create(api,
                org.torc.client.spec.SpecPipeline.resolve(spec,
                        org.torc.client.spec.SpecOptions.defaults()), ctx.user());
    }

    @Override
    public Integer call() throws Exception {
        CliContext ctx = TorcMain.context(spec);
        String url = standalone ? "http://localhost:" + port + "/torc-service/v1"
                : ctx.settings().url();
        TorcApi api = new TorcApi(url, ctx.user(), ctx.settings().password());
        TuiApp.Options options = new TuiApp.Options(outputDir, standalone, port, database,
                specCreator(ctx));
        OutputBuffer log = new OutputBuffer(10_000);
        LogCapture.install(log);
        PrintStream err = System.err;
        // Nothing may write to the terminal while the TUI draws on it.
        System.setErr(new PrintStream(new LineSink(log), true, StandardCharsets.UTF_8));
        // Ctrl-C arrives as a key and quits like q, so the runner and server are stopped cleanly.
        Terminal terminal = new DefaultTerminalFactory(System.out, System.in,
                StandardCharsets.UTF_8).setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .createTerminal();
        try {
            new TuiApp(new TerminalScreen(terminal), api, ctx.settings().password(),
                    ctx.user(), options, log).run();
        } finally {
            terminal.close();
            System.setErr(err);
        }
        return 0;
    }

    /** Bytes written to stderr during the TUI, as lines of the log buffer. */
    private static final class LineSink extends OutputStream {
        private final OutputBuffer buffer;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LineSink(OutputBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                buffer.append(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
