package org.torc.server.access;

import io.javalin.http.Context;
import java.sql.SQLException;
import org.torc.server.db.Sql;
import org.torc.server.http.ApiException;

/**
 * Workflow access checks (torc's {@code --enforce-access-control}): a user may touch a workflow they
 * own or one shared with a group they belong to. Off by default, as in torc.
 */
public final class Access {
    /** Request attribute holding the authenticated user name (set by the auth filter). */
    public static final String USER_ATTRIBUTE = "torc.user";
    public static final String ANONYMOUS = "anonymous";

    private final boolean enforce;

    public Access(boolean enforce) {
        this.enforce = enforce;
    }

    public boolean enforced() {
        return enforce;
    }

    /** The caller's user name, or {@code anonymous} without credentials. */
    public static String user(Context ctx) {
        Object u = ctx.attribute(USER_ATTRIBUTE);
        return u == null ? ANONYMOUS : u.toString();
    }

    /** What a workflow list may show the caller. */
    public enum Visibility {
        ALL, OWN_AND_SHARED, NONE
    }

    /**
     * Everything without enforcement, and for system administrators; nothing for anonymous
     * callers (as torc); otherwise the caller's own workflows and those shared with their groups.
     */
    public Visibility listVisibility(Sql sql, Context ctx) throws SQLException {
        if (!enforce) {
            return Visibility.ALL;
        }
        String user = user(ctx);
        if (ANONYMOUS.equals(user)) {
            return Visibility.NONE;
        }
        return isAdmin(sql, user) ? Visibility.ALL : Visibility.OWN_AND_SHARED;
    }

    /** 404 if the workflow does not exist; 403 if enforcement is on and the caller may not use it. */
    public void checkWorkflow(Sql sql, Context ctx, long workflowId) throws SQLException {
        var owner = sql.queryOne("SELECT user FROM workflow WHERE id = ?", rs -> rs.getString(1),
                workflowId);
        if (owner.isEmpty()) {
            throw ApiException.notFound("Workflow", workflowId);
        }
        if (!enforce) {
            return;
        }
        String user = user(ctx);
        if (ANONYMOUS.equals(user)) {
            throw ApiException.forbidden("Authentication is required to access workflow "
                    + workflowId);
        }
        if (hasAccess(sql, workflowId, owner.get(), user)) {
            return;
        }
        throw ApiException.forbidden("User '" + user + "' does not have access to workflow "
                + workflowId);
    }

    /**
     * The access rule itself, whether or not it is enforced: the owner, a system administrator,
     * or a member of a group the workflow is shared with.
     */
    public static boolean hasAccess(Sql sql, long workflowId, String owner, String user)
            throws SQLException {
        return user.equals(owner) || isAdmin(sql, user) || sql.exists("""
                SELECT 1 FROM workflow_access_group wag
                JOIN user_group_membership m ON m.group_id = wag.group_id
                WHERE wag.workflow_id = ? AND m.user_name = ?""", workflowId, user);
    }

    public static boolean isAdmin(Sql sql, String user) throws SQLException {
        return sql.exists("""
                SELECT 1 FROM user_group_membership m JOIN access_group g ON g.id = m.group_id
                WHERE g.name = 'admin' AND g.is_system = 1 AND m.user_name = ?""", user);
    }
}
