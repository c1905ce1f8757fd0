package org.torc.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.api.TorcApi;
import org.torc.common.JobStatus;
import org.torc.common.model.ResultModel;

/**
 * Delivers job outcomes to the server from its own thread, so reporting never waits behind a
 * claim. Whatever finished while the previous request was in flight goes in the next
 * {@code batch_complete_jobs} call. When the server is unreachable, outcomes are kept and resent
 * with backoff until it answers again (up to the workflow's healthy-database wait); nothing is
 * dropped on the floor.
 */
final class CompletionReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompletionReporter.class);
    private static final int MAX_BATCH = 1000;

    /** One finished job to report. */
    record Outcome(long jobId, String jobName, JobStatus status, long runId, ResultModel result) {
    }

    private final TorcApi api;
    private final long workflowId;
    private final long retryBudgetMillis;
    private final Runnable onDelivered;
    private final LinkedBlockingDeque<Outcome> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean useBatchEndpoint = true;
    private volatile RuntimeException fatal;

    CompletionReporter(TorcApi api, long workflowId, Duration retryBudget, Runnable onDelivered) {
        this.api = api;
        this.workflowId = workflowId;
        this.retryBudgetMillis = retryBudget.toMillis();
        this.onDelivered = onDelivered;
        this.thread = new Thread(this::loop, "completion-reporter");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void submit(Outcome outcome) {
        pending.incrementAndGet();
        queue.add(outcome);
    }

    /** True when every submitted outcome has been delivered (or given up on). */
    boolean idle() {
        return pending.get() == 0;
    }

    /** Set when outcomes could not be delivered within the retry budget. */
    RuntimeException fatal() {
        return fatal;
    }

    /** Waits until everything submitted is delivered, or the timeout passes. */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle() && System.nanoTime() < deadline && fatal == null) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return idle();
    }

    private void loop() {
        while (!closing || !queue.isEmpty()) {
            Outcome first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Outcome> batch = new ArrayList<>();
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            deliverWithRetry(batch);
            pending.addAndGet(-batch.size());
            onDelivered.run();
        }
    }

    private void deliverWithRetry(List<Outcome> batch) {
        long deadline = System.currentTimeMillis() + retryBudgetMillis;
        long backoff = 100;
        while (true) {
            try {
                deliver(batch);
                return;
            } catch (ServerUnreachable | ApiError e) {
                boolean transientError = e instanceof ServerUnreachable
                        || (e instanceof ApiError ae && ae.status() == 503);
                if (!transientError) {
                    log.error("The server refused {} job result(s): {}", batch.size(), e.getMessage());
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    fatal = e;
                    log.error("Giving up delivering {} job result(s) after {} s: {}", batch.size(),
                            retryBudgetMillis / 1000, e.getMessage());
                    return;
                }
                log.warn("Server unavailable while reporting {} result(s); retrying in {} ms: {}",
                        batch.size(), backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void deliver(List<Outcome> batch) {
        if (useBatchEndpoint) {
            List<Map<String, Object>> completions = new ArrayList<>(batch.size());
            for (Outcome o : batch) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("job_id", o.jobId());
                c.put("status", o.status().wireName());
                c.put("run_id", o.runId());
                c.put("result", o.result());
                completions.add(c);
            }
            try {
                JsonNode resp = api.post("/workflows/" + workflowId + "/batch_complete_jobs",
                        Map.of("completions", completions));
                for (JsonNode err : resp.path("errors")) {
                    String message = err.path("message").asText();
                    if (message.contains("already complete")) {
                        // A retry after a lost response: the first delivery went through.
                        log.debug("Job {} was already recorded: {}", err.path("job_id"), message);
                    } else {
                        log.warn("The server refused the result of job {}: {}", err.path("job_id"),
                                message);
                    }
                }
                return;
            } catch (ApiError e) {
                if (e.status() != 404 && e.status() != 405) {
                    throw e;
                }
                // An older torc server without batch completion: fall back to one call per job.
                log.info("Server has no batch_complete_jobs; reporting results one by one");
                useBatchEndpoint = false;
            }
        }
        for (Outcome o : batch) {
            try {
                api.post("/jobs/" + o.jobId() + "/complete_job/" + o.status().wireName() + "/"
                        + o.runId(), o.result());
            } catch (ApiError e) {
                if (e.status() == 503) {
                    throw e;
                }
                log.warn("The server refused the result of job {}: {}", o.jobId(), e.getMessage());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
