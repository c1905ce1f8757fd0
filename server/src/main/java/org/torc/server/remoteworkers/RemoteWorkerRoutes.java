package org.torc.server.remoteworkers;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** {@code /workflows/{id}/remote_workers}: register, list and remove a workflow's SSH workers. */
public final class RemoteWorkerRoutes implements Routes {
    private final Database db;
    private final RemoteWorkerRepository workers;

    public RemoteWorkerRoutes(Database db, RemoteWorkerRepository workers) {
        this.db = db;
        this.workers = workers;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/workflows/{id}/remote_workers", this::add);
        r.get("/workflows/{id}/remote_workers", this::list);
        r.delete("/workflows/{id}/remote_workers/{worker}", this::delete);
    }

    private void add(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        List<String> body = Arrays.asList(Params.body(ctx, String[].class));
        ctx.json(db.write(tx -> workers.add(tx, workflowId, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> workers.list(sql, workflowId)));
    }

    private void delete(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        String worker = Params.pathString(ctx, "worker");
        ctx.json(db.write(tx -> workers.delete(tx, workflowId, worker)));
    }
}
