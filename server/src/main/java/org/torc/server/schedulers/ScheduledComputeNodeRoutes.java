package org.torc.server.schedulers;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torc.common.model.ScheduledComputeNodesModel;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.events.ServerEvents;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/**
 * {@code /scheduled_compute_nodes}: CRUD, the filtered list and the per-workflow bulk delete. A
 * new allocation is announced on the live event feed as {@code scheduler_node_created}.
 */
public final class ScheduledComputeNodeRoutes implements Routes {
    public static final String CREATED_EVENT = "scheduler_node_created";

    private final Database db;
    private final ScheduledComputeNodeRepository nodes;
    private final Access access;
    private final ServerEvents events;

    public ScheduledComputeNodeRoutes(Database db, ScheduledComputeNodeRepository nodes,
            Access access, ServerEvents events) {
        this.db = db;
        this.nodes = nodes;
        this.access = access;
        this.events = events;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/scheduled_compute_nodes", this::create);
        r.get("/scheduled_compute_nodes", this::list);
        r.delete("/scheduled_compute_nodes", this::deleteAll);
        r.get("/scheduled_compute_nodes/{id}", this::get);
        r.put("/scheduled_compute_nodes/{id}", this::update);
        r.delete("/scheduled_compute_nodes/{id}", this::delete);
    }

    private void create(Context ctx) {
        ScheduledComputeNodesModel body = Params.body(ctx, ScheduledComputeNodesModel.class);
        ctx.json(db.write(tx -> {
            ScheduledComputeNodesModel created = nodes.create(tx, body);
            tx.afterCommit(() -> events.publish(created.workflowId(), CREATED_EVENT,
                    ServerEvents.Severity.INFO, eventData(created)));
            return created;
        }));
    }

    private static Map<String, Object> eventData(ScheduledComputeNodesModel n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", "scheduler");
        data.put("scheduled_compute_node_id", n.id());
        data.put("scheduler_id", n.schedulerId());
        data.put("scheduler_config_id", n.schedulerConfigId());
        data.put("scheduler_type", n.schedulerType());
        data.put("status", n.status());
        return data;
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, ScheduledComputeNodeRepository.SORTABLE, null);
        Long schedulerId = Params.queryLong(ctx, "scheduler_id");
        Long schedulerConfigId = Params.queryLong(ctx, "scheduler_config_id");
        String status = Params.queryString(ctx, "status");
        ctx.json(db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return nodes.list(sql, page, workflowId, schedulerId, schedulerConfigId, status);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int count = db.write(tx -> nodes.deleteAll(tx, workflowId));
        ctx.json(Map.of("count", count));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> nodes.require(sql, id)));
    }

    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ScheduledComputeNodesModel body = Params.body(ctx, ScheduledComputeNodesModel.class);
        ctx.json(db.write(tx -> nodes.update(tx, id, body)));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> nodes.delete(tx, id)));
    }
}
