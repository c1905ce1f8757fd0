package org.torc.server.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.torc.common.JobStatus;
import org.torc.common.model.JobModel;
import org.torc.common.model.ListResponse;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;

/**
 * The {@code job} table and its relationship tables (depends-on, input/output files and user data).
 * Status changes do not happen here: they belong to the lifecycle (see {@code lifecycle}).
 */
public final class JobRepository {
    public static final int MAX_BULK_JOBS = 10_000;
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "name", "command",
            "status", "resource_requirements_id", "invocation_script", "scheduler_id",
            "failure_handler_id", "attempt_id", "cancel_on_blocking_job_failure",
            "supports_termination");

    static final String COLUMNS = """
            j.id, j.workflow_id, j.name, j.command, j.invocation_script, j.status,
            j.cancel_on_blocking_job_failure, j.supports_termination, j.resource_requirements_id,
            j.scheduler_id, j.failure_handler_id, j.attempt_id""";

    /** A job row without its relationship lists. */
    public static JobModel map(ResultSet rs) throws SQLException {
        return new JobModel(
                rs.getLong("id"),
                rs.getLong("workflow_id"),
                rs.getString("name"),
                rs.getString("command"),
                rs.getString("invocation_script"),
                JobStatus.fromCode(rs.getInt("status")),
                null,
                rs.getLong("cancel_on_blocking_job_failure") != 0,
                rs.getLong("supports_termination") != 0,
                null, null, null, null, null,
                Sql.getLong(rs, "resource_requirements_id"),
                Sql.getLong(rs, "scheduler_id"),
                Sql.getLong(rs, "failure_handler_id"),
                rs.getLong("attempt_id"));
    }

    public Optional<JobModel> get(Sql sql, long id) throws SQLException {
        Optional<JobModel> job = sql.queryOne("SELECT " + COLUMNS + " FROM job j WHERE j.id = ?",
                JobRepository::map, id);
        if (job.isEmpty()) {
            return job;
        }
        return Optional.of(withRelationships(sql, List.of(job.get())).get(0));
    }

    public JobModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Job", id));
    }

    /** The job row alone (no relationship lists): the cheap read the lifecycle uses. */
    public JobModel requireRow(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM job j WHERE j.id = ?", JobRepository::map,
                id).orElseThrow(() -> ApiException.notFound("Job", id));
    }

    /** The rows (no relationship lists) of the given jobs that exist, in one query. */
    public List<JobModel> rows(Sql sql, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        return sql.query("SELECT " + COLUMNS + " FROM job j WHERE j.id IN "
                + "(SELECT value FROM json_each(?))", JobRepository::map, ids);
    }

    /** Creates one job with its relationships; its status is always {@code uninitialized}. */
    public JobModel create(Tx tx, JobModel job) throws SQLException {
        if (job.workflowId() == null) {
            throw ApiException.unprocessable("workflow_id is required");
        }
        return createAll(tx, job.workflowId(), List.of(job)).get(0);
    }

    /**
     * Creates up to {@value #MAX_BULK_JOBS} jobs of one workflow, with their relationships, in the
     * caller's transaction. Every reference is checked to belong to the same workflow first, so a
     * bad request changes nothing.
     */
    public List<JobModel> createAll(Tx tx, long workflowId, List<JobModel> jobs) throws SQLException {
        if (jobs.size() > MAX_BULK_JOBS) {
            throw ApiException.unprocessable("At most " + MAX_BULK_JOBS
                    + " jobs can be created in one request, got " + jobs.size());
        }
        if (!tx.exists("SELECT 1 FROM workflow WHERE id = ?", workflowId)) {
            throw ApiException.notFound("Workflow", workflowId);
        }
        References refs = new References(tx, workflowId);
        for (int i = 0; i < jobs.size(); i++) {
            validate(jobs.get(i), workflowId, i, jobs.size(), refs);
        }
        refs.check();
        long defaultRr = tx.queryOne(
                "SELECT id FROM resource_requirements WHERE workflow_id = ? AND name = 'default'",
                rs -> rs.getLong(1), workflowId).orElse(0L);

        List<JobModel> created = new ArrayList<>(jobs.size());
        List<Object[]> deps = new ArrayList<>();
        List<Object[]> inFiles = new ArrayList<>();
        List<Object[]> outFiles = new ArrayList<>();
        List<Object[]> inData = new ArrayList<>();
        List<Object[]> outData = new ArrayList<>();
        for (JobModel j : jobs) {
            Long rr = j.resourceRequirementsId() != null ? j.resourceRequirementsId()
                    : defaultRr == 0 ? null : defaultRr;
            long id = tx.insert("""
                    INSERT INTO job (workflow_id, name, command, invocation_script, status,
                        cancel_on_blocking_job_failure, supports_termination,
                        resource_requirements_id, scheduler_id, failure_handler_id, attempt_id,
                        schedule_compute_nodes)
                    VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 1, ?)""",
                    workflowId, j.name(), j.command(), j.invocationScript(),
                    j.cancelOnBlockingJobFailure() == null || j.cancelOnBlockingJobFailure(),
                    j.supportsTermination() != null && j.supportsTermination(), rr, j.schedulerId(),
                    j.failureHandlerId(), j.scheduleComputeNodes());
            for (Long d : distinct(j.dependsOnJobIds())) {
                deps.add(new Object[] {id, d, workflowId});
            }
            for (Long f : distinct(j.inputFileIds())) {
                inFiles.add(new Object[] {id, f, workflowId});
            }
            for (Long f : distinct(j.outputFileIds())) {
                outFiles.add(new Object[] {id, f, workflowId});
            }
            for (Long u : distinct(j.inputUserDataIds())) {
                inData.add(new Object[] {id, u});
            }
            for (Long u : distinct(j.outputUserDataIds())) {
                outData.add(new Object[] {id, u});
            }
            created.add(new JobModel(id, workflowId, j.name(), j.command(), j.invocationScript(),
                    JobStatus.UNINITIALIZED, null,
                    j.cancelOnBlockingJobFailure() == null || j.cancelOnBlockingJobFailure(),
                    j.supportsTermination() != null && j.supportsTermination(),
                    sorted(j.dependsOnJobIds()), sorted(j.inputFileIds()), sorted(j.outputFileIds()),
                    sorted(j.inputUserDataIds()), sorted(j.outputUserDataIds()), rr, j.schedulerId(),
                    j.failureHandlerId(), 1L));
        }
        tx.batch("INSERT INTO job_depends_on (job_id, depends_on_job_id, workflow_id) VALUES (?, ?, ?)",
                deps);
        tx.batch("INSERT INTO job_input_file (job_id, file_id, workflow_id) VALUES (?, ?, ?)", inFiles);
        tx.batch("INSERT INTO job_output_file (job_id, file_id, workflow_id) VALUES (?, ?, ?)",
                outFiles);
        tx.batch("INSERT INTO job_input_user_data (job_id, user_data_id) VALUES (?, ?)", inData);
        tx.batch("INSERT INTO job_output_user_data (job_id, user_data_id) VALUES (?, ?)", outData);
        return created;
    }

    private static void validate(JobModel j, long workflowId, int index, int count, References refs) {
        String where = count == 1 ? "" : " (job #" + (index + 1) + ")";
        if (j.workflowId() != null && j.workflowId() != workflowId) {
            throw ApiException.unprocessable("All jobs must belong to workflow " + workflowId
                    + where);
        }
        if (j.name() == null || j.name().isBlank()) {
            throw ApiException.unprocessable("Job name is required" + where);
        }
        if (j.command() == null) {
            throw ApiException.unprocessable("Job command is required" + where + ": " + j.name());
        }
        refs.want("resource_requirements", j.resourceRequirementsId());
        refs.want("failure_handler", j.failureHandlerId());
        refs.wantAll("job", j.dependsOnJobIds());
        refs.wantAll("file", j.inputFileIds());
        refs.wantAll("file", j.outputFileIds());
        refs.wantAll("user_data", j.inputUserDataIds());
        refs.wantAll("user_data", j.outputUserDataIds());
    }

    /** Collects the ids a request refers to, then checks them with one query per table. */
    private static final class References {
        private static final Map<String, String> LABELS = Map.of(
                "resource_requirements", "resource_requirements_id",
                "failure_handler", "failure_handler_id",
                "job", "depends_on_job_ids",
                "file", "input_file_ids/output_file_ids",
                "user_data", "input_user_data_ids/output_user_data_ids");
        private final Sql sql;
        private final long workflowId;
        private final Map<String, Set<Long>> wanted = new HashMap<>();

        References(Sql sql, long workflowId) {
            this.sql = sql;
            this.workflowId = workflowId;
        }

        void want(String table, Long id) {
            if (id != null) {
                wanted.computeIfAbsent(table, t -> new HashSet<>()).add(id);
            }
        }

        void wantAll(String table, Collection<Long> ids) {
            if (ids != null) {
                for (Long id : ids) {
                    if (id == null) {
                        throw ApiException.unprocessable(LABELS.get(table) + " must not contain null");
                    }
                    want(table, id);
                }
            }
        }

        void check() throws SQLException {
            for (var e : wanted.entrySet()) {
                String table = e.getKey();
                List<Long> found = sql.queryIds("SELECT id FROM " + table
                        + " WHERE workflow_id = ? AND id IN (SELECT value FROM json_each(?))",
                        workflowId, e.getValue());
                if (found.size() != e.getValue().size()) {
                    Set<Long> missing = new LinkedHashSet<>(e.getValue());
                    missing.removeAll(found);
                    throw ApiException.unprocessable(LABELS.get(table) + " refers to id(s) "
                            + missing + " that do not exist in workflow " + workflowId);
                }
            }
        }
    }

    public ListResponse<JobModel> list(Sql sql, Page page, long workflowId, JobStatus status,
            Long needsFileId, Long upstreamJobId, Long activeComputeNodeId,
            boolean includeRelationships) throws SQLException {
        Where where = new Where()
                .and("j.workflow_id = ?", workflowId)
                .andIf(status, "j.status = ?")
                .andIf(needsFileId, "j.id IN (SELECT job_id FROM job_input_file WHERE file_id = ?)")
                .andIf(upstreamJobId,
                        "j.id IN (SELECT job_id FROM job_depends_on WHERE depends_on_job_id = ?)")
                .andIf(activeComputeNodeId,
                        "j.id IN (SELECT job_id FROM job_internal WHERE active_compute_node_id = ?)");
        ListResponse<JobModel> result = page.fetch(sql, COLUMNS, "FROM job j", where,
                JobRepository::map);
        if (!includeRelationships || result.items().isEmpty()) {
            return result;
        }
        return new ListResponse<>(withRelationships(sql, result.items()), result.offset(),
                result.maxLimit(), result.count(), result.totalCount(), result.hasMore());
    }

    /** Fills the five relationship lists of a page of jobs with five queries (not one per job). */
    public List<JobModel> withRelationships(Sql sql, List<JobModel> jobs) throws SQLException {
        List<Long> ids = jobs.stream().map(JobModel::id).toList();
        Map<Long, List<Long>> deps = pairs(sql,
                "SELECT job_id, depends_on_job_id FROM job_depends_on", ids);
        Map<Long, List<Long>> in = pairs(sql, "SELECT job_id, file_id FROM job_input_file", ids);
        Map<Long, List<Long>> out = pairs(sql, "SELECT job_id, file_id FROM job_output_file", ids);
        Map<Long, List<Long>> inUd = pairs(sql,
                "SELECT job_id, user_data_id FROM job_input_user_data", ids);
        Map<Long, List<Long>> outUd = pairs(sql,
                "SELECT job_id, user_data_id FROM job_output_user_data", ids);
        List<JobModel> out2 = new ArrayList<>(jobs.size());
        for (JobModel j : jobs) {
            out2.add(new JobModel(j.id(), j.workflowId(), j.name(), j.command(),
                    j.invocationScript(), j.status(), j.scheduleComputeNodes(),
                    j.cancelOnBlockingJobFailure(), j.supportsTermination(), deps.get(j.id()),
                    in.get(j.id()), out.get(j.id()), inUd.get(j.id()), outUd.get(j.id()),
                    j.resourceRequirementsId(), j.schedulerId(), j.failureHandlerId(),
                    j.attemptId()));
        }
        return out2;
    }

    /** Runs {@code select} (two id columns) for the given job ids, grouped by the first column. */
    static Map<Long, List<Long>> pairs(Sql sql, String select, List<Long> jobIds)
            throws SQLException {
        Map<Long, List<Long>> out = new HashMap<>();
        sql.query(select + " WHERE job_id IN (SELECT value FROM json_each(?)) ORDER BY 1, 2", rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            return null;
        }, jobIds);
        return out;
    }

    /**
     * Applies a PUT: torc allows changing name, command, relations (and status only to
     * {@code disabled}) while the job is uninitialized; scheduler, resource requirements, invocation
     * script and the two flags may change at any time.
     */
    public JobModel update(Tx tx, long id, JobModel body) throws SQLException {
        JobModel current = require(tx, id);
        boolean uninitialized = current.status() == JobStatus.UNINITIALIZED;
        if (body.status() != null && body.status() != current.status()) {
            if (!(body.status() == JobStatus.DISABLED && uninitialized)) {
                throw ApiException.unprocessable("Cannot update job status through update_job "
                        + "(status is immutable here; only an uninitialized job may be set to "
                        + "disabled). Use manage_status_change or the lifecycle endpoints.");
            }
        }
        boolean restricted = changed(body.name(), current.name())
                || changed(body.command(), current.command())
                || (body.dependsOnJobIds() != null
                        && !sameIds(body.dependsOnJobIds(), current.dependsOnJobIds()))
                || (body.inputFileIds() != null && !sameIds(body.inputFileIds(), current.inputFileIds()))
                || (body.outputFileIds() != null
                        && !sameIds(body.outputFileIds(), current.outputFileIds()))
                || (body.inputUserDataIds() != null
                        && !sameIds(body.inputUserDataIds(), current.inputUserDataIds()))
                || (body.outputUserDataIds() != null
                        && !sameIds(body.outputUserDataIds(), current.outputUserDataIds()));
        if (restricted && !uninitialized) {
            throw ApiException.unprocessable("Job " + id + " is " + current.status().wireName()
                    + ": its name, command and relationships can only change while it is "
                    + "uninitialized");
        }
        if (body.name() != null && body.name().isBlank()) {
            throw ApiException.unprocessable("Job name cannot be empty");
        }
        References refs = new References(tx, current.workflowId());
        refs.want("resource_requirements", body.resourceRequirementsId());
        refs.want("failure_handler", body.failureHandlerId());
        refs.wantAll("job", body.dependsOnJobIds());
        refs.wantAll("file", body.inputFileIds());
        refs.wantAll("file", body.outputFileIds());
        refs.wantAll("user_data", body.inputUserDataIds());
        refs.wantAll("user_data", body.outputUserDataIds());
        refs.check();
        if (body.dependsOnJobIds() != null && body.dependsOnJobIds().contains(id)) {
            throw ApiException.unprocessable("A job cannot depend on itself");
        }
        tx.update("""
                UPDATE job SET
                    name = COALESCE(?, name),
                    command = COALESCE(?, command),
                    invocation_script = COALESCE(?, invocation_script),
                    cancel_on_blocking_job_failure = COALESCE(?, cancel_on_blocking_job_failure),
                    supports_termination = COALESCE(?, supports_termination),
                    resource_requirements_id = COALESCE(?, resource_requirements_id),
                    scheduler_id = COALESCE(?, scheduler_id),
                    failure_handler_id = COALESCE(?, failure_handler_id),
                    status = COALESCE(?, status)
                WHERE id = ?""",
                body.name(), body.command(), body.invocationScript(),
                body.cancelOnBlockingJobFailure(), body.supportsTermination(),
                body.resourceRequirementsId(), body.schedulerId(), body.failureHandlerId(),
                body.status(), id);
        replace(tx, "DELETE FROM job_depends_on WHERE job_id = ?",
                "INSERT INTO job_depends_on (job_id, depends_on_job_id, workflow_id) VALUES (?, ?, ?)",
                id, current.workflowId(), body.dependsOnJobIds(), true);
        replace(tx, "DELETE FROM job_input_file WHERE job_id = ?",
                "INSERT INTO job_input_file (job_id, file_id, workflow_id) VALUES (?, ?, ?)",
                id, current.workflowId(), body.inputFileIds(), true);
        replace(tx, "DELETE FROM job_output_file WHERE job_id = ?",
                "INSERT INTO job_output_file (job_id, file_id, workflow_id) VALUES (?, ?, ?)",
                id, current.workflowId(), body.outputFileIds(), true);
        replace(tx, "DELETE FROM job_input_user_data WHERE job_id = ?",
                "INSERT INTO job_input_user_data (job_id, user_data_id) VALUES (?, ?)",
                id, current.workflowId(), body.inputUserDataIds(), false);
        replace(tx, "DELETE FROM job_output_user_data WHERE job_id = ?",
                "INSERT INTO job_output_user_data (job_id, user_data_id) VALUES (?, ?)",
                id, current.workflowId(), body.outputUserDataIds(), false);
        return require(tx, id);
    }

    private static void replace(Tx tx, String delete, String insert, long jobId, long workflowId,
            List<Long> ids, boolean withWorkflow) throws SQLException {
        if (ids == null) {
            return;
        }
        tx.update(delete, jobId);
        List<Object[]> rows = new ArrayList<>();
        for (Long v : distinct(ids)) {
            rows.add(withWorkflow ? new Object[] {jobId, v, workflowId} : new Object[] {jobId, v});
        }
        tx.batch(insert, rows);
    }

    public JobModel delete(Tx tx, long id) throws SQLException {
        JobModel existing = require(tx, id);
        tx.update("DELETE FROM job WHERE id = ?", id);
        return existing;
    }

    public long deleteAll(Tx tx, long workflowId) throws SQLException {
        return tx.update("DELETE FROM job WHERE workflow_id = ?", workflowId);
    }

    public List<Long> ids(Sql sql, long workflowId) throws SQLException {
        return sql.queryIds("SELECT id FROM job WHERE workflow_id = ? ORDER BY id", workflowId);
    }

    private static boolean changed(String requested, String current) {
        return requested != null && !requested.equals(current);
    }

    private static boolean sameIds(List<Long> a, List<Long> b) {
        return new HashSet<>(a == null ? List.of() : a).equals(new HashSet<>(b == null ? List.of() : b));
    }

    private static Collection<Long> distinct(List<Long> ids) {
        return ids == null ? List.of() : new LinkedHashSet<>(ids);
    }

    private static List<Long> sorted(List<Long> ids) {
        return ids == null || ids.isEmpty() ? null : ids.stream().distinct().sorted().toList();
    }
}
