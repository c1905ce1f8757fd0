package org.torc.server.actions;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.common.JobStatus;
import org.torc.server.db.Tx;
import org.torc.server.lifecycle.ActionHooks;

/**
 * Counts trigger events towards workflow actions (torc's {@code check_and_trigger_actions} and
 * {@code reset_actions_for_reinitialize}). An action is pending — ready for a runner to claim —
 * once its {@code trigger_count} reaches {@code required_triggers}.
 *
 * <p>Every method runs inside the caller's write transaction, so the counts change together with
 * the job statuses that caused them, or not at all. Called by the job-lifecycle code:
 * <ul>
 *   <li>initialize_jobs, after the job statuses are set: {@link #onInitialize};</li>
 *   <li>a job completes: {@code trigger(tx, wf, ON_JOBS_COMPLETE, List.of(jobId))}, and when
 *       the workflow is then complete, {@code trigger(tx, wf, ON_WORKFLOW_COMPLETE, null)};</li>
 *   <li>the unblocker makes jobs ready: {@code trigger(tx, wf, ON_JOBS_READY, readyIds)}.</li>
 * </ul>
 */
public final class ActionTriggers implements ActionHooks {
    public static final String ON_WORKFLOW_START = "on_workflow_start";
    public static final String ON_WORKFLOW_COMPLETE = "on_workflow_complete";
    public static final String ON_WORKER_START = "on_worker_start";
    public static final String ON_WORKER_COMPLETE = "on_worker_complete";
    public static final String ON_JOBS_READY = "on_jobs_ready";
    public static final String ON_JOBS_COMPLETE = "on_jobs_complete";

    /** Every trigger type torc knows, in its documentation's order. */
    public static final List<String> TRIGGER_TYPES = List.of(ON_WORKFLOW_START,
            ON_WORKFLOW_COMPLETE, ON_WORKER_START, ON_WORKER_COMPLETE, ON_JOBS_READY,
            ON_JOBS_COMPLETE);

    private static final Logger log = LoggerFactory.getLogger(ActionTriggers.class);

    /** A job counts towards on_jobs_ready once it is ready or has already finished. */
    private static final List<Integer> READY_OR_DONE = codes(JobStatus.READY, JobStatus.COMPLETED,
            JobStatus.FAILED, JobStatus.CANCELED, JobStatus.TERMINATED);
    /** A job counts towards on_jobs_complete once it has finished, successfully or not. */
    private static final List<Integer> DONE = codes(JobStatus.COMPLETED, JobStatus.FAILED,
            JobStatus.CANCELED, JobStatus.TERMINATED);

    public static boolean isJobTrigger(String triggerType) {
        return ON_JOBS_READY.equals(triggerType) || ON_JOBS_COMPLETE.equals(triggerType);
    }

    private record Candidate(long id, List<Long> jobIds, long triggerCount, long requiredTriggers) {
    }

    /**
     * Counts one {@code triggerType} event towards the workflow's actions of that type that are not
     * yet pending. Workflow and worker triggers add 1. Job triggers with {@code jobIds} add the
     * number of the action's jobs among {@code jobIds} (actions with none are untouched); with
     * {@code jobIds == null} they add all of the action's jobs, but only when every one of them is
     * already in the state the trigger waits for. The count never goes above
     * {@code required_triggers}.
     *
     * @param jobIds the jobs that just reached the trigger's state, or null to look at the whole
     *     workflow
     * @return the ids of the actions that became pending in this call, in id order
     * @throws IllegalArgumentException if {@code triggerType} is not one of {@link #TRIGGER_TYPES}
     */
    public List<Long> trigger(Tx tx, long workflowId, String triggerType, List<Long> jobIds)
            throws SQLException {
        if (!TRIGGER_TYPES.contains(triggerType)) {
            throw new IllegalArgumentException("Unknown trigger type '" + triggerType + "'");
        }
        List<Candidate> candidates = tx.query("""
                SELECT id, job_ids, trigger_count, required_triggers
                FROM workflow_action
                WHERE workflow_id = ? AND trigger_type = ? AND trigger_count < required_triggers
                ORDER BY id""",
                rs -> new Candidate(rs.getLong("id"),
                        WorkflowActionRepository.parseJobIds(rs.getString("job_ids")),
                        rs.getLong("trigger_count"), rs.getLong("required_triggers")),
                workflowId, triggerType);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<Long> changed = jobIds == null ? null : new HashSet<>(jobIds);
        List<Long> becamePending = new ArrayList<>();
        for (Candidate action : candidates) {
            long increment = isJobTrigger(triggerType)
                    ? jobIncrement(tx, workflowId, triggerType, action, changed)
                    : 1;
            if (increment == 0) {
                continue;
            }
            tx.update("""
                    UPDATE workflow_action
                    SET trigger_count = MIN(required_triggers, trigger_count + ?)
                    WHERE id = ?""",
                    increment, action.id());
            long now = Math.min(action.requiredTriggers(), action.triggerCount() + increment);
            log.debug("Action {} of workflow {} ({}): trigger_count {} -> {} of {}", action.id(),
                    workflowId, triggerType, action.triggerCount(), now, action.requiredTriggers());
            if (now >= action.requiredTriggers()) {
                log.info("Action {} of workflow {} is ready to run ({})", action.id(), workflowId,
                        triggerType);
                becamePending.add(action.id());
            }
        }
        return becamePending;
    }

    private static long jobIncrement(Tx tx, long workflowId, String triggerType, Candidate action,
            Set<Long> changed) throws SQLException {
        Set<Long> actionJobs = new HashSet<>(action.jobIds());
        if (actionJobs.isEmpty()) {
            return 0;
        }
        if (changed != null) {
            return actionJobs.stream().filter(changed::contains).count();
        }
        long satisfied = tx.queryLong("""
                SELECT COUNT(*) FROM job
                WHERE workflow_id = ?
                  AND id IN (SELECT value FROM json_each(?))
                  AND status IN (SELECT value FROM json_each(?))""",
                workflowId, actionJobs, satisfiedStatuses(triggerType));
        return satisfied == actionJobs.size() ? actionJobs.size() : 0;
    }

    /**
     * Prepares the workflow's actions for a new run: deletes recovery actions (is_recovery), marks
     * the rest unexecuted, and restarts their counts — at 0, except that job-triggered actions
     * start with the number of their jobs already in the state they wait for (a job completed in
     * an earlier run still counts towards on_jobs_ready). Call it after the job statuses of the
     * new run are set. Running it twice has the same effect as once.
     */
    public void resetForReinitialize(Tx tx, long workflowId) throws SQLException {
        int deleted = tx.update(
                "DELETE FROM workflow_action WHERE workflow_id = ? AND is_recovery = 1", workflowId);
        if (deleted > 0) {
            log.info("Deleted {} recovery action(s) of workflow {}", deleted, workflowId);
        }
        tx.update("""
                UPDATE workflow_action
                SET executed = 0, executed_by = NULL, executed_at = NULL, trigger_count = 0
                WHERE workflow_id = ?""", workflowId);
        for (String jobTrigger : List.of(ON_JOBS_READY, ON_JOBS_COMPLETE)) {
            tx.update("""
                    UPDATE workflow_action
                    SET trigger_count = MIN(required_triggers, (
                        SELECT COUNT(*) FROM job j
                        WHERE j.workflow_id = workflow_action.workflow_id
                          AND j.id IN (SELECT DISTINCT value FROM json_each(workflow_action.job_ids))
                          AND j.status IN (SELECT value FROM json_each(?))))
                    WHERE workflow_id = ? AND trigger_type = ?
                      AND job_ids IS NOT NULL AND json_valid(job_ids)""",
                    satisfiedStatuses(jobTrigger), workflowId, jobTrigger);
        }
    }

    /**
     * Everything initialize_jobs does to actions, after it has set the job statuses: the reset
     * above, one on_workflow_start event, on_worker_start and on_worker_complete actions made
     * pending at once (every worker of the run may claim them), and on_jobs_ready counted from the
     * current job statuses.
     */
    @Override
    public void onInitialize(Tx tx, long workflowId) throws SQLException {
        resetForReinitialize(tx, workflowId);
        trigger(tx, workflowId, ON_WORKFLOW_START, null);
        tx.update("""
                UPDATE workflow_action SET trigger_count = required_triggers
                WHERE workflow_id = ? AND trigger_type IN (?, ?)""",
                workflowId, ON_WORKER_START, ON_WORKER_COMPLETE);
        trigger(tx, workflowId, ON_JOBS_READY, null);
    }

    private static List<Integer> satisfiedStatuses(String jobTrigger) {
        return ON_JOBS_READY.equals(jobTrigger) ? READY_OR_DONE : DONE;
    }

    private static List<Integer> codes(JobStatus... statuses) {
        List<Integer> out = new ArrayList<>();
        for (JobStatus s : statuses) {
            out.add(s.code());
        }
        return List.copyOf(out);
    }

    // --- the lifecycle's hooks, fired inside its write transactions ---

    @Override
    public void onJobsReady(Tx tx, long workflowId, List<Long> jobIds) throws SQLException {
        trigger(tx, workflowId, ON_JOBS_READY, jobIds);
    }

    @Override
    public void onJobsComplete(Tx tx, long workflowId, List<Long> jobIds) throws SQLException {
        trigger(tx, workflowId, ON_JOBS_COMPLETE, jobIds);
    }

    @Override
    public void onWorkflowComplete(Tx tx, long workflowId) throws SQLException {
        trigger(tx, workflowId, ON_WORKFLOW_COMPLETE, null);
    }
}
