package org.torc.server.access;

import java.sql.SQLException;
import org.torc.server.db.Sql;

/**
 * Who may change access groups, when access control is enforced (otherwise everyone may):
 * <ul>
 *   <li>create or delete a group: system administrators (members of the system group "admin");</li>
 *   <li>add or remove members: system administrators and the group's own admins — but nobody
 *       through the API for a system group, whose members come from the server configuration;</li>
 *   <li>share a workflow with a group or stop sharing it: the workflow's owner, or whoever may
 *       manage the group's members.</li>
 * </ul>
 * Anonymous callers may do none of it. Failures are 403, or 404 when the group or workflow does
 * not exist.
 */
public final class GroupAuthorization {
    private final Access access;

    public GroupAuthorization(Access access) {
        this.access = access;
    }

    public void requireSystemAdmin(Sql sql, String user) throws SQLException {
        if (!access.enforced()) {
            return;
        }
        requireNamed(user, "admin operations");
        if (!Access.isAdmin(sql, user)) {
            throw AccessGroupRepository.forbidden("User '" + user
                    + "' is not a system administrator");
        }
    }

    public void requireGroupAdmin(Sql sql, String user, long groupId) throws SQLException {
        if (!access.enforced()) {
            return;
        }
        requireNamed(user, "group management");
        requireGroupAdminOf(sql, user, groupId);
    }

    public void requireWorkflowOwnerOrGroupAdmin(Sql sql, String user, long workflowId,
            long groupId) throws SQLException {
        if (!access.enforced()) {
            return;
        }
        requireNamed(user, "workflow-group operations");
        var owner = sql.queryOne("SELECT user FROM workflow WHERE id = ?", rs -> rs.getString(1),
                workflowId);
        if (owner.isEmpty()) {
            throw AccessGroupRepository.notFound("Workflow not found with ID: " + workflowId);
        }
        if (owner.get().equals(user)) {
            return;
        }
        requireGroupAdminOf(sql, user, groupId);
    }

    private static void requireGroupAdminOf(Sql sql, String user, long groupId)
            throws SQLException {
        var system = sql.queryOne("SELECT is_system FROM access_group WHERE id = ?",
                rs -> rs.getLong(1) != 0, groupId);
        if (system.isEmpty()) {
            throw AccessGroupRepository.notFound("Group not found with ID: " + groupId);
        }
        if (system.get()) {
            throw AccessGroupRepository.forbidden(
                    "Admin group membership is managed via server configuration");
        }
        if (Access.isAdmin(sql, user) || sql.exists("""
                SELECT 1 FROM user_group_membership
                WHERE user_name = ? AND group_id = ? AND role = ?""",
                user, groupId, GroupMembershipRepository.ADMIN)) {
            return;
        }
        throw AccessGroupRepository.forbidden("User '" + user + "' is not an admin of group "
                + groupId);
    }

    private static void requireNamed(String user, String what) {
        if (user == null || Access.ANONYMOUS.equals(user)) {
            throw AccessGroupRepository.forbidden("Anonymous access not allowed for " + what);
        }
    }
}
