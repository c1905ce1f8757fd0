package org.torc.server.jobs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.model.JobModel;
import org.torc.common.model.JobsModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.ApiException;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** Job CRUD, bulk creation and the read-only job-graph views of a workflow. */
public final class JobRoutes implements Routes {
    private final Database db;
    private final JobRepository jobs;
    private final JobGraphRepository graph;
    private final Access access;

    public JobRoutes(Database db, JobRepository jobs, JobGraphRepository graph, Access access) {
        this.db = db;
        this.jobs = jobs;
        this.graph = graph;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/jobs", this::create);
        r.post("/bulk_jobs", this::createBulk);
        r.get("/jobs", this::list);
        r.delete("/jobs", this::deleteAll);
        r.get("/jobs/{id}", this::get);
        r.put("/jobs/{id}", this::update);
        r.delete("/jobs/{id}", this::delete);
        r.get("/workflows/{id}/job_ids", this::jobIds);
        r.get("/workflows/{id}/job_dependencies", this::dependencies);
        r.get("/workflows/{id}/job_file_relationships", this::fileRelationships);
        r.get("/workflows/{id}/job_user_data_relationships", this::userDataRelationships);
    }

    private void create(Context ctx) {
        JobModel body = Params.body(ctx, JobModel.class);
        ctx.json(db.write(tx -> jobs.create(tx, body)));
    }

    private void createBulk(Context ctx) {
        JobsModel body = Params.body(ctx, JobsModel.class);
        if (body.jobs() == null) {
            throw ApiException.unprocessable("jobs is required");
        }
        if (body.jobs().isEmpty()) {
            ctx.json(new JobsModel(java.util.List.of()));
            return;
        }
        Long workflowId = body.jobs().get(0).workflowId();
        if (workflowId == null) {
            throw ApiException.unprocessable("workflow_id is required on every job");
        }
        ctx.json(new JobsModel(db.write(tx -> jobs.createAll(tx, workflowId, body.jobs()))));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, JobRepository.SORTABLE, "j");
        var status = Params.queryStatus(ctx, "status");
        Long needsFile = Params.queryLong(ctx, "needs_file_id");
        Long upstream = Params.queryLong(ctx, "upstream_job_id");
        Long node = Params.queryLong(ctx, "active_compute_node_id");
        boolean relationships = Params.queryBool(ctx, "include_relationships", false);
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return jobs.list(sql, page, workflowId, status, needsFile, upstream, node, relationships);
        }));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> {
            JobModel job = jobs.require(sql, id);
            access.checkWorkflow(sql, ctx, job.workflowId());
            return job;
        }));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        JobModel body = Params.body(ctx, JobModel.class);
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, jobs.requireRow(tx, id).workflowId());
            return jobs.update(tx, id, body);
        }));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> {
            access.checkWorkflow(tx, ctx, jobs.requireRow(tx, id).workflowId());
            return jobs.delete(tx, id);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        ctx.json(Map.of("count", db.write(tx -> {
            access.checkWorkflow(tx, ctx, workflowId);
            return jobs.deleteAll(tx, workflowId);
        })));
    }

    private void jobIds(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        var ids = db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return jobs.ids(sql, workflowId);
        });
        ctx.json(Map.of("job_ids", ids, "count", ids.size()));
    }

    private void dependencies(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        var page = Params.clampedPage(ctx, "id");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return graph.dependencies(sql, workflowId, page);
        }));
    }

    private void fileRelationships(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        var page = Params.clampedPage(ctx, "id");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return graph.fileRelationships(sql, workflowId, page);
        }));
    }

    private void userDataRelationships(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        var page = Params.clampedPage(ctx, "id");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return graph.userDataRelationships(sql, workflowId, page);
        }));
    }
}
