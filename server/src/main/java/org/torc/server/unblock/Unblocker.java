package org.torc.server.unblock;

import static org.torc.server.lifecycle.JobStateMachine.ACTIVE_CODES;
import static org.torc.server.lifecycle.JobStateMachine.DONE_CODES;
import static org.torc.server.lifecycle.JobStateMachine.FAILURE_CODES;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.db.Database;
import org.torc.server.db.Tx;
import org.torc.server.lifecycle.ActionHooks;
import org.torc.server.lifecycle.ReadyJobs;

/**
 * Releases the dependents of finished jobs. Every completion wakes it, so a dependent is ready
 * milliseconds after the completion that frees it; a timer ({@code --completion-check-interval-secs})
 * is only a safety sweep, and the first pass after start-up picks up completions a crash left
 * unprocessed.
 *
 * <p>One pass drains everything pending in one write transaction. Each dependency edge carries a
 * {@code satisfied} flag: processing a finished job flips its outgoing edges, and a dependent is
 * released when an index seek finds no unsatisfied edge left. A barrier with 1,000 predecessors
 * therefore costs one flip per edge, not a re-scan of 1,000 rows per completion.
 */
public final class Unblocker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Unblocker.class);
    /** Finished jobs handled per statement; a pass loops until nothing is pending. */
    private static final int CHUNK = 5_000;

    private final Database db;
    private final ActionHooks actions;
    private final ReadyJobs readyJobs;
    private final long sweepMillis;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean woken;
    private long firstWakeNanos;
    private volatile boolean running;

    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong completionsProcessed = new AtomicLong();
    private final AtomicLong jobsMadeReady = new AtomicLong();
    private final AtomicLong jobsCanceled = new AtomicLong();
    private final AtomicLong lastReleaseLatencyMicros = new AtomicLong(-1);
    private final AtomicLong maxReleaseLatencyMicros = new AtomicLong(-1);

    public Unblocker(Database db, ActionHooks actions, ReadyJobs readyJobs, Duration sweepInterval) {
        this.db = db;
        this.actions = actions;
        this.readyJobs = readyJobs;
        this.sweepMillis = Math.max(1, sweepInterval.toMillis());
        this.thread = new Thread(this::loop, "unblocker");
        this.thread.setDaemon(true);
    }

    public void start() {
        running = true;
        // The first pass runs at once: it finishes completions a crash left unprocessed.
        wake();
        log.info("Starting background job completion checker with interval = {} seconds "
                + "(completions also wake it immediately)", sweepMillis / 1000.0);
        thread.start();
    }

    /** Called after a completion commits: run a pass now. */
    public void wake() {
        synchronized (signal) {
            if (!woken) {
                woken = true;
                firstWakeNanos = System.nanoTime();
            }
            signal.notifyAll();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (running) {
            long wokenAt;
            synchronized (signal) {
                if (!woken) {
                    try {
                        signal.wait(sweepMillis);
                    } catch (InterruptedException e) {
                        continue;
                    }
                }
                wokenAt = woken ? firstWakeNanos : 0;
                woken = false;
            }
            if (!running) {
                break;
            }
            try {
                runOnce(wokenAt);
            } catch (RuntimeException e) {
                // The work is still pending in the database; the next wake or sweep retries it.
                log.warn("Unblock pass failed; it will be retried: {}", e.getMessage(), e);
            }
        }
    }

    /** Runs one pass now (tests and start-up recovery); returns what it did. */
    public Pass runOnce() {
        return runOnce(0);
    }

    private Pass runOnce(long wokenAtNanos) {
        Pass pass = db.write(this::pass);
        if (pass.processed() > 0) {
            passes.incrementAndGet();
            completionsProcessed.addAndGet(pass.processed());
            jobsMadeReady.addAndGet(pass.ready());
            jobsCanceled.addAndGet(pass.canceled());
            if (pass.ready() > 0 && wokenAtNanos != 0) {
                long micros = (System.nanoTime() - wokenAtNanos) / 1_000;
                lastReleaseLatencyMicros.set(micros);
                maxReleaseLatencyMicros.accumulateAndGet(micros, Math::max);
            }
        }
        return pass;
    }

    /** What one pass did. */
    public record Pass(int processed, int ready, int canceled) {
    }

    private Pass pass(Tx tx) throws SQLException {
        Map<Long, WorkflowCounts> perWorkflow = new TreeMap<>();
        int processed = 0;
        int ready = 0;
        int canceled = 0;
        while (true) {
            List<long[]> finished = tx.query("SELECT id, workflow_id FROM job WHERE status IN ("
                    + DONE_CODES + ") AND unblocking_processed = 0 LIMIT " + CHUNK,
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)});
            if (finished.isEmpty()) {
                break;
            }
            List<Long> ids = new ArrayList<>(finished.size());
            for (long[] f : finished) {
                ids.add(f[0]);
                perWorkflow.computeIfAbsent(f[1], k -> new WorkflowCounts()).completed++;
            }
            processed += ids.size();
            List<Long> dependents = tx.queryIds("""
                    UPDATE job_depends_on SET satisfied = 1
                    WHERE depends_on_job_id IN (SELECT value FROM json_each(?)) AND satisfied = 0
                    RETURNING job_id""", ids);
            tx.update("UPDATE job SET unblocking_processed = 1 WHERE id IN "
                    + "(SELECT value FROM json_each(?))", ids);
            if (dependents.isEmpty()) {
                continue;
            }
            Set<Long> candidates = new LinkedHashSet<>(dependents);
            // A released dependent whose dependencies include a failure is canceled when it asks
            // for that (the default); the cancellation is itself processed on the next loop, so it
            // propagates down the graph.
            List<long[]> newlyCanceled = tx.query("""
                    UPDATE job SET status = 7, unblocking_processed = 0
                    WHERE id IN (SELECT value FROM json_each(?)) AND status = 1
                      AND cancel_on_blocking_job_failure = 1
                      AND NOT EXISTS (SELECT 1 FROM job_depends_on d
                                      WHERE d.job_id = job.id AND d.satisfied = 0)
                      AND EXISTS (SELECT 1 FROM job_depends_on d JOIN job p ON p.id = d.depends_on_job_id
                                  WHERE d.job_id = job.id AND p.status IN (""" + FAILURE_CODES + "))"
                    + " RETURNING id, workflow_id",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, candidates);
            List<long[]> newlyReady = tx.query("""
                    UPDATE job SET status = 2
                    WHERE id IN (SELECT value FROM json_each(?)) AND status = 1
                      AND NOT EXISTS (SELECT 1 FROM job_depends_on d
                                      WHERE d.job_id = job.id AND d.satisfied = 0)
                    RETURNING id, workflow_id""",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, candidates);
            for (long[] c : newlyCanceled) {
                perWorkflow.computeIfAbsent(c[1], k -> new WorkflowCounts()).canceled++;
            }
            for (long[] r : newlyReady) {
                perWorkflow.computeIfAbsent(r[1], k -> new WorkflowCounts()).readyIds.add(r[0]);
            }
            canceled += newlyCanceled.size();
            ready += newlyReady.size();
        }
        List<Long> signalled = new ArrayList<>();
        for (var e : perWorkflow.entrySet()) {
            long workflowId = e.getKey();
            WorkflowCounts c = e.getValue();
            if (!c.readyIds.isEmpty()) {
                actions.onJobsReady(tx, workflowId, c.readyIds);
                signalled.add(workflowId);
            }
            if (c.canceled > 0 && !tx.exists("SELECT 1 FROM job WHERE workflow_id = ? AND status IN ("
                    + ACTIVE_CODES + ") LIMIT 1", workflowId)) {
                // The cascade finished the workflow; completion actions fire here, not in complete_job.
                actions.onWorkflowComplete(tx, workflowId);
                signalled.add(workflowId);
            }
            if (!c.readyIds.isEmpty() || c.canceled > 0) {
                log.info("Jobs unblocked workflow_id={} completed_count={} ready_count={} "
                        + "canceled_count={}", workflowId, c.completed, c.readyIds.size(), c.canceled);
            } else {
                log.debug("Processed completions workflow_id={} completed_count={}", workflowId,
                        c.completed);
            }
        }
        if (!signalled.isEmpty()) {
            tx.afterCommit(() -> readyJobs.signal(signalled));
        }
        return new Pass(processed, ready, canceled);
    }

    private static final class WorkflowCounts {
        int completed;
        int canceled;
        final List<Long> readyIds = new ArrayList<>();
    }

    /** Counters for {@code GET /metrics}. */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("unblock_passes", passes.get());
        m.put("completions_processed", completionsProcessed.get());
        m.put("jobs_made_ready", jobsMadeReady.get());
        m.put("jobs_canceled_by_failed_dependency", jobsCanceled.get());
        m.put("last_release_latency_ms", latencyMs(lastReleaseLatencyMicros.get()));
        m.put("max_release_latency_ms", latencyMs(maxReleaseLatencyMicros.get()));
        return m;
    }

    private static Object latencyMs(long micros) {
        return micros < 0 ? null : micros / 1000.0;
    }
}
