package org.torc.server.workflows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.torc.common.Timestamps;
import org.torc.common.model.ListResponse;
import org.torc.common.model.WorkflowModel;
import org.torc.common.model.WorkflowStatusModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;

/** The {@code workflow} and {@code workflow_status} tables. */
public final class WorkflowRepository {
    public static final Set<String> SORTABLE = Set.of("id", "name", "user", "description",
            "timestamp", "project", "jobs_sort_method", "status_id");
    public static final Set<String> SORT_METHODS =
            Set.of("gpus_runtime_memory", "gpus_memory_runtime", "none");

    private static final String COLUMNS = """
            w.id, w.name, w.description, w.user, w.timestamp, w.project, w.metadata,
            w.compute_node_expiration_buffer_seconds, w.compute_node_wait_for_new_jobs_seconds,
            w.compute_node_ignore_workflow_completion, w.compute_node_wait_for_healthy_database_minutes,
            w.compute_node_min_time_for_new_jobs_seconds, w.jobs_sort_method,
            w.resource_monitor_config, w.slurm_defaults, w.use_pending_failed, w.status_id""";

    private final Clock clock;

    public WorkflowRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Inserts the status row and the workflow with the same id (so {@code workflow.id ==
     * workflow_status.id} holds by construction), plus the workflow's {@code default} resource
     * requirements.
     */
    public WorkflowModel create(Tx tx, WorkflowModel w) throws SQLException {
        validate(w);
        long id = tx.insert("INSERT INTO workflow_status (run_id, is_canceled, is_archived) "
                + "VALUES (0, 0, 0)");
        tx.update("""
                INSERT INTO workflow (id, name, description, user, timestamp, project, metadata,
                    compute_node_expiration_buffer_seconds, compute_node_wait_for_new_jobs_seconds,
                    compute_node_ignore_workflow_completion,
                    compute_node_wait_for_healthy_database_minutes,
                    compute_node_min_time_for_new_jobs_seconds, jobs_sort_method,
                    resource_monitor_config, slurm_defaults, use_pending_failed, status_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, w.name(), w.description(), w.user(), Timestamps.now(clock), w.project(),
                w.metadata(), orElse(w.computeNodeExpirationBufferSeconds(), 60L),
                orElse(w.computeNodeWaitForNewJobsSeconds(), 90L),
                orElse(w.computeNodeIgnoreWorkflowCompletion(), false),
                orElse(w.computeNodeWaitForHealthyDatabaseMinutes(), 20L),
                orElse(w.computeNodeMinTimeForNewJobsSeconds(), 300L),
                orElse(w.jobsSortMethod(), "gpus_runtime_memory"), w.resourceMonitorConfig(),
                w.slurmDefaults(), orElse(w.usePendingFailed(), false), id);
        tx.update("""
                INSERT INTO resource_requirements
                    (workflow_id, name, num_cpus, num_gpus, num_nodes, memory, runtime,
                     memory_bytes, runtime_s)
                VALUES (?, 'default', 1, 0, 1, '1m', 'P0DT1M', 1048576, 60)""", id);
        return get(tx, id).orElseThrow();
    }

    public Optional<WorkflowModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM workflow w WHERE w.id = ?",
                WorkflowRepository::map, id);
    }

    public WorkflowModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Workflow", id));
    }

    public static void requireExists(Sql sql, long id) throws SQLException {
        if (!sql.exists("SELECT 1 FROM workflow WHERE id = ?", id)) {
            throw ApiException.notFound("Workflow", id);
        }
    }

    /** Changes the fields present in {@code w}; absent fields keep their values. */
    public WorkflowModel update(Tx tx, long id, WorkflowModel w) throws SQLException {
        require(tx, id);
        if (w.name() != null && w.name().isBlank()) {
            throw ApiException.unprocessable("Workflow name cannot be empty");
        }
        if (w.jobsSortMethod() != null && !SORT_METHODS.contains(w.jobsSortMethod())) {
            throw ApiException.unprocessable("Invalid jobs_sort_method '" + w.jobsSortMethod()
                    + "'; expected one of gpus_runtime_memory, gpus_memory_runtime, none");
        }
        tx.update("""
                UPDATE workflow SET
                    name = COALESCE(?, name),
                    description = COALESCE(?, description),
                    user = COALESCE(?, user),
                    project = COALESCE(?, project),
                    metadata = COALESCE(?, metadata),
                    compute_node_expiration_buffer_seconds =
                        COALESCE(?, compute_node_expiration_buffer_seconds),
                    compute_node_wait_for_new_jobs_seconds =
                        COALESCE(?, compute_node_wait_for_new_jobs_seconds),
                    compute_node_ignore_workflow_completion =
                        COALESCE(?, compute_node_ignore_workflow_completion),
                    compute_node_wait_for_healthy_database_minutes =
                        COALESCE(?, compute_node_wait_for_healthy_database_minutes),
                    compute_node_min_time_for_new_jobs_seconds =
                        COALESCE(?, compute_node_min_time_for_new_jobs_seconds),
                    jobs_sort_method = COALESCE(?, jobs_sort_method),
                    resource_monitor_config = COALESCE(?, resource_monitor_config),
                    slurm_defaults = COALESCE(?, slurm_defaults),
                    use_pending_failed = COALESCE(?, use_pending_failed)
                WHERE id = ?""",
                w.name(), w.description(), w.user(), w.project(), w.metadata(),
                w.computeNodeExpirationBufferSeconds(), w.computeNodeWaitForNewJobsSeconds(),
                w.computeNodeIgnoreWorkflowCompletion(), w.computeNodeWaitForHealthyDatabaseMinutes(),
                w.computeNodeMinTimeForNewJobsSeconds(), w.jobsSortMethod(),
                w.resourceMonitorConfig(), w.slurmDefaults(), w.usePendingFailed(), id);
        return require(tx, id);
    }

    /** Deletes the workflow with everything that belongs to it, and its status row. */
    public WorkflowModel delete(Tx tx, long id) throws SQLException {
        WorkflowModel existing = require(tx, id);
        tx.update("DELETE FROM workflow WHERE id = ?", id);
        tx.update("DELETE FROM workflow_status WHERE id = ?", existing.statusId());
        return existing;
    }

    public ListResponse<WorkflowModel> list(Sql sql, Page page, String name, String user,
            String description, Boolean isArchived, String visibleToUser) throws SQLException {
        Where where = new Where()
                .andIf(name, "w.name = ?")
                .andIf(user, "w.user = ?")
                .andIf(description == null ? null : "%" + description + "%", "w.description LIKE ?")
                .andIf(isArchived, "ws.is_archived = ?");
        if (visibleToUser != null) {
            // Access control: the owner's workflows and those shared with one of the user's groups.
            where.and("(w.user = ? OR w.id IN (SELECT wag.workflow_id FROM workflow_access_group wag"
                    + " JOIN user_group_membership m ON m.group_id = wag.group_id"
                    + " WHERE m.user_name = ?))", visibleToUser, visibleToUser);
        }
        return page.fetch(sql, COLUMNS, "FROM workflow w JOIN workflow_status ws ON ws.id = w.status_id",
                where, WorkflowRepository::map);
    }

    public WorkflowStatusModel status(Sql sql, long workflowId) throws SQLException {
        return sql.queryOne("""
                SELECT ws.id, ws.is_canceled, ws.is_archived, ws.run_id,
                       ws.has_detected_need_to_run_completion_script
                FROM workflow w JOIN workflow_status ws ON ws.id = w.status_id
                WHERE w.id = ?""",
                rs -> new WorkflowStatusModel(rs.getLong("id"), rs.getLong("is_canceled") != 0,
                        rs.getLong("is_archived") != 0, rs.getLong("run_id"),
                        rs.getLong("has_detected_need_to_run_completion_script") != 0),
                workflowId).orElseThrow(() -> ApiException.notFound("Workflow", workflowId));
    }

    /** Overwrites the four status columns, as torc's PUT does (absent booleans become false). */
    public WorkflowStatusModel updateStatus(Tx tx, long workflowId, WorkflowStatusModel s)
            throws SQLException {
        WorkflowStatusModel current = status(tx, workflowId);
        if (s.runId() == null) {
            throw ApiException.unprocessable("run_id is required");
        }
        if (s.runId() < 0) {
            throw ApiException.unprocessable("run_id cannot be negative");
        }
        tx.update("""
                UPDATE workflow_status SET run_id = ?, is_canceled = ?, is_archived = ?,
                    has_detected_need_to_run_completion_script = ?
                WHERE id = ?""",
                s.runId(), orElse(s.isCanceled(), false), orElse(s.isArchived(), false),
                orElse(s.hasDetectedNeedToRunCompletionScript(), false), current.id());
        return status(tx, workflowId);
    }

    public long runId(Sql sql, long workflowId) throws SQLException {
        return status(sql, workflowId).runId();
    }

    private static void validate(WorkflowModel w) {
        if (w.name() == null || w.name().isBlank()) {
            throw ApiException.unprocessable("Workflow name is required");
        }
        if (w.user() == null || w.user().isBlank()) {
            throw ApiException.unprocessable("Workflow user is required");
        }
        if (w.jobsSortMethod() != null && !SORT_METHODS.contains(w.jobsSortMethod())) {
            throw ApiException.unprocessable("Invalid jobs_sort_method '" + w.jobsSortMethod()
                    + "'; expected one of gpus_runtime_memory, gpus_memory_runtime, none");
        }
        for (Long v : new Long[] {w.computeNodeExpirationBufferSeconds(),
                w.computeNodeWaitForNewJobsSeconds(), w.computeNodeWaitForHealthyDatabaseMinutes(),
                w.computeNodeMinTimeForNewJobsSeconds()}) {
            if (v != null && v < 0) {
                throw ApiException.unprocessable("compute_node_* settings cannot be negative");
            }
        }
    }

    static WorkflowModel map(ResultSet rs) throws SQLException {
        return new WorkflowModel(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("user"),
                rs.getString("description"),
                rs.getString("timestamp"),
                rs.getString("project"),
                rs.getString("metadata"),
                Sql.getLong(rs, "compute_node_expiration_buffer_seconds"),
                Sql.getLong(rs, "compute_node_wait_for_new_jobs_seconds"),
                Sql.getBool(rs, "compute_node_ignore_workflow_completion"),
                Sql.getLong(rs, "compute_node_wait_for_healthy_database_minutes"),
                Sql.getLong(rs, "compute_node_min_time_for_new_jobs_seconds"),
                rs.getString("jobs_sort_method"),
                rs.getString("resource_monitor_config"),
                rs.getString("slurm_defaults"),
                Sql.getBool(rs, "use_pending_failed"),
                rs.getLong("status_id"));
    }

    private static <T> T orElse(T value, T dflt) {
        return value == null ? dflt : value;
    }
}
