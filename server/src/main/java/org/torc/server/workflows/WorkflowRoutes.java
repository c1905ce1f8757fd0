package org.torc.server.workflows;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.torc.common.model.ListResponse;
import org.torc.common.model.WorkflowModel;
import org.torc.common.model.WorkflowStatusModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** Workflow CRUD and the workflow status resource. */
public final class WorkflowRoutes implements Routes {
    private final Database db;
    private final WorkflowRepository workflows;
    private final Access access;

    public WorkflowRoutes(Database db, WorkflowRepository workflows, Access access) {
        this.db = db;
        this.workflows = workflows;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/workflows", this::create);
        r.get("/workflows", this::list);
        r.get("/workflows/{id}", this::get);
        r.put("/workflows/{id}", this::update);
        r.delete("/workflows/{id}", this::delete);
        r.get("/workflows/{id}/status", this::getStatus);
        r.put("/workflows/{id}/status", this::putStatus);
    }

    private void create(Context ctx) {
        WorkflowModel body = Params.body(ctx, WorkflowModel.class);
        ctx.json(db.write(tx -> workflows.create(tx, body)));
    }

    private void list(Context ctx) {
        var page = Params.page(ctx, WorkflowRepository.SORTABLE, "w");
        String name = Params.queryString(ctx, "name");
        String user = Params.queryString(ctx, "user");
        String description = Params.queryString(ctx, "description");
        Boolean archived = Params.queryBool(ctx, "is_archived");
        ctx.json(db.read(sql -> switch (access.listVisibility(sql, ctx)) {
            case ALL -> workflows.list(sql, page, name, user, description, archived, null);
            case OWN_AND_SHARED -> workflows.list(sql, page, name, user, description, archived,
                    Access.user(ctx));
            case NONE -> ListResponse.of(List.of(), page.offset(), 0);
        }));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, id);
            return workflows.require(sql, id);
        }));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        WorkflowModel body = Params.body(ctx, WorkflowModel.class);
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return workflows.update(tx, id, body);
        }));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return workflows.delete(tx, id);
        }));
    }

    private void getStatus(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, id);
            return workflows.status(sql, id);
        }));
    }

    private void putStatus(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        WorkflowStatusModel body = Params.body(ctx, WorkflowStatusModel.class);
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, id);
            return workflows.updateStatus(tx, id, body);
        }));
    }
}
