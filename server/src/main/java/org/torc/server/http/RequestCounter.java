package org.torc.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests per endpoint ({@code GET /workflows/{id}}), for {@code GET /metrics}: how many
 * calls a run costs is what decides the server's load, so it is measured, not guessed.
 */
public final class RequestCounter implements Handler {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void handle(Context ctx) {
        counts.computeIfAbsent(ApiApp.key(ctx.endpoints().matchedHttpEndpoint()),
                k -> new LongAdder()).increment();
    }

    /** Endpoint → requests so far, sorted by endpoint. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
