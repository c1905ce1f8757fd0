package org.torc.server.userdata;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torc.common.model.UserDataModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** User data CRUD and the workflow's list of missing user data. */
public final class UserDataRoutes implements Routes {
    private final Database db;
    private final UserDataRepository userData;
    private final Access access;

    public UserDataRoutes(Database db, UserDataRepository userData, Access access) {
        this.db = db;
        this.userData = userData;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/user_data", this::create);
        r.get("/user_data", this::list);
        r.delete("/user_data", this::deleteAll);
        r.get("/user_data/{id}", this::get);
        r.put("/user_data/{id}", this::update);
        r.delete("/user_data/{id}", this::delete);
        r.get("/workflows/{id}/missing_user_data", this::missing);
    }

    private void create(Context ctx) {
        Long consumer = Params.queryLong(ctx, "consumer_job_id");
        Long producer = Params.queryLong(ctx, "producer_job_id");
        UserDataModel body = Params.body(ctx, UserDataModel.class);
        ctx.json(db.write(tx -> userData.create(tx, body, consumer, producer)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, UserDataRepository.SORTABLE, "ud");
        Long consumer = Params.queryLong(ctx, "consumer_job_id");
        Long producer = Params.queryLong(ctx, "producer_job_id");
        String name = Params.queryString(ctx, "name");
        Boolean ephemeral = Params.queryBool(ctx, "is_ephemeral");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return userData.list(sql, page, workflowId, consumer, producer, name, ephemeral);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int deleted = db.write(tx -> userData.deleteAll(tx, workflowId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Deleted " + deleted + " user data records for workflow " + workflowId);
        out.put("deleted_count", deleted);
        ctx.json(out);
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> userData.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        UserDataModel body = Params.body(ctx, UserDataModel.class);
        ctx.json(db.write(tx -> userData.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> userData.delete(tx, id)));
    }

    private void missing(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        ctx.json(Map.of("user_data", db.read(sql -> userData.missing(sql, workflowId))));
    }
}
