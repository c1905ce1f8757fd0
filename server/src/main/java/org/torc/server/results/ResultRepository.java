package org.torc.server.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.torc.common.JobStatus;
import org.torc.common.model.ListResponse;
import org.torc.common.model.ResultModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code result} table (one row per job attempt per run) and {@code workflow_result}, which
 * points at each job's latest result.
 */
public final class ResultRepository {
    public static final Set<String> SORTABLE = Set.of("id", "job_id", "workflow_id", "run_id",
            "attempt_id", "compute_node_id", "return_code", "exec_time_minutes", "completion_time",
            "status", "peak_memory_bytes", "avg_memory_bytes", "peak_cpu_percent",
            "avg_cpu_percent");

    private static final String COLUMNS = """
            r.id, r.job_id, r.workflow_id, r.run_id, r.attempt_id, r.compute_node_id, r.return_code,
            r.exec_time_minutes, r.completion_time, r.status, r.peak_memory_bytes,
            r.avg_memory_bytes, r.peak_cpu_percent, r.avg_cpu_percent""";

    private static final String JOB_OWNER = "SELECT workflow_id FROM job WHERE id = ?";
    private static final String NODE_OWNER = "SELECT workflow_id FROM compute_node WHERE id = ?";

    /** Stores a result and makes it the job's latest one, in one transaction. */
    public ResultModel create(Tx tx, ResultModel r) throws SQLException {
        long workflowId = required(r.workflowId(), "workflow_id");
        long jobId = required(r.jobId(), "job_id");
        long runId = required(r.runId(), "run_id");
        long computeNodeId = required(r.computeNodeId(), "compute_node_id");
        required(r.returnCode(), "return_code");
        required(r.execTimeMinutes(), "exec_time_minutes");
        required(r.status(), "status");
        if (r.completionTime() == null || r.completionTime().isBlank()) {
            throw ApiException.unprocessable("completion_time is required and cannot be empty");
        }
        long attemptId = r.attemptId() == null ? 1 : r.attemptId();
        if (runId < 0 || attemptId < 1) {
            throw ApiException.unprocessable("run_id cannot be negative and attempt_id must be at "
                    + "least 1");
        }
        WorkflowRepository.requireExists(tx, workflowId);
        requireInWorkflow(tx, JOB_OWNER, "Job", jobId, workflowId);
        requireInWorkflow(tx, NODE_OWNER, "Compute node", computeNodeId, workflowId);
        if (tx.exists("SELECT 1 FROM result WHERE job_id = ? AND run_id = ? AND attempt_id = ?",
                jobId, runId, attemptId)) {
            throw ApiException.conflict("A result for job " + jobId + ", run " + runId
                    + ", attempt " + attemptId + " already exists");
        }
        long id = tx.insert("""
                INSERT INTO result (workflow_id, job_id, run_id, attempt_id, compute_node_id,
                    return_code, exec_time_minutes, completion_time, status, peak_memory_bytes,
                    avg_memory_bytes, peak_cpu_percent, avg_cpu_percent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                workflowId, jobId, runId, attemptId, computeNodeId, r.returnCode(),
                r.execTimeMinutes(), r.completionTime(), r.status(), r.peakMemoryBytes(),
                r.avgMemoryBytes(), r.peakCpuPercent(), r.avgCpuPercent());
        tx.update("""
                INSERT INTO workflow_result (workflow_id, job_id, result_id) VALUES (?, ?, ?)
                ON CONFLICT (workflow_id, job_id) DO UPDATE SET result_id = excluded.result_id""",
                workflowId, jobId, id);
        return require(tx, id);
    }

    public Optional<ResultModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM result r WHERE r.id = ?",
                ResultRepository::map, id);
    }

    public ResultModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Result", id));
    }

    /**
     * Changes the fields present in the body. The workflow and job a result belongs to cannot
     * change; torc ignored attempt, compute node and the resource figures, we apply them.
     */
    public ResultModel update(Tx tx, long id, ResultModel r) throws SQLException {
        ResultModel current = require(tx, id);
        if (r.workflowId() != null && !r.workflowId().equals(current.workflowId())) {
            throw ApiException.unprocessable("workflow_id cannot be changed (result belongs to "
                    + "workflow " + current.workflowId() + ")");
        }
        if (r.jobId() != null && !r.jobId().equals(current.jobId())) {
            throw ApiException.unprocessable("job_id cannot be changed (result belongs to job "
                    + current.jobId() + ")");
        }
        if (r.computeNodeId() != null && !r.computeNodeId().equals(current.computeNodeId())) {
            requireInWorkflow(tx, NODE_OWNER, "Compute node", r.computeNodeId(),
                    current.workflowId());
        }
        if (r.completionTime() != null && r.completionTime().isBlank()) {
            throw ApiException.unprocessable("completion_time cannot be empty");
        }
        long runId = r.runId() == null ? current.runId() : r.runId();
        long attemptId = r.attemptId() == null ? current.attemptId() : r.attemptId();
        if (runId < 0 || attemptId < 1) {
            throw ApiException.unprocessable("run_id cannot be negative and attempt_id must be at "
                    + "least 1");
        }
        if ((runId != current.runId() || attemptId != current.attemptId()) && tx.exists("""
                SELECT 1 FROM result WHERE job_id = ? AND run_id = ? AND attempt_id = ? AND id <> ?""",
                current.jobId(), runId, attemptId, id)) {
            throw ApiException.conflict("A result for job " + current.jobId() + ", run " + runId
                    + ", attempt " + attemptId + " already exists");
        }
        tx.update("""
                UPDATE result SET
                    run_id = ?,
                    attempt_id = ?,
                    compute_node_id = COALESCE(?, compute_node_id),
                    return_code = COALESCE(?, return_code),
                    exec_time_minutes = COALESCE(?, exec_time_minutes),
                    completion_time = COALESCE(?, completion_time),
                    status = COALESCE(?, status),
                    peak_memory_bytes = COALESCE(?, peak_memory_bytes),
                    avg_memory_bytes = COALESCE(?, avg_memory_bytes),
                    peak_cpu_percent = COALESCE(?, peak_cpu_percent),
                    avg_cpu_percent = COALESCE(?, avg_cpu_percent)
                WHERE id = ?""",
                runId, attemptId, r.computeNodeId(), r.returnCode(), r.execTimeMinutes(),
                r.completionTime(), r.status(), r.peakMemoryBytes(), r.avgMemoryBytes(),
                r.peakCpuPercent(), r.avgCpuPercent(), id);
        return require(tx, id);
    }

    /** Deletes the result; if it was its job's latest, the job has no latest result any more. */
    public ResultModel delete(Tx tx, long id) throws SQLException {
        ResultModel existing = require(tx, id);
        tx.update("DELETE FROM result WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM result WHERE workflow_id = ?", workflowId);
    }

    /**
     * Lists a workflow's results: by default only each job's latest (those {@code workflow_result}
     * points at), every stored attempt with {@code allRuns}.
     */
    public ListResponse<ResultModel> list(Sql sql, Page page, long workflowId, Long jobId,
            Long runId, Long returnCode, JobStatus status, Long computeNodeId, boolean allRuns)
            throws SQLException {
        Where where = new Where()
                .and("r.workflow_id = ?", workflowId)
                .andIf(jobId, "r.job_id = ?")
                .andIf(runId, "r.run_id = ?")
                .andIf(returnCode, "r.return_code = ?")
                .andIf(status, "r.status = ?")
                .andIf(computeNodeId, "r.compute_node_id = ?");
        String from = allRuns ? "FROM result r"
                : "FROM result r JOIN workflow_result wr ON wr.result_id = r.id";
        return page.fetch(sql, COLUMNS, from, where, ResultRepository::map);
    }

    /** 404 when the row {@code ownerSql} looks up is missing, 422 when it is another workflow's. */
    private static void requireInWorkflow(Sql sql, String ownerSql, String what, long id,
            long workflowId) throws SQLException {
        Optional<Long> owner = sql.queryOne(ownerSql, rs -> rs.getLong(1), id);
        if (owner.isEmpty()) {
            throw ApiException.notFound(what, id);
        }
        if (owner.get() != workflowId) {
            throw ApiException.unprocessable(what + " " + id + " belongs to workflow " + owner.get()
                    + ", not " + workflowId);
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.unprocessable(field + " is required");
        }
        return value;
    }

    static ResultModel map(ResultSet rs) throws SQLException {
        return new ResultModel(
                rs.getLong("id"),
                rs.getLong("job_id"),
                rs.getLong("workflow_id"),
                rs.getLong("run_id"),
                rs.getLong("attempt_id"),
                Sql.getLong(rs, "compute_node_id"),
                rs.getLong("return_code"),
                rs.getDouble("exec_time_minutes"),
                rs.getString("completion_time"),
                JobStatus.fromCode(rs.getInt("status")),
                Sql.getLong(rs, "peak_memory_bytes"),
                Sql.getLong(rs, "avg_memory_bytes"),
                Sql.getDouble(rs, "peak_cpu_percent"),
                Sql.getDouble(rs, "avg_cpu_percent"));
    }
}
