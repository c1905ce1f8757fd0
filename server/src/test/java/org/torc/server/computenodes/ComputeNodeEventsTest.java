package org.torc.server.computenodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.events.ServerEvents;
import org.torc.server.events.ServerEvents.Event;
import org.torc.server.events.ServerEvents.Severity;
import org.torc.server.http.ApiApp;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.CheckedApi;
import org.torc.server.workflows.WorkflowRepository;
import org.torc.server.workflows.WorkflowRoutes;

/**
 * The live feed announcements of compute nodes, seen by subscribing to the feed of an app built
 * from the real routes (the full server does not expose its feed object).
 */
class ComputeNodeEventsTest {
    static Database db;
    static Javalin app;
    static CheckedApi api;
    static final List<Event> published = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Clock clock = Clock.systemUTC();
        db = Database.open(Files.createTempDirectory("torc-cn-events").resolve("torc.db"), 2);
        ServerEvents events = new ServerEvents(clock);
        events.subscribe(published::add);
        app = ApiApp.create(List.of(
                new WorkflowRoutes(db, new WorkflowRepository(clock), new Access(false)),
                new ComputeNodeRoutes(db, new ComputeNodeRepository(), events)),
                1, 1 << 20, List.of());
        app.start("127.0.0.1", 0);
        api = new CheckedApi(new ApiClient("http://127.0.0.1:" + app.port() + ApiApp.BASE_PATH));
    }

    @AfterAll
    static void stop() {
        app.stop();
        db.close();
    }

    @BeforeEach
    void clear() {
        published.clear();
    }

    static ObjectNode node(long workflowId) {
        return ApiClient.obj().put("workflow_id", workflowId).put("hostname", "worker-1")
                .put("pid", 77).put("start_time", "2025-06-01T12:00:00.000Z").put("num_cpus", 4)
                .put("memory_gb", 16.0).put("num_gpus", 2).put("num_nodes", 1)
                .put("compute_node_type", "slurm");
    }

    @Test
    void registering_a_node_announces_compute_node_started() {
        long wf = api.createWorkflow("cn-started");
        long id = api.post("/compute_nodes", node(wf)).expect(200).id();
        assertEquals(1, published.size(), published.toString());
        Event e = published.get(0);
        assertEquals(wf, e.workflowId());
        assertEquals("compute_node_started", e.eventType());
        assertEquals(Severity.INFO, e.severity());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("compute_node_id", id);
        expected.put("hostname", "worker-1");
        expected.put("pid", 77L);
        expected.put("num_cpus", 4L);
        expected.put("memory_gb", 16.0);
        expected.put("num_gpus", 2L);
        expected.put("compute_node_type", "slurm");
        assertEquals(expected, e.data());
    }

    @Test
    void turning_a_node_inactive_announces_compute_node_stopped_once() {
        long wf = api.createWorkflow("cn-stopped");
        long id = api.post("/compute_nodes", node(wf)).expect(200).id();
        published.clear();

        api.put("/compute_nodes/" + id, ApiClient.obj().put("num_cpus", 8)).expect(200);
        assertTrue(published.isEmpty(), "an update that keeps the node active announces nothing");

        api.put("/compute_nodes/" + id, ApiClient.obj().put("is_active", false)
                .put("duration_seconds", 12.5)).expect(200);
        assertEquals(1, published.size(), published.toString());
        Event e = published.get(0);
        assertEquals("compute_node_stopped", e.eventType());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("compute_node_id", id);
        expected.put("hostname", "worker-1");
        expected.put("pid", 77L);
        expected.put("duration_seconds", 12.5);
        expected.put("compute_node_type", "slurm");
        assertEquals(expected, e.data());

        api.put("/compute_nodes/" + id, ApiClient.obj().put("is_active", false)).expect(200);
        assertEquals(1, published.size(), "an already inactive node is not announced again");
    }

    @Test
    void rejected_requests_announce_nothing() {
        long wf = api.createWorkflow("cn-rejected");
        ObjectNode bad = node(wf);
        bad.remove("hostname");
        api.post("/compute_nodes", bad).expect(422);
        long id = api.post("/compute_nodes", node(wf)).expect(200).id();
        published.clear();
        api.put("/compute_nodes/" + id, ApiClient.obj().put("is_active", false).put("num_cpus", -1))
                .expect(422);
        assertTrue(published.isEmpty(), published.toString());
    }
}
