package org.torc.client.tui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows {@code GET {url}/workflows/{id}/events/stream?level=info} on its own thread and hands
 * each frame to a callback; reconnects after a dropped connection until closed.
 */
public final class EventStream implements AutoCloseable {
    /** What the stream reports besides frames: connected or not. */
    public interface Listener {
        void frame(SseParser.Frame frame);

        void connected(boolean live);
    }

    private final String url;
    private final String authorization;
    private final Listener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream body;

    public EventStream(String baseUrl, long workflowId, String authorization, Listener listener) {
        this.url = baseUrl + "/workflows/" + workflowId + "/events/stream?level=info";
        this.authorization = authorization;
        this.listener = listener;
        this.thread = new Thread(this::run, "tui-events-wf" + workflowId);
        this.thread.setDaemon(true);
    }

    public EventStream start() {
        thread.start();
        return this;
    }

    private void run() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long backoffMs = 500;
        while (!closed) {
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream").GET();
                if (authorization != null) {
                    req.header("Authorization", authorization);
                }
                HttpResponse<InputStream> resp = http.send(req.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                body = resp.body();
                if (resp.statusCode() != 200) {
                    body.close();
                    throw new IOException("HTTP " + resp.statusCode());
                }
                listener.connected(true);
                backoffMs = 500;
                read(body);
            } catch (IOException e) {
                // dropped or refused: retry below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                if (!closed) {
                    listener.connected(false);
                }
            }
            if (!closed) {
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException e) {
                    break;
                }
                backoffMs = Math.min(5_000, backoffMs * 2);
            }
        }
    }

    private void read(InputStream in) throws IOException {
        SseParser parser = new SseParser();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while (!closed && (line = r.readLine()) != null) {
            SseParser.Frame f = parser.feed(line);
            if (f != null) {
                listener.frame(f);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream b = body;
        if (b != null) {
            try {
                b.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
        thread.interrupt();
    }
}
