package org.torc.server.schedulers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.torc.common.model.ListResponse;
import org.torc.common.model.ScheduledComputeNodesModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code scheduled_compute_node} table: allocations a client asked a scheduler for (e.g. one
 * Slurm job id). {@code status} is free text; torc's client writes pending, active and complete.
 */
public final class ScheduledComputeNodeRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "scheduler_id",
            "scheduler_config_id", "scheduler_type", "status");

    private static final String COLUMNS =
            "id, workflow_id, scheduler_id, scheduler_config_id, scheduler_type, status";

    public ScheduledComputeNodesModel create(Tx tx, ScheduledComputeNodesModel n)
            throws SQLException {
        Fields.required(n.workflowId(), "workflow_id");
        Fields.required(n.schedulerId(), "scheduler_id");
        Fields.required(n.schedulerConfigId(), "scheduler_config_id");
        Fields.requiredText(n.schedulerType(), "scheduler_type");
        Fields.requiredText(n.status(), "status");
        WorkflowRepository.requireExists(tx, n.workflowId());
        long id = tx.insert("""
                INSERT INTO scheduled_compute_node
                    (workflow_id, scheduler_id, scheduler_config_id, scheduler_type, status)
                VALUES (?, ?, ?, ?, ?)""",
                n.workflowId(), n.schedulerId(), n.schedulerConfigId(), n.schedulerType(),
                n.status());
        return require(tx, id);
    }

    public Optional<ScheduledComputeNodesModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM scheduled_compute_node WHERE id = ?",
                ScheduledComputeNodeRepository::map, id);
    }

    public ScheduledComputeNodesModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Scheduled compute node", id));
    }

    /** Changes the fields present in {@code n}; absent fields keep their values. */
    public ScheduledComputeNodesModel update(Tx tx, long id, ScheduledComputeNodesModel n)
            throws SQLException {
        ScheduledComputeNodesModel current = require(tx, id);
        Fields.sameWorkflow(n.workflowId(), current.workflowId());
        Fields.notBlank(n.schedulerType(), "scheduler_type");
        Fields.notBlank(n.status(), "status");
        tx.update("""
                UPDATE scheduled_compute_node SET
                    scheduler_id = COALESCE(?, scheduler_id),
                    scheduler_config_id = COALESCE(?, scheduler_config_id),
                    scheduler_type = COALESCE(?, scheduler_type),
                    status = COALESCE(?, status)
                WHERE id = ?""",
                n.schedulerId(), n.schedulerConfigId(), n.schedulerType(), n.status(), id);
        return require(tx, id);
    }

    public ScheduledComputeNodesModel delete(Tx tx, long id) throws SQLException {
        ScheduledComputeNodesModel existing = require(tx, id);
        tx.update("DELETE FROM scheduled_compute_node WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM scheduled_compute_node WHERE workflow_id = ?", workflowId);
    }

    public ListResponse<ScheduledComputeNodesModel> list(Sql sql, Page page, long workflowId,
            Long schedulerId, Long schedulerConfigId, String status) throws SQLException {
        Where where = new Where()
                .and("workflow_id = ?", workflowId)
                .andIf(schedulerId, "scheduler_id = ?")
                .andIf(schedulerConfigId, "scheduler_config_id = ?")
                .andIf(status, "status = ?");
        return page.fetch(sql, COLUMNS, "FROM scheduled_compute_node", where,
                ScheduledComputeNodeRepository::map);
    }

    private static ScheduledComputeNodesModel map(ResultSet rs) throws SQLException {
        return new ScheduledComputeNodesModel(rs.getLong("id"), rs.getLong("workflow_id"),
                rs.getLong("scheduler_id"), rs.getLong("scheduler_config_id"),
                rs.getString("scheduler_type"), rs.getString("status"));
    }
}
