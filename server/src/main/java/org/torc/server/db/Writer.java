package org.torc.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The only thread that writes to the database. Callers hand it work and wait; it runs whatever has
 * queued up in one transaction (each piece in its own savepoint, so one failure does not undo the
 * others) and commits once. Writes inside the server therefore never contend with each other, and a
 * burst of 1,000 completions costs a handful of commits instead of 1,000.
 */
final class Writer {
    private static final Logger log = LoggerFactory.getLogger(Writer.class);
    private static final int MAX_BATCH = 256;

    private final Tx tx;
    private final DbMetrics metrics;
    private final long busyBudgetMillis;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    Writer(Connection connection, DbMetrics metrics, long busyBudgetMillis) {
        this.tx = new Tx(connection);
        this.metrics = metrics;
        this.busyBudgetMillis = busyBudgetMillis;
        this.thread = new Thread(this::loop, "db-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    <T> T submit(SqlWork<Tx, T> work) {
        if (Thread.currentThread() == thread) {
            // Nested call from inside a write: it is already part of the current transaction.
            try {
                return work.run(tx);
            } catch (SQLException e) {
                throw new DatabaseException("Database error: " + e.getMessage(), e);
            }
        }
        if (stopping) {
            throw new DatabaseException("The server is shutting down", null);
        }
        Task<T> task = new Task<>(work);
        queue.add(task);
        return task.await();
    }

    /** Finishes the queued work, then stops the thread. */
    void stop() {
        stopping = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tx.closeCachedStatements();
    }

    private void loop() {
        while (!stopping || !queue.isEmpty()) {
            Task<?> first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Task<?>> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            runBatch(batch);
        }
    }

    private void runBatch(List<Task<?>> batch) {
        long deadline = System.currentTimeMillis() + busyBudgetMillis;
        long backoff = 1;
        int attempt = 0;
        while (true) {
            try {
                executeOnce(batch);
                return;
            } catch (SQLException e) {
                rollbackQuietly();
                if (!isBusy(e)) {
                    log.error("Write transaction failed; {} request(s) get an error", batch.size(), e);
                    failAll(batch, new DatabaseException("Database error: " + e.getMessage(), e));
                    return;
                }
                attempt++;
                metrics.lockRetries.incrementAndGet();
                if (System.currentTimeMillis() >= deadline) {
                    metrics.lockGiveUps.incrementAndGet();
                    log.error("Database stayed locked by another process for {} s after {} attempts; "
                            + "{} request(s) fail and clients will retry", busyBudgetMillis / 1000,
                            attempt, batch.size());
                    failAll(batch, new DatabaseBusyException("Database is busy; try again", e));
                    return;
                }
                log.debug("Database busy (another process holds the lock), retry {} in {} ms",
                        attempt, backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 200);
            } catch (RuntimeException | Error e) {
                rollbackQuietly();
                log.error("Write transaction failed unexpectedly", e);
                failAll(batch, e);
                return;
            }
        }
    }

    private void executeOnce(List<Task<?>> batch) throws SQLException {
        boolean single = batch.size() == 1;
        tx.drainAfterCommit();
        tx.execute("BEGIN IMMEDIATE");
        for (Task<?> task : batch) {
            task.reset();
            int mark = tx.afterCommitMark();
            if (!single) {
                tx.execute("SAVEPOINT task");
            }
            try {
                task.runIn(tx);
                if (!single) {
                    tx.execute("RELEASE task");
                }
            } catch (Exception e) {
                if (e instanceof SQLException sqle && isBusy(sqle)) {
                    throw sqle; // the whole batch is retried
                }
                task.failure = e;
                if (single) {
                    tx.execute("ROLLBACK");
                    tx.drainAfterCommit();
                    finish(batch);
                    return;
                }
                tx.execute("ROLLBACK TO task");
                tx.execute("RELEASE task");
                tx.truncateAfterCommit(mark);
            }
        }
        List<Runnable> hooks = tx.drainAfterCommit();
        tx.execute("COMMIT");
        metrics.writeTransactions.incrementAndGet();
        metrics.writeTasks.addAndGet(batch.size());
        metrics.largestBatch.accumulateAndGet(batch.size(), Math::max);
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                log.warn("After-commit action failed", e);
            }
        }
        finish(batch);
    }

    private static void finish(List<Task<?>> batch) {
        for (Task<?> task : batch) {
            task.complete();
        }
    }

    private static void failAll(List<Task<?>> batch, Throwable error) {
        for (Task<?> task : batch) {
            task.future.completeExceptionally(error);
        }
    }

    private void rollbackQuietly() {
        try {
            if (!tx.connection().getAutoCommit()) {
                tx.connection().rollback();
            } else {
                tx.execute("ROLLBACK");
            }
        } catch (SQLException ignored) {
            // no transaction was open
        }
        tx.drainAfterCommit();
    }

    static boolean isBusy(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            int primary = code.code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_BUSY.code
                    || primary == SQLiteErrorCode.SQLITE_LOCKED.code;
        }
        String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return msg.contains("database is locked") || msg.contains("sqlite_busy");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Task<T> {
        final SqlWork<Tx, T> work;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        Exception failure;

        Task(SqlWork<Tx, T> work) {
            this.work = work;
        }

        void reset() {
            result = null;
            failure = null;
        }

        void runIn(Tx tx) throws SQLException {
            result = work.run(tx);
        }

        void complete() {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }

        T await() {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseException("Interrupted while waiting for the database", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new DatabaseException("Database error: " + cause.getMessage(), cause);
            }
        }
    }
}
