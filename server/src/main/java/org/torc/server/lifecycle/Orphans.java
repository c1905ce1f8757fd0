package org.torc.server.lifecycle;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.common.JobStatus;
import org.torc.common.Timestamps;
import org.torc.common.model.ResultModel;
import org.torc.server.db.Tx;

/**
 * Recovers the jobs of runners that stopped sending heartbeats (killed, machine lost): their
 * pending jobs go back to ready, their running jobs fail with return code -128 (torc's code for
 * orphans) so {@code reset-status --failed-only} reruns them, and the compute node is marked
 * inactive. torc does this only for Slurm jobs; we do it for every runner.
 */
public final class Orphans {
    private static final Logger log = LoggerFactory.getLogger(Orphans.class);
    public static final long ORPHAN_RETURN_CODE = -128;

    private final Clock clock;
    private final JobLifecycle lifecycle;
    private final ReadyJobs readyJobs;

    public Orphans(Clock clock, JobLifecycle lifecycle, ReadyJobs readyJobs) {
        this.clock = clock;
        this.lifecycle = lifecycle;
        this.readyJobs = readyJobs;
    }

    /** Records that a compute node is alive. Returns false when it does not exist. */
    public boolean heartbeat(Tx tx, long computeNodeId) throws SQLException {
        return tx.update("UPDATE compute_node SET last_heartbeat = ? WHERE id = ?", clock.millis(),
                computeNodeId) == 1;
    }

    /**
     * Recovers orphans of one workflow (or of all workflows when {@code workflowId} is null) whose
     * compute node has been silent for longer than {@code timeoutMillis}.
     */
    public Map<String, Object> recover(Tx tx, Long workflowId, long timeoutMillis, boolean dryRun)
            throws SQLException {
        long cutoff = clock.millis() - timeoutMillis;
        List<long[]> silent = tx.query("""
                SELECT id, workflow_id FROM compute_node
                WHERE is_active = 1 AND (? IS NULL OR workflow_id = ?)
                  AND COALESCE(last_heartbeat, CAST(unixepoch(start_time) AS INTEGER) * 1000) < ?""",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, workflowId, workflowId, cutoff);
        List<Long> nodes = new ArrayList<>();
        List<Long> requeued = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (long[] n : silent) {
            long nodeId = n[0];
            long wf = n[1];
            nodes.add(nodeId);
            List<long[]> jobs = tx.query("""
                    SELECT j.id, j.status FROM job j JOIN job_internal ji ON ji.job_id = j.id
                    WHERE ji.active_compute_node_id = ? AND j.status IN (3, 4)""",
                    rs -> new long[] {rs.getLong(1), rs.getLong(2)}, nodeId);
            if (dryRun) {
                for (long[] j : jobs) {
                    (j[1] == JobStatus.PENDING.code() ? requeued : failed).add(j[0]);
                }
                continue;
            }
            long runId = tx.queryLong("SELECT run_id FROM workflow_status WHERE id = ?", wf);
            for (long[] j : jobs) {
                long jobId = j[0];
                if (j[1] == JobStatus.PENDING.code()) {
                    tx.update("UPDATE job SET status = 2 WHERE id = ? AND status = 3", jobId);
                    tx.update("UPDATE job_internal SET active_compute_node_id = NULL WHERE job_id = ?",
                            jobId);
                    requeued.add(jobId);
                } else {
                    ResultModel result = new ResultModel(null, jobId, wf, runId, null, nodeId,
                            ORPHAN_RETURN_CODE, 0.0, Timestamps.now(clock), JobStatus.FAILED, null,
                            null, null, null);
                    lifecycle.complete(tx, jobId, JobStatus.FAILED, runId, result);
                    failed.add(jobId);
                }
            }
            tx.update("UPDATE compute_node SET is_active = 0 WHERE id = ?", nodeId);
            if (!requeued.isEmpty()) {
                tx.afterCommit(() -> readyJobs.signal(wf));
            }
        }
        if (!nodes.isEmpty() && !dryRun) {
            log.warn("Recovered orphaned jobs of silent compute nodes {}: {} back to ready, {} failed "
                    + "with return code {}", nodes, requeued.size(), failed.size(),
                    ORPHAN_RETURN_CODE);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dry_run", dryRun);
        out.put("compute_node_ids", nodes);
        out.put("requeued_job_ids", requeued);
        out.put("failed_job_ids", failed);
        return out;
    }
}
