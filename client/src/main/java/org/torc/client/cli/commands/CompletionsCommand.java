package org.torc.client.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.TorcMain;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code torc completions bash|zsh}: a completion script for the whole command tree. picocli
 * generates a bash script that also runs in zsh through {@code bashcompinit}, so both shells get
 * the same script; zsh users source it instead of putting it on {@code fpath}.
 */
@Command(name = "completions", mixinStandardHelpOptions = true,
        description = "Generate shell completions (bash or zsh).",
        footer = {"", "Examples:",
            "  torc completions bash > ~/.local/share/bash-completion/completions/torc",
            "  torc completions zsh > ~/.torc-completion.zsh   # then in ~/.zshrc:",
            "      source ~/.torc-completion.zsh"})
public final class CompletionsCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String script = AutoComplete.bash("torc",
                TorcMain.commandLine(TorcMain.environment(spec)));
        if (shell == Shell.zsh) {
            out.println("# torc completion for zsh: source this file from ~/.zshrc (it enables "
                    + "bashcompinit).");
            out.println("autoload -U +X compinit && compinit");
        }
        out.print(script);
        out.flush();
        return ExitCode.OK.code;
    }
}
