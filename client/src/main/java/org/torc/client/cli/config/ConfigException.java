package org.torc.client.cli.config;

import java.util.List;

/**
 * A configuration file or variable that cannot be used. The message is one line naming the file
 * (or variable) and the first problem; {@link #problems()} lists them all for {@code config validate}.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(List<String> problems) {
        super(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                + " more problem" + (problems.size() > 2 ? "s" : "") + ")" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
