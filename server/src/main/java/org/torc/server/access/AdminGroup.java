package org.torc.server.access;

import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.db.Tx;

/**
 * The system group "admin", whose members are the server's administrators. Its membership comes
 * from the server configuration only: at startup {@link #sync} makes it exactly the configured
 * users, and the API refuses to change it or to delete the group.
 */
public final class AdminGroup {
    private static final Logger log = LoggerFactory.getLogger(AdminGroup.class);

    private AdminGroup() {
    }

    /**
     * Creates the group if missing (an existing group named "admin" becomes the system group) and
     * sets its members to exactly {@code adminUsers}, each with role admin.
     *
     * @return the group's id
     */
    public static long sync(Tx tx, List<String> adminUsers) throws SQLException {
        tx.update("""
                INSERT INTO access_group (name, description, is_system)
                VALUES (?, 'System administrators', 1)
                ON CONFLICT (name) DO UPDATE SET is_system = 1""",
                AccessGroupRepository.ADMIN_GROUP);
        long groupId = tx.queryLong("SELECT id FROM access_group WHERE name = ?",
                AccessGroupRepository.ADMIN_GROUP);
        List<String> removed = tx.query("""
                SELECT user_name FROM user_group_membership
                WHERE group_id = ? AND user_name NOT IN (SELECT value FROM json_each(?))
                ORDER BY user_name""",
                rs -> rs.getString(1), groupId, adminUsers);
        for (String user : removed) {
            log.info("Removing user '{}' from the admin group (not configured as an admin)", user);
        }
        tx.update("""
                DELETE FROM user_group_membership
                WHERE group_id = ? AND user_name NOT IN (SELECT value FROM json_each(?))""",
                groupId, adminUsers);
        for (String user : adminUsers) {
            int added = tx.update("""
                    INSERT INTO user_group_membership (user_name, group_id, role)
                    VALUES (?, ?, 'admin')
                    ON CONFLICT (user_name, group_id) DO NOTHING""",
                    user, groupId);
            if (added > 0) {
                log.info("Adding user '{}' to the admin group", user);
            } else {
                tx.update("UPDATE user_group_membership SET role = 'admin' "
                        + "WHERE user_name = ? AND group_id = ?", user, groupId);
            }
        }
        return groupId;
    }
}
