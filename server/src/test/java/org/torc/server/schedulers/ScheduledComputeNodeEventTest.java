package org.torc.server.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.events.ServerEvents;
import org.torc.server.http.ApiApp;
import org.torc.server.testing.ApiClient;
import org.torc.server.workflows.WorkflowRepository;
import org.torc.server.workflows.WorkflowRoutes;

/**
 * The live event of a new scheduled compute node. Built on its own small app so the test can
 * subscribe to the server's event feed directly.
 */
class ScheduledComputeNodeEventTest {
    static Database db;
    static Javalin app;
    static ApiClient api;
    static final List<ServerEvents.Event> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("torc-scn-events");
        db = Database.open(dir.resolve("torc.db"), 4);
        Access access = new Access(false);
        ServerEvents events = new ServerEvents(Clock.systemUTC());
        events.subscribe(received::add);
        app = ApiApp.create(List.of(
                new WorkflowRoutes(db, new WorkflowRepository(Clock.systemUTC()), access),
                new ScheduledComputeNodeRoutes(db, new ScheduledComputeNodeRepository(), access,
                        events)), 2, 1 << 20, List.of());
        app.start("127.0.0.1", 0);
        api = new ApiClient("http://127.0.0.1:" + app.port() + ApiApp.BASE_PATH);
    }

    @AfterAll
    static void stop() {
        app.stop();
        db.close();
    }

    @Test
    void creating_a_scheduled_node_publishes_scheduler_node_created_after_commit() {
        received.clear();
        long wf = api.createWorkflow("scn-event");
        long id = api.post("/scheduled_compute_nodes",
                ScheduledComputeNodeApiTest.body(wf, 777, 3, "pending")).expect(200).id();

        assertEquals(1, received.size(), received.toString());
        ServerEvents.Event e = received.get(0);
        assertEquals(wf, e.workflowId());
        assertEquals("scheduler_node_created", e.eventType());
        assertEquals(ServerEvents.Severity.INFO, e.severity());
        assertEquals("scheduler", e.data().get("category"));
        assertEquals(id, e.data().get("scheduled_compute_node_id"));
        assertEquals(777L, e.data().get("scheduler_id"));
        assertEquals(3L, e.data().get("scheduler_config_id"));
        assertEquals("slurm", e.data().get("scheduler_type"));
        assertEquals("pending", e.data().get("status"));
        assertEquals(List.of("category", "scheduled_compute_node_id", "scheduler_id",
                "scheduler_config_id", "scheduler_type", "status"), List.copyOf(e.data().keySet()));
    }

    @Test
    void a_refused_create_publishes_nothing() {
        received.clear();
        api.post("/scheduled_compute_nodes",
                ScheduledComputeNodeApiTest.body(987654, 1, 1, "pending")).expect(404);
        long wf = api.createWorkflow("scn-no-event");
        api.post("/scheduled_compute_nodes", ApiClient.obj().put("workflow_id", wf)).expect(422);
        api.put("/scheduled_compute_nodes/987654", ApiClient.obj().put("status", "x")).expect(404);
        assertTrue(received.isEmpty(), received.toString());
    }
}
