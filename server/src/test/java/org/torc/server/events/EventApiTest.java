package org.torc.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.common.Json;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.CheckedApi;

/** Persisted events, on a server whose clock the test sets. */
class EventApiTest {
    static final AtomicLong now = new AtomicLong(1_750_000_000_000L);
    static TorcServer server;
    static CheckedApi api;

    /** A clock that reads {@link #now}. */
    static final class SetClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    }

    @BeforeAll
    static void start() throws IOException {
        var dir = Files.createTempDirectory("torc-events");
        server = TorcServer.start(ServerConfig.defaults(dir.resolve("torc.db")).withPort(0)
                .withHost("127.0.0.1"), new SetClock());
        api = new CheckedApi(new ApiClient(server.baseUrl()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ObjectNode event(long workflowId, String dataJson) {
        ObjectNode e = ApiClient.obj().put("workflow_id", workflowId);
        e.set("data", Json.parse(dataJson));
        return e;
    }

    static long createAt(long millis, long workflowId, String dataJson) {
        now.set(millis);
        return api.post("/events", event(workflowId, dataJson)).expect(200).id();
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }

    @Test
    void create_stamps_the_server_time_and_ignores_a_client_timestamp() {
        long wf = api.createWorkflow("events-create");
        now.set(1_760_000_000_123L);
        JsonNode created = api.post("/events", event(wf, "{\"category\": \"job\", \"n\": 1}")
                .put("timestamp", 5)).expect(200).json();
        assertEquals(1_760_000_000_123L, created.get("timestamp").asLong());
        assertEquals(Json.parse("{\"category\": \"job\", \"n\": 1}"), created.get("data"));
        assertEquals(created, api.get("/events/" + created.get("id").asLong()).expect(200).json());
    }

    @Test
    void invalid_events_are_rejected() {
        long wf = api.createWorkflow("events-invalid");
        assertTrue(api.post("/events", ApiClient.obj().put("workflow_id", wf)).expect(422)
                .errorMessage().contains("data"));
        assertTrue(api.post("/events", ApiClient.obj().put("workflow_id", wf).putNull("data"))
                .expect(422).errorMessage().contains("data"));
        assertTrue(api.post("/events", ApiClient.obj().set("data", Json.parse("{}"))).expect(422)
                .errorMessage().contains("workflow_id"));
        assertEquals("Workflow not found with ID: 373737",
                api.post("/events", event(373737, "{}")).expect(404).errorMessage());
        api.post("/events", "{\"data\": {").expect(400);
        assertEquals(0, api.get("/events?workflow_id=" + wf).json().get("total_count").asLong());
    }

    @Test
    void unknown_event_is_404_with_torc_message() {
        assertEquals("Event not found with ID: 828282",
                api.get("/events/828282").expect(404).errorMessage());
        api.put("/events/828282", event(1, "{}")).expect(404);
        api.delete("/events/828282").expect(404);
    }

    @Test
    void put_with_an_event_body_replaces_the_data_and_keeps_the_timestamp() {
        long wf = api.createWorkflow("events-put");
        long id = createAt(1_000, wf, "{\"v\": 1}");
        now.set(2_000);
        JsonNode updated = api.put("/events/" + id, event(wf, "{\"v\": 2}")).expect(200).json();
        assertEquals(Json.parse("{\"v\": 2}"), updated.get("data"));
        assertEquals(1_000, updated.get("timestamp").asLong());
        assertEquals(updated, api.get("/events/" + id).json());
    }

    @Test
    void put_with_any_other_body_stores_the_whole_body_as_torc_does() {
        long wf = api.createWorkflow("events-put-raw");
        long id = createAt(1_000, wf, "{\"v\": 1}");
        JsonNode raw = Json.parse("{\"category\": \"note\", \"workflow_id\": 999, \"text\": \"x\"}");
        assertEquals(raw, api.put("/events/" + id, raw).expect(200).json().get("data"));
    }

    @Test
    void put_cannot_move_an_event_or_blank_its_data() {
        long wf = api.createWorkflow("events-put-invalid");
        long other = api.createWorkflow("events-put-invalid-other");
        long id = createAt(1_000, wf, "{\"v\": 1}");
        api.put("/events/" + id, event(other, "{}")).expect(422);
        api.put("/events/" + id, ApiClient.obj().putNull("data")).expect(422);
        api.put("/events/" + id, "").expect(400);
        api.put("/events/" + id, "{\"data\": ").expect(400);
        assertEquals(Json.parse("{\"v\": 1}"), api.get("/events/" + id).json().get("data"));
    }

    @Test
    void list_filters_by_time_and_category_and_pages() {
        long wf = api.createWorkflow("events-list");
        long a = createAt(100, wf, "{\"category\": \"job\"}");
        long b = createAt(200, wf, "{\"category\": \"node\"}");
        long c = createAt(300, wf, "{\"category\": \"job\"}");
        long d = createAt(300, wf, "[\"not an object\"]");
        String base = "/events?workflow_id=" + wf;
        assertEquals(List.of(a, b, c, d), ids(api.get(base).expect(200).json()));
        assertEquals(List.of(c, d), ids(api.get(base + "&after_timestamp=200").json()));
        assertEquals(List.of(a, c), ids(api.get(base + "&category=job").json()));
        assertEquals(List.of(c), ids(api.get(base + "&category=job&after_timestamp=100").json()));
        JsonNode page = api.get(base + "&sort_by=timestamp&reverse_sort=true&limit=2").expect(200)
                .json();
        assertEquals(2, page.get("count").asLong());
        assertEquals(4, page.get("total_count").asLong());
        assertTrue(page.get("has_more").asBoolean());
        assertEquals(300, page.get("items").get(0).get("timestamp").asLong());
        api.get(base + "&after_timestamp=soon").expect(400);
        api.get(base + "&sort_by=data").expect(400);
        api.get(base + "&limit=10001").expect(400);
        api.get("/events").expect(400);
        api.get("/events?workflow_id=292929").expect(404);
    }

    @Test
    void latest_event_timestamp_is_the_newest_or_null() {
        long wf = api.createWorkflow("events-latest");
        JsonNode none = api.get("/workflows/" + wf + "/latest_event_timestamp").expect(200).json();
        assertTrue(none.has("timestamp") && none.get("timestamp").isNull(), none.toString());
        createAt(5_000, wf, "{}");
        createAt(4_000, wf, "{}");
        long other = api.createWorkflow("events-latest-other");
        createAt(9_000, other, "{}");
        assertEquals(5_000, api.get("/workflows/" + wf + "/latest_event_timestamp").json()
                .get("timestamp").asLong());
        api.get("/workflows/464646/latest_event_timestamp").expect(404);
    }

    @Test
    void delete_returns_the_event_and_delete_all_reports_the_count() {
        long wf = api.createWorkflow("events-delete");
        long other = api.createWorkflow("events-delete-other");
        long a = createAt(1, wf, "{}");
        createAt(2, wf, "{}");
        createAt(3, wf, "{}");
        long kept = createAt(4, other, "{}");
        assertEquals(a, api.delete("/events/" + a).expect(200).json().get("id").asLong());
        api.get("/events/" + a).expect(404);
        assertEquals(2, api.delete("/events?workflow_id=" + wf).expect(200).json().get("count")
                .asLong());
        api.get("/events/" + kept).expect(200);
        api.delete("/events").expect(400);
        api.delete("/events?workflow_id=181818").expect(404);
    }

    @Test
    void deleting_a_workflow_removes_its_events() {
        long wf = api.createWorkflow("events-cascade");
        long id = createAt(1, wf, "{}");
        api.delete("/workflows/" + wf).expect(200);
        api.get("/events/" + id).expect(404);
    }
}
