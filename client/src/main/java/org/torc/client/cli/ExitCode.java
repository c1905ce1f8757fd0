package org.torc.client.cli;

/** The CLI's exit codes, in one place: 0 success, 1 error, 2 usage error (as torc). */
public enum ExitCode {
    OK(0),
    ERROR(1),
    USAGE(2);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
