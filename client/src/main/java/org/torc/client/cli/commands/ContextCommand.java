package org.torc.client.cli.commands;

import java.util.concurrent.Callable;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.TorcMain;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A leaf command: it gets the resolved settings (and through them the server) and returns one of
 * the {@link ExitCode}s.
 */
abstract class ContextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return execute(TorcMain.context(spec)).code;
    }

    protected abstract ExitCode execute(CliContext ctx) throws Exception;
}
