package org.torc.server.computenodes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torc.common.model.ComputeNodeModel;
import org.torc.server.db.Database;
import org.torc.server.events.ServerEvents;
import org.torc.server.events.ServerEvents.Severity;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;
import org.torc.server.workflows.WorkflowRepository;

/**
 * Compute node CRUD. Registering a node and a node going inactive are announced on the live
 * event feed once committed.
 */
public final class ComputeNodeRoutes implements Routes {
    private final Database db;
    private final ComputeNodeRepository nodes;
    private final ServerEvents events;

    public ComputeNodeRoutes(Database db, ComputeNodeRepository nodes, ServerEvents events) {
        this.db = db;
        this.nodes = nodes;
        this.events = events;
    }

    @Override
    public void register(RoutesConfig r) {
        r.post("/compute_nodes", this::create);
        r.get("/compute_nodes", this::list);
        r.delete("/compute_nodes", this::deleteAll);
        r.get("/compute_nodes/{id}", this::get);
        r.put("/compute_nodes/{id}", this::update);
        r.delete("/compute_nodes/{id}", this::delete);
    }

    private void create(Context ctx) {
        ComputeNodeModel body = Params.body(ctx, ComputeNodeModel.class);
        ctx.json(db.write(tx -> {
            ComputeNodeModel node = nodes.create(tx, body);
            tx.afterCommit(() -> publishStarted(node));
            return node;
        }));
    }

    private void list(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        var page = Params.page(ctx, ComputeNodeRepository.SORTABLE, "cn");
        String hostname = Params.queryString(ctx, "hostname");
        Boolean isActive = Params.queryBool(ctx, "is_active");
        Long scheduledId = Params.queryLong(ctx, "scheduled_compute_node_id");
        ctx.json(db.read(sql -> {
            WorkflowRepository.requireExists(sql, workflowId);
            return nodes.list(sql, page, workflowId, hostname, isActive, scheduledId);
        }));
    }

    private void deleteAll(Context ctx) {
        long workflowId = Params.requiredQueryLong(ctx, "workflow_id");
        int deleted = db.write(tx -> nodes.deleteAll(tx, workflowId));
        ctx.json(Map.of("count", deleted));
    }

    private void get(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.read(sql -> nodes.require(sql, id)));
    }

    /** Announces {@code compute_node_stopped} only when this update turns an active node inactive. */
    private void update(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ComputeNodeModel body = Params.body(ctx, ComputeNodeModel.class);
        ctx.json(db.write(tx -> {
            boolean wasActive = nodes.require(tx, id).isActive();
            ComputeNodeModel node = nodes.update(tx, id, body);
            if (wasActive && !node.isActive()) {
                tx.afterCommit(() -> publishStopped(node));
            }
            return node;
        }));
    }

    private void delete(Context ctx) {
        long id = Params.pathLong(ctx, "id");
        ctx.json(db.write(tx -> nodes.delete(tx, id)));
    }

    private void publishStarted(ComputeNodeModel node) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("compute_node_id", node.id());
        data.put("hostname", node.hostname());
        data.put("pid", node.pid());
        data.put("num_cpus", node.numCpus());
        data.put("memory_gb", node.memoryGb());
        data.put("num_gpus", node.numGpus());
        data.put("compute_node_type", node.computeNodeType());
        events.publish(node.workflowId(), "compute_node_started", Severity.INFO, data);
    }

    private void publishStopped(ComputeNodeModel node) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("compute_node_id", node.id());
        data.put("hostname", node.hostname());
        data.put("pid", node.pid());
        data.put("duration_seconds", node.durationSeconds());
        data.put("compute_node_type", node.computeNodeType());
        events.publish(node.workflowId(), "compute_node_stopped", Severity.INFO, data);
    }
}
