package org.torc.server.lifecycle;

import static org.torc.common.JobStatus.BLOCKED;
import static org.torc.common.JobStatus.CANCELED;
import static org.torc.common.JobStatus.DISABLED;
import static org.torc.common.JobStatus.FAILED;
import static org.torc.common.JobStatus.PENDING;
import static org.torc.common.JobStatus.READY;
import static org.torc.common.JobStatus.RUNNING;
import static org.torc.common.JobStatus.TERMINATED;
import static org.torc.common.JobStatus.UNINITIALIZED;

import org.torc.common.JobStatus;
import org.torc.server.http.ApiException;

/**
 * Which job status changes are legal, and through which operation. Single-job transitions call
 * {@link #check}; the bulk ones (initialize, claim, unblock, cancel, reset) are guarded UPDATE
 * statements whose WHERE clauses use the status sets defined here.
 */
public final class JobStateMachine {
    /** Statuses that release dependents: completed, failed, canceled, terminated. */
    public static final String DONE_CODES = "5, 6, 7, 8";
    /** Done without success: dependents with cancel_on_blocking_job_failure are canceled. */
    public static final String FAILURE_CODES = "6, 7, 8";
    /** Statuses that keep a workflow from being complete (disabled jobs do not count). */
    public static final String ACTIVE_CODES = "0, 1, 2, 3, 4, 10";

    /** The operations that change a job's status. */
    public enum Operation {
        /** initialize_jobs: uninitialized (and a few others) → blocked or ready. */
        INITIALIZE,
        /** claim_next_jobs / claim_jobs_based_on_resources: ready → pending. */
        CLAIM,
        /** start_job: pending → running. */
        START,
        /** complete_job: any status that is not done → a terminal status. */
        COMPLETE,
        /** The unblocker: blocked → ready, or canceled when a dependency failed. */
        UNBLOCK,
        /** retry_job: running, failed or terminated → ready with the next attempt. */
        RETRY,
        /** manage_status_change: any status → a status that is not done. */
        MANAGE,
        /** cancel_workflow: pending or running → canceled. */
        CANCEL,
        /** reset_job_status / process_changed_job_inputs: → uninitialized. */
        RESET,
        /** update_job: uninitialized → disabled. */
        DISABLE
    }

    private JobStateMachine() {
    }

    public static boolean allowed(JobStatus from, JobStatus to, Operation op) {
        return switch (op) {
            case INITIALIZE -> (to == BLOCKED || to == READY) && from != DISABLED;
            case CLAIM -> from == READY && to == PENDING;
            case START -> from == PENDING && to == RUNNING;
            case COMPLETE -> !from.isComplete() && to.isTerminal();
            case UNBLOCK -> from == BLOCKED && (to == READY || to == CANCELED);
            case RETRY -> (from == RUNNING || from == FAILED || from == TERMINATED) && to == READY;
            case MANAGE -> !to.isComplete();
            case CANCEL -> (from == PENDING || from == RUNNING) && to == CANCELED;
            case RESET -> to == UNINITIALIZED;
            case DISABLE -> from == UNINITIALIZED && to == DISABLED;
        };
    }

    /** @throws ApiException 422 naming the job, both statuses and the operation */
    public static void check(long jobId, JobStatus from, JobStatus to, Operation op) {
        if (!allowed(from, to, op)) {
            throw ApiException.unprocessable(describe(jobId, from, to, op));
        }
    }

    private static String describe(long jobId, JobStatus from, JobStatus to, Operation op) {
        return switch (op) {
            case START -> "Job " + jobId + " cannot start: it is " + from.wireName()
                    + ", not pending (claim it first)";
            case COMPLETE -> to.isTerminal()
                    ? "Job " + jobId + " is already complete (" + from.wireName() + ")"
                    : "Invalid completion status '" + to.wireName()
                            + "': use completed, failed, canceled, terminated or pending_failed";
            case RETRY -> "Job " + jobId + " cannot be retried: it is " + from.wireName()
                    + " (only running, failed or terminated jobs can be retried)";
            case MANAGE -> "Status '" + to.wireName() + "' is a completion status: use "
                    + "complete_job to complete job " + jobId;
            default -> "Job " + jobId + " cannot change from " + from.wireName() + " to "
                    + to.wireName() + " by " + op.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static boolean isRunningOrPending(JobStatus s) {
        return s == RUNNING || s == PENDING;
    }

    static boolean isFailure(JobStatus s) {
        return s == FAILED || s == CANCELED || s == TERMINATED;
    }
}
