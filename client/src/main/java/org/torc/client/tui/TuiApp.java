package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.torc.client.api.TorcApi;

/**
 * The TUI: one UI thread that reads keys, applies what background threads posted, and redraws.
 * It never does HTTP itself: the {@link Refresher} reads, {@link TuiActions} acts, so a key is
 * answered within one poll interval plus one redraw however busy the server is.
 */
public final class TuiApp {
    /** How often the UI thread looks for keys when idle. */
    static final long POLL_NANOS = 10_000_000L;
    /** Redraws caused by data (not keys) are at most this frequent. */
    static final long DATA_FRAME_NANOS = 100_000_000L;

    /** Settings from the command line. */
    public record Options(Path outputDir, boolean standalone, int port, Path database,
            SpecCreator specCreator) {
        Path serverDatabase() {
            return database != null ? database : outputDir.resolve("torc.db");
        }
    }

    private final Screen screen;
    private final Options options;
    private final TuiState state;
    private final Inbox inbox = new Inbox();
    private final Refresher refresher;
    private final TuiActions actions;
    private volatile ViewRequest request;
    private final AtomicLong frames = new AtomicLong();

    public TuiApp(Screen screen, TorcApi api, String password, String user, Options options,
            OutputBuffer serverOutput) {
        this.screen = screen;
        this.options = options;
        this.state = new TuiState(api, password, user);
        this.state.serverOutput = serverOutput;
        this.refresher = new Refresher(() -> request, inbox);
        this.actions = new TuiActions(inbox, refresher, new LogLocator(options.outputDir()),
                options.specCreator() == null ? SpecCreator.UNAVAILABLE : options.specCreator());
    }

    /** Frames drawn so far (tests wait on it). */
    public long frames() {
        return frames.get();
    }

    /** Runs until the user quits; the terminal is restored when it returns. */
    public void run() throws IOException {
        inbox.bindTo(Thread.currentThread());
        screen.startScreen();
        screen.setCursorPosition(null);
        try {
            if (options.standalone()) {
                state.setStatus(StatusMessage.info("Starting server in standalone mode..."));
                actions.startServer(options.serverDatabase(), options.port());
            }
            publishRequest();
            refresher.start();
            loop();
        } finally {
            shutdown();
            screen.stopScreen();
            if (screen instanceof TerminalScreen ts) {
                ts.getTerminal().setCursorVisible(true);
                ts.getTerminal().flush();
            }
        }
    }

    private void loop() throws IOException {
        long lastFrame = 0;
        boolean pending = true;
        while (!state.quit) {
            boolean changed = inbox.drain(state);
            boolean keyed = false;
            KeyStroke k;
            while (!state.quit && (k = screen.pollInput()) != null) {
                handleKey(k);
                keyed = true;
            }
            if (state.quit) {
                break;
            }
            if (screen.doResizeIfNecessary() != null) {
                keyed = true;
                state.fullRedraw = true;
            }
            pending |= changed;
            long now = System.nanoTime();
            if (keyed || (pending && now - lastFrame >= DATA_FRAME_NANOS)
                    || now - lastFrame >= 1_000_000_000L) {
                render(now);
                lastFrame = now;
                pending = false;
            }
            publishRequest();
            if (!keyed) {
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }

    private void render(long now) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        ScreenLayout layout = ScreenLayout.compute(size, state.workflows.size(),
                state.prompt != null);
        int rows = MainScreenPainter.detailTableRows(layout.details());
        state.jobs.setVisibleRows(rows);
        state.files.setVisibleRows(rows);
        state.results.setVisibleRows(rows);
        screen.clear();
        Canvas c = new Canvas(screen.newTextGraphics());
        MainScreenPainter.paint(c, layout, state, now);
        if (state.popup != null) {
            PopupPainter.paint(c, new Rect(0, 0, size.getColumns(), size.getRows()), state.popup);
        }
        screen.refresh(state.fullRedraw ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        state.fullRedraw = false;
        frames.incrementAndGet();
    }

    /** Tells the refresher what is on screen; asks for a page when visible rows are missing. */
    private void publishRequest() {
        ViewRequest.PageRequest page = null;
        boolean fetchNow = false;
        PagedTable t = state.loaded == null ? null : state.table(state.tab);
        if (t != null && t.source() != null) {
            PagedTable.Window w = t.wanted();
            page = new ViewRequest.PageRequest(state.tab, t.source(), t.generation(), w);
            if (t.needsFetch()) {
                t.markRequested(w);
                fetchNow = true;
            }
        }
        request = new ViewRequest(state.api, state.userFilter(), state.loadedId(), page,
                state.autoRefresh);
        if (fetchNow) {
            refresher.wantPage();
        }
    }

    private void shutdown() {
        refresher.close();
        if (state.events != null) {
            state.events.close();
        }
        if (state.runner != null) {
            state.runner.close();
        }
        if (state.server != null) {
            state.server.close();
        }
        actions.close();
    }

    // ------------------------------------------------------------------ keys

    void handleKey(KeyStroke k) {
        if (state.popup != null) {
            popupKey(k);
        } else if (state.prompt != null) {
            promptKey(k);
        } else {
            command(KeyMap.main(k, state.focus, state.tab));
        }
    }

    private void command(KeyMap.Command cmd) {
        TuiState s = state;
        switch (cmd) {
            case QUIT -> s.quit = true;
            case HELP -> s.popup = new HelpPopup();
            case UP -> move(-1);
            case DOWN -> move(1);
            case PAGE_UP -> move(-page());
            case PAGE_DOWN -> move(page());
            case HOME -> move(Integer.MIN_VALUE / 2);
            case END -> move(Integer.MAX_VALUE / 2);
            case SWITCH_PANE -> s.focus = s.focus == TuiState.Focus.WORKFLOWS
                    ? TuiState.Focus.DETAILS : TuiState.Focus.WORKFLOWS;
            case NEXT_TAB -> showTab(s.tab.next());
            case PREVIOUS_TAB -> showTab(s.tab.previous());
            case ENTER -> enter();
            case REFRESH -> {
                s.fullRedraw = true;
                if (s.tab == Tab.DAG && s.loaded != null) {
                    s.dag = null;
                    showTab(Tab.DAG);
                }
                refresher.wantAll();
                s.setStatus(StatusMessage.info("Refreshed"));
            }
            case AUTO_REFRESH -> {
                s.autoRefresh = !s.autoRefresh;
                s.setStatus(StatusMessage.info(s.autoRefresh ? "Auto-refresh enabled (1s interval)"
                        : "Auto-refresh disabled"));
            }
            case FILTER -> s.prompt = new Prompt(Prompt.Kind.FILTER, "", s.tab.filterColumns());
            case CLEAR_FILTER -> applyFilter(null);
            case JOB_LOGS -> showLogs();
            case JOB_CANCEL -> jobAction(TuiActions.JobAction.CANCEL);
            case JOB_TERMINATE -> jobAction(TuiActions.JobAction.TERMINATE);
            case JOB_RETRY -> jobAction(TuiActions.JobAction.RETRY);
            case NEW_WORKFLOW -> s.prompt = new Prompt(Prompt.Kind.SPEC_PATH, "", null);
            case INITIALIZE -> workflowAction("Initialize Workflow", "Initialize workflow '%s'?",
                    false, (id, name) -> actions.initialize(s.api, id, name, false));
            case REINITIALIZE -> workflowAction("Re-initialize Workflow",
                    "Re-initialize workflow '%s'?\nThis will reset all job statuses.", true,
                    (id, name) -> actions.reinitialize(s.api, id, name, false));
            case RESET -> workflowAction("Reset Workflow", "Reset workflow '%s' status?\n"
                    + "This will clear all job statuses and results.", true,
                    (id, name) -> actions.reset(s.api, id, name));
            case RUN_LOCALLY -> runLocally();
            case SUBMIT -> s.setStatus(StatusMessage.warning(
                    "Submitting to a scheduler (Slurm) is not available in torc for the JVM"));
            case WATCH -> s.setStatus(StatusMessage.warning(
                    "torc watch is not available in torc for the JVM"));
            case CANCEL_WORKFLOW -> workflowAction("Cancel Workflow", "Cancel workflow '%s'?",
                    false, (id, name) -> actions.cancel(s.api, id, name));
            case DELETE_WORKFLOW -> workflowAction("Delete Workflow",
                    "DELETE workflow '%s'?\nThis action cannot be undone!", true,
                    (id, name) -> actions.delete(s.api, id, name));
            case START_SERVER -> startServer();
            case STOP_SERVER -> {
                if (s.server != null && s.server.running()) {
                    actions.stop(s.server, "Server stopped");
                } else {
                    s.setStatus(StatusMessage.warning(s.server == null
                            ? "No server process to stop" : "Server is not running"));
                }
            }
            case SERVER_OUTPUT -> {
                if (s.server == null) {
                    s.setStatus(StatusMessage.warning("No server process. Press S to start one."));
                } else {
                    ManagedServer srv = s.server;
                    s.popup = new OutputViewer("Torc Server (in this process) " + srv.baseUrl(),
                            s.serverOutput, srv::running, false);
                }
            }
            case SERVER_URL -> s.prompt = new Prompt(Prompt.Kind.SERVER_URL, s.url(), null);
            case USER_FILTER -> s.prompt = new Prompt(Prompt.Kind.USER, s.userFilterName, null);
            case ALL_USERS -> {
                s.allUsers = !s.allUsers;
                s.setStatus(StatusMessage.info(s.allUsers ? "Showing workflows of all users"
                        : "Showing workflows of " + s.userFilterName));
                refresher.wantAll();
            }
            case NONE -> {
            }
        }
    }

    private int page() {
        PagedTable t = state.table(state.tab);
        return state.focus == TuiState.Focus.DETAILS && t != null ? t.visibleRows() : 20;
    }

    private void move(int delta) {
        TuiState s = state;
        if (s.focus == TuiState.Focus.WORKFLOWS) {
            if (!s.workflows.isEmpty()) {
                s.workflowSelected = (int) Math.max(0, Math.min(s.workflows.size() - 1L,
                        (long) s.workflowSelected + delta));
            }
            return;
        }
        if (s.loaded == null) {
            return;
        }
        switch (s.tab) {
            case JOBS, FILES, RESULTS -> s.table(s.tab).moveBy(delta);
            case EVENTS -> {
                if (s.events != null) {
                    s.events.moveBy(delta);
                }
            }
            case DAG -> {
                if (s.dag != null) {
                    s.dag.scrollBy(delta, page());
                }
            }
        }
    }

    private void enter() {
        TuiState s = state;
        if (s.focus == TuiState.Focus.WORKFLOWS) {
            JsonNode w = s.selectedWorkflow();
            if (w != null) {
                load(w);
            }
            return;
        }
        if (s.tab == Tab.JOBS) {
            JsonNode job = s.jobs.selectedRow();
            if (job == null) {
                s.setStatus(StatusMessage.warning("No job selected"));
            } else {
                s.popup = new JobDetailsPopup(job);
            }
        } else if (s.tab == Tab.FILES) {
            JsonNode f = s.files.selectedRow();
            if (f == null) {
                s.setStatus(StatusMessage.warning("No file selected"));
            } else {
                LogViewer v = new LogViewer("File: " + f.path("name").asText(),
                        List.of(f.path("name").asText()));
                s.popup = v;
                actions.loadFile(f.path("path").asText(), v);
            }
        }
    }

    /** Loads a workflow's details (Enter on the workflow table), as torc's load_detail_data. */
    private void load(JsonNode workflow) {
        TuiState s = state;
        unload(s);
        s.loaded = workflow;
        long id = s.loadedId();
        s.jobs.reset(jobsSource(id, null));
        s.files.reset(new PageSource.Server("/files", Map.of("workflow_id", id)));
        s.results.reset(new PageSource.Server("/results", Map.of("workflow_id", id)));
        showTab(s.tab);
        refresher.wantAll();
    }

    /** Forgets the loaded workflow (deleted, or another server). */
    static void unload(TuiState s) {
        if (s.events != null) {
            s.events.close();
        }
        s.events = null;
        s.dag = null;
        s.loaded = null;
        s.counts = Map.of();
        s.jobsFilter = null;
        s.filesFilter = null;
        s.resultsFilter = null;
        s.jobs.reset(null);
        s.files.reset(null);
        s.results.reset(null);
    }

    private static PageSource jobsSource(long id, String status) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("workflow_id", id);
        if (status != null) {
            q.put("status", status);
        }
        return new PageSource.Server("/jobs", q);
    }

    private void showTab(Tab tab) {
        TuiState s = state;
        s.tab = tab;
        if (s.loaded == null) {
            return;
        }
        long id = s.loadedId();
        if (tab == Tab.EVENTS && (s.events == null || s.events.workflowId() != id)) {
            startEvents(id);
        }
        if (tab == Tab.DAG && (s.dag == null || s.dag.workflowId() != id)) {
            s.dag = new DagView(id);
            actions.loadDag(s.api, id, s.dag);
        }
    }

    private void startEvents(long id) {
        TuiState s = state;
        EventLog log = new EventLog(id);
        ConcurrentLinkedQueue<JsonNode> pending = new ConcurrentLinkedQueue<>();
        AtomicBoolean posted = new AtomicBoolean();
        EventStream stream = new EventStream(s.url(), id, authorization(), new EventStream.Listener() {
            @Override
            public void frame(SseParser.Frame f) {
                pending.add(EventLog.parse(f));
                if (posted.compareAndSet(false, true)) {
                    inbox.post(st -> {
                        posted.set(false);
                        List<JsonNode> batch = new ArrayList<>();
                        JsonNode e;
                        while ((e = pending.poll()) != null) {
                            batch.add(e);
                        }
                        log.add(batch);
                    });
                }
            }

            @Override
            public void connected(boolean live) {
                inbox.post(st -> log.setLive(live));
            }
        });
        log.attach(stream);
        s.events = log;
        stream.start();
    }

    private String authorization() {
        return state.password == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (state.user + ":" + state.password).getBytes(StandardCharsets.UTF_8));
    }

    private interface WorkflowWork {
        void run(long id, String name);
    }

    private void workflowAction(String title, String message, boolean destructive,
            WorkflowWork work) {
        JsonNode w = state.selectedWorkflow();
        if (w == null) {
            state.setStatus(StatusMessage.warning("No workflow selected"));
            return;
        }
        long id = w.path("id").asLong();
        String name = w.path("name").asText();
        state.popup = new ConfirmDialog(title, String.format(message, name), destructive,
                () -> work.run(id, name));
    }

    private void jobAction(TuiActions.JobAction action) {
        JsonNode job = state.jobs.selectedRow();
        if (job == null || state.loaded == null) {
            state.setStatus(StatusMessage.warning("No job selected"));
            return;
        }
        long wf = state.loadedId();
        long id = job.path("id").asLong();
        String name = job.path("name").asText();
        String verb = action.title().substring(0, action.title().indexOf(' '));
        state.popup = new ConfirmDialog(action.title(), verb + " job '" + name + "'?", false,
                () -> actions.job(state.api, wf, id, name, action));
    }

    private void showLogs() {
        JsonNode job = state.jobs.selectedRow();
        if (job == null || state.loaded == null) {
            state.setStatus(StatusMessage.warning("No job selected"));
            return;
        }
        LogViewer v = LogViewer.forJob(job.path("name").asText());
        state.popup = v;
        actions.loadLogs(state.api, state.loadedId(), job, v);
    }

    private void runLocally() {
        TuiState s = state;
        JsonNode w = s.selectedWorkflow();
        if (w == null) {
            s.setStatus(StatusMessage.warning("No workflow selected"));
            return;
        }
        long id = w.path("id").asLong();
        String name = w.path("name").asText();
        if (s.runner != null && s.runner.running()) {
            RunnerProcess r = s.runner;
            s.popup = new OutputViewer("Running: workflow " + r.workflowId(), r.output(),
                    r::running, true);
            return;
        }
        s.popup = new ConfirmDialog("Run Workflow", "Run workflow '" + name + "' locally?", false,
                () -> actions.runLocally(s.url(), s.password, id, name, options.outputDir()));
    }

    private void startServer() {
        TuiState s = state;
        if (s.server != null && s.server.running()) {
            s.setStatus(StatusMessage.warning("Server is already running"));
            return;
        }
        int port = URI.create(s.url()).getPort();
        s.setStatus(StatusMessage.info("Starting server..."));
        actions.startServer(options.serverDatabase(), port < 0 ? 8080 : port);
    }

    // ------------------------------------------------------------------ popups and prompts

    private void popupKey(KeyStroke k) {
        TuiState s = state;
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        boolean close = k.getKeyType() == KeyType.Escape || (c != null && c == 'q');
        Popup p = s.popup;
        if (p instanceof HelpPopup h) {
            if (close) {
                s.popup = null;
            } else if (k.getKeyType() == KeyType.ArrowDown || k.getKeyType() == KeyType.ArrowUp) {
                TerminalSize size = screen.getTerminalSize();
                int visible = PopupPainter.helpHeight(new Rect(0, 0, size.getColumns(),
                        size.getRows())) - 2;
                h.scrollBy(k.getKeyType() == KeyType.ArrowDown ? 1 : -1,
                        Math.max(0, PopupPainter.HELP.length - visible));
            }
        } else if (p instanceof ConfirmDialog d) {
            if (c != null && (c == 'y' || c == 'Y')) {
                s.popup = null;
                d.onYes().run();
            } else if (close || (c != null && (c == 'n' || c == 'N'))) {
                s.popup = null;
            }
        } else if (p instanceof ErrorDialog) {
            if (close || k.getKeyType() == KeyType.Enter) {
                s.popup = null;
            }
        } else if (p instanceof JobDetailsPopup j) {
            if (close) {
                s.popup = null;
            } else if (c != null && c == 'l') {
                s.popup = null;
                showLogs();
            } else if (k.getKeyType() == KeyType.ArrowDown) {
                j.scrollBy(1);
            } else if (k.getKeyType() == KeyType.ArrowUp) {
                j.scrollBy(-1);
            }
        } else if (p instanceof LogViewer v) {
            switch (v.handle(k)) {
                case CLOSE -> s.popup = null;
                case SHOW_PATH -> s.setStatus(StatusMessage.info("Path: "
                        + (v.current().path() == null ? "-" : v.current().path())));
                default -> {
                }
            }
        } else if (p instanceof OutputViewer o) {
            switch (o.handle(k)) {
                case CLOSE -> {
                    s.popup = null;
                    if (o.stopsOnClose() && s.runner != null && s.runner.running()) {
                        actions.stop(s.runner, "Workflow run stopped");
                    }
                    refresher.wantAll();
                }
                case KILL -> {
                    if (o.stopsOnClose() && s.runner != null) {
                        actions.stop(s.runner, "Workflow run killed");
                    } else if (s.server != null) {
                        actions.stop(s.server, "Server stopped");
                    }
                }
                default -> {
                }
            }
        }
    }

    private void promptKey(KeyStroke k) {
        TuiState s = state;
        Prompt p = s.prompt;
        switch (k.getKeyType()) {
            case Escape -> s.prompt = null;
            case Backspace -> p.backspace();
            case Tab -> p.nextColumn();
            case ReverseTab -> p.previousColumn();
            case Character -> p.type(k.getCharacter());
            case Enter -> {
                s.prompt = null;
                applyPrompt(p);
            }
            default -> {
            }
        }
    }

    private void applyPrompt(Prompt p) {
        TuiState s = state;
        String text = p.text().trim();
        switch (p.kind()) {
            case FILTER -> applyFilter(text.isEmpty() ? null : new Filter(p.column(), text));
            case SERVER_URL -> {
                if (!text.isEmpty() && !text.equals(s.url())) {
                    unload(s);
                    s.api = new TorcApi(text, s.user, s.password);
                    s.workflows = List.of();
                    s.serverVersion = null;
                    s.connectionError = null;
                    s.setStatus(StatusMessage.info("Server URL set to " + text));
                    refresher.wantAll();
                }
            }
            case USER -> {
                if (text.isEmpty()) {
                    s.allUsers = true;
                } else {
                    s.userFilterName = text;
                    s.allUsers = false;
                }
                refresher.wantAll();
            }
            case SPEC_PATH -> {
                if (!text.isEmpty()) {
                    actions.createFromSpec(s.api, text);
                }
            }
        }
    }

    private void applyFilter(Filter f) {
        TuiState s = state;
        if (s.loaded == null) {
            return;
        }
        long id = s.loadedId();
        switch (s.tab) {
            case JOBS -> {
                s.jobsFilter = f;
                if (f == null) {
                    s.jobs.reset(jobsSource(id, null));
                } else if (f.column().equals("Status")) {
                    String status = matchStatus(f.value());
                    if (status == null) {
                        s.jobsFilter = null;
                        s.setStatus(StatusMessage.warning("No job status matches '" + f.value()
                                + "'"));
                        return;
                    }
                    s.jobs.reset(jobsSource(id, status));
                } else {
                    s.jobs.reset(null);
                    actions.scan(s.api, Tab.JOBS, id, f, s.jobs);
                }
            }
            case FILES -> {
                s.filesFilter = f;
                if (f == null) {
                    s.files.reset(new PageSource.Server("/files", Map.of("workflow_id", id)));
                } else {
                    s.files.reset(null);
                    actions.scan(s.api, Tab.FILES, id, f, s.files);
                }
            }
            case RESULTS -> {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("workflow_id", id);
                if (f != null && f.column().equals("Status")) {
                    String status = matchStatus(f.value());
                    if (status == null) {
                        s.setStatus(StatusMessage.warning("No status matches '" + f.value() + "'"));
                        return;
                    }
                    q.put("status", status);
                } else if (f != null) {
                    try {
                        q.put("return_code", Long.parseLong(f.value()));
                    } catch (NumberFormatException e) {
                        s.setStatus(StatusMessage.warning("Return code must be a number"));
                        return;
                    }
                }
                s.resultsFilter = f;
                s.results.reset(new PageSource.Server("/results", q));
            }
            case EVENTS -> {
                if (s.events != null) {
                    s.events.setFilter(f);
                }
            }
            case DAG -> {
            }
        }
    }

    /** The job status a filter text means: an exact name, else the first that contains it. */
    static String matchStatus(String text) {
        String t = text.toLowerCase().replace(' ', '_');
        for (String s : StatusStyle.ORDER) {
            if (s.equals(t) || s.replace("_", "").equals(t)) {
                return s;
            }
        }
        for (String s : StatusStyle.ORDER) {
            if (s.contains(t)) {
                return s;
            }
        }
        return null;
    }
}
