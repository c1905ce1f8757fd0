package org.torc.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The writer's connection inside a write transaction; work to run once it commits is queued here. */
public final class Tx extends Sql {
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Connection connection) {
        super(connection, true);
    }

    private int savepoints;

    /**
     * Runs {@code work} in a savepoint: if it throws, its changes and its after-commit actions are
     * undone and the exception propagates, while the rest of the transaction stays intact.
     */
    public <T> T inSavepoint(SqlWork<Tx, T> work) throws SQLException {
        String name = "sp" + (++savepoints);
        int mark = afterCommitMark();
        execute("SAVEPOINT " + name);
        try {
            T result = work.run(this);
            execute("RELEASE " + name);
            return result;
        } catch (SQLException | RuntimeException e) {
            execute("ROLLBACK TO " + name);
            execute("RELEASE " + name);
            truncateAfterCommit(mark);
            throw e;
        } finally {
            savepoints--;
        }
    }

    /** Runs {@code action} after the transaction commits; dropped if the work is rolled back. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> drainAfterCommit() {
        List<Runnable> out = new ArrayList<>(afterCommit);
        afterCommit.clear();
        return out;
    }

    int afterCommitMark() {
        return afterCommit.size();
    }

    void truncateAfterCommit(int mark) {
        while (afterCommit.size() > mark) {
            afterCommit.remove(afterCommit.size() - 1);
        }
    }
}
