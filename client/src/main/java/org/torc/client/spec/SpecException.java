package org.torc.client.spec;

/**
 * A problem with a workflow specification, worded for the user: one or a few lines, naming the file
 * and the line/column where known. The CLI prints {@link #getMessage()} and no stack trace.
 */
public class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
