package org.torc.server.lifecycle;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.common.JobStatus;
import org.torc.common.model.ComputeNodesResources;
import org.torc.common.model.ResultModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.ApiException;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;
import org.torc.server.jobs.JobRepository;

/** The HTTP face of the job lifecycle: claims, start/complete, retries, resets, cancel. */
public final class LifecycleRoutes implements Routes {
    /** Longest a claim may wait for work (our extension: query parameter {@code wait_ms}). */
    static final long MAX_WAIT_MILLIS = 60_000;

    private final Database db;
    private final JobLifecycle lifecycle;
    private final JobClaims claims;
    private final JobRepository jobs;
    private final ReadyJobs readyJobs;
    private final Access access;
    private final Orphans orphans;
    private final long defaultOrphanTimeoutSecs;

    public LifecycleRoutes(Database db, JobLifecycle lifecycle, JobClaims claims, JobRepository jobs,
            ReadyJobs readyJobs, Access access, Orphans orphans, long defaultOrphanTimeoutSecs) {
        this.orphans = orphans;
        this.defaultOrphanTimeoutSecs = defaultOrphanTimeoutSecs;
        this.db = db;
        this.lifecycle = lifecycle;
        this.claims = claims;
        this.jobs = jobs;
        this.readyJobs = readyJobs;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/workflows/{id}/initialize_jobs", this::initialize);
        r.get("/workflows/{id}/is_complete", this::isComplete);
        r.get("/workflows/{id}/is_uninitialized", this::isUninitialized);
        r.put("/workflows/{id}/cancel", this::cancel);
        r.post("/workflows/{id}/reset_status", this::resetStatus);
        r.post("/workflows/{id}/reset_job_status", this::resetJobStatus);
        r.post("/workflows/{id}/process_changed_job_inputs", this::processChangedInputs);
        r.post("/workflows/{id}/claim_next_jobs", this::claimNext);
        r.get("/workflows/{id}/wait_for_jobs", this::waitForJobs);
        r.post("/workflows/{id}/claim_jobs_based_on_resources/{limit}", this::claimByResources);
        r.put("/jobs/{id}/start_job/{run_id}/{compute_node_id}", this::start);
        r.post("/jobs/{id}/complete_job/{status}/{run_id}", this::complete);
        r.post("/workflows/{id}/batch_complete_jobs", this::batchComplete);
        r.put("/jobs/{id}/manage_status_change/{status}/{run_id}", this::manageStatusChange);
        r.post("/jobs/{id}/retry/{run_id}", this::retry);
        r.post("/compute_nodes/{id}/heartbeat", this::heartbeat);
        r.post("/workflows/{id}/sync_status", this::syncStatus);
    }

    /** Ours: a runner proves it is alive (see {@link Orphans}). */
    private void heartbeat(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        if (!db.write(tx -> orphans.heartbeat(tx, id))) {
            throw ApiException.notFound("Compute node", id);
        }
        ctx.json(Map.of("compute_node_id", id, "ok", true));
    }

    /**
     * torc's sync-status for any runner: recovers the jobs of compute nodes silent for longer than
     * {@code timeout_secs} (default: the server's --orphan-timeout-secs, else 60).
     */
    private void syncStatus(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        Long timeout = Params.queryLong(ctx, "timeout_secs");
        boolean dryRun = Params.queryBool(ctx, "dry_run", false);
        long secs = timeout != null ? timeout : defaultOrphanTimeoutSecs;
        if (secs < 0) {
            throw ApiException.badRequest("timeout_secs cannot be negative");
        }
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return orphans.recover(tx, id, secs * 1000, dryRun);
        }));
    }

    private void initialize(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        boolean only = Params.queryBool(ctx, "only_uninitialized", false);
        boolean clear = Params.queryBool(ctx, "clear_ephemeral_user_data", false);
        String startRun = Params.queryString(ctx, "start_run");
        if (startRun != null && !startRun.equals("if_uninitialized")) {
            throw ApiException.badRequest("start_run must be 'if_uninitialized'");
        }
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return startRun != null ? lifecycle.startRunIfUninitialized(tx, id, Access.user(ctx))
                    : lifecycle.initialize(tx, id, only, clear);
        }));
    }

    private void isComplete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> lifecycle.isComplete(sql, id)));
    }

    private void isUninitialized(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> lifecycle.isUninitialized(sql, id)));
    }

    private void cancel(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return lifecycle.cancel(tx, id, Access.user(ctx));
        }));
    }

    private void resetStatus(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        boolean force = Params.queryBool(ctx, "force", false);
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return lifecycle.resetWorkflowStatus(tx, id, force, Access.user(ctx));
        }));
    }

    private void resetJobStatus(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        boolean failedOnly = Params.queryBool(ctx, "failed_only", false);
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return lifecycle.resetJobStatus(tx, id, failedOnly, Access.user(ctx));
        }));
    }

    private void processChangedInputs(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        boolean dryRun = Params.queryBool(ctx, "dry_run", false);
        List<String> names = db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return lifecycle.processChangedJobInputs(tx, id, dryRun);
        });
        ctx.json(Map.of("reinitialized_jobs", names));
    }

    /**
     * {@code wait_ms} (ours, optional): when nothing is ready, wait up to that long for jobs to
     * become ready (or the workflow to finish) before answering. Clients that do not send it get
     * torc's behaviour.
     */
    private void claimNext(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        Long limit = Params.queryLong(ctx, "limit");
        long waitMs = waitMillis(ctx);
        StartOn startOn = StartOn.from(ctx);
        long n = limit == null ? JobClaims.DEFAULT_CLAIM_LIMIT : limit;
        ctx.json(claimWithWait(id, waitMs, () -> db.write(tx -> {
            if (startOn != null) {
                lifecycle.checkCanStart(tx, id, startOn.runId(), startOn.computeNodeId());
            }
            return startOn == null ? claims.claimNext(tx, id, n)
                    : startOn.start(tx, lifecycle, claims.claimNext(tx, id, n));
        })));
    }

    private void claimByResources(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        long limit = Params.pathLong(ctx, "limit");
        var sort = JobClaims.SortMethod.parse(Params.queryString(ctx, "sort_method"));
        boolean strict = Params.queryBool(ctx, "strict_scheduler_match", false);
        ComputeNodesResources resources = Params.body(ctx, ComputeNodesResources.class);
        long waitMs = waitMillis(ctx);
        StartOn startOn = StartOn.from(ctx);
        ctx.json(claimWithWait(id, waitMs, () -> db.write(tx -> {
            if (startOn != null) {
                lifecycle.checkCanStart(tx, id, startOn.runId(), startOn.computeNodeId());
            }
            JobClaims.Claimed claimed = claims.claimByResources(tx, id, limit, sort, strict,
                    resources);
            return startOn == null ? claimed : startOn.start(tx, lifecycle, claimed);
        })));
    }

    /**
     * Our claim-and-start extension: {@code start_compute_node_id} and {@code run_id} query
     * parameters start the claimed jobs on that compute node in the same transaction.
     */
    private record StartOn(long computeNodeId, long runId) {
        static StartOn from(Context ctx) {
            Long node = Params.queryLong(ctx, "start_compute_node_id");
            Long run = Params.queryLong(ctx, "run_id");
            if (node == null && run == null) {
                return null;
            }
            if (node == null || run == null) {
                throw ApiException.badRequest(
                        "start_compute_node_id and run_id must be given together");
            }
            return new StartOn(node, run);
        }

        JobClaims.Claimed start(org.torc.server.db.Tx tx, JobLifecycle lifecycle,
                JobClaims.Claimed claimed) throws java.sql.SQLException {
            return new JobClaims.Claimed(lifecycle.startClaimed(tx, claimed.jobs(), runId,
                    computeNodeId), claimed.reason());
        }
    }

    private JobClaims.Claimed claimWithWait(long workflowId, long waitMs,
            java.util.function.Supplier<JobClaims.Claimed> claim) {
        long deadline = System.currentTimeMillis() + waitMs;
        while (true) {
            long generation = readyJobs.generation(workflowId);
            JobClaims.Claimed claimed = claim.get();
            long left = deadline - System.currentTimeMillis();
            if (!claimed.jobs().isEmpty() || claimed.reason() != null || left <= 0) {
                return claimed;
            }
            try {
                if (!readyJobs.awaitChange(workflowId, generation, left)) {
                    return claimed;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed;
            }
        }
    }

    /**
     * Our extension for runners: a read-only long poll that returns as soon as the workflow's
     * "something changed" generation differs from {@code generation} (jobs became ready, the
     * workflow finished or was canceled), or after {@code wait_ms}. Waiting here holds no lock and
     * claims nothing, so a runner can wait for work while it reports completions freely.
     */
    private void waitForJobs(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        Long seen = Params.queryLong(ctx, "generation");
        long waitMs = waitMillis(ctx);
        db.read(sql -> {
            org.torc.server.workflows.WorkflowRepository.requireExists(sql, id);
            return null;
        });
        long current = readyJobs.generation(id);
        if (seen != null && seen == current && waitMs > 0) {
            try {
                readyJobs.awaitChange(id, seen, waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            current = readyJobs.generation(id);
        }
        ctx.json(Map.of("generation", current));
    }

    private static long waitMillis(Context ctx) {
        Long wait = Params.queryLong(ctx, "wait_ms");
        if (wait == null) {
            return 0;
        }
        if (wait < 0 || wait > MAX_WAIT_MILLIS) {
            throw ApiException.badRequest("wait_ms must be between 0 and " + MAX_WAIT_MILLIS);
        }
        return wait;
    }

    private void start(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        long runId = Params.pathLong(ctx, "run_id");
        long node = Params.pathLong(ctx, "compute_node_id");
        ctx.json(db.write(tx -> lifecycle.start(tx, id, runId, node)));
    }

    private void complete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        JobStatus status = Params.pathStatus(ctx, "status");
        long runId = Params.pathLong(ctx, "run_id");
        ResultModel result = Params.body(ctx, ResultModel.class);
        ctx.json(db.write(tx -> lifecycle.complete(tx, id, status, runId, result)));
    }


    /**
     * Ours: claim more jobs in the same request and transaction, after the completions (a runner
     * that just finished jobs has free capacity). The claimed jobs are started on
     * {@code start_compute_node_id}; {@code resources} selects resource-based claiming.
     */
    public record ClaimAfter(Long limit, Long startComputeNodeId, Long runId, String sortMethod,
            ComputeNodesResources resources) {
    }

    public record BatchCompletions(List<JobLifecycle.Completion> completions, ClaimAfter claim) {
    }

    /**
     * Several completions in one request and one transaction: each entry is validated like
     * complete_job and committed unless it fails, in which case only that entry is reported.
     */
    private void batchComplete(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        BatchCompletions body = Params.body(ctx, BatchCompletions.class);
        if (body.completions() == null) {
            throw ApiException.unprocessable("completions is required");
        }
        if (body.completions().size() > JobRepository.MAX_BULK_JOBS) {
            throw ApiException.unprocessable("At most " + JobRepository.MAX_BULK_JOBS
                    + " completions per request");
        }
        Map<String, Object> response = db.write(tx -> {
            JobLifecycle.BatchOutcome outcome = lifecycle.completeBatch(tx, workflowId,
                    body.completions());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("completed", outcome.completed());
            out.put("errors", outcome.errors());
            if (body.claim() != null) {
                claimAfterCompletions(tx, workflowId, body.claim(), out);
            }
            return out;
        });
        ctx.json(response);
    }

    /** The claim half of a batch: its own savepoint, so a refusal keeps the completions. */
    private void claimAfterCompletions(org.torc.server.db.Tx tx, long workflowId, ClaimAfter c,
            Map<String, Object> out) throws java.sql.SQLException {
        if (c.limit() == null || c.startComputeNodeId() == null || c.runId() == null) {
            throw ApiException.unprocessable(
                    "claim needs limit, start_compute_node_id and run_id");
        }
        try {
            JobClaims.Claimed claimed = tx.inSavepoint(t -> {
                lifecycle.checkCanStart(t, workflowId, c.runId(), c.startComputeNodeId());
                JobClaims.Claimed got = c.resources() == null
                        ? claims.claimNext(t, workflowId, c.limit())
                        : claims.claimByResources(t, workflowId, c.limit(),
                                JobClaims.SortMethod.parse(c.sortMethod()), false, c.resources());
                return new JobClaims.Claimed(lifecycle.startClaimed(t, got.jobs(), c.runId(),
                        c.startComputeNodeId()), got.reason());
            });
            out.put("jobs", claimed.jobs());
            if (claimed.reason() != null) {
                out.put("reason", claimed.reason());
            }
        } catch (ApiException e) {
            out.put("jobs", List.of());
            out.put("claim_error", e.getMessage());
        }
    }

    private void manageStatusChange(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        JobStatus status = Params.pathStatus(ctx, "status");
        long runId = Params.pathLong(ctx, "run_id");
        ctx.json(db.write(tx -> lifecycle.manageStatusChange(tx, id, status, runId)));
    }

    private void retry(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        long runId = Params.pathLong(ctx, "run_id");
        Long maxRetries = Params.queryLong(ctx, "max_retries");
        if (maxRetries == null) {
            throw ApiException.badRequest("Missing required query parameter max_retries");
        }
        ctx.json(db.write(tx -> lifecycle.retry(tx, id, runId, maxRetries, Access.user(ctx))));
    }
}
