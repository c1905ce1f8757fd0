package org.torc.server.results;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.JobStatus;
import org.torc.common.model.ResultModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** Job result CRUD. */
public final class ResultRoutes implements Routes {
    private final Database db;
    private final ResultRepository results;
    private final Access access;

    public ResultRoutes(Database db, ResultRepository results, Access access) {
        this.db = db;
        this.results = results;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/results", this::create);
        r.get("/results", this::list);
        r.delete("/results", this::deleteAll);
        r.get("/results/{id}", this::get);
        r.put("/results/{id}", this::update);
        r.delete("/results/{id}", this::delete);
    }

    private void create(Context ctx) {
        ResultModel body = Params.body(ctx, ResultModel.class);
        ctx.json(db.write(tx -> results.create(tx, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, ResultRepository.SORTABLE, "r");
        Long jobId = Params.queryLong(ctx, "job_id");
        Long runId = Params.queryLong(ctx, "run_id");
        Long returnCode = Params.queryLong(ctx, "return_code");
        JobStatus status = Params.queryStatus(ctx, "status");
        Long computeNodeId = Params.queryLong(ctx, "compute_node_id");
        boolean allRuns = Params.queryBool(ctx, "all_runs", false);
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return results.list(sql, page, workflowId, jobId, runId, returnCode, status,
                    computeNodeId, allRuns);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int deleted = db.write(tx -> results.deleteAll(tx, workflowId));
        ctx.json(Map.of("count", deleted));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> results.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ResultModel body = Params.body(ctx, ResultModel.class);
        ctx.json(db.write(tx -> results.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> results.delete(tx, id)));
    }
}
