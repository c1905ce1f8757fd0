package org.torc.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.torc.common.Json;
import org.torc.server.db.DatabaseBusyException;
import org.torc.server.db.DatabaseException;

/**
 * Builds the Javalin application: JSON mapping, limits, the error mapping (every error is a JSON
 * body, never a stack trace) and the routes of every feature.
 */
public final class ApiApp {
    public static final String BASE_PATH = "/torc-service/v1";
    private static final Logger log = LoggerFactory.getLogger(ApiApp.class);

    private ApiApp() {
    }

    public static Javalin create(List<Routes> features, int minThreads, long maxRequestBytes,
            List<io.javalin.http.Handler> beforeHandlers) {
        return create(features, minThreads, maxRequestBytes, beforeHandlers, List.of());
    }

    /**
     * @param beforeHandlers run for every request, matched or not (authentication)
     * @param beforeMatchedHandlers run only for requests that matched an endpoint, with its path
     *     parameters available (access control)
     */
    public static Javalin create(List<Routes> features, int minThreads, long maxRequestBytes,
            List<io.javalin.http.Handler> beforeHandlers,
            List<io.javalin.http.Handler> beforeMatchedHandlers) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.maxRequestSize = maxRequestBytes;
            config.http.prefer405over404 = true;
            config.http.defaultContentType = "application/json";
            config.router.contextPath = BASE_PATH;
            config.router.ignoreTrailingSlashes = true;
            QueuedThreadPool pool = new QueuedThreadPool(Math.max(200, minThreads * 4),
                    Math.max(8, minThreads), 60_000);
            pool.setName("http");
            config.jetty.threadPool = pool;
            config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new RequestSizeLimit(maxRequestBytes)), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
            for (io.javalin.http.Handler before : beforeHandlers) {
                config.routes.before(before);
            }
            for (io.javalin.http.Handler before : beforeMatchedHandlers) {
                config.routes.beforeMatched(before);
            }
            for (Routes feature : features) {
                feature.register(config.routes);
            }
            config.routes.exception(ApiException.class, (e, ctx) ->
                    ctx.status(e.status()).json(ErrorBodies.of(e.getMessage(), e.extra())));
            // The rest of the body may still be on its way: close rather than drain it.
            config.routes.exception(RequestSizeLimit.PayloadTooLargeException.class, (e, ctx) ->
                    ctx.status(413).header("Connection", "close")
                            .json(ErrorBodies.of(e.getMessage())));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(ErrorBodies.of(e.getMessage())));
            config.routes.exception(DatabaseException.class, ApiApp::databaseError);
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unexpected error handling {} {}", ctx.method(), ctx.path(), e);
                ctx.status(500).json(ErrorBodies.of("An internal error occurred"));
            });
            config.routes.error(404, ctx -> fillEmpty(ctx, "Not found: " + ctx.method() + " "
                    + ctx.path()));
            config.routes.error(405, ctx -> fillEmpty(ctx, "Method " + ctx.method()
                    + " is not allowed on " + ctx.path()));
        });
    }

    /**
     * The HTTP endpoints registered in {@code app} as {@code METHOD /path}, the path relative to
     * {@link #BASE_PATH} with its parameters in braces, e.g. {@code GET /workflows/{id}}.
     */
    public static List<String> endpoints(Javalin app) {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .map(ApiApp::key)
                .distinct()
                .sorted()
                .toList();
    }

    /** {@code METHOD /path} of an endpoint, as {@link #endpoints} lists it. */
    public static String key(io.javalin.router.Endpoint endpoint) {
        String path = endpoint.path.startsWith(BASE_PATH)
                ? endpoint.path.substring(BASE_PATH.length()) : endpoint.path;
        return endpoint.method.name() + " " + path;
    }

    private static void fillEmpty(Context ctx, String message) {
        String existing = ctx.result();
        if (existing == null || existing.isEmpty() || !existing.startsWith("{")) {
            ctx.json(ErrorBodies.of(message));
        }
    }

    /** Constraint violations are the client's fault (4xx); anything else is logged and a 500. */
    private static void databaseError(DatabaseException e, Context ctx) {
        if (e instanceof DatabaseBusyException) {
            ctx.status(503).json(ErrorBodies.of(e.getMessage()));
            return;
        }
        Throwable cause = e.getCause();
        if (cause instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
                ctx.status(422).json(ErrorBodies.of(
                        "The request refers to a record that does not exist, or deletes one that "
                                + "others still use"));
                return;
            }
            if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                ctx.status(409).json(ErrorBodies.of("A record with the same key already exists"));
                return;
            }
        }
        log.error("Database error handling {} {}", ctx.method(), ctx.path(), e);
        ctx.status(500).json(ErrorBodies.of("Database error"));
    }

    /** True when {@code e} (or its cause) is a foreign-key violation. */
    public static boolean isForeignKeyViolation(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof SQLiteException se
                    && se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    static boolean isSql(Throwable e) {
        return e instanceof SQLException;
    }
}
