package org.torc.server.db;

import java.sql.SQLException;

/** A unit of database work run against one connection. */
@FunctionalInterface
public interface SqlWork<S extends Sql, T> {
    T run(S sql) throws SQLException;
}
