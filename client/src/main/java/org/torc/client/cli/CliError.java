package org.torc.client.cli;

/** A failure to report to the user as one line on stderr, with exit code 1. */
public class CliError extends RuntimeException {
    public CliError(String message) {
        super(message);
    }
}
