package org.torc.server.db;

/** A database failure that is not the caller's fault; the original {@code SQLException} is the cause. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
