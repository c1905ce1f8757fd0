package org.torc.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.torc.common.Json;
import org.torc.common.model.EventModel;
import org.torc.server.db.Database;
import org.torc.server.http.ApiException;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;
import org.torc.server.workflows.WorkflowRepository;

/** Persisted event CRUD and the workflow's latest event timestamp. */
public final class EventRoutes implements Routes {
    private final Database db;
    private final EventRepository eventRows;

    public EventRoutes(Database db, EventRepository eventRows) {
        this.db = db;
        this.eventRows = eventRows;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/events", this::create);
        r.get("/events", this::list);
        r.delete("/events", this::deleteAll);
        r.get("/events/{id}", this::get);
        r.put("/events/{id}", this::update);
        r.delete("/events/{id}", this::delete);
        r.get("/workflows/{id}/latest_event_timestamp", this::latestTimestamp);
    }

    private void create(Context ctx) {
        EventModel body = Params.body(ctx, EventModel.class);
        ctx.json(db.write(tx -> eventRows.create(tx, body)));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, EventRepository.SORTABLE, "e");
        Long after = Params.queryLong(ctx, "after_timestamp");
        String category = Params.queryString(ctx, "category");
        ctx.json(db.read(sql -> {
            WorkflowRepository.requireExists(sql, workflowId);
            return eventRows.list(sql, page, workflowId, after, category);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int deleted = db.write(tx -> eventRows.deleteAll(tx, workflowId));
        ctx.json(Map.of("count", deleted));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> eventRows.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        JsonNode body = Params.optionalBodyTree(ctx);
        if (body == null) {
            throw ApiException.badRequest("Missing required body parameter body");
        }
        ctx.json(db.write(tx -> eventRows.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> eventRows.delete(tx, id)));
    }

    /** {@code {"timestamp": <ms>}}, or {@code {"timestamp": null}} for a workflow without events. */
    private void latestTimestamp(Context ctx) {
        long workflowId = Params.pathLong(ctx, "id");
        Long latest = db.read(sql -> eventRows.latestTimestamp(sql, workflowId));
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("timestamp", latest);
        ctx.json(out);
    }
}
