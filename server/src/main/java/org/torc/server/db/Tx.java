package org.torc.server.db;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** The writer's connection inside a write transaction; work to run once it commits is queued here. */
public final class Tx extends Sql {
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Connection connection) {
        super(connection, true);
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
