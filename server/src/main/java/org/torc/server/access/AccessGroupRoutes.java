package org.torc.server.access;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.torc.common.model.AccessGroupModel;
import org.torc.common.model.UserGroupMembershipModel;
import org.torc.common.model.WorkflowAccessGroupModel;
import org.torc.server.db.Database;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;
import org.torc.server.workflows.WorkflowRepository;

/**
 * Access groups, their members, the workflows shared with them, and the access check. Lists use
 * torc's group envelope and are sorted by name (members by user name) unless sort_by says otherwise.
 */
public final class AccessGroupRoutes implements Routes {
    private final Database db;
    private final AccessGroupRepository groups;
    private final GroupMembershipRepository members;
    private final WorkflowAccessGroupRepository shares;
    private final GroupAuthorization authorization;

    public AccessGroupRoutes(Database db, Access access) {
        this.db = db;
        this.groups = new AccessGroupRepository();
        this.members = new GroupMembershipRepository();
        this.shares = new WorkflowAccessGroupRepository();
        this.authorization = new GroupAuthorization(access);
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/access_groups", this::createGroup);
        r.get("/access_groups", this::listGroups);
        r.get("/access_groups/{id}", this::getGroup);
        r.delete("/access_groups/{id}", this::deleteGroup);
        r.post("/access_groups/{id}/members", this::addMember);
        r.get("/access_groups/{id}/members", this::listMembers);
        r.delete("/access_groups/{id}/members/{user_name}", this::removeMember);
        r.get("/users/{user_name}/groups", this::listUserGroups);
        // torc's router takes the group from the path; its openapi.yaml puts it in the body.
        r.post("/workflows/{id}/access_groups/{group_id}", this::shareWorkflowByPath);
        r.post("/workflows/{id}/access_groups", this::shareWorkflowByBody);
        r.get("/workflows/{id}/access_groups", this::listWorkflowGroups);
        r.delete("/workflows/{id}/access_groups/{group_id}", this::unshareWorkflow);
        r.get("/access_check/{workflow_id}/{user_name}", this::checkAccess);
    }

    private void createGroup(Context ctx) {
        AccessGroupModel body = Params.body(ctx, AccessGroupModel.class);
        String user = Access.user(ctx);
        ctx.json(db.write(tx -> {
            authorization.requireSystemAdmin(tx, user);
            return groups.create(tx, body);
        }));
    }

    private void listGroups(Context ctx) {
        Page page = page(ctx, AccessGroupRepository.SORTABLE, "g", "name");
        ctx.json(db.read(sql -> groups.list(sql, page)));
    }

    private void getGroup(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> groups.require(sql, id)));
    }

    private void deleteGroup(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        String user = Access.user(ctx);
        ctx.json(db.write(tx -> {
            groups.require(tx, id);
            authorization.requireSystemAdmin(tx, user);
            return groups.delete(tx, id);
        }));
    }

    private void addMember(Context ctx) {
        long groupId = Params.pathLong(ctx, "id");
        UserGroupMembershipModel body = Params.body(ctx, UserGroupMembershipModel.class);
        String user = Access.user(ctx);
        ctx.json(db.write(tx -> {
            groups.require(tx, groupId);
            authorization.requireGroupAdmin(tx, user, groupId);
            return members.add(tx, groupId, body);
        }));
    }

    private void listMembers(Context ctx) {
        long groupId = Params.pathLong(ctx, "id");
        Page page = page(ctx, GroupMembershipRepository.SORTABLE, null, "user_name");
        ctx.json(db.read(sql -> {
            groups.require(sql, groupId);
            return members.list(sql, page, groupId);
        }));
    }

    private void removeMember(Context ctx) {
        long groupId = Params.pathLong(ctx, "id");
        String userName = Params.pathString(ctx, "user_name");
        String user = Access.user(ctx);
        ctx.json(db.write(tx -> {
            groups.require(tx, groupId);
            authorization.requireGroupAdmin(tx, user, groupId);
            return members.remove(tx, groupId, userName);
        }));
    }

    private void listUserGroups(Context ctx) {
        String userName = Params.pathString(ctx, "user_name");
        Page page = page(ctx, AccessGroupRepository.SORTABLE, "g", "name");
        ctx.json(db.read(sql -> groups.listForUser(sql, page, userName)));
    }

    private void shareWorkflowByPath(Context ctx) {
        share(ctx, Params.pathLong(ctx, "id"), Params.pathLong(ctx, "group_id"));
    }

    private void shareWorkflowByBody(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        WorkflowAccessGroupModel body = Params.body(ctx, WorkflowAccessGroupModel.class);
        if (body.groupId() == null) {
            throw ApiException.unprocessable("group_id is required");
        }
        if (body.workflowId() != null && body.workflowId() != workflowId) {
            throw ApiException.unprocessable("workflow_id " + body.workflowId()
                    + " in the body does not match workflow " + workflowId + " in the path");
        }
        share(ctx, workflowId, body.groupId());
    }

    private void share(Context ctx, long workflowId, long groupId) {
        String user = Access.user(ctx);
        ctx.json(db.write(tx -> {
            WorkflowRepository.requireExists(tx, workflowId);
            groups.require(tx, groupId);
            authorization.requireWorkflowOwnerOrGroupAdmin(tx, user, workflowId, groupId);
            return shares.add(tx, workflowId, groupId);
        }));
    }

    private void listWorkflowGroups(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        Page page = page(ctx, AccessGroupRepository.SORTABLE, "g", "name");
        ctx.json(db.read(sql -> {
            WorkflowRepository.requireExists(sql, workflowId);
            return groups.listForWorkflow(sql, page, workflowId);
        }));
    }

    private void unshareWorkflow(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        long groupId = Params.pathLong(ctx, "group_id");
        String user = Access.user(ctx);
        ctx.json(db.write(tx -> {
            WorkflowRepository.requireExists(tx, workflowId);
            groups.require(tx, groupId);
            authorization.requireWorkflowOwnerOrGroupAdmin(tx, user, workflowId, groupId);
            return shares.remove(tx, workflowId, groupId);
        }));
    }

    /** Whether {@code user_name} may use the workflow under the access rule (enforced or not). */
    private void checkAccess(Context ctx) {
        long workflowId = Params.pathLong(ctx, "workflow_id");
        String userName = Params.pathString(ctx, "user_name");
        ctx.json(db.read(sql -> {
            String owner = sql.queryOne("SELECT user FROM workflow WHERE id = ?",
                    rs -> rs.getString(1), workflowId)
                    .orElseThrow(() -> ApiException.notFound("Workflow", workflowId));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("has_access", Access.hasAccess(sql, workflowId, owner, userName));
            out.put("user_name", userName);
            out.put("workflow_id", workflowId);
            return out;
        }));
    }

    /** Paging as usual, but sorted by {@code defaultColumn} when the request names no sort_by. */
    private static Page page(Context ctx, Set<String> sortable, String alias, String defaultColumn) {
        Page p = Params.page(ctx, sortable, alias);
        if (Params.queryString(ctx, "sort_by") != null) {
            return p;
        }
        String column = alias == null ? defaultColumn : alias + "." + defaultColumn;
        return new Page(p.offset(), p.limit(), column, p.descending());
    }
}
