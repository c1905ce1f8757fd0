package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.torc.client.api.ApiError;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.api.TorcApi;
import org.torc.client.workflow.WorkflowManager;
import org.torc.common.Json;

/**
 * The TUI's workflow and job actions and its one-off loads (logs, files, DAG, filter scans), run
 * off the UI thread; each reports back through the {@link Inbox} and asks for a refresh.
 */
public final class TuiActions implements AutoCloseable {
    private static final String NO_LOG_HINT = """
            The file may not exist if:
            - The job has not run yet
            - The output directory is different (torc tui -o DIR)
            - You are on a different system""";

    private final Inbox inbox;
    private final Refresher refresher;
    private final LogLocator logs;
    private final SpecCreator specCreator;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tui-action");
        t.setDaemon(true);
        return t;
    });

    public TuiActions(Inbox inbox, Refresher refresher, LogLocator logs, SpecCreator specCreator) {
        this.inbox = inbox;
        this.refresher = refresher;
        this.logs = logs;
        this.specCreator = specCreator;
    }

    public LogLocator logLocator() {
        return logs;
    }

    /** Runs {@code work}; its result message becomes the status, failures an error. */
    private void act(String failurePrefix, Work work) {
        pool.execute(() -> {
            try {
                String ok = work.run();
                if (ok != null) {
                    inbox.post(s -> s.setStatus(StatusMessage.success(ok)));
                }
            } catch (Exception e) {
                fail(failurePrefix, e);
            }
            refresher.wantAll();
        });
    }

    private void fail(String prefix, Exception e) {
        String msg = prefix + ": " + message(e);
        inbox.post(s -> {
            if (msg.length() > 80 || msg.contains("\n")) {
                s.popup = new ErrorDialog(prefix, message(e));
                s.setStatus(StatusMessage.error(prefix));
            } else {
                s.setStatus(StatusMessage.error(msg));
            }
        });
    }

    static String message(Exception e) {
        if (e instanceof ApiError || e instanceof ServerUnreachable
                || e instanceof WorkflowManager.InitializationRefused) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @FunctionalInterface
    private interface Work {
        String run() throws Exception;
    }

    // ------------------------------------------------------------------ workflow actions

    public void initialize(TorcApi api, long id, String name, boolean force) {
        pool.execute(() -> {
            try {
                new WorkflowManager(api, id).initialize(force);
                inbox.post(s -> s.setStatus(StatusMessage.success("Workflow '" + name
                        + "' initialized")));
            } catch (WorkflowManager.InitializationRefused e) {
                if (force) {
                    fail("Initialize failed", e);
                } else {
                    // torc asks before initializing with --force.
                    inbox.post(s -> s.popup = new ConfirmDialog("Initialize Workflow (Force)",
                            e.getMessage() + "\n\nInitialize anyway (--force)?", true,
                            () -> initialize(api, id, name, true)));
                }
            } catch (Exception e) {
                fail("Initialize failed", e);
            }
            refresher.wantAll();
        });
    }

    public void reinitialize(TorcApi api, long id, String name, boolean force) {
        pool.execute(() -> {
            try {
                List<String> changes = new WorkflowManager(api, id).reinitialize(force, false);
                inbox.post(s -> s.setStatus(StatusMessage.success("Workflow '" + name
                        + "' re-initialized (" + changes.size() + " change(s))")));
            } catch (WorkflowManager.InitializationRefused e) {
                if (force) {
                    fail("Re-initialize failed", e);
                } else {
                    inbox.post(s -> s.popup = new ConfirmDialog("Re-initialize Workflow (Force)",
                            e.getMessage() + "\n\nRe-initialize anyway (--force)?", true,
                            () -> reinitialize(api, id, name, true)));
                }
            } catch (Exception e) {
                fail("Re-initialize failed", e);
            }
            refresher.wantAll();
        });
    }

    public void reset(TorcApi api, long id, String name) {
        act("Reset failed", () -> {
            api.post("/workflows/" + id + "/reset_status", null);
            api.post("/workflows/" + id + "/reset_job_status?failed_only=false", null);
            return "Workflow '" + name + "' status reset";
        });
    }

    public void cancel(TorcApi api, long id, String name) {
        act("Failed to cancel workflow", () -> {
            api.put("/workflows/" + id + "/cancel", null);
            return "Workflow '" + name + "' canceled";
        });
    }

    public void delete(TorcApi api, long id, String name) {
        act("Failed to delete workflow", () -> {
            api.delete("/workflows/" + id);
            inbox.post(s -> {
                if (Long.valueOf(id).equals(s.loadedId())) {
                    TuiApp.unload(s);
                }
            });
            return "Workflow '" + name + "' deleted";
        });
    }

    public void createFromSpec(TorcApi api, String typed) {
        String expanded = typed.startsWith("~/")
                ? System.getProperty("user.home") + typed.substring(1) : typed;
        Path path = Path.of(expanded);
        if (!Files.exists(path)) {
            inbox.post(s -> s.setStatus(StatusMessage.error("File not found: " + path)));
            return;
        }
        act("Failed to create workflow", () -> "Workflow created with ID: "
                + specCreator.create(api, path));
    }

    // ------------------------------------------------------------------ job actions

    /** The job actions of the Jobs tab. */
    public enum JobAction {
        CANCEL("Cancel Job", "canceled"),
        TERMINATE("Terminate Job", "terminated"),
        RETRY("Retry Job", "queued for retry");

        final String title;
        final String done;

        JobAction(String title, String done) {
            this.title = title;
            this.done = done;
        }

        public String title() {
            return title;
        }
    }

    /**
     * Cancel and terminate complete the job with that status (the server accepts terminal
     * statuses only through complete_job; the result gets return code -1). Retry uses the retry
     * endpoint for running, failed and terminated jobs, with one more attempt allowed, and sets
     * any other job back to ready as torc's TUI does.
     */
    public void job(TorcApi api, long workflowId, long jobId, String name, JobAction action) {
        act("Failed to " + action.name().toLowerCase() + " job", () -> {
            long runId = api.get("/workflows/" + workflowId + "/status").path("run_id").asLong();
            JsonNode job = api.get("/jobs/" + jobId);
            String status = job.path("status").asText();
            switch (action) {
                case CANCEL, TERMINATE -> {
                    ObjectNode result = Json.mapper().createObjectNode();
                    result.put("job_id", jobId);
                    result.put("workflow_id", workflowId);
                    result.put("run_id", runId);
                    result.put("return_code", -1);
                    result.put("exec_time_minutes", 0.0);
                    api.post("/jobs/" + jobId + "/complete_job/"
                            + (action == JobAction.CANCEL ? "canceled" : "terminated") + "/"
                            + runId, result);
                }
                case RETRY -> {
                    if (status.equals("running") || status.equals("failed")
                            || status.equals("terminated")) {
                        long attempt = job.path("attempt_id").asLong(1);
                        api.post("/jobs/" + jobId + "/retry/" + runId + "?max_retries="
                                + (attempt + 1), null);
                    } else {
                        api.put("/jobs/" + jobId + "/manage_status_change/ready/" + runId, null);
                    }
                }
                default -> throw new IllegalStateException();
            }
            return "Job '" + name + "' " + action.done;
        });
    }

    // ------------------------------------------------------------------ loads

    public void loadLogs(TorcApi api, long workflowId, JsonNode job, LogViewer viewer) {
        pool.execute(() -> {
            try {
                LogLocator.Paths p = logs.locate(api, workflowId, job);
                List<String> out = FileContent.read(p.stdout(), NO_LOG_HINT);
                List<String> err = FileContent.read(p.stderr(), NO_LOG_HINT);
                inbox.post(s -> {
                    viewer.setContent(0, p.stdout().toString(), out);
                    viewer.setContent(1, p.stderr().toString(), err);
                });
            } catch (Exception e) {
                List<String> msg = List.of("Could not load logs: " + message(e));
                inbox.post(s -> {
                    viewer.setContent(0, null, msg);
                    viewer.setContent(1, null, msg);
                });
            }
        });
    }

    public void loadFile(String path, LogViewer viewer) {
        pool.execute(() -> {
            List<String> lines = FileContent.read(Path.of(path),
                    "The file has not been created yet, or is on another system.");
            inbox.post(s -> viewer.setContent(0, path, lines));
        });
    }

    /** Reads every job and dependency once (the DAG needs the whole graph) and renders it. */
    public void loadDag(TorcApi api, long workflowId, DagView view) {
        pool.execute(() -> {
            try {
                List<DagRenderer.Node> nodes = new ArrayList<>();
                for (JsonNode j : api.listAll("/jobs", Map.of("workflow_id", workflowId),
                        Long.MAX_VALUE)) {
                    nodes.add(new DagRenderer.Node(j.path("id").asLong(), j.path("name").asText(),
                            j.path("status").asText()));
                }
                List<DagRenderer.Edge> edges = new ArrayList<>();
                long offset = 0;
                while (true) {
                    JsonNode page = api.get("/workflows/" + workflowId
                            + "/job_dependencies?offset=" + offset + "&limit=10000");
                    JsonNode items = page.path("items");
                    items.forEach(d -> edges.add(new DagRenderer.Edge(d.path("job_id").asLong(),
                            d.path("depends_on_job_id").asLong())));
                    offset += items.size();
                    if (items.isEmpty() || !page.path("has_more").asBoolean(false)) {
                        break;
                    }
                }
                List<List<Span>> lines = DagRenderer.render(nodes, edges);
                inbox.post(s -> view.loaded(lines));
            } catch (Exception e) {
                inbox.post(s -> view.failed("Could not load the DAG: " + message(e)));
            }
        });
    }

    /**
     * A filter the server cannot apply (job name or command, file name or path): the list is
     * scanned once and the matches become the table's rows.
     */
    public void scan(TorcApi api, Tab tab, long workflowId, Filter filter, PagedTable table) {
        long generation = table.generation();
        pool.execute(() -> {
            try {
                String path = tab == Tab.JOBS ? "/jobs" : "/files";
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("workflow_id", workflowId);
                List<JsonNode> matches = new ArrayList<>();
                for (JsonNode row : api.listAll(path, q, Long.MAX_VALUE)) {
                    String field = switch (filter.column()) {
                        case "Name" -> row.path("name").asText();
                        case "Command" -> row.path("command").asText();
                        case "Path" -> row.path("path").asText();
                        default -> "";
                    };
                    if (filter.matches(field)) {
                        matches.add(row);
                    }
                }
                PageSource source = new PageSource.Snapshot(matches,
                        tab == Tab.JOBS ? "/jobs/" : null);
                inbox.post(s -> {
                    if (table.generation() == generation) {
                        table.reset(source);
                    }
                });
                refresher.wantPage();
            } catch (Exception e) {
                fail("Filter failed", e);
            }
        });
    }

    // ------------------------------------------------------------------ processes

    public void runLocally(String url, String password, long workflowId, String name,
            Path outputDir) {
        pool.execute(() -> {
            try {
                RunnerProcess runner = RunnerProcess.start(url, password, workflowId, outputDir);
                inbox.post(s -> {
                    s.runner = runner;
                    s.popup = new OutputViewer("Running: " + name, runner.output(),
                            runner::running, true);
                    s.setStatus(StatusMessage.info("Running workflow '" + name + "' locally..."));
                });
            } catch (Exception e) {
                fail("Failed to start workflow runner", e);
            }
        });
    }

    public void stop(AutoCloseable process, String done) {
        pool.execute(() -> {
            try {
                process.close();
                if (done != null) {
                    inbox.post(s -> s.setStatus(StatusMessage.info(done)));
                }
            } catch (Exception e) {
                fail("Stop failed", e);
            }
            refresher.wantAll();
        });
    }

    public void startServer(Path database, int port) {
        inbox.post(s -> s.serverStarting = true);
        pool.execute(() -> {
            try {
                ManagedServer server = ManagedServer.start(database, port);
                inbox.post(s -> {
                    s.serverStarting = false;
                    s.server = server;
                    if (!s.api.baseUrl().equals(server.baseUrl())) {
                        s.api = new TorcApi(server.baseUrl(), s.user, s.password);
                        s.serverVersion = null;
                    }
                    s.setStatus(StatusMessage.success("Server started on port " + server.port()));
                });
            } catch (Exception e) {
                inbox.post(s -> s.serverStarting = false);
                fail("Failed to start server", e);
            }
            refresher.wantAll();
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
