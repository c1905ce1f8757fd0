package org.torc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.db.Database;
import org.torc.server.testing.TestServer;

class AdminGroupTest {
    static TestServer server;
    static Database db;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        db = server.server().database();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> members(long groupId) {
        return db.read(sql -> sql.query("""
                SELECT user_name || ':' || role FROM user_group_membership
                WHERE group_id = ? ORDER BY user_name""", rs -> rs.getString(1), groupId));
    }

    private static boolean isSystem(long groupId) {
        Boolean system = db.read(sql -> AccessGroupRepository.isSystem(sql, groupId));
        return system;
    }

    private static boolean isAdmin(String user) {
        Boolean admin = db.read(sql -> Access.isAdmin(sql, user));
        return admin;
    }

    private static long sync(List<String> users) {
        return db.write(tx -> AdminGroup.sync(tx, users));
    }

    @Test
    void sync_makes_the_admin_group_hold_exactly_the_configured_users() {
        long id = sync(List.of("root", "ops"));
        assertEquals(List.of("ops:admin", "root:admin"), members(id));
        assertTrue(isSystem(id));
        assertTrue(isAdmin("ops"));

        assertEquals(id, sync(List.of("root", "new")), "the same group is reused");
        assertEquals(List.of("new:admin", "root:admin"), members(id));
        assertFalse(isAdmin("ops"));

        sync(List.of());
        assertEquals(List.of(), members(id));
        long groups = db.read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM access_group WHERE name = 'admin'"));
        assertEquals(1, groups);
    }

    @Test
    void a_user_made_admin_group_becomes_the_system_group_and_members_get_the_admin_role() {
        // Runs after or before the other test; either way the group named admin is reused.
        long id = db.write(tx -> {
            tx.update("INSERT OR IGNORE INTO access_group (name) VALUES ('admin')");
            long g = tx.queryLong("SELECT id FROM access_group WHERE name = 'admin'");
            tx.update("UPDATE access_group SET is_system = 0 WHERE id = ?", g);
            tx.update("INSERT OR IGNORE INTO user_group_membership (user_name, group_id, role) "
                    + "VALUES ('kim', ?, 'member')", g);
            tx.update("UPDATE user_group_membership SET role = 'member' WHERE group_id = ?", g);
            return g;
        });
        assertEquals(id, sync(List.of("kim")));
        assertTrue(isSystem(id));
        assertEquals(List.of("kim:admin"), members(id));
    }
}
