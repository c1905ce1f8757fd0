package org.torc.server.failurehandlers;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.torc.common.model.FailureHandlerModel;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;
import org.torc.server.workflows.WorkflowRepository;

/** {@code /failure_handlers} and a workflow's handler list. */
public final class FailureHandlerRoutes implements Routes {
    private final Database db;
    private final FailureHandlerRepository handlers;

    public FailureHandlerRoutes(Database db, FailureHandlerRepository handlers) {
        this.db = db;
        this.handlers = handlers;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/failure_handlers", this::create);
        r.get("/failure_handlers/{id}", this::get);
        r.delete("/failure_handlers/{id}", this::delete);
        r.get("/workflows/{id}/failure_handlers", this::list);
    }

    private void create(Context ctx) {
        FailureHandlerModel body = Params.body(ctx, FailureHandlerModel.class);
        ctx.json(db.write(tx -> handlers.create(tx, body)));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> handlers.require(sql, id)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> handlers.delete(tx, id)));
    }

    private void list(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        var page = Params.page(ctx, FailureHandlerRepository.SORTABLE, null);
        ctx.json(db.read(sql -> {
            WorkflowRepository.requireExists(sql, workflowId);
            return handlers.list(sql, page, workflowId);
        }));
    }
}
