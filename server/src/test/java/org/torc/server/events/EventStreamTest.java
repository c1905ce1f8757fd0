package org.torc.server.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.Dags;
import org.torc.server.testing.TestServer;

class EventStreamTest {
    static TestServer server;
    static ApiClient api;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void setUp() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void tearDown() {
        server.close();
    }

    /** Opens the stream and feeds its lines into a queue from a background thread. */
    private static BlockingQueue<String> open(long wf, String query) throws Exception {
        HttpResponse<Stream<String>> resp = http.send(HttpRequest.newBuilder(URI.create(
                api.baseUrl() + "/workflows/" + wf + "/events/stream" + query)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, resp.statusCode());
        assertTrue(resp.headers().firstValue("content-type").orElse("").startsWith(
                "text/event-stream"), resp.headers().map().toString());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> resp.body().forEach(lines::add));
        t.setDaemon(true);
        t.start();
        Thread.sleep(200); // let the subscription register
        return lines;
    }

    private static String awaitEvent(BlockingQueue<String> lines, String type) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.equals("event: " + type)) {
                return lines.poll(1, TimeUnit.SECONDS);
            }
        }
        throw new AssertionError("no '" + type + "' event within 5 s");
    }

    @Test
    void unknown_workflow_is_404() {
        assertEquals(404, api.get("/workflows/987654/events/stream").status());
    }

    @Test
    void job_start_and_failure_are_streamed_and_filtered_by_level() throws Exception {
        long wf = api.createWorkflow("sse");
        long job = Dags.createJob(api, wf, "streamed", List.of());
        long node = Dags.createComputeNode(server, wf);
        api.post("/workflows/" + wf + "/initialize_jobs", null).expect(200);
        BlockingQueue<String> all = open(wf, "");
        BlockingQueue<String> errorsOnly = open(wf, "?level=error");
        api.post("/workflows/" + wf + "/claim_next_jobs", null).expect(200);
        api.put("/jobs/" + job + "/start_job/0/" + node, null).expect(200);
        String data = awaitEvent(all, "job_started");
        assertTrue(data.startsWith("data: ") && data.contains("\"job_id\":" + job)
                && data.contains("\"severity\":\"info\""), data);
        api.post("/jobs/" + job + "/complete_job/failed/0", Dags.result(3)).expect(200);
        String failed = awaitEvent(errorsOnly, "job_failed");
        assertTrue(failed.contains("\"return_code\":3"), failed);
        // The error-level stream never saw the info-level start.
        assertTrue(errorsOnly.stream().noneMatch(l -> l.equals("event: job_started")));
    }
}
