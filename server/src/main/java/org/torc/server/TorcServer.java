package org.torc.server;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.access.Access;
import org.torc.server.computenodes.ComputeNodeRepository;
import org.torc.server.computenodes.ComputeNodeRoutes;
import org.torc.server.db.Database;
import org.torc.server.db.DbMetrics;
import org.torc.server.events.EventRepository;
import org.torc.server.events.EventRoutes;
import org.torc.server.events.ServerEvents;
import org.torc.server.files.FileRepository;
import org.torc.server.files.FileRoutes;
import org.torc.server.http.ApiApp;
import org.torc.server.http.Routes;
import org.torc.server.requirements.ResourceRequirementsRepository;
import org.torc.server.requirements.ResourceRequirementsRoutes;
import org.torc.server.results.ResultRepository;
import org.torc.server.results.ResultRoutes;
import org.torc.server.service.ServiceRoutes;
import org.torc.server.userdata.UserDataRepository;
import org.torc.server.userdata.UserDataRoutes;
import org.torc.server.workflows.WorkflowRepository;
import org.torc.server.workflows.WorkflowRoutes;

/**
 * One running server: the database, the background loops and the HTTP API, wired together and
 * started and stopped as a unit. Used by {@code torc-server run}, by {@code torc run --standalone}
 * and by tests (port 0 picks a free port).
 */
public final class TorcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TorcServer.class);

    private final ServerConfig config;
    private final Database db;
    private final Javalin app;

    private TorcServer(ServerConfig config, Database db, Javalin app) {
        this.config = config;
        this.db = db;
        this.app = app;
    }

    public static TorcServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static TorcServer start(ServerConfig config, Clock clock) {
        config.validate();
        Database db = Database.open(config.database(), Math.max(4, config.threads() * 2));
        try {
            Access access = new Access(false);
            ServerEvents events = new ServerEvents(clock);
            WorkflowRepository workflows = new WorkflowRepository(clock);

            List<Routes> features = new ArrayList<>();
            features.add(new ServiceRoutes(() -> metrics(db)));
            features.add(new WorkflowRoutes(db, workflows, access));
            // [crud-a routes]
            features.add(new FileRoutes(db, new FileRepository()));
            features.add(new UserDataRoutes(db, new UserDataRepository(), access));
            features.add(new ResourceRequirementsRoutes(db, new ResourceRequirementsRepository(),
                    access));
            features.add(new ResultRoutes(db, new ResultRepository(), access));
            features.add(new ComputeNodeRoutes(db, new ComputeNodeRepository(), events));
            features.add(new EventRoutes(db, new EventRepository(clock)));
            // [crud-b routes]

            Javalin app = ApiApp.create(features, config.threads(), config.maxRequestBytes(),
                    List.of());
            app.start(config.host(), config.port());
            log.info("Listening on {}:{}", config.host(), app.port());
            return new TorcServer(config, db, app);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Map<String, Object> metrics(Database db) {
        DbMetrics m = db.metrics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("write_transactions", m.writeTransactions());
        out.put("write_requests", m.writeTasks());
        out.put("largest_write_batch", m.largestBatch());
        out.put("lock_retries", m.lockRetries());
        out.put("lock_give_ups", m.lockGiveUps());
        return out;
    }

    public int port() {
        return app.port();
    }

    /** The API base URL, e.g. {@code http://localhost:8080/torc-service/v1}. */
    public String baseUrl() {
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        return "http://" + host + ":" + port() + ApiApp.BASE_PATH;
    }

    public Database database() {
        return db;
    }

    /** Stops taking requests, lets in-flight writes commit, then closes the database. */
    @Override
    public void close() {
        app.stop();
        db.close();
        log.info("Server stopped");
    }
}
