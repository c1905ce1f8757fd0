package org.torc.server.files;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.model.FileModel;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;
import org.torc.server.workflows.WorkflowRepository;

/** File CRUD and the workflow's list of files that must exist. */
public final class FileRoutes implements Routes {
    private final Database db;
    private final FileRepository files;

    public FileRoutes(Database db, FileRepository files) {
        this.db = db;
        this.files = files;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/files", this::create);
        r.get("/files", this::list);
        r.delete("/files", this::deleteAll);
        r.get("/files/{id}", this::get);
        r.put("/files/{id}", this::update);
        r.delete("/files/{id}", this::delete);
        r.get("/workflows/{id}/required_existing_files", this::requiredExisting);
    }

    private void create(Context ctx) {
        FileModel body = Params.body(ctx, FileModel.class);
        ctx.json(db.write(tx -> files.create(tx, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, FileRepository.SORTABLE, "f");
        Long producedBy = Params.queryLong(ctx, "produced_by_job_id");
        String name = Params.queryString(ctx, "name");
        String path = Params.queryString(ctx, "path");
        Boolean isOutput = Params.queryBool(ctx, "is_output");
        ctx.json(db.read(sql -> {
            WorkflowRepository.requireExists(sql, workflowId);
            return files.list(sql, page, workflowId, producedBy, name, path, isOutput);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int deleted = db.write(tx -> files.deleteAll(tx, workflowId));
        ctx.json(Map.of("deleted_count", deleted));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> files.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        FileModel body = Params.body(ctx, FileModel.class);
        ctx.json(db.write(tx -> files.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> files.delete(tx, id)));
    }

    private void requiredExisting(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        ctx.json(Map.of("files", db.read(sql -> files.requiredExisting(sql, workflowId))));
    }
}
