package org.torc.client.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.api.TorcApi;
import org.torc.common.JobStatus;
import org.torc.common.Json;
import org.torc.common.Timestamps;
import org.torc.common.model.JobModel;
import org.torc.common.model.ResultModel;

/**
 * The worker loop of {@code torc run} / {@code torc workflows run}. One thread owns the state and
 * reacts to events: a child exited, a claim came back, the server signalled new work, a status
 * check answered. Claims, status checks, the long poll for new work and result delivery each run
 * on their own thread, so a claim in flight never delays reporting a completion, and a finished
 * child frees its slot and triggers the next claim at once.
 */
public final class JobRunner {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    /** How long one wait for new work may last before the runner re-checks its own timers. */
    private static final long WORK_WAIT_MILLIS = 30_000;

    /** Runner settings (torc's {@code run} options). */
    public record Options(long workflowId, Path outputDir, double pollIntervalSecs,
            Integer maxParallelJobs, Long numCpus, Double memoryGb, Long numGpus,
            Path workingDir, boolean progress) {
    }

    /** What the run did, for the final summary line. */
    public record Summary(long workflowId, long runId, int completed, int failed, int canceled,
            int terminated, int retried, double seconds, String exitReason) {
        public int jobsRun() {
            return completed + failed + canceled + terminated;
        }

        public String line() {
            return String.format("Workflow %d run %d: %d completed, %d failed, %d canceled, "
                    + "%d terminated by this runner in %.1f s (%.0f jobs/s); %s", workflowId, runId,
                    completed, failed, canceled, terminated, seconds,
                    seconds > 0 ? jobsRun() / seconds : 0.0, exitReason);
        }
    }

    // ---- events handled by the loop thread
    private sealed interface Event permits Exited, SpawnFailed, Claimed, ClaimError, ClaimNotSent,
            Status, WorkSignal, Delivered, Stop, Reconcile {
    }

    private record Exited(JobProcess process) implements Event {
    }

    private record SpawnFailed(JobModel job, String reason) implements Event {
    }

    private record Claimed(List<JobModel> jobs, long limit, String reason) implements Event {
    }

    private record ClaimError(RuntimeException error) implements Event {
    }

    /** A claim that was to ride along with completions could not be sent that way. */
    private record ClaimNotSent() implements Event {
    }

    private record Status(boolean complete, boolean canceled, RuntimeException error)
            implements Event {
    }

    private record WorkSignal() implements Event {
    }

    private record Delivered() implements Event {
    }

    private record Stop(String reason) implements Event {
    }

    /** The jobs the server has running on this runner's compute node. */
    private record Reconcile(List<JobModel> serverRunning) implements Event {
    }

    private final TorcApi api;
    private final Options options;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<Long, Running> running = new HashMap<>();
    private final Map<Long, Capacity.Need> needsByRr = new HashMap<>();
    private final Map<Long, String> filePaths = new HashMap<>();
    private FailureHandling failureHandling;
    /** Outcomes of this round of events, handed to the reporter together. */
    private final List<CompletionReporter.Outcome> pendingOutcomes = new ArrayList<>();
    private final ExecutorService requests = Executors.newSingleThreadExecutor(r -> daemon(r, "claimer"));
    private final ExecutorService waiter = Executors.newSingleThreadExecutor(r -> daemon(r, "work-waiter"));
    private final java.util.concurrent.ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "heartbeat"));
    /** How often the runner tells the server it is alive (orphan detection relies on it). */
    static final long HEARTBEAT_SECONDS = 10;

    private record Running(JobProcess process, Capacity.Need need) {
    }

    private long runId;
    private long computeNodeId;
    private JsonNode workflow;
    private Capacity capacity;
    private CompletionReporter reporter;
    private ResourceMonitor monitor;
    private WorkflowActions actions;
    private Map<String, String> childEnv;
    private boolean claimInFlight;
    private boolean statusInFlight;
    private boolean waitInFlight;
    private boolean workMayRemain = true;
    private long lastActivityNanos;
    private long lastStatusNanos;
    private boolean complete;
    private volatile boolean stopRequested;
    private int completed;
    private int failed;
    private int canceled;
    private int terminated;
    private int retried;
    private long workGeneration = -1;

    public JobRunner(TorcApi api, Options options) {
        this.api = api;
        this.options = options;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Asks the loop to terminate its jobs and stop (Ctrl-C / SIGTERM). */
    public void requestStop(String reason) {
        stopRequested = true;
        events.add(new Stop(reason));
    }

    /**
     * Runs until the workflow is complete or canceled, or nothing was claimable for the workflow's
     * {@code compute_node_wait_for_new_jobs_seconds}.
     */
    public Summary run() throws IOException {
        long started = System.nanoTime();
        workflow = api.get("/workflows/" + options.workflowId());
        runId = api.get("/workflows/" + options.workflowId() + "/status").path("run_id").asLong();
        failureHandling = new FailureHandling(api, options.workingDir(), options.outputDir(), runId);
        Files.createDirectories(options.outputDir().resolve("job_stdio"));
        capacity = options.maxParallelJobs() != null
                ? new Capacity.Slots(options.maxParallelJobs())
                : new Capacity.Resources(
                        options.numCpus() != null ? options.numCpus() : SystemResources.cpus(),
                        options.memoryGb() != null ? options.memoryGb() : SystemResources.memoryGb(),
                        options.numGpus() != null ? options.numGpus() : 0);
        computeNodeId = registerComputeNode();
        heartbeat.scheduleWithFixedDelay(this::sendHeartbeat, 0, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
        childEnv = Map.of();
        reporter = new CompletionReporter(api, options.workflowId(),
                Duration.ofMinutes(workflow.path("compute_node_wait_for_healthy_database_minutes")
                        .asLong(20)), () -> events.add(new Delivered()),
                new CompletionReporter.ClaimListener() {
                    @Override
                    public void claimed(List<JobModel> jobs, long limit, String reason) {
                        events.add(new Claimed(jobs, limit, reason));
                    }

                    @Override
                    public void failed(RuntimeException error) {
                        events.add(new ClaimError(error));
                    }

                    @Override
                    public void notSent() {
                        events.add(new ClaimNotSent());
                    }
                });
        monitor = monitorConfig();
        actions = new WorkflowActions(api, options.workflowId(), computeNodeId, options.outputDir());
        log.info("Starting torc job runner workflow_id={} run_id={} compute_node_id={} "
                + "output_dir={} {}", options.workflowId(), runId, computeNodeId,
                options.outputDir(), capacity.describe());
        actions.runPending("on_workflow_start");
        actions.runPending("on_worker_start");
        lastActivityNanos = System.nanoTime();
        lastStatusNanos = System.nanoTime();
        progress = options.progress() ? new ProgressLine() : null;
        String exitReason;
        try {
            exitReason = loop(progress);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        stopRequested = true; // no more claims; outcomes of the last round still go out
        flushOutcomes();
        actionRunner.shutdown();
        try {
            actionRunner.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.flush(Duration.ofSeconds(30));
        actions.runPending("on_jobs_ready", "on_jobs_complete", "on_workflow_complete",
                "on_worker_complete");
        reporter.flush(Duration.ofMinutes(workflow.path(
                "compute_node_wait_for_healthy_database_minutes").asLong(20)));
        reporter.close();
        if (monitor != null) {
            monitor.close();
        }
        requests.shutdownNow();
        waiter.shutdownNow();
        heartbeat.shutdownNow();
        double seconds = (System.nanoTime() - started) / 1e9;
        deactivateComputeNode(seconds);
        Summary summary = new Summary(options.workflowId(), runId, completed, failed, canceled,
                terminated, retried, seconds, exitReason);
        if (reporter.fatal() != null) {
            throw new ServerUnreachable(api.baseUrl(), reporter.fatal());
        }
        return summary;
    }

    private ProgressLine progress;

    private String loop(ProgressLine progress) {
        long pollNanos = (long) (Math.max(0.05, options.pollIntervalSecs()) * 1e9);
        long idleLimitNanos = workflow.path("compute_node_wait_for_new_jobs_seconds").asLong(0)
                * 1_000_000_000L;
        maybeClaim();
        while (true) {
            Event event;
            try {
                event = events.poll(Math.max(1, pollNanos / 1_000_000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                terminateAll();
                return "interrupted";
            }
            if (event != null) {
                String exit = handle(event);
                if (exit != null) {
                    return exit;
                }
                // Handle everything already queued before deciding what to ask for next.
                Event more;
                while ((more = events.poll()) != null) {
                    exit = handle(more);
                    if (exit != null) {
                        return exit;
                    }
                }
            }
            flushOutcomes();
            long now = System.nanoTime();
            if (now - lastStatusNanos >= pollNanos && !statusInFlight) {
                requestStatus(); // notices cancellation while jobs run
                // A safety net under the work signal: an idle runner also asks once per poll
                // interval, as torc's runner always does, so no missed signal can strand work.
                if (!claimInFlight && capacity.claimLimit() > 0) {
                    workMayRemain = true;
                }
            }
            if (running.isEmpty() && idleLimitNanos > 0 && now - lastActivityNanos > idleLimitNanos
                    && reporter.idle() && !claimInFlight) {
                log.info("No jobs claimed for {} seconds (limit: {} seconds). Exiting job runner.",
                        (now - lastActivityNanos) / 1_000_000_000L, idleLimitNanos / 1_000_000_000L);
                return "idle for " + idleLimitNanos / 1_000_000_000L + " s";
            }
            maybeClaim();
            if (progress != null) {
                progress.update(completed, failed + canceled + terminated, running.size());
            }
        }
    }

    /** Returns an exit reason when the loop should end. */
    private String handle(Event event) {
        if (event instanceof Exited e) {
            onExited(e.process());
        } else if (event instanceof SpawnFailed s) {
            reportOutcome(s.job(), JobStatus.FAILED, 127, 0.0, ResourceMonitor.Usage.NONE);
        } else if (event instanceof Claimed c) {
            claimInFlight = false;
            lastFailure = 0;
            if (c.reason() != null && c.reason().toLowerCase().contains("canceled")) {
                return onCanceled();
            }
            for (JobModel job : c.jobs()) {
                received.add(attemptKey(job));
                launch(job);
            }
            if (!c.jobs().isEmpty()) {
                lastActivityNanos = System.nanoTime();
            }
            // A full answer means more may be ready; a short one means wait for a signal - unless
            // a signal already arrived while this claim was on its way (it may predate the jobs
            // that signal announced, and the waiter has consumed it).
            workMayRemain = (c.jobs().size() >= c.limit() && c.limit() > 0)
                    || workSignals != workSignalsAtClaim;
            if (!workMayRemain) {
                awaitWork();
                if (running.isEmpty() && reporter.idle()) {
                    requestStatus();
                }
            }
        } else if (event instanceof ClaimError ce) {
            claimInFlight = false;
            // The claim may have committed before its answer was lost: check with the server
            // once it answers again.
            reconcileNeeded = true;
            log.warn("Claiming jobs failed; retrying: {}", ce.error().getMessage());
            sleepQuietly(500);
            if (!serverStillWaitedFor()) {
                throw ce.error();
            }
        } else if (event instanceof ClaimNotSent) {
            claimInFlight = false;
            claimsRideAlong = false;
        } else if (event instanceof Status s) {
            statusInFlight = false;
            if (s.error() != null) {
                log.warn("Checking workflow status failed: {}", s.error().getMessage());
                if (!serverStillWaitedFor()) {
                    throw s.error();
                }
                return null;
            }
            lastFailure = 0;
            if (s.canceled()) {
                return onCanceled();
            }
            complete = s.complete();
            if (complete && running.isEmpty() && reporter.idle()
                    && !workflow.path("compute_node_ignore_workflow_completion").asBoolean(false)) {
                log.info("Workflow complete workflow_id={}", options.workflowId());
                return "workflow complete";
            }
        } else if (event instanceof WorkSignal) {
            checkJobActions(); // jobs became ready: on_jobs_ready actions may be due
            workSignals++;
            waitInFlight = false;
            workMayRemain = true;
        } else if (event instanceof Delivered) {
            checkJobActions(); // completions were recorded: on_jobs_complete actions may be due
            if (running.isEmpty() && reporter.idle() && !workMayRemain) {
                requestStatus();
            }
        } else if (event instanceof Stop s) {
            log.info("Stopping: {}; terminating {} running job(s)", s.reason(), running.size());
            terminateAll();
            settleClaimsInFlight();
            return s.reason();
        } else if (event instanceof Reconcile r) {
            requeueUnknown(r.serverRunning());
        }
        return null;
    }

    // ---------------------------------------------------------------- claims and launches

    /** Work signals received, and their count when the claim in flight was sent. */
    private long workSignals;
    private long workSignalsAtClaim;

    /** Whether to ask for more jobs now, and how many. */
    private long claimLimitNow() {
        if (claimInFlight || stopRequested || !workMayRemain) {
            return 0;
        }
        return capacity.claimLimit();
    }

    /** A claim on its own, when no completions are waiting to carry it. */
    private void maybeClaim() {
        long limit = claimLimitNow();
        if (limit <= 0) {
            return;
        }
        claimInFlight = true;
        workSignalsAtClaim = workSignals;
        String base = "/workflows/" + options.workflowId();
        String start = "start_compute_node_id=" + computeNodeId + "&run_id=" + runId;
        boolean reconcile = takeReconcile();
        if (capacity instanceof Capacity.Resources r) {
            ObjectNode body = r.freeResources();
            String path = base + "/claim_jobs_based_on_resources/" + limit + "?sort_method="
                    + sortMethod() + "&" + start;
            requests.execute(() -> claim(path, body, limit, reconcile));
        } else {
            String path = base + "/claim_next_jobs?limit=" + limit + "&" + start;
            requests.execute(() -> claim(path, null, limit, reconcile));
        }
    }

    private String sortMethod() {
        return workflow.path("jobs_sort_method").asText("gpus_runtime_memory");
    }

    /** Set false when the server cannot claim inside batch_complete_jobs. */
    private boolean claimsRideAlong = true;

    /**
     * Hands the outcomes of this round to the reporter. When the runner has room for more work, the
     * claim rides along in the same request (one round trip instead of two per finished job); a
     * pending reconciliation keeps claims on their own path.
     */
    private void flushOutcomes() {
        if (pendingOutcomes.isEmpty()) {
            return;
        }
        List<CompletionReporter.Outcome> outcomes = new ArrayList<>(pendingOutcomes);
        pendingOutcomes.clear();
        long limit = claimsRideAlong && !reconcileNeeded ? claimLimitNow() : 0;
        if (limit <= 0) {
            reporter.submit(outcomes, null, 0);
            return;
        }
        claimInFlight = true;
        workSignalsAtClaim = workSignals;
        ObjectNode claim = Json.mapper().createObjectNode()
                .put("limit", limit)
                .put("start_compute_node_id", computeNodeId)
                .put("run_id", runId);
        if (capacity instanceof Capacity.Resources r) {
            claim.put("sort_method", sortMethod());
            claim.set("resources", r.freeResources());
        }
        reporter.submit(outcomes, claim, limit);
    }

    private void claim(String path, Object body, long limit, boolean reconcile) {
        try {
            if (reconcile) {
                List<JobModel> mine = TorcApi.convertList(Json.mapper().valueToTree(api.listAll(
                        "/jobs", Map.of("workflow_id", options.workflowId(),
                                "active_compute_node_id", computeNodeId), Long.MAX_VALUE)),
                        JobModel.class);
                events.add(new Reconcile(mine));
            }
            JsonNode resp = api.post(path, body);
            List<JobModel> jobs = TorcApi.convertList(resp.path("jobs"), JobModel.class);
            String reason = resp.path("reason").isTextual() ? resp.path("reason").asText() : null;
            events.add(new Claimed(jobs, limit, reason));
        } catch (RuntimeException e) {
            events.add(new ClaimError(e));
        }
    }

    private boolean reconcileNeeded;
    private final ExecutorService actionRunner =
            Executors.newSingleThreadExecutor(r -> daemon(r, "actions"));
    private final java.util.concurrent.atomic.AtomicBoolean actionCheckQueued =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Runs pending job-triggered actions on their own thread (their commands may take a while);
     * checks coalesce, and workflows without actions never pay for them.
     */
    private void checkJobActions() {
        if (!actions.any() || !actionCheckQueued.compareAndSet(false, true)) {
            return;
        }
        actionRunner.execute(() -> {
            actionCheckQueued.set(false);
            try {
                actions.runPending("on_jobs_ready", "on_jobs_complete");
            } catch (RuntimeException e) {
                log.warn("Checking job actions failed: {}", e.getMessage());
            }
        });
    }

    private boolean takeReconcile() {
        boolean r = reconcileNeeded;
        reconcileNeeded = false;
        return r;
    }

    /**
     * Every (job, attempt) this runner was handed. A job it ran may still show as running on the
     * server after it exited, because its completion is waiting for the server to come back; such
     * a job must never be put back to ready, or its run would be recorded once and the rerun
     * refused as a duplicate result, leaving the job running forever.
     */
    private final Set<String> received = new HashSet<>();

    private static String attemptKey(JobModel job) {
        return job.id() + ":" + job.attemptId();
    }

    /**
     * Jobs the server believes run here but this runner never received (a claim whose answer was
     * lost when the server went away) go back to ready, so no job is stranded as running.
     */
    private void requeueUnknown(List<JobModel> serverRunning) {
        for (JobModel job : serverRunning) {
            if (received.contains(attemptKey(job)) || job.status() == null
                    || !(job.status() == JobStatus.RUNNING || job.status() == JobStatus.PENDING)) {
                continue;
            }
            log.warn("Job {} was claimed for this runner but its claim answer was lost; "
                    + "returning it to ready", job.name());
            requests.execute(() -> {
                try {
                    api.put("/jobs/" + job.id() + "/manage_status_change/ready/" + runId, null);
                } catch (RuntimeException e) {
                    log.warn("Could not return job {} to ready: {}", job.name(), e.getMessage());
                }
            });
        }
        workMayRemain = true;
    }

    /**
     * While stopping: a claim that is in flight or already answered but not yet launched has jobs
     * the server shows as running here; report them terminated instead of leaving them stranded.
     */
    private void settleClaimsInFlight() {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            Event e = events.poll();
            if (e == null) {
                if (!claimInFlight) {
                    return;
                }
                sleepQuietly(10);
                continue;
            }
            if (e instanceof Claimed c) {
                claimInFlight = false;
                for (JobModel job : c.jobs()) {
                    received.add(attemptKey(job));
                    reportOutcome(job, JobStatus.TERMINATED, -15, 0.0, ResourceMonitor.Usage.NONE);
                }
            } else if (e instanceof ClaimError || e instanceof ClaimNotSent) {
                claimInFlight = false;
            } else if (e instanceof Exited x) {
                onExited(x.process());
            }
        }
    }

    /** Long-polls the server until something changes that may give this runner work. */
    private void awaitWork() {
        if (waitInFlight || stopRequested) {
            return;
        }
        waitInFlight = true;
        waiter.execute(() -> {
            while (!stopRequested) {
                try {
                    String path = "/workflows/" + options.workflowId() + "/wait_for_jobs?wait_ms="
                            + WORK_WAIT_MILLIS + (workGeneration >= 0 ? "&generation="
                            + workGeneration : "");
                    long generation = api.send("GET", path, null,
                            Duration.ofMillis(WORK_WAIT_MILLIS + 30_000)).path("generation").asLong();
                    boolean changed = generation != workGeneration;
                    workGeneration = generation;
                    if (changed) {
                        events.add(new WorkSignal());
                        return;
                    }
                    events.add(new Delivered()); // a timeout: let the loop re-check its timers
                } catch (ApiError e) {
                    if (e.status() == 404 || e.status() == 405) {
                        // An older torc server: fall back to polling at the poll interval.
                        sleepQuietly((long) (options.pollIntervalSecs() * 1000));
                        events.add(new WorkSignal());
                        return;
                    }
                    sleepQuietly(1000);
                } catch (RuntimeException e) {
                    sleepQuietly(1000);
                }
            }
        });
    }

    private void requestStatus() {
        if (statusInFlight) {
            return;
        }
        statusInFlight = true;
        lastStatusNanos = System.nanoTime();
        requests.execute(() -> {
            try {
                JsonNode s = api.get("/workflows/" + options.workflowId() + "/is_complete");
                if (progress != null) {
                    progress.remaining(unfinishedJobs());
                }
                events.add(new Status(s.path("is_complete").asBoolean(),
                        s.path("is_canceled").asBoolean(), null));
            } catch (RuntimeException e) {
                events.add(new Status(false, false, e));
            }
        });
    }

    /** Jobs of the workflow that are not finished, from indexed counts (progress line only). */
    private long unfinishedJobs() {
        long unfinished = 0;
        for (String status : List.of("uninitialized", "blocked", "ready", "pending", "running")) {
            unfinished += api.get("/jobs?workflow_id=" + options.workflowId() + "&status=" + status
                    + "&limit=0").path("total_count").asLong();
        }
        return unfinished;
    }

    private void launch(JobModel job) {
        Capacity.Need need = needOf(job);
        capacity.take(need);
        try {
            JobProcess p = JobProcess.start(job, runId, options.outputDir(), api.baseUrl(),
                    options.workingDir(), childEnv, jp -> events.add(new Exited(jp)));
            running.put(job.id(), new Running(p, need));
            if (monitor != null) {
                monitor.add(job.id(), p.handle());
            }
            log.debug("Job started workflow_id={} job_id={} run_id={} compute_node_id={} "
                    + "attempt_id={}", job.workflowId(), job.id(), runId, computeNodeId,
                    job.attemptId());
        } catch (JobProcess.SpawnFailure e) {
            capacity.release(need);
            log.error("Job {} could not be started: {}", job.name(), e.getMessage());
            events.add(new SpawnFailed(job, e.getMessage()));
        }
    }

    private Capacity.Need needOf(JobModel job) {
        if (!(capacity instanceof Capacity.Resources) || job.resourceRequirementsId() == null) {
            return Capacity.Need.ONE_SLOT;
        }
        return needsByRr.computeIfAbsent(job.resourceRequirementsId(), id -> {
            JsonNode rr = api.get("/resource_requirements/" + id);
            long bytes = rr.has("memory") ? org.torc.common.MemorySize.toBytes(rr.path("memory")
                    .asText("0")) : 0;
            return new Capacity.Need(rr.path("num_cpus").asLong(1), bytes,
                    rr.path("num_gpus").asLong(0));
        });
    }

    // ---------------------------------------------------------------- exits and outcomes

    private void onExited(JobProcess p) {
        Running r = running.remove(p.job().id());
        if (r == null) {
            return; // already handled (terminated during shutdown)
        }
        capacity.release(r.need());
        lastActivityNanos = System.nanoTime();
        if (capacity instanceof Capacity.Resources) {
            // A short answer in resource mode may mean "nothing else fits yet", not "nothing
            // ready": freed resources deserve another claim.
            workMayRemain = true;
        }
        int rc = p.exitCode();
        ResourceMonitor.Usage usage = monitor == null ? ResourceMonitor.Usage.NONE
                : monitor.remove(p.job().id());
        JobStatus status;
        if (p.terminationRequested()) {
            status = JobStatus.TERMINATED;
        } else {
            status = rc == 0 ? JobStatus.COMPLETED : JobStatus.FAILED;
        }
        if (status == JobStatus.COMPLETED) {
            String missing = missingOutputs(p.job());
            if (missing != null) {
                log.warn("Job {} completed successfully but expected output files are missing: {}",
                        p.job().name(), missing);
                status = JobStatus.FAILED;
                rc = 1;
            }
        }
        if (status == JobStatus.FAILED && failureHandling.retry(p.job(), rc)) {
            retried++;
            workMayRemain = true;
            return;
        }
        if (status == JobStatus.FAILED && workflow.path("use_pending_failed").asBoolean(false)) {
            status = JobStatus.PENDING_FAILED;
        }
        reportOutcome(p.job(), status, rc, p.elapsedSeconds(), usage);
    }

    private void reportOutcome(JobModel job, JobStatus status, long rc, double seconds,
            ResourceMonitor.Usage usage) {
        switch (status) {
            case COMPLETED -> completed++;
            case FAILED, PENDING_FAILED -> failed++;
            case CANCELED -> canceled++;
            case TERMINATED -> terminated++;
            default -> { }
        }
        ResultModel result = new ResultModel(null, job.id(), job.workflowId(), runId,
                job.attemptId() == null ? 1 : job.attemptId(), computeNodeId, rc, seconds / 60.0,
                Timestamps.format(Instant.now()), status, usage.peakMemoryBytes(),
                usage.avgMemoryBytes(), usage.peakCpuPercent(), usage.avgCpuPercent());
        log.debug("Job process completed workflow_id={} job_id={} run_id={} return_code={} "
                + "status={} exec_time_s={}", job.workflowId(), job.id(), runId, rc,
                status.wireName(), String.format("%.3f", seconds));
        pendingOutcomes.add(new CompletionReporter.Outcome(job.id(), job.name(), status, runId,
                result));
    }

    /** Output files a job declared but did not produce, or null when all exist. */
    private String missingOutputs(JobModel job) {
        if (job.outputFileIds() == null || job.outputFileIds().isEmpty()) {
            return null;
        }
        List<String> missing = new ArrayList<>();
        for (Long fileId : job.outputFileIds()) {
            String path = filePaths.computeIfAbsent(fileId,
                    id -> api.get("/files/" + id).path("path").asText());
            if (!Files.exists(options.workingDir().resolve(path))) {
                missing.add(path);
            }
        }
        return missing.isEmpty() ? null : String.join(", ", missing);
    }

    // ---------------------------------------------------------------- stopping

    private String onCanceled() {
        log.info("Workflow {} was canceled; terminating {} running job(s)", options.workflowId(),
                running.size());
        terminateAll();
        return "workflow canceled";
    }

    /** Terminates every running job and reports it as terminated. */
    private void terminateAll() {
        List<Running> all = new ArrayList<>(running.values());
        running.clear();
        for (Running r : all) {
            r.process().terminate(2_000);
        }
        for (Running r : all) {
            JobProcess p = r.process();
            try {
                p.handle().onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported below either way
            }
            capacity.release(r.need());
            ResourceMonitor.Usage usage = monitor == null ? ResourceMonitor.Usage.NONE
                    : monitor.remove(p.job().id());
            int rc = p.isAlive() ? -9 : p.exitCode();
            reportOutcome(p.job(), JobStatus.TERMINATED, rc, p.elapsedSeconds(), usage);
        }
    }

    // ---------------------------------------------------------------- compute node

    private long registerComputeNode() {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("workflow_id", options.workflowId())
                .put("hostname", SystemResources.hostname())
                .put("pid", ProcessHandle.current().pid())
                .put("start_time", Timestamps.format(Instant.now()))
                .put("is_active", true)
                .put("num_nodes", 1)
                .put("compute_node_type", "local");
        if (capacity instanceof Capacity.Resources r) {
            ObjectNode free = r.freeResources();
            node.set("num_cpus", free.get("num_cpus"));
            node.set("memory_gb", free.get("memory_gb"));
            node.set("num_gpus", free.get("num_gpus"));
        } else {
            node.put("num_cpus", SystemResources.cpus()).put("memory_gb", SystemResources.memoryGb())
                    .put("num_gpus", 0);
        }
        return api.post("/compute_nodes", node).path("id").asLong();
    }

    private void sendHeartbeat() {
        try {
            api.post("/compute_nodes/" + computeNodeId + "/heartbeat", null);
        } catch (ApiError e) {
            if (e.status() == 404 || e.status() == 405) {
                heartbeat.shutdown(); // a server without heartbeats (torc's own)
            }
        } catch (RuntimeException e) {
            log.debug("Heartbeat failed: {}", e.getMessage());
        }
    }

    private void deactivateComputeNode(double seconds) {
        try {
            ObjectNode node = (ObjectNode) api.get("/compute_nodes/" + computeNodeId);
            node.put("is_active", false);
            node.put("duration_seconds", seconds);
            api.put("/compute_nodes/" + computeNodeId, node);
            log.info("Compute node deactivated workflow_id={} run_id={} compute_node_id={} "
                    + "duration_s={}", options.workflowId(), runId, computeNodeId,
                    String.format("%.1f", seconds));
        } catch (RuntimeException e) {
            log.warn("Could not deactivate compute node {}: {}", computeNodeId, e.getMessage());
        }
    }

    private ResourceMonitor monitorConfig() {
        String text = workflow.path("resource_monitor_config").asText(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode cfg = Json.parse(text);
            if (!cfg.path("enabled").asBoolean(false)) {
                return null;
            }
            long interval = cfg.path("sample_interval_seconds").asLong(5);
            log.info("Resource monitoring enabled: granularity={}, sample_interval={}s",
                    cfg.path("granularity").asText("summary"), interval);
            return new ResourceMonitor(Duration.ofSeconds(Math.max(1, interval)));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring unreadable resource_monitor_config: {}", e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------- server health

    private long lastFailure;

    /**
     * Whether to keep waiting for an unreachable server: true until the workflow's
     * {@code compute_node_wait_for_healthy_database_minutes} have passed since it first failed.
     */
    private boolean serverStillWaitedFor() {
        long now = System.nanoTime();
        if (lastFailure == 0) {
            lastFailure = now;
        }
        long budget = workflow.path("compute_node_wait_for_healthy_database_minutes").asLong(20)
                * 60_000_000_000L;
        return now - lastFailure < budget;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
