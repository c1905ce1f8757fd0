package org.torc.server.requirements;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.IsoDuration;
import org.torc.common.MemorySize;
import org.torc.common.model.ResourceRequirementsModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.ApiException;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** Resource requirements CRUD. */
public final class ResourceRequirementsRoutes implements Routes {
    private final Database db;
    private final ResourceRequirementsRepository requirements;
    private final Access access;

    public ResourceRequirementsRoutes(Database db, ResourceRequirementsRepository requirements,
            Access access) {
        this.db = db;
        this.requirements = requirements;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/resource_requirements", this::create);
        r.get("/resource_requirements", this::list);
        r.delete("/resource_requirements", this::deleteAll);
        r.get("/resource_requirements/{id}", this::get);
        r.put("/resource_requirements/{id}", this::update);
        r.delete("/resource_requirements/{id}", this::delete);
    }

    private void create(Context ctx) {
        ResourceRequirementsModel body = Params.body(ctx, ResourceRequirementsModel.class);
        ctx.json(db.write(tx -> requirements.create(tx, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, ResourceRequirementsRepository.SORTABLE, "rr");
        Long jobId = Params.queryLong(ctx, "job_id");
        String name = Params.queryString(ctx, "name");
        Long memoryBytes = memoryFilter(Params.queryString(ctx, "memory"));
        Long numCpus = Params.queryLong(ctx, "num_cpus");
        Long numGpus = Params.queryLong(ctx, "num_gpus");
        Long numNodes = Params.queryLong(ctx, "num_nodes");
        Long runtime = runtimeFilter(Params.queryString(ctx, "runtime"));
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return requirements.list(sql, page, workflowId, jobId, name, memoryBytes, numCpus,
                    numGpus, numNodes, runtime);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int deleted = db.write(tx -> requirements.deleteAll(tx, workflowId));
        ctx.json(Map.of("count", deleted));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> requirements.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ResourceRequirementsModel body = Params.body(ctx, ResourceRequirementsModel.class);
        ctx.json(db.write(tx -> requirements.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> requirements.delete(tx, id)));
    }

    /** The {@code memory} filter as bytes: "1g" and "1024m" select the same records. */
    private static Long memoryFilter(String memory) {
        if (memory == null) {
            return null;
        }
        try {
            return MemorySize.toBytes(memory);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Couldn't parse query parameter memory: " + e.getMessage());
        }
    }

    /** The {@code runtime} filter: seconds, as torc's openapi declares, or an ISO-8601 duration. */
    private static Long runtimeFilter(String runtime) {
        if (runtime == null) {
            return null;
        }
        try {
            return Long.parseLong(runtime.trim());
        } catch (NumberFormatException notSeconds) {
            try {
                return IsoDuration.toSeconds(runtime);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Couldn't parse query parameter runtime: '" + runtime
                        + "' is neither seconds nor an ISO-8601 duration");
            }
        }
    }
}
