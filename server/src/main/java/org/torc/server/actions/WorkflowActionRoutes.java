package org.torc.server.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.common.model.WorkflowActionModel;
import org.torc.server.db.Database;
import org.torc.server.http.ApiException;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/** {@code /workflows/{id}/actions}: create and list actions, list pending ones, claim one. */
public final class WorkflowActionRoutes implements Routes {
    private final Database db;
    private final WorkflowActionRepository actions;

    public WorkflowActionRoutes(Database db, WorkflowActionRepository actions) {
        this.db = db;
        this.actions = actions;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/workflows/{id}/actions", this::create);
        r.get("/workflows/{id}/actions", this::list);
        r.get("/workflows/{id}/actions/pending", this::pending);
        r.post("/workflows/{id}/actions/{action_id}/claim", this::claim);
    }

    private void create(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        WorkflowActionModel body = Params.body(ctx, WorkflowActionModel.class);
        ctx.json(db.write(tx -> actions.create(tx, workflowId, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> actions.list(sql, workflowId)));
    }

    private void pending(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        List<String> triggerTypes = Params.queryList(ctx, "trigger_type");
        ctx.json(db.read(sql -> actions.pending(sql, workflowId, triggerTypes)));
    }

    /** 200 {@code {"claimed":true,"action_id":N}}, or 409 when another claimer got it first. */
    private void claim(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        long actionId = Params.pathLong(ctx, "action_id");
        Long computeNodeId = computeNodeId(Params.body(ctx, JsonNode.class));
        boolean claimed = db.write(tx -> actions.claim(tx, workflowId, actionId, computeNodeId));
        if (!claimed) {
            throw new ApiException(409, "Action " + actionId + " already claimed",
                    Map.of("claimed", false));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("claimed", true);
        out.put("action_id", actionId);
        ctx.json(out);
    }

    private static Long computeNodeId(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("The claim body must be a JSON object");
        }
        JsonNode id = body.get("compute_node_id");
        if (id == null || id.isNull()) {
            return null;
        }
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            throw ApiException.unprocessable("compute_node_id must be an integer or null");
        }
        return id.asLong();
    }
}
