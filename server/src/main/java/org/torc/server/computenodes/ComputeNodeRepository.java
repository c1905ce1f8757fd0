package org.torc.server.computenodes;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.torc.common.model.ComputeNodeModel;
import org.torc.common.model.ListResponse;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code compute_node} table: worker processes that registered with the server. The
 * scheduler description is free JSON kept as text.
 */
public final class ComputeNodeRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "hostname", "pid",
            "start_time", "duration_seconds", "is_active", "num_cpus", "memory_gb", "num_gpus",
            "num_nodes", "time_limit", "scheduler_config_id", "compute_node_type");

    private static final String COLUMNS = """
            cn.id, cn.workflow_id, cn.hostname, cn.pid, cn.start_time, cn.duration_seconds,
            cn.is_active, cn.num_cpus, cn.memory_gb, cn.num_gpus, cn.num_nodes, cn.time_limit,
            cn.scheduler_config_id, cn.compute_node_type, cn.scheduler""";

    /** Registers a node; one that does not say otherwise is active. */
    public ComputeNodeModel create(Tx tx, ComputeNodeModel n) throws SQLException {
        long workflowId = required(n.workflowId(), "workflow_id");
        requiredText(n.hostname(), "hostname");
        required(n.pid(), "pid");
        requiredText(n.startTime(), "start_time");
        requiredText(n.computeNodeType(), "compute_node_type");
        checkAmounts(required(n.numCpus(), "num_cpus"), required(n.memoryGb(), "memory_gb"),
                required(n.numGpus(), "num_gpus"), required(n.numNodes(), "num_nodes"),
                n.durationSeconds());
        checkScheduler(n.scheduler());
        WorkflowRepository.requireExists(tx, workflowId);
        long id = tx.insert("""
                INSERT INTO compute_node (workflow_id, hostname, pid, start_time, duration_seconds,
                    is_active, num_cpus, memory_gb, num_gpus, num_nodes, time_limit,
                    scheduler_config_id, compute_node_type, scheduler)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                workflowId, n.hostname(), n.pid(), n.startTime(), n.durationSeconds(),
                n.isActive() == null || n.isActive(), n.numCpus(), n.memoryGb(), n.numGpus(),
                n.numNodes(), n.timeLimit(), n.schedulerConfigId(), n.computeNodeType(),
                n.scheduler());
        return require(tx, id);
    }

    public Optional<ComputeNodeModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM compute_node cn WHERE cn.id = ?",
                ComputeNodeRepository::map, id);
    }

    public ComputeNodeModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Compute node", id));
    }

    /** Changes the fields present in the body; the workflow cannot change. */
    public ComputeNodeModel update(Tx tx, long id, ComputeNodeModel n) throws SQLException {
        ComputeNodeModel current = require(tx, id);
        if (n.workflowId() != null && !n.workflowId().equals(current.workflowId())) {
            throw ApiException.unprocessable("workflow_id cannot be changed (compute node belongs "
                    + "to workflow " + current.workflowId() + ")");
        }
        notBlankIfPresent(n.hostname(), "hostname");
        notBlankIfPresent(n.startTime(), "start_time");
        notBlankIfPresent(n.computeNodeType(), "compute_node_type");
        checkAmounts(orElse(n.numCpus(), 0L), orElse(n.memoryGb(), 0.0), orElse(n.numGpus(), 0L),
                orElse(n.numNodes(), 0L), n.durationSeconds());
        checkScheduler(n.scheduler());
        JsonNode scheduler = n.scheduler() == null || n.scheduler().isNull() ? null : n.scheduler();
        tx.update("""
                UPDATE compute_node SET
                    hostname = COALESCE(?, hostname),
                    pid = COALESCE(?, pid),
                    start_time = COALESCE(?, start_time),
                    duration_seconds = COALESCE(?, duration_seconds),
                    is_active = COALESCE(?, is_active),
                    num_cpus = COALESCE(?, num_cpus),
                    memory_gb = COALESCE(?, memory_gb),
                    num_gpus = COALESCE(?, num_gpus),
                    num_nodes = COALESCE(?, num_nodes),
                    time_limit = COALESCE(?, time_limit),
                    scheduler_config_id = COALESCE(?, scheduler_config_id),
                    compute_node_type = COALESCE(?, compute_node_type),
                    scheduler = COALESCE(?, scheduler)
                WHERE id = ?""",
                n.hostname(), n.pid(), n.startTime(), n.durationSeconds(), n.isActive(),
                n.numCpus(), n.memoryGb(), n.numGpus(), n.numNodes(), n.timeLimit(),
                n.schedulerConfigId(), n.computeNodeType(), scheduler, id);
        return require(tx, id);
    }

    /** Deletes the node; its results stay, no longer pointing at it (torc deleted them). */
    public ComputeNodeModel delete(Tx tx, long id) throws SQLException {
        ComputeNodeModel existing = require(tx, id);
        tx.update("DELETE FROM compute_node WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM compute_node WHERE workflow_id = ?", workflowId);
    }

    /**
     * Lists a workflow's nodes; {@code scheduledComputeNodeId} keeps the nodes whose scheduler
     * JSON names that scheduler id.
     */
    public ListResponse<ComputeNodeModel> list(Sql sql, Page page, long workflowId, String hostname,
            Boolean isActive, Long scheduledComputeNodeId) throws SQLException {
        Where where = new Where()
                .and("cn.workflow_id = ?", workflowId)
                .andIf(hostname, "cn.hostname = ?")
                .andIf(isActive, "cn.is_active = ?")
                .andIf(scheduledComputeNodeId, "json_extract(cn.scheduler, '$.scheduler_id') = ?");
        return page.fetch(sql, COLUMNS, "FROM compute_node cn", where, ComputeNodeRepository::map);
    }

    private static void checkAmounts(long numCpus, double memoryGb, long numGpus, long numNodes,
            Double durationSeconds) {
        if (numCpus < 0 || numGpus < 0 || numNodes < 0) {
            throw ApiException.unprocessable("num_cpus, num_gpus and num_nodes cannot be negative");
        }
        if (memoryGb < 0 || Double.isNaN(memoryGb)) {
            throw ApiException.unprocessable("memory_gb cannot be negative");
        }
        if (durationSeconds != null && durationSeconds < 0) {
            throw ApiException.unprocessable("duration_seconds cannot be negative");
        }
    }

    /** The scheduler description is looked into with json_extract, so it must be an object. */
    private static void checkScheduler(JsonNode scheduler) {
        if (scheduler != null && !scheduler.isNull() && !scheduler.isObject()) {
            throw ApiException.unprocessable("scheduler must be a JSON object");
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.unprocessable(field + " is required");
        }
        return value;
    }

    private static void requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.unprocessable(field + " is required and cannot be empty");
        }
    }

    private static void notBlankIfPresent(String value, String field) {
        if (value != null && value.isBlank()) {
            throw ApiException.unprocessable(field + " cannot be empty");
        }
    }

    private static <T> T orElse(T value, T dflt) {
        return value == null ? dflt : value;
    }

    static ComputeNodeModel map(ResultSet rs) throws SQLException {
        return new ComputeNodeModel(
                rs.getLong("id"),
                rs.getLong("workflow_id"),
                rs.getString("hostname"),
                rs.getLong("pid"),
                rs.getString("start_time"),
                Sql.getDouble(rs, "duration_seconds"),
                // torc reports a missing flag as inactive
                rs.getLong("is_active") != 0,
                rs.getLong("num_cpus"),
                rs.getDouble("memory_gb"),
                rs.getLong("num_gpus"),
                rs.getLong("num_nodes"),
                rs.getString("time_limit"),
                Sql.getLong(rs, "scheduler_config_id"),
                rs.getString("compute_node_type"),
                Sql.getJson(rs, "scheduler"));
    }
}
