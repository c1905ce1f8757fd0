package org.torc.server;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.access.Access;
import org.torc.server.access.AccessGroupRoutes;
import org.torc.server.access.AdminGroup;
import org.torc.server.access.WorkflowGuard;
import org.torc.server.actions.ActionTriggers;
import org.torc.server.auth.BasicAuth;
import org.torc.server.auth.CredentialCache;
import org.torc.server.auth.Htpasswd;
import org.torc.server.actions.WorkflowActionRepository;
import org.torc.server.actions.WorkflowActionRoutes;
import org.torc.server.computenodes.ComputeNodeRepository;
import org.torc.server.computenodes.ComputeNodeRoutes;
import org.torc.server.db.Database;
import org.torc.server.db.DbMetrics;
import org.torc.server.events.EventRepository;
import org.torc.server.events.EventRoutes;
import org.torc.server.events.EventStreamRoutes;
import org.torc.server.events.ServerEvents;
import org.torc.server.failurehandlers.FailureHandlerRepository;
import org.torc.server.failurehandlers.FailureHandlerRoutes;
import org.torc.server.files.FileRepository;
import org.torc.server.files.FileRoutes;
import org.torc.server.http.ApiApp;
import org.torc.server.http.RequestCounter;
import org.torc.server.http.Routes;
import org.torc.server.jobs.JobGraphRepository;
import org.torc.server.jobs.JobRepository;
import org.torc.server.jobs.JobRoutes;
import org.torc.server.lifecycle.ActionHooks;
import org.torc.server.lifecycle.JobClaims;
import org.torc.server.lifecycle.JobLifecycle;
import org.torc.server.lifecycle.LifecycleRoutes;
import org.torc.server.lifecycle.OrphanSweeper;
import org.torc.server.lifecycle.Orphans;
import org.torc.server.lifecycle.ReadyJobs;
import org.torc.server.remoteworkers.RemoteWorkerRepository;
import org.torc.server.remoteworkers.RemoteWorkerRoutes;
import org.torc.server.requirements.ResourceRequirementsRepository;
import org.torc.server.requirements.ResourceRequirementsRoutes;
import org.torc.server.results.ResultRepository;
import org.torc.server.results.ResultRoutes;
import org.torc.server.schedulers.LocalSchedulerRepository;
import org.torc.server.schedulers.LocalSchedulerRoutes;
import org.torc.server.schedulers.ScheduledComputeNodeRepository;
import org.torc.server.schedulers.ScheduledComputeNodeRoutes;
import org.torc.server.schedulers.SlurmSchedulerRepository;
import org.torc.server.schedulers.SlurmSchedulerRoutes;
import org.torc.server.unblock.Unblocker;
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
    private final Unblocker unblocker;
    private final ServerEvents events;
    private final OrphanSweeper sweeper;

    private TorcServer(ServerConfig config, Database db, Javalin app, Unblocker unblocker,
            ServerEvents events, OrphanSweeper sweeper) {
        this.sweeper = sweeper;
        this.config = config;
        this.db = db;
        this.app = app;
        this.unblocker = unblocker;
        this.events = events;
    }

    public static TorcServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static TorcServer start(ServerConfig config, Clock clock) {
        config.validate();
        Database db = Database.open(config.database(), Math.max(4, config.threads() * 2));
        try {
            Access access = new Access(config.enforceAccessControl());
            List<io.javalin.http.Handler> authentication = authentication(config);
            if (config.enforceAccessControl()) {
                log.info("Access control is ENABLED: a user sees only their own workflows, those "
                        + "shared with their groups, and all of them if an admin");
            }
            if (!config.adminUsers().isEmpty()) {
                log.info("Admin users configured: {}", config.adminUsers());
            }
            db.write(tx -> AdminGroup.sync(tx, config.adminUsers()));
            ServerEvents events = new ServerEvents(clock);
            WorkflowRepository workflows = new WorkflowRepository(clock);
            JobRepository jobs = new JobRepository();
            ReadyJobs readyJobs = new ReadyJobs();
            ActionHooks actions = new ActionTriggers();
            Unblocker unblocker = new Unblocker(db, actions, readyJobs,
                    Duration.ofMillis((long) (config.completionCheckIntervalSecs() * 1000)));
            JobLifecycle lifecycle = new JobLifecycle(clock, jobs, workflows, events, actions,
                    readyJobs, unblocker::wake);

            List<Routes> features = new ArrayList<>();
            RequestCounter requestCounter = new RequestCounter();
            features.add(new ServiceRoutes(() -> metrics(db, unblocker, requestCounter)));
            features.add(new WorkflowRoutes(db, workflows, access));
            features.add(new JobRoutes(db, jobs, new JobGraphRepository(), access));
            Orphans orphans = new Orphans(clock, lifecycle, readyJobs);
            features.add(new LifecycleRoutes(db, lifecycle, new JobClaims(), jobs, readyJobs, access,
                    orphans, config.orphanTimeoutSecs() != null ? config.orphanTimeoutSecs() : 60));
            features.add(new EventStreamRoutes(db, events, access));
            // [crud-a routes]
            features.add(new FileRoutes(db, new FileRepository()));
            features.add(new UserDataRoutes(db, new UserDataRepository(), access));
            features.add(new ResourceRequirementsRoutes(db, new ResourceRequirementsRepository(),
                    access));
            features.add(new ResultRoutes(db, new ResultRepository(), access));
            features.add(new ComputeNodeRoutes(db, new ComputeNodeRepository(), events));
            features.add(new EventRoutes(db, new EventRepository(clock)));
            // [crud-b routes]
            features.add(new LocalSchedulerRoutes(db, new LocalSchedulerRepository(), access));
            features.add(new SlurmSchedulerRoutes(db, new SlurmSchedulerRepository(), access));
            features.add(new ScheduledComputeNodeRoutes(db, new ScheduledComputeNodeRepository(),
                    access, events));
            features.add(new FailureHandlerRoutes(db, new FailureHandlerRepository()));
            features.add(new RemoteWorkerRoutes(db, new RemoteWorkerRepository()));
            features.add(new WorkflowActionRoutes(db, new WorkflowActionRepository(clock)));
            features.add(new AccessGroupRoutes(db, access));

            List<io.javalin.http.Handler> matched = new ArrayList<>(List.of(requestCounter));
            if (config.enforceAccessControl()) {
                matched.add(new WorkflowGuard(db, access));
            }
            Javalin app = ApiApp.create(features, config.threads(), config.maxRequestBytes(),
                    authentication, matched);
            WorkflowGuard.requireRulesFor(ApiApp.endpoints(app));
            unblocker.start();
            try {
                app.start(config.host(), config.port());
            } catch (RuntimeException e) {
                unblocker.close();
                throw e;
            }
            log.info("Listening on {}:{}", config.host(), app.port());
            OrphanSweeper sweeper = config.orphanTimeoutSecs() == null ? null
                    : new OrphanSweeper(db, orphans, Duration.ofSeconds(config.orphanTimeoutSecs()));
            if (sweeper != null) {
                sweeper.start();
            }
            return new TorcServer(config, db, app, unblocker, events, sweeper);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The Basic-auth filter if an htpasswd file is configured; none otherwise. */
    private static List<io.javalin.http.Handler> authentication(ServerConfig config) {
        if (config.authFile() == null) {
            log.info("No htpasswd file configured, authentication disabled");
            return List.of();
        }
        log.info("Loading htpasswd file from: {}", config.authFile());
        Htpasswd users = Htpasswd.load(config.authFile());
        log.info("Loaded {} users from htpasswd file", users.size());
        CredentialCache cache = new CredentialCache(users::verify,
                Duration.ofSeconds(config.credentialCacheTtlSecs()));
        log.info(cache.enabled()
                ? "Successful logins are cached for " + config.credentialCacheTtlSecs() + " s"
                : "Credential cache disabled: every request pays a bcrypt check");
        log.info(config.requireAuth() ? "Authentication is REQUIRED for all requests"
                : "Authentication is OPTIONAL (backward compatible mode)");
        return List.of(new BasicAuth(cache, config.requireAuth()));
    }

    private static Map<String, Object> metrics(Database db, Unblocker unblocker,
            RequestCounter requests) {
        DbMetrics m = db.metrics();
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(unblocker.metrics());
        out.put("write_transactions", m.writeTransactions());
        out.put("write_requests", m.writeTasks());
        out.put("largest_write_batch", m.largestBatch());
        out.put("lock_retries", m.lockRetries());
        out.put("lock_give_ups", m.lockGiveUps());
        out.put("http_requests", requests.snapshot());
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

    /** The registered endpoints, e.g. {@code GET /workflows/{id}} (see {@link ApiApp#endpoints}). */
    public List<String> endpoints() {
        return ApiApp.endpoints(app);
    }

    public Database database() {
        return db;
    }

    public Unblocker unblocker() {
        return unblocker;
    }

    /** Stops taking requests, lets in-flight writes commit, then closes the database. */
    @Override
    public void close() {
        events.close();
        if (sweeper != null) {
            sweeper.close();
        }
        app.stop();
        unblocker.close();
        db.close();
        log.info("Server stopped");
    }
}
