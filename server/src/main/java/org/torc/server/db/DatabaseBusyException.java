package org.torc.server.db;

/** The database stayed locked by another process for longer than the retry budget. */
public final class DatabaseBusyException extends DatabaseException {
    public DatabaseBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
