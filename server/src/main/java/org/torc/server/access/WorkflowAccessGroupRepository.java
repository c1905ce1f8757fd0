package org.torc.server.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.torc.common.model.WorkflowAccessGroupModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;

/** The {@code workflow_access_group} table: which groups a workflow is shared with. */
public final class WorkflowAccessGroupRepository {
    private static final String COLUMNS = "workflow_id, group_id, created_at";

    /** Links the workflow and the group; both must exist (the caller checks). */
    public WorkflowAccessGroupModel add(Tx tx, long workflowId, long groupId) throws SQLException {
        if (find(tx, workflowId, groupId) != null) {
            throw AccessGroupRepository.conflict("Workflow " + workflowId
                    + " is already associated with group " + groupId);
        }
        tx.update("INSERT INTO workflow_access_group (workflow_id, group_id) VALUES (?, ?)",
                workflowId, groupId);
        return find(tx, workflowId, groupId);
    }

    public WorkflowAccessGroupModel remove(Tx tx, long workflowId, long groupId)
            throws SQLException {
        WorkflowAccessGroupModel existing = find(tx, workflowId, groupId);
        if (existing == null) {
            throw AccessGroupRepository.notFound("Association not found for workflow "
                    + workflowId + " in group " + groupId);
        }
        tx.update("DELETE FROM workflow_access_group WHERE workflow_id = ? AND group_id = ?",
                workflowId, groupId);
        return existing;
    }

    private static WorkflowAccessGroupModel find(Sql sql, long workflowId, long groupId)
            throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS
                + " FROM workflow_access_group WHERE workflow_id = ? AND group_id = ?",
                WorkflowAccessGroupRepository::map, workflowId, groupId).orElse(null);
    }

    private static WorkflowAccessGroupModel map(ResultSet rs) throws SQLException {
        return new WorkflowAccessGroupModel(rs.getLong("workflow_id"), rs.getLong("group_id"),
                rs.getString("created_at"));
    }
}
