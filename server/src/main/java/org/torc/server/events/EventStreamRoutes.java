package org.torc.server.events;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.torc.common.Json;
import org.torc.server.access.Access;
import org.torc.server.db.Database;
import org.torc.server.events.ServerEvents.Event;
import org.torc.server.events.ServerEvents.Severity;
import org.torc.server.http.Params;
import org.torc.server.http.Routes;

/**
 * {@code GET /workflows/{id}/events/stream[?level=]}: server-sent events for one workflow. Each
 * subscriber has its own bounded queue, so a slow reader never slows the server; when its queue
 * overflows it is told how many events it missed ({@code event: warning, data: {"dropped": N}}).
 */
public final class EventStreamRoutes implements Routes {
    static final int QUEUE_CAPACITY = 512;
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final String PATH = "/workflows/{id}/events/stream";

    private final Database db;
    private final ServerEvents events;
    private final Access access;

    public EventStreamRoutes(Database db, ServerEvents events, Access access) {
        this.db = db;
        this.events = events;
        this.access = access;
    }

    @Override
    public void register(RoutesConfig r) {
        // A plain GET rather than Javalin's SSE helper, which insists on "Accept: text/event-stream";
        // torc's clients and tests do not all send it.
        r.get(PATH, this::stream);
    }

    static Severity parseLevel(String level) {
        if (level == null) {
            return Severity.INFO;
        }
        return switch (level.trim().toLowerCase(Locale.ROOT)) {
            case "debug" -> Severity.DEBUG;
            case "warning", "warn" -> Severity.WARNING;
            case "error" -> Severity.ERROR;
            default -> Severity.INFO;
        };
    }

    private void stream(Context ctx) throws IOException {
        long workflowId = Params.pathLong(ctx, "id");
        db.read(sql -> {
            access.checkWorkflow(sql, ctx, workflowId);
            return null;
        });
        Severity minimum = parseLevel(ctx.queryParam("level"));
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType("text/event-stream");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        OutputStream out = res.getOutputStream();
        out.flush();

        BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        AtomicLong dropped = new AtomicLong();
        Runnable unsubscribe = events.subscribe(e -> {
            if (e.workflowId() == workflowId && e.severity().compareTo(minimum) >= 0
                    && !queue.offer(e)) {
                dropped.incrementAndGet();
            }
        });
        try {
            long lastWrite = System.nanoTime();
            while (!events.isClosed()) {
                Event e = queue.poll(1, TimeUnit.SECONDS);
                long missed = dropped.getAndSet(0);
                if (missed > 0) {
                    write(out, "event: warning\ndata: " + Json.write(Map.of("dropped", missed))
                            + "\n\n");
                }
                if (e == null) {
                    if (System.nanoTime() - lastWrite > KEEP_ALIVE_SECONDS * 1_000_000_000L) {
                        // A comment line keeps proxies and idle timeouts from closing the stream.
                        write(out, ": keep-alive\n\n");
                        lastWrite = System.nanoTime();
                    }
                    continue;
                }
                lastWrite = System.nanoTime();
                Map<String, Object> frame = new LinkedHashMap<>();
                frame.put("workflow_id", e.workflowId());
                frame.put("timestamp", e.timestamp());
                frame.put("event_type", e.eventType());
                frame.put("severity", e.severity().wireName());
                frame.put("data", e.data());
                write(out, "event: " + e.eventType() + "\ndata: " + Json.write(frame) + "\n\n");
            }
        } catch (IOException disconnected) {
            // The client went away; nothing to clean up beyond the subscription.
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } finally {
            unsubscribe.run();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
