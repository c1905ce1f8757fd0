package org.torc.server.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP routes; paths are relative to {@code /torc-service/v1}. */
public interface Routes {
    void register(RoutesConfig routes);
}
