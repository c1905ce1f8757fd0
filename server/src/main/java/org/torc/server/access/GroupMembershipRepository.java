package org.torc.server.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.torc.common.model.GroupListResponse;
import org.torc.common.model.UserGroupMembershipModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;

/** The {@code user_group_membership} table; {@code role} is member, or admin (may manage the group). */
public final class GroupMembershipRepository {
    public static final Set<String> SORTABLE = Set.of("id", "user_name", "role", "created_at");
    public static final String MEMBER = "member";
    public static final String ADMIN = "admin";
    public static final List<String> ROLES = List.of(MEMBER, ADMIN);

    private static final String COLUMNS = "id, user_name, group_id, role, created_at";

    /** Adds {@code m.user_name} to group {@code groupId} (the path's group wins over the body's). */
    public UserGroupMembershipModel add(Tx tx, long groupId, UserGroupMembershipModel m)
            throws SQLException {
        if (m.userName() == null || m.userName().isBlank()) {
            throw ApiException.unprocessable("user_name is required and cannot be empty");
        }
        String role = m.role() == null ? MEMBER : m.role();
        if (!ROLES.contains(role)) {
            throw ApiException.unprocessable("Invalid role '" + role + "'; expected member or admin");
        }
        if (m.groupId() != null && m.groupId() != groupId) {
            throw ApiException.unprocessable("group_id " + m.groupId()
                    + " in the body does not match group " + groupId + " in the path");
        }
        if (find(tx, groupId, m.userName()) != null) {
            throw AccessGroupRepository.conflict("User '" + m.userName()
                    + "' is already a member of group " + groupId);
        }
        long id = tx.insert("INSERT INTO user_group_membership (user_name, group_id, role) "
                + "VALUES (?, ?, ?)", m.userName(), groupId, role);
        return tx.queryOne("SELECT " + COLUMNS + " FROM user_group_membership WHERE id = ?",
                GroupMembershipRepository::map, id).orElseThrow();
    }

    public UserGroupMembershipModel remove(Tx tx, long groupId, String userName)
            throws SQLException {
        UserGroupMembershipModel existing = find(tx, groupId, userName);
        if (existing == null) {
            throw AccessGroupRepository.notFound("Membership not found for user '" + userName
                    + "' in group " + groupId);
        }
        tx.update("DELETE FROM user_group_membership WHERE id = ?", existing.id());
        return existing;
    }

    public GroupListResponse<UserGroupMembershipModel> list(Sql sql, Page page, long groupId)
            throws SQLException {
        return GroupListResponse.of(page.fetch(sql, COLUMNS, "FROM user_group_membership",
                new Where().and("group_id = ?", groupId), GroupMembershipRepository::map),
                page.limit());
    }

    private static UserGroupMembershipModel find(Sql sql, long groupId, String userName)
            throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS
                + " FROM user_group_membership WHERE group_id = ? AND user_name = ?",
                GroupMembershipRepository::map, groupId, userName).orElse(null);
    }

    private static UserGroupMembershipModel map(ResultSet rs) throws SQLException {
        return new UserGroupMembershipModel(rs.getLong("id"), rs.getString("user_name"),
                rs.getLong("group_id"), rs.getString("role"), rs.getString("created_at"));
    }
}
