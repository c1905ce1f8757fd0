package org.torc.server.schedulers;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.model.LocalSchedulerModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** {@code /local_schedulers}: CRUD, the filtered list and the per-workflow bulk delete. */
public final class LocalSchedulerRoutes implements Routes {
    private final Database db;
    private final LocalSchedulerRepository schedulers;
    private final Access access;

    public LocalSchedulerRoutes(Database db, LocalSchedulerRepository schedulers, Access access) {
        this.db = db;
        this.schedulers = schedulers;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/local_schedulers", this::create);
        r.get("/local_schedulers", this::list);
        r.delete("/local_schedulers", this::deleteAll);
        r.get("/local_schedulers/{id}", this::get);
        r.put("/local_schedulers/{id}", this::update);
        r.delete("/local_schedulers/{id}", this::delete);
    }

    private void create(Context ctx) {
        LocalSchedulerModel body = Params.body(ctx, LocalSchedulerModel.class);
        ctx.json(db.write(tx -> schedulers.create(tx, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, LocalSchedulerRepository.SORTABLE, null);
        String memory = Params.queryString(ctx, "memory");
        Long numCpus = Params.queryLong(ctx, "num_cpus");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return schedulers.list(sql, page, workflowId, memory, numCpus);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int count = db.write(tx -> schedulers.deleteAll(tx, workflowId));
        ctx.json(Map.of("count", count));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> schedulers.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        LocalSchedulerModel body = Params.body(ctx, LocalSchedulerModel.class);
        ctx.json(db.write(tx -> schedulers.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> schedulers.delete(tx, id)));
    }
}
