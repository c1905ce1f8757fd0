package org.torc.client.api;

/** The server answered with an error status; {@code message} is its JSON error message. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
