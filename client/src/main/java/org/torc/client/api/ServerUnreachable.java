package org.torc.client.api;

/** The server could not be reached (connection refused, reset, timed out). */
public final class ServerUnreachable extends RuntimeException {
    private final String url;

    public ServerUnreachable(String url, Throwable cause) {
        super("Cannot reach the torc server at " + url + ": " + describe(cause), cause);
        this.url = url;
    }

    public String url() {
        return url;
    }

    private static String describe(Throwable cause) {
        String msg = cause.getMessage();
        if (msg == null || msg.isBlank()) {
            return cause.getClass().getSimpleName().replace("Exception", "").toLowerCase();
        }
        return msg;
    }
}
