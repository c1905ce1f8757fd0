package org.torc.client.cli.commands;

import java.util.concurrent.Callable;
import org.torc.client.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command group such as {@code torc jobs}: without a subcommand it shows its usage (exit 2). */
abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code;
    }
}
