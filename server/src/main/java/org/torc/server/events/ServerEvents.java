package org.torc.server.events;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The live (not persisted) event feed behind {@code GET /workflows/{id}/events/stream}: job and
 * compute-node transitions published by the features, delivered to subscribers. Publishing never
 * blocks the caller; a subscriber that falls behind is told how many events it missed.
 */
public final class ServerEvents {
    /** One event as torc's SSE frames carry it. */
    public record Event(long workflowId, long timestamp, String eventType, Severity severity,
            Map<String, Object> data) {
    }

    public enum Severity {
        DEBUG, INFO, WARNING, ERROR;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Clock clock;
    private final CopyOnWriteArrayList<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();

    public ServerEvents(Clock clock) {
        this.clock = clock;
    }

    /** Publishes an event to the current subscribers; call it after the change has committed. */
    public void publish(long workflowId, String eventType, Severity severity,
            Map<String, Object> data) {
        if (subscribers.isEmpty()) {
            return;
        }
        Event event = new Event(workflowId, clock.millis(), eventType, severity,
                new LinkedHashMap<>(data));
        for (Consumer<Event> s : subscribers) {
            s.accept(event);
        }
    }

    private volatile boolean closed;

    /** Tells open streams to end (server shutdown). */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public Runnable subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }
}
