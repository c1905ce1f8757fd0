package org.torc.server.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torc.server.db.Database;
import org.torc.server.db.Sql;
import org.torc.server.http.ApiException;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

/**
 * The access-group rules with access control enforced. Authentication is not wired yet, so the
 * rules are checked directly against the database with the caller's user name.
 */
class GroupAuthorizationTest {
    static TestServer server;
    static Database db;
    static final GroupAuthorization enforced = new GroupAuthorization(new Access(true));
    static final GroupAuthorization open = new GroupAuthorization(new Access(false));
    static long workflow;
    static long team;
    static long adminGroup;

    @FunctionalInterface
    interface Rule {
        void check(Sql sql) throws Exception;
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        db = server.server().database();
        ApiClient api = server.api();
        workflow = api.post("/workflows", ApiClient.obj().put("name", "wf").put("user", "olivia"))
                .expect(200).id();
        team = api.post("/access_groups", ApiClient.obj().put("name", "team")).expect(200).id();
        api.post("/access_groups/" + team + "/members", ApiClient.obj().put("user_name", "gina")
                .put("role", "admin")).expect(200);
        api.post("/access_groups/" + team + "/members", ApiClient.obj().put("user_name", "mo"))
                .expect(200);
        adminGroup = db.write(tx -> AdminGroup.sync(tx, List.of("root")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Executable run(Rule rule) {
        return () -> db.read(sql -> {
            try {
                rule.check(sql);
            } catch (RuntimeException | java.sql.SQLException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static void allowed(Rule rule) {
        assertDoesNotThrow(run(rule));
    }

    private static ApiException refused(int status, Rule rule) {
        ApiException e = assertThrows(ApiException.class, run(rule));
        assertEquals(status, e.status(), e.getMessage());
        return e;
    }

    @Test
    void only_system_admins_create_and_delete_groups() {
        allowed(sql -> enforced.requireSystemAdmin(sql, "root"));
        refused(403, sql -> enforced.requireSystemAdmin(sql, "gina"));
        ApiException anon = refused(403, sql -> enforced.requireSystemAdmin(sql, Access.ANONYMOUS));
        assertTrue(anon.getMessage().contains("Anonymous"), anon.getMessage());
        assertEquals("Forbidden", anon.extra().get("error"));
    }

    @Test
    void group_admins_and_system_admins_manage_members() {
        allowed(sql -> enforced.requireGroupAdmin(sql, "gina", team));
        allowed(sql -> enforced.requireGroupAdmin(sql, "root", team));
        ApiException member = refused(403, sql -> enforced.requireGroupAdmin(sql, "mo", team));
        assertEquals("User 'mo' is not an admin of group " + team, member.getMessage());
        refused(403, sql -> enforced.requireGroupAdmin(sql, "stranger", team));
        refused(403, sql -> enforced.requireGroupAdmin(sql, Access.ANONYMOUS, team));
        refused(404, sql -> enforced.requireGroupAdmin(sql, "root", 987654));
    }

    @Test
    void nobody_changes_the_system_group_through_the_api() {
        ApiException e = refused(403, sql -> enforced.requireGroupAdmin(sql, "root", adminGroup));
        assertEquals("Admin group membership is managed via server configuration", e.getMessage());
    }

    @Test
    void owners_and_group_admins_share_workflows() {
        allowed(sql -> enforced.requireWorkflowOwnerOrGroupAdmin(sql, "olivia", workflow, team));
        allowed(sql -> enforced.requireWorkflowOwnerOrGroupAdmin(sql, "gina", workflow, team));
        allowed(sql -> enforced.requireWorkflowOwnerOrGroupAdmin(sql, "root", workflow, team));
        refused(403, sql -> enforced.requireWorkflowOwnerOrGroupAdmin(sql, "mo", workflow, team));
        refused(403, sql -> enforced.requireWorkflowOwnerOrGroupAdmin(sql, Access.ANONYMOUS,
                workflow, team));
        refused(404, sql -> enforced.requireWorkflowOwnerOrGroupAdmin(sql, "olivia", 987654,
                team));
    }

    @Test
    void without_enforcement_everyone_may() {
        allowed(sql -> open.requireSystemAdmin(sql, Access.ANONYMOUS));
        allowed(sql -> open.requireGroupAdmin(sql, Access.ANONYMOUS, team));
        allowed(sql -> open.requireWorkflowOwnerOrGroupAdmin(sql, Access.ANONYMOUS, workflow,
                team));
    }
}
