package org.torc.server.lifecycle;

import static org.torc.server.lifecycle.JobStateMachine.ACTIVE_CODES;
import static org.torc.server.lifecycle.JobStateMachine.DONE_CODES;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.common.JobStatus;
import org.torc.common.Timestamps;
import org.torc.common.model.JobModel;
import org.torc.common.model.ResultModel;
import org.torc.common.model.WorkflowStatusModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.events.ServerEvents;
import org.torc.server.events.ServerEvents.Severity;
import org.torc.server.http.ApiException;
import org.torc.server.jobs.JobRepository;
import org.torc.server.lifecycle.JobStateMachine.Operation;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The job lifecycle on the server: initialize, start, complete, retry, status changes, resets and
 * cancellation. Every method runs inside the caller's write transaction and checks the run id and
 * the transition before it writes anything. Releasing dependents after a completion is the
 * {@link org.torc.server.unblock.Unblocker}'s job; completions wake it.
 */
public final class JobLifecycle {
    private final Clock clock;
    private final JobRepository jobs;
    private final WorkflowRepository workflows;
    private final ServerEvents events;
    private final ActionHooks actions;
    private final ReadyJobs readyJobs;
    private final Runnable wakeUnblocker;

    public JobLifecycle(Clock clock, JobRepository jobs, WorkflowRepository workflows,
            ServerEvents events, ActionHooks actions, ReadyJobs readyJobs, Runnable wakeUnblocker) {
        this.clock = clock;
        this.jobs = jobs;
        this.workflows = workflows;
        this.events = events;
        this.actions = actions;
        this.readyJobs = readyJobs;
        this.wakeUnblocker = wakeUnblocker;
    }

    // ------------------------------------------------------------------ single-job transitions

    /** pending → running on a compute node. */
    public JobModel start(Tx tx, long jobId, long runId, long computeNodeId) throws SQLException {
        JobModel job = jobs.requireRow(tx, jobId);
        checkRunId(tx, job.workflowId(), runId);
        JobStateMachine.check(jobId, job.status(), JobStatus.RUNNING, Operation.START);
        if (!tx.exists("SELECT 1 FROM compute_node WHERE id = ?", computeNodeId)) {
            throw ApiException.notFound("Compute node", computeNodeId);
        }
        guardedStatus(tx, jobId, job.status(), JobStatus.RUNNING);
        tx.update("""
                INSERT INTO job_internal (job_id, input_hash, active_compute_node_id) VALUES (?, '', ?)
                ON CONFLICT (job_id) DO UPDATE SET active_compute_node_id = excluded.active_compute_node_id""",
                jobId, computeNodeId);
        tx.afterCommit(() -> events.publish(job.workflowId(), "job_started", Severity.INFO,
                Map.of("job_id", jobId, "job_name", job.name(), "compute_node_id", computeNodeId,
                        "run_id", runId)));
        return job.withStatus(JobStatus.RUNNING);
    }

    /**
     * Starts jobs this transaction has just claimed (our claim-and-start extension, which saves
     * the runner one request per job): pending → running on the given compute node. The run id and
     * node are checked before the claim is made, so a refusal leaves the jobs ready.
     */
    public void checkCanStart(Sql sql, long workflowId, long runId, long computeNodeId)
            throws SQLException {
        checkRunId(sql, workflowId, runId);
        if (!sql.exists("SELECT 1 FROM compute_node WHERE id = ?", computeNodeId)) {
            throw ApiException.notFound("Compute node", computeNodeId);
        }
    }

    public List<JobModel> startClaimed(Tx tx, List<JobModel> claimed, long runId,
            long computeNodeId) throws SQLException {
        if (claimed.isEmpty()) {
            return claimed;
        }
        List<Long> ids = claimed.stream().map(JobModel::id).toList();
        tx.update("UPDATE job SET status = 4 WHERE id IN (SELECT value FROM json_each(?)) "
                + "AND status = 3", ids);
        tx.update("""
                INSERT INTO job_internal (job_id, input_hash, active_compute_node_id)
                SELECT value, '', ? FROM json_each(?) WHERE true
                ON CONFLICT (job_id) DO UPDATE SET active_compute_node_id = excluded.active_compute_node_id""",
                computeNodeId, ids);
        List<JobModel> started = new ArrayList<>(claimed.size());
        for (JobModel j : claimed) {
            JobStateMachine.check(j.id(), JobStatus.PENDING, JobStatus.RUNNING, Operation.START);
            started.add(j.withStatus(JobStatus.RUNNING));
        }
        tx.afterCommit(() -> {
            for (JobModel j : started) {
                events.publish(j.workflowId(), "job_started", Severity.INFO, Map.of("job_id",
                        j.id(), "job_name", j.name(), "compute_node_id", computeNodeId, "run_id",
                        runId));
            }
        });
        return started;
    }

    /**
     * Records a job's result and its terminal status. The run id and the transition are checked
     * before anything is written (torc wrote the result first). Dependents are released by the
     * unblocker, which this wakes once the transaction commits.
     */
    public JobModel complete(Tx tx, long jobId, JobStatus status, long runId, ResultModel body)
            throws SQLException {
        JobModel job = jobs.requireRow(tx, jobId);
        List<Failure> failures = new ArrayList<>();
        List<JobModel> done = completeAll(tx, job.workflowId(),
                List.of(new Completion(jobId, status, runId, body)), failures);
        if (!failures.isEmpty()) {
            throw failures.get(0).error();
        }
        return done.get(0);
    }

    /** One entry of {@code batch_complete_jobs}. */
    public record Completion(Long jobId, JobStatus status, Long runId, ResultModel result) {
    }

    /** The answer of {@code batch_complete_jobs}: completed ids and per-entry errors. */
    public record BatchOutcome(List<Long> completed, List<Map<String, Object>> errors) {
    }

    private record Failure(Long jobId, ApiException error) {
    }

    /** A checked completion, ready to be written. */
    private record Checked(JobModel job, JobStatus status, ResultModel result) {
    }

    /**
     * Several completions in one transaction. Every entry is checked first; the valid ones are
     * then written with a handful of set-based statements. Should a write still fail (a foreign
     * key, a duplicate result), the entries are written one by one in savepoints so only the bad
     * one is refused. Action triggers, the completion check and the unblocker wake-up run once per
     * batch.
     */
    public BatchOutcome completeBatch(Tx tx, long workflowId, List<Completion> entries)
            throws SQLException {
        List<Failure> failures = new ArrayList<>();
        List<JobModel> done = completeAll(tx, workflowId, entries, failures);
        List<Map<String, Object>> errors = new ArrayList<>();
        for (Failure f : failures) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("job_id", f.jobId());
            err.put("message", f.error().getMessage());
            errors.add(err);
        }
        return new BatchOutcome(done.stream().map(JobModel::id).toList(), errors);
    }

    private List<JobModel> completeAll(Tx tx, long workflowId, List<Completion> entries,
            List<Failure> failures) throws SQLException {
        long currentRunId = currentRunId(tx, workflowId);
        Map<Long, JobModel> rows = new java.util.HashMap<>();
        List<Long> ids = entries.stream().map(Completion::jobId)
                .filter(java.util.Objects::nonNull).distinct().toList();
        for (JobModel j : jobs.rows(tx, ids)) {
            rows.put(j.id(), j);
        }
        List<Checked> valid = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Completion c : entries) {
            try {
                if (c.jobId() == null || c.status() == null || c.runId() == null) {
                    throw ApiException.unprocessable("job_id, status and run_id are required");
                }
                JobModel job = rows.get(c.jobId());
                if (job == null) {
                    throw ApiException.notFound("Job", c.jobId());
                }
                if (job.workflowId() != workflowId) {
                    throw ApiException.unprocessable("Job " + c.jobId()
                            + " does not belong to workflow " + workflowId);
                }
                if (!seen.add(c.jobId())) {
                    throw ApiException.unprocessable("Job " + c.jobId()
                            + " is already complete (listed twice in this batch)");
                }
                valid.add(check(job, c.status(), c.runId(), currentRunId, c.result()));
            } catch (ApiException e) {
                failures.add(new Failure(c.jobId(), e));
            }
        }
        Completions batch = new Completions(workflowId);
        List<JobModel> done = new ArrayList<>();
        try {
            done.addAll(tx.inSavepoint(t -> write(t, valid, batch)));
        } catch (SQLException | ApiException firstTry) {
            // Find the entry the database refused: write them one at a time.
            batch.clear();
            for (Checked c : valid) {
                try {
                    done.addAll(tx.inSavepoint(t -> write(t, List.of(c), batch)));
                } catch (SQLException e) {
                    failures.add(new Failure(c.job().id(), refusal(e, c)));
                } catch (ApiException e) {
                    failures.add(new Failure(c.job().id(), e));
                }
            }
        }
        finish(tx, batch);
        return done;
    }

    private Checked check(JobModel job, JobStatus status, long runId, long currentRunId,
            ResultModel body) {
        if (!status.isTerminal()) {
            throw ApiException.unprocessable("Invalid completion status '" + status.wireName()
                    + "': use completed, failed, canceled, terminated or pending_failed");
        }
        if (runId != currentRunId) {
            throw ApiException.unprocessable("run_id " + runId + " does not match the workflow's "
                    + "current run_id " + currentRunId);
        }
        JobStateMachine.check(job.id(), job.status(), status, Operation.COMPLETE);
        return new Checked(job, status, resultFor(job, status, runId, body));
    }

    private static ApiException refusal(SQLException e, Checked c) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("UNIQUE")) {
            return ApiException.conflict("A result already exists for job " + c.job().id()
                    + ", run " + c.result().runId() + ", attempt " + c.result().attemptId());
        }
        if (msg.contains("FOREIGN KEY")) {
            return ApiException.unprocessable("compute_node_id " + c.result().computeNodeId()
                    + " does not exist");
        }
        throw new org.torc.server.db.DatabaseException("Database error: " + msg, e);
    }

    /** What a batch of completions leaves to do once all of them are written. */
    private static final class Completions {
        final long workflowId;
        final List<Long> finishedIds = new ArrayList<>();
        final List<Map<String, Object>> events = new ArrayList<>();
        final List<String> eventTypes = new ArrayList<>();
        final List<Severity> severities = new ArrayList<>();

        Completions(long workflowId) {
            this.workflowId = workflowId;
        }

        void clear() {
            finishedIds.clear();
            events.clear();
            eventTypes.clear();
            severities.clear();
        }
    }

    /** Writes checked completions with set-based statements (chunks keep SQL parameters bounded). */
    private List<JobModel> write(Tx tx, List<Checked> checked, Completions batch)
            throws SQLException {
        List<JobModel> done = new ArrayList<>(checked.size());
        for (int from = 0; from < checked.size(); from += 500) {
            List<Checked> chunk = checked.subList(from, Math.min(checked.size(), from + 500));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO result (workflow_id, job_id, run_id, attempt_id, compute_node_id,
                        return_code, exec_time_minutes, completion_time, status, peak_memory_bytes,
                        avg_memory_bytes, peak_cpu_percent, avg_cpu_percent) VALUES """);
            List<Object> params = new ArrayList<>(chunk.size() * 13);
            for (int i = 0; i < chunk.size(); i++) {
                ResultModel r = chunk.get(i).result();
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(java.util.Arrays.asList(r.workflowId(), r.jobId(), r.runId(),
                        r.attemptId(), r.computeNodeId(), r.returnCode(), r.execTimeMinutes(),
                        r.completionTime(), chunk.get(i).status(), r.peakMemoryBytes(),
                        r.avgMemoryBytes(), r.peakCpuPercent(), r.avgCpuPercent()));
            }
            List<Long> resultIds = tx.queryIds(sql.append(" RETURNING id").toString(),
                    params.toArray());
            List<Long> jobIds = chunk.stream().map(c -> c.job().id()).toList();
            tx.update("""
                    INSERT OR REPLACE INTO workflow_result (workflow_id, job_id, result_id)
                    SELECT workflow_id, job_id, id FROM result
                    WHERE id IN (SELECT value FROM json_each(?))""", resultIds);
            tx.update("UPDATE job_internal SET active_compute_node_id = NULL WHERE job_id IN "
                    + "(SELECT value FROM json_each(?))", jobIds);
            // One guarded UPDATE per (from, to) status pair; a batch usually has one or two.
            Map<List<JobStatus>, List<Long>> byTransition = new LinkedHashMap<>();
            for (Checked c : chunk) {
                byTransition.computeIfAbsent(List.of(c.job().status(), c.status()),
                        k -> new ArrayList<>()).add(c.job().id());
            }
            for (var e : byTransition.entrySet()) {
                int changed = tx.update("UPDATE job SET status = ?, unblocking_processed = 0 "
                        + "WHERE id IN (SELECT value FROM json_each(?)) AND status = ?",
                        e.getKey().get(1), e.getValue(), e.getKey().get(0));
                if (changed != e.getValue().size()) {
                    throw ApiException.conflict("A job changed status while it was being completed");
                }
            }
            for (Checked c : chunk) {
                JobModel job = c.job();
                if (c.status().isComplete()) {
                    batch.finishedIds.add(job.id());
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("job_id", job.id());
                data.put("job_name", job.name());
                data.put("status", c.status().wireName());
                data.put("return_code", c.result().returnCode());
                batch.events.add(data);
                batch.eventTypes.add("job_" + c.status().wireName());
                batch.severities.add(switch (c.status()) {
                    case FAILED -> Severity.ERROR;
                    case CANCELED, TERMINATED -> Severity.WARNING;
                    default -> Severity.INFO;
                });
                done.add(job.withStatus(c.status()));
            }
        }
        return done;
    }

    private void finish(Tx tx, Completions batch) throws SQLException {
        long workflowId = batch.workflowId;
        boolean workflowDone = false;
        if (!batch.finishedIds.isEmpty()) {
            actions.onJobsComplete(tx, workflowId, batch.finishedIds);
            workflowDone = !hasActiveJobs(tx, workflowId);
            if (workflowDone) {
                actions.onWorkflowComplete(tx, workflowId);
            }
            tx.afterCommit(wakeUnblocker);
        }
        boolean done = workflowDone;
        tx.afterCommit(() -> {
            for (int i = 0; i < batch.events.size(); i++) {
                events.publish(workflowId, batch.eventTypes.get(i), batch.severities.get(i),
                        batch.events.get(i));
            }
            if (done) {
                readyJobs.signal(workflowId);
            }
        });
    }

    private ResultModel resultFor(JobModel job, JobStatus status, long runId, ResultModel body) {
        if (body == null) {
            throw ApiException.badRequest("Missing required body parameter body (the result)");
        }
        if (body.jobId() != null && body.jobId() != job.id().longValue()) {
            throw ApiException.unprocessable("Result job_id " + body.jobId()
                    + " does not match the job " + job.id());
        }
        if (body.runId() != null && body.runId() != runId) {
            throw ApiException.unprocessable("Result run_id " + body.runId()
                    + " does not match the run_id " + runId + " in the path");
        }
        if (body.returnCode() == null) {
            throw ApiException.unprocessable("return_code is required");
        }
        if (body.execTimeMinutes() != null && (body.execTimeMinutes() < 0
                || body.execTimeMinutes().isNaN())) {
            throw ApiException.unprocessable("exec_time_minutes cannot be negative");
        }
        return new ResultModel(null, job.id(), job.workflowId(), runId,
                body.attemptId() != null ? body.attemptId() : job.attemptId(),
                body.computeNodeId(), body.returnCode(),
                body.execTimeMinutes() != null ? body.execTimeMinutes() : 0.0,
                body.completionTime() != null ? body.completionTime() : Timestamps.now(clock),
                status, body.peakMemoryBytes(), body.avgMemoryBytes(), body.peakCpuPercent(),
                body.avgCpuPercent());
    }

    /** torc's manage_status_change: any change to a status that is not a completion. */
    public JobModel manageStatusChange(Tx tx, long jobId, JobStatus status, long runId)
            throws SQLException {
        JobModel job = jobs.requireRow(tx, jobId);
        JobStateMachine.check(jobId, job.status(), status, Operation.MANAGE);
        if (job.status() == status) {
            return job;
        }
        checkRunId(tx, job.workflowId(), runId);
        guardedStatus(tx, jobId, job.status(), status);
        if (job.status().isComplete()) {
            // The job will run again, so everything downstream of it must run again too.
            resetDownstream(tx, List.of(jobId));
        }
        if (status == JobStatus.READY) {
            tx.afterCommit(() -> readyJobs.signal(job.workflowId()));
        }
        return job.withStatus(status);
    }

    /** Puts a running, failed or terminated job back to ready with the next attempt number. */
    public JobModel retry(Tx tx, long jobId, long runId, long maxRetries, String user)
            throws SQLException {
        JobModel job = jobs.requireRow(tx, jobId);
        checkRunId(tx, job.workflowId(), runId);
        JobStateMachine.check(jobId, job.status(), JobStatus.READY, Operation.RETRY);
        if (job.attemptId() >= maxRetries) {
            throw ApiException.unprocessable("Job " + jobId + " has used " + job.attemptId()
                    + " attempt(s), which reaches max_retries " + maxRetries);
        }
        long next = job.attemptId() + 1;
        tx.update("UPDATE job SET status = 2, attempt_id = ? WHERE id = ? AND status = ?", next,
                jobId, job.status());
        tx.update("UPDATE job_internal SET active_compute_node_id = NULL WHERE job_id = ?", jobId);
        markOutgoingUnsatisfied(tx, List.of(jobId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event_type", "job_retried");
        data.put("job_id", jobId);
        data.put("job_name", job.name());
        data.put("previous_attempt", job.attemptId());
        data.put("new_attempt", next);
        data.put("run_id", runId);
        data.put("user", user);
        data.put("message", "Job " + job.name() + " retried (attempt " + next + ")");
        persistEvent(tx, job.workflowId(), data);
        tx.afterCommit(() -> readyJobs.signal(job.workflowId()));
        return new JobModel(job.id(), job.workflowId(), job.name(), job.command(),
                job.invocationScript(), JobStatus.READY, null, job.cancelOnBlockingJobFailure(),
                job.supportsTermination(), null, null, null, null, null,
                job.resourceRequirementsId(), job.schedulerId(), job.failureHandlerId(), next);
    }

    // ------------------------------------------------------------------ workflow-level transitions

    /**
     * Marks jobs blocked or ready for a run. With {@code onlyUninitialized} (reinitialize) only
     * uninitialized jobs and everything downstream of them are touched.
     */
    public Map<String, Object> initialize(Tx tx, long workflowId, boolean onlyUninitialized,
            boolean clearEphemeralUserData) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        // Consumers of a file or user-data record depend on its producers.
        tx.update("""
                INSERT OR IGNORE INTO job_depends_on (job_id, depends_on_job_id, workflow_id)
                SELECT i.job_id, o.job_id, i.workflow_id
                FROM job_input_file i JOIN job_output_file o ON o.file_id = i.file_id
                WHERE i.workflow_id = ? AND i.job_id != o.job_id""", workflowId);
        tx.update("""
                INSERT OR IGNORE INTO job_depends_on (job_id, depends_on_job_id, workflow_id)
                SELECT i.job_id, o.job_id, j.workflow_id
                FROM job_input_user_data i
                JOIN job_output_user_data o ON o.user_data_id = i.user_data_id
                JOIN job j ON j.id = i.job_id
                WHERE j.workflow_id = ? AND i.job_id != o.job_id""", workflowId);
        if (onlyUninitialized) {
            tx.update("""
                    WITH RECURSIVE downstream (id) AS (
                        SELECT d.job_id FROM job_depends_on d
                        JOIN job p ON p.id = d.depends_on_job_id
                        WHERE d.workflow_id = ? AND p.status = 0
                        UNION
                        SELECT d.job_id FROM job_depends_on d JOIN downstream ON d.depends_on_job_id = downstream.id
                    )
                    UPDATE job SET status = 0 WHERE id IN (SELECT id FROM downstream) AND status NOT IN (0, 9)""",
                    workflowId);
        }
        // An edge is satisfied once its dependency is done; the unblocker relies on this.
        tx.update("UPDATE job_depends_on SET satisfied = EXISTS (SELECT 1 FROM job p WHERE p.id = "
                + "job_depends_on.depends_on_job_id AND p.status IN (" + DONE_CODES + ")) "
                + "WHERE workflow_id = ?", workflowId);
        String scope = onlyUninitialized ? "status = 0" : "status != 9";
        tx.update("UPDATE job SET status = 1 WHERE workflow_id = ? AND " + scope
                + " AND EXISTS (SELECT 1 FROM job_depends_on d WHERE d.job_id = job.id AND d.satisfied = 0)",
                workflowId);
        // As torc: uninitialized, pending, running, terminated and pending_failed jobs become ready.
        tx.update("UPDATE job SET status = 2 WHERE workflow_id = ? AND status IN (0, 3, 4, 8, 10)",
                workflowId);
        tx.update("UPDATE job SET unblocking_processed = 1 WHERE workflow_id = ? AND status IN ("
                + DONE_CODES + ")", workflowId);
        tx.update("UPDATE job_internal SET active_compute_node_id = NULL WHERE job_id IN "
                + "(SELECT id FROM job WHERE workflow_id = ? AND status IN (1, 2))", workflowId);
        tx.update("DELETE FROM workflow_result WHERE workflow_id = ? AND job_id IN (SELECT id FROM job "
                + "WHERE workflow_id = ? AND status NOT IN (" + DONE_CODES + "))", workflowId, workflowId);
        if (clearEphemeralUserData) {
            tx.update("UPDATE user_data SET data = NULL WHERE workflow_id = ? AND is_ephemeral = 1",
                    workflowId);
        }
        storeInputHashes(tx, workflowId);
        actions.onInitialize(tx, workflowId);
        // torc sent these two names the wrong way round; a fresh start is "workflow_started".
        String eventType = onlyUninitialized ? "workflow_reinitialized" : "workflow_started";
        tx.afterCommit(() -> {
            readyJobs.signal(workflowId);
            events.publish(workflowId, eventType, Severity.INFO, Map.of("category", "workflow",
                    "type", eventType, "message", "Initialized job status"));
        });
        return Map.of("message", "Initialized job status");
    }

    /**
     * Ours: the client's whole "start a run" sequence (reset status, reset jobs, bump the run id,
     * initialize) as one transaction that only happens if every job is still uninitialized. Several
     * runners started at once on a new workflow therefore initialize it exactly once (with torc's
     * client-side sequence they race and reset each other's work).
     */
    public Map<String, Object> startRunIfUninitialized(Tx tx, long workflowId, String user)
            throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        Map<String, Object> out = new LinkedHashMap<>();
        if (tx.exists("SELECT 1 FROM job WHERE workflow_id = ? AND status NOT IN (0, 9) LIMIT 1",
                workflowId)) {
            out.put("message", "Workflow already initialized");
            out.put("initialized", false);
            out.put("run_id", workflows.runId(tx, workflowId));
            return out;
        }
        resetWorkflowStatus(tx, workflowId, true, user);
        WorkflowStatusModel status = workflows.status(tx, workflowId);
        tx.update("UPDATE workflow_status SET run_id = run_id + 1 WHERE id = ?", status.id());
        initialize(tx, workflowId, false, false);
        out.put("message", "Initialized job status");
        out.put("initialized", true);
        out.put("run_id", status.runId() + 1);
        return out;
    }

    private void storeInputHashes(Tx tx, long workflowId) throws SQLException {
        Map<Long, String> hashes = InputHashes.compute(tx, workflowId);
        List<Object[]> rows = new ArrayList<>(hashes.size());
        for (var e : hashes.entrySet()) {
            rows.add(new Object[] {e.getKey(), e.getValue()});
        }
        tx.batch("""
                INSERT INTO job_internal (job_id, input_hash) VALUES (?, ?)
                ON CONFLICT (job_id) DO UPDATE SET input_hash = excluded.input_hash""", rows);
    }

    /** Jobs whose inputs changed since initialization go back to uninitialized. */
    public List<String> processChangedJobInputs(Tx tx, long workflowId, boolean dryRun)
            throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        Map<Long, String> current = InputHashes.compute(tx, workflowId);
        Map<Long, String> stored = new java.util.HashMap<>();
        tx.query("""
                SELECT ji.job_id, ji.input_hash FROM job_internal ji JOIN job j ON j.id = ji.job_id
                WHERE j.workflow_id = ? AND ji.input_hash != ''""",
                rs -> stored.put(rs.getLong(1), rs.getString(2)), workflowId);
        List<Long> changed = new ArrayList<>();
        for (var e : stored.entrySet()) {
            if (!e.getValue().equals(current.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        List<String> names = changed.isEmpty() ? List.of() : tx.query(
                "SELECT name FROM job WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                rs -> rs.getString(1), changed);
        if (!dryRun && !changed.isEmpty()) {
            tx.update("UPDATE job SET status = 0 WHERE id IN (SELECT value FROM json_each(?))",
                    changed);
            markOutgoingUnsatisfied(tx, changed);
        }
        return names;
    }

    /** Cancels the workflow: pending and running jobs become canceled (no results are written). */
    public WorkflowStatusModel cancel(Tx tx, long workflowId, String user) throws SQLException {
        WorkflowStatusModel status = workflows.status(tx, workflowId);
        tx.update("UPDATE workflow_status SET is_canceled = 1 WHERE id = ?", status.id());
        tx.update("UPDATE job SET status = 7, unblocking_processed = 1 WHERE workflow_id = ? "
                + "AND status IN (3, 4)", workflowId);
        tx.update("UPDATE job_internal SET active_compute_node_id = NULL WHERE job_id IN "
                + "(SELECT id FROM job WHERE workflow_id = ?)", workflowId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", "workflow_canceled");
        data.put("message", "Workflow " + workflowId + " canceled");
        data.put("workflow_id", workflowId);
        data.put("run_id", status.runId());
        data.put("user", user);
        persistEvent(tx, workflowId, data);
        tx.afterCommit(() -> readyJobs.signal(workflowId));
        return workflows.status(tx, workflowId);
    }

    /** Clears the canceled flag for a new run; refused (422) while jobs run unless forced. */
    public Map<String, Object> resetWorkflowStatus(Tx tx, long workflowId, boolean force,
            String user) throws SQLException {
        WorkflowStatusModel status = workflows.status(tx, workflowId);
        if (!force && tx.exists("SELECT 1 FROM job WHERE workflow_id = ? AND status IN (3, 4)",
                workflowId)) {
            throw ApiException.unprocessable("Cannot reset workflow " + workflowId
                    + ": jobs are currently running or pending submission (use force=true)");
        }
        tx.update("""
                UPDATE workflow_status SET is_canceled = 0, is_archived = 0,
                    has_detected_need_to_run_completion_script = 0
                WHERE id = ?""", status.id());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", "user_action");
        data.put("action", "reset_workflow_status");
        data.put("user", user);
        data.put("workflow_id", workflowId);
        data.put("force", force);
        persistEvent(tx, workflowId, data);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", workflowId);
        out.put("run_id", status.runId());
        out.put("is_canceled", false);
        out.put("is_archived", false);
        out.put("has_detected_need_to_run_completion_script", false);
        return out;
    }

    /**
     * Resets jobs to uninitialized: all of them, or (failed_only) the failed, canceled, terminated
     * and pending_failed ones plus everything downstream of them.
     */
    public Map<String, Object> resetJobStatus(Tx tx, long workflowId, boolean failedOnly,
            String user) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        List<Long> ids;
        if (failedOnly) {
            List<Long> failed = tx.queryIds("SELECT id FROM job WHERE workflow_id = ? AND status IN "
                    + "(6, 7, 8, 10)", workflowId);
            ids = new ArrayList<>(failed);
            ids.addAll(downstreamOf(tx, failed));
        } else {
            ids = tx.queryIds("SELECT id FROM job WHERE workflow_id = ? AND status != 0", workflowId);
        }
        long updated = ids.isEmpty() ? 0 : tx.update("UPDATE job SET status = 0 WHERE id IN "
                + "(SELECT value FROM json_each(?)) AND status NOT IN (0, 9)", ids);
        if (!failedOnly) {
            updated += tx.update("UPDATE job SET status = 0 WHERE workflow_id = ? AND status = 9",
                    workflowId);
        }
        markOutgoingUnsatisfied(tx, ids);
        tx.update("UPDATE job_internal SET active_compute_node_id = NULL WHERE job_id IN "
                + "(SELECT value FROM json_each(?))", ids);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", "user_action");
        data.put("action", "reset_job_status");
        data.put("user", user);
        data.put("workflow_id", workflowId);
        data.put("failed_only", failedOnly);
        data.put("updated_count", updated);
        persistEvent(tx, workflowId, data);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workflow_id", workflowId);
        out.put("updated_count", updated);
        out.put("status", "uninitialized");
        if (failedOnly) {
            out.put("reset_type", "failed_only");
        }
        return out;
    }

    // ------------------------------------------------------------------ reads

    public Map<String, Object> isComplete(Sql sql, long workflowId) throws SQLException {
        WorkflowStatusModel status = workflows.status(sql, workflowId);
        boolean complete = status.isCanceled() || !hasActiveJobs(sql, workflowId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("is_complete", complete);
        out.put("is_canceled", status.isCanceled());
        out.put("needs_to_run_completion_script", status.hasDetectedNeedToRunCompletionScript());
        return out;
    }

    public Map<String, Object> isUninitialized(Sql sql, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        boolean any = sql.exists("SELECT 1 FROM job WHERE workflow_id = ? AND status NOT IN (0, 9)",
                workflowId);
        return Map.of("is_uninitialized", !any);
    }

    // ------------------------------------------------------------------ helpers

    static boolean hasActiveJobs(Sql sql, long workflowId) throws SQLException {
        return sql.exists("SELECT 1 FROM job WHERE workflow_id = ? AND status IN (" + ACTIVE_CODES
                + ") LIMIT 1", workflowId);
    }

    private static long currentRunId(Sql sql, long workflowId) throws SQLException {
        return sql.queryOne("SELECT run_id FROM workflow_status WHERE id = ?", rs -> rs.getLong(1),
                workflowId).orElseThrow(() -> ApiException.notFound("Workflow", workflowId));
    }

    private static void checkRunId(Sql sql, long workflowId, long runId) throws SQLException {
        long current = sql.queryOne("SELECT run_id FROM workflow_status WHERE id = ?",
                rs -> rs.getLong(1), workflowId)
                .orElseThrow(() -> ApiException.notFound("Workflow", workflowId));
        if (current != runId) {
            throw ApiException.unprocessable("run_id " + runId + " does not match the workflow's "
                    + "current run_id " + current);
        }
    }

    private static void guardedStatus(Tx tx, long jobId, JobStatus from, JobStatus to)
            throws SQLException {
        int rows = tx.update("UPDATE job SET status = ? WHERE id = ? AND status = ?", to, jobId, from);
        if (rows != 1) {
            throw ApiException.conflict("Job " + jobId + " changed status concurrently");
        }
    }

    /** Every job transitively downstream of {@code roots} (not including them). */
    private static List<Long> downstreamOf(Sql sql, List<Long> roots) throws SQLException {
        if (roots.isEmpty()) {
            return List.of();
        }
        return sql.queryIds("""
                WITH RECURSIVE downstream (id) AS (
                    SELECT job_id FROM job_depends_on WHERE depends_on_job_id IN (SELECT value FROM json_each(?))
                    UNION
                    SELECT d.job_id FROM job_depends_on d JOIN downstream ON d.depends_on_job_id = downstream.id
                )
                SELECT id FROM downstream""", roots);
    }

    private void resetDownstream(Tx tx, List<Long> roots) throws SQLException {
        List<Long> down = downstreamOf(tx, roots);
        if (!down.isEmpty()) {
            tx.update("UPDATE job SET status = 0 WHERE id IN (SELECT value FROM json_each(?)) "
                    + "AND status NOT IN (0, 9)", down);
        }
        List<Long> all = new ArrayList<>(roots);
        all.addAll(down);
        markOutgoingUnsatisfied(tx, all);
    }

    /** A job that is no longer done no longer satisfies its dependents. */
    private static void markOutgoingUnsatisfied(Tx tx, List<Long> jobIds) throws SQLException {
        if (!jobIds.isEmpty()) {
            tx.update("UPDATE job_depends_on SET satisfied = 0 WHERE depends_on_job_id IN "
                    + "(SELECT value FROM json_each(?)) AND satisfied = 1", jobIds);
        }
    }

    private void persistEvent(Tx tx, long workflowId, Map<String, Object> data)
            throws SQLException {
        tx.update("INSERT INTO event (workflow_id, timestamp, data) VALUES (?, ?, ?)", workflowId,
                clock.millis(), org.torc.common.Json.write(data));
    }
}
