package org.torc.client.cli.commands;

import java.util.Map;
import java.util.concurrent.Callable;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.TorcMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code torc ping}: is the server up? */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Check that the server answers.")
public final class PingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliContext ctx = TorcMain.context(spec);
        try {
            ctx.api().get("/ping");
        } catch (ServerUnreachable | ApiError e) {
            if (ctx.output().json()) {
                ctx.output().printJson(Map.of("status", "error", "message", e.getMessage()));
            } else {
                ctx.err().println("Failed to connect to server: " + e.getMessage());
                ctx.err().flush();
            }
            return ExitCode.ERROR.code;
        }
        if (ctx.output().json()) {
            ctx.output().printJson(Map.of("status", "Server is running"));
        } else {
            ctx.output().println("Server is running");
        }
        return ExitCode.OK.code;
    }
}
