package org.torc.server.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.torc.common.model.AccessGroupModel;
import org.torc.common.model.GroupListResponse;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;

/** The {@code access_group} table: named teams that workflows can be shared with. */
public final class AccessGroupRepository {
    public static final Set<String> SORTABLE = Set.of("id", "name", "description", "created_at");
    /** The group of system administrators; created and filled from the server configuration. */
    public static final String ADMIN_GROUP = "admin";

    static final String COLUMNS = "g.id, g.name, g.description, g.created_at";

    public AccessGroupModel create(Tx tx, AccessGroupModel g) throws SQLException {
        if (g.name() == null || g.name().isBlank()) {
            throw ApiException.unprocessable("name is required and cannot be empty");
        }
        if (tx.exists("SELECT 1 FROM access_group WHERE name = ?", g.name())) {
            throw conflict("Group '" + g.name() + "' already exists");
        }
        long id = tx.insert("INSERT INTO access_group (name, description) VALUES (?, ?)",
                g.name(), g.description());
        return require(tx, id);
    }

    public Optional<AccessGroupModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM access_group g WHERE g.id = ?",
                AccessGroupRepository::map, id);
    }

    public AccessGroupModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> notFound("Group not found with ID: " + id));
    }

    public static boolean isSystem(Sql sql, long id) throws SQLException {
        return sql.exists("SELECT 1 FROM access_group WHERE id = ? AND is_system = 1", id);
    }

    /** Deletes the group with its memberships and workflow links; system groups are refused. */
    public AccessGroupModel delete(Tx tx, long id) throws SQLException {
        AccessGroupModel existing = require(tx, id);
        if (isSystem(tx, id)) {
            throw forbidden("Cannot delete system groups");
        }
        tx.update("DELETE FROM access_group WHERE id = ?", id);
        return existing;
    }

    public GroupListResponse<AccessGroupModel> list(Sql sql, Page page) throws SQLException {
        return GroupListResponse.of(page.fetch(sql, COLUMNS, "FROM access_group g", new Where(),
                AccessGroupRepository::map), page.limit());
    }

    /** The groups {@code userName} belongs to. */
    public GroupListResponse<AccessGroupModel> listForUser(Sql sql, Page page, String userName)
            throws SQLException {
        return GroupListResponse.of(page.fetch(sql, COLUMNS,
                "FROM access_group g JOIN user_group_membership m ON m.group_id = g.id",
                new Where().and("m.user_name = ?", userName), AccessGroupRepository::map),
                page.limit());
    }

    /** The groups the workflow is shared with. */
    public GroupListResponse<AccessGroupModel> listForWorkflow(Sql sql, Page page, long workflowId)
            throws SQLException {
        return GroupListResponse.of(page.fetch(sql, COLUMNS,
                "FROM access_group g JOIN workflow_access_group w ON w.group_id = g.id",
                new Where().and("w.workflow_id = ?", workflowId), AccessGroupRepository::map),
                page.limit());
    }

    static AccessGroupModel map(ResultSet rs) throws SQLException {
        return new AccessGroupModel(rs.getLong("id"), rs.getString("name"),
                rs.getString("description"), rs.getString("created_at"));
    }

    // torc tags the errors of its access-group endpoints with a kind next to the message.

    static ApiException notFound(String message) {
        return new ApiException(404, message, Map.of("error", "NotFound"));
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message, Map.of("error", "Forbidden"));
    }

    static ApiException conflict(String message) {
        return new ApiException(409, message, Map.of("error", "Conflict"));
    }
}
