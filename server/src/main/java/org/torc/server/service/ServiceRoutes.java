package org.torc.server.service;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.function.Supplier;
import org.torc.server.http.Routes;

/** {@code ping}, {@code version} and our {@code metrics}. */
public final class ServiceRoutes implements Routes {
    public static final String VERSION = "0.12.0";

    private final Supplier<Map<String, Object>> metrics;

    public ServiceRoutes(Supplier<Map<String, Object>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/ping", ctx -> ctx.json(Map.of("status", "ok")));
        // torc answers a bare JSON string "X.Y.Z (git)"; clients parse the leading version.
        r.get("/version", ctx -> ctx.contentType("application/json")
                .result(org.torc.common.Json.write(VERSION + " (torc-jvm)")));
        r.get("/metrics", ctx -> ctx.json(metrics.get()));
    }
}
