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
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.torc.common.JobStatus;
import org.torc.common.model.JobModel;
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

    /**
     * What happened to a claim that rode along with a batch: the jobs the server started for us,
     * or the failure (the claim may have committed; the runner reconciles), or null jobs and null
     * error when the claim could not be sent (an older server) and must be made separately.
     */
    interface ClaimListener {
        void claimed(List<JobModel> jobs, long limit, String reason);

        void failed(RuntimeException error);

        void notSent();
    }

    /** Outcomes submitted together, with at most one claim riding along. */
    private record Unit(List<Outcome> outcomes, ObjectNode claim, long claimLimit) {
    }

    private final TorcApi api;
    private final long workflowId;
    private final long retryBudgetMillis;
    private final Runnable onDelivered;
    private final LinkedBlockingDeque<Unit> queue = new LinkedBlockingDeque<>();
    private final ClaimListener claimListener;
    private final AtomicInteger pending = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean useBatchEndpoint = true;
    private volatile RuntimeException fatal;

    CompletionReporter(TorcApi api, long workflowId, Duration retryBudget, Runnable onDelivered,
            ClaimListener claimListener) {
        this.claimListener = claimListener;
        this.api = api;
        this.workflowId = workflowId;
        this.retryBudgetMillis = retryBudget.toMillis();
        this.onDelivered = onDelivered;
        this.thread = new Thread(this::loop, "completion-reporter");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    void submit(Outcome outcome) {
        submit(List.of(outcome), null, 0);
    }

    /**
     * Queues outcomes for delivery; {@code claim} (the "claim" object of batch_complete_jobs), when
     * given, asks the server to start up to {@code claimLimit} more jobs in the same request.
     */
    void submit(List<Outcome> outcomes, ObjectNode claim, long claimLimit) {
        pending.addAndGet(outcomes.size());
        queue.add(new Unit(List.copyOf(outcomes), claim, claimLimit));
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
            Unit first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            if (first == null) {
                continue;
            }
            List<Unit> units = new ArrayList<>();
            units.add(first);
            queue.drainTo(units, MAX_BATCH - 1);
            List<Outcome> batch = new ArrayList<>();
            Unit withClaim = null;
            for (Unit u : units) {
                batch.addAll(u.outcomes());
                if (u.claim() != null) {
                    withClaim = u; // the runner never has two claims in flight
                }
            }
            deliverWithRetry(batch, withClaim);
            pending.addAndGet(-batch.size());
            onDelivered.run();
        }
    }

    private void deliverWithRetry(List<Outcome> batch, Unit withClaim) {
        long deadline = System.currentTimeMillis() + retryBudgetMillis;
        long backoff = 100;
        while (true) {
            try {
                deliver(batch, withClaim);
                return;
            } catch (ServerUnreachable | ApiError e) {
                if (withClaim != null) {
                    // The claim may have committed before the answer was lost; the runner checks
                    // with the server, and retries here carry only the completions.
                    claimListener.failed(e);
                    withClaim = null;
                }
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

    private void deliver(List<Outcome> batch, Unit withClaim) {
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
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("completions", completions);
                if (withClaim != null) {
                    body.put("claim", withClaim.claim());
                }
                JsonNode resp = api.post("/workflows/" + workflowId + "/batch_complete_jobs", body);
                if (withClaim != null) {
                    if (resp.path("claim_error").isTextual()) {
                        log.warn("The server refused to claim jobs: {}",
                                resp.path("claim_error").asText());
                    }
                    if (resp.has("jobs")) {
                        claimListener.claimed(TorcApi.convertList(resp.path("jobs"), JobModel.class),
                                withClaim.claimLimit(), resp.path("reason").isTextual()
                                        ? resp.path("reason").asText() : null);
                    } else {
                        claimListener.notSent(); // a server that ignores "claim"
                    }
                }
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
        if (withClaim != null) {
            claimListener.notSent();
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
