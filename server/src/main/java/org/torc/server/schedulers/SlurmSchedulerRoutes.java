package org.torc.server.schedulers;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.model.SlurmSchedulerModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** {@code /slurm_schedulers}: CRUD, the filtered list and the per-workflow bulk delete. */
public final class SlurmSchedulerRoutes implements Routes {
    private final Database db;
    private final SlurmSchedulerRepository schedulers;
    private final Access access;

    public SlurmSchedulerRoutes(Database db, SlurmSchedulerRepository schedulers, Access access) {
        this.db = db;
        this.schedulers = schedulers;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/slurm_schedulers", this::create);
        r.get("/slurm_schedulers", this::list);
        r.delete("/slurm_schedulers", this::deleteAll);
        r.get("/slurm_schedulers/{id}", this::get);
        r.put("/slurm_schedulers/{id}", this::update);
        r.delete("/slurm_schedulers/{id}", this::delete);
    }

    private void create(Context ctx) {
        SlurmSchedulerModel body = Params.body(ctx, SlurmSchedulerModel.class);
        ctx.json(db.write(tx -> schedulers.create(tx, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, SlurmSchedulerRepository.SORTABLE, null);
        var filter = new SlurmSchedulerRepository.Filter(
                Params.queryString(ctx, "name"),
                Params.queryString(ctx, "account"),
                Params.queryString(ctx, "gres"),
                Params.queryString(ctx, "mem"),
                Params.queryLong(ctx, "nodes"),
                Params.queryString(ctx, "partition"),
                Params.queryString(ctx, "qos"),
                Params.queryString(ctx, "tmp"),
                Params.queryString(ctx, "walltime"));
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return schedulers.list(sql, page, workflowId, filter);
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
        SlurmSchedulerModel body = Params.body(ctx, SlurmSchedulerModel.class);
        ctx.json(db.write(tx -> schedulers.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> schedulers.delete(tx, id)));
    }
}
