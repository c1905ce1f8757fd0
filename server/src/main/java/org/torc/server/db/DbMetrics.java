package org.torc.server.db;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the write path, exposed through {@code GET /metrics}. */
public final class DbMetrics {
    final AtomicLong writeTransactions = new AtomicLong();
    final AtomicLong writeTasks = new AtomicLong();
    final AtomicLong lockRetries = new AtomicLong();
    final AtomicLong lockGiveUps = new AtomicLong();
    final AtomicLong largestBatch = new AtomicLong();

    public long writeTransactions() {
        return writeTransactions.get();
    }

    public long writeTasks() {
        return writeTasks.get();
    }

    /** SQLITE_BUSY/SQLITE_LOCKED answers that were retried. */
    public long lockRetries() {
        return lockRetries.get();
    }

    public long lockGiveUps() {
        return lockGiveUps.get();
    }

    public long largestBatch() {
        return largestBatch.get();
    }
}
