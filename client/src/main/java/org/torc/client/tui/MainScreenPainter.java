package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TextColor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws torc's main screen: header with key hints and the status message, server bar, user
 * filter, workflow table, detail tabs, and the detail pane of the current tab (with the status
 * count bar of the loaded workflow on top).
 */
public final class MainScreenPainter {
    static final TextColor FOCUSED = TextColor.ANSI.GREEN;
    static final TextColor CYAN = TextColor.ANSI.CYAN;
    static final TextColor YELLOW = TextColor.ANSI.YELLOW;
    private static final DateTimeFormatter TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    static final List<TableDrawer.Column> WORKFLOW_COLUMNS = List.of(
            new TableDrawer.Column("ID", 6), new TableDrawer.Column("Name", 32),
            new TableDrawer.Column("User", 12), new TableDrawer.Column("Description", 0));
    static final List<TableDrawer.Column> JOB_COLUMNS = List.of(
            new TableDrawer.Column("ID", 8), new TableDrawer.Column("Name", 26),
            new TableDrawer.Column("Status", 14), new TableDrawer.Column("Command", 0));
    static final List<TableDrawer.Column> FILE_COLUMNS = List.of(
            new TableDrawer.Column("ID", 8), new TableDrawer.Column("Name", 20),
            new TableDrawer.Column("Path", 0), new TableDrawer.Column("Modified", 20));
    static final List<TableDrawer.Column> RESULT_COLUMNS = List.of(
            new TableDrawer.Column("ID", 6), new TableDrawer.Column("Job ID", 8),
            new TableDrawer.Column("Run", 4), new TableDrawer.Column("Attempt", 7),
            new TableDrawer.Column("Return", 6), new TableDrawer.Column("Status", 12),
            new TableDrawer.Column("Exec min", 9), new TableDrawer.Column("Completed", 0));
    static final List<TableDrawer.Column> EVENT_COLUMNS = List.of(
            new TableDrawer.Column("Timestamp", 19), new TableDrawer.Column("Level", 8),
            new TableDrawer.Column("Event Type", 22), new TableDrawer.Column("Data", 0));

    private MainScreenPainter() {
    }

    /** How many table rows the detail pane shows (border, count lines and header taken away). */
    static int detailTableRows(Rect details) {
        return Math.max(1, details.height() - 5);
    }

    /** How many workflow rows the workflow table shows. */
    static int workflowTableRows(Rect workflows) {
        return Math.max(1, workflows.height() - 3);
    }

    public static void paint(Canvas c, ScreenLayout l, TuiState s, long now) {
        header(c, l.header(), s, now);
        server(c, l.server(), s);
        userFilter(c, l.userFilter(), s);
        workflows(c, l.workflows(), s);
        tabs(c, l.tabs(), s);
        details(c, l.details(), s);
        if (l.input() != null && s.prompt != null) {
            input(c, l.input(), s);
        }
    }

    private static void header(Canvas c, Rect r, TuiState s, long now) {
        List<Span> title = new ArrayList<>();
        title.add(Span.of("○─○─▶ ", CYAN));
        if (s.status != null && s.status.visible(now)) {
            title.add(Span.of("Torc ─ " + s.status.text(), s.status.color()));
        } else {
            title.add(Span.bold("Torc Management Console", CYAN));
        }
        c.box(r, title, Span.DEFAULT);
        c.put(r.col() + 1, r.row() + 1, r.width() - 2, hints(s));
    }

    static List<Span> hints(TuiState s) {
        if (s.prompt != null) {
            return switch (s.prompt.kind()) {
                case FILTER -> Span.hints("Type", "enter filter", "Tab", "change column",
                        "Enter", "apply", "Esc", "cancel");
                case SERVER_URL -> Span.hints("Type", "enter URL", "Enter", "connect", "Esc",
                        "cancel");
                case USER -> Span.hints("Type", "enter user", "Enter", "apply", "Esc", "cancel");
                case SPEC_PATH -> Span.hints("Type", "enter path to workflow spec file", "Enter",
                        "create", "Esc", "cancel");
            };
        }
        if (s.focus == TuiState.Focus.DETAILS && s.tab == Tab.JOBS) {
            return Span.hints("?", "help", "Enter", "details", "l", "logs", "c", "cancel", "t",
                    "terminate", "y", "retry", "f", "filter", "Tab", "next tab", "←", "workflows");
        }
        if (s.focus == TuiState.Focus.DETAILS && s.tab == Tab.FILES) {
            return Span.hints("?", "help", "Enter", "view file", "f", "filter", "c",
                    "clear filter", "Tab", "next tab");
        }
        List<Span> out = Span.hints("?", "help", "n", "new", "i", "init", "I", "reinit", "R",
                "reset", "x", "run", "C", "cancel", "d", "delete", "r", "refresh", "A",
                "auto-refresh [" + (s.autoRefresh ? "ON" : "OFF") + "]", "q", "quit");
        return out;
    }

    private static void server(Canvas c, Rect r, TuiState s) {
        List<Span> title = new ArrayList<>();
        title.add(Span.of("◉ ", CYAN));
        title.add(Span.plain("Server"));
        if (s.serverVersion != null && !s.serverVersion.isEmpty()) {
            title.add(Span.of(" │ v" + s.serverVersion, Span.GREY));
        }
        c.box(r, title, Span.GREY);
        List<Span> line = new ArrayList<>();
        boolean managed = s.server != null;
        boolean running = managed && s.server.running();
        if (running) {
            line.add(Span.of("● managed", FOCUSED));
        } else if (managed) {
            line.add(Span.of("○ stopped", YELLOW));
        } else if (s.serverStarting) {
            line.add(Span.of("starting...", YELLOW));
        } else if (s.connectionError != null) {
            line.add(Span.of("unreachable", TextColor.ANSI.RED));
        } else {
            line.add(Span.of("external", Span.GREY));
        }
        line.add(Span.plain(" "));
        line.add(Span.of(s.url(), CYAN));
        line.add(Span.of(" │ ", Span.GREY));
        line.add(Span.of("u", YELLOW));
        line.add(Span.of(": URL ", Span.GREY));
        if (running) {
            line.add(Span.of("K", YELLOW));
            line.add(Span.of(": stop ", Span.GREY));
            line.add(Span.of("O", YELLOW));
            line.add(Span.of(": output", Span.GREY));
        } else {
            line.add(Span.of("S", YELLOW));
            line.add(Span.of(": start", Span.GREY));
        }
        c.put(r.col() + 1, r.row() + 1, r.width() - 2, line);
    }

    private static void userFilter(Canvas c, Rect r, TuiState s) {
        c.box(r, List.of(Span.of("◎ ", CYAN), Span.plain("User Filter")), Span.GREY);
        List<Span> line = new ArrayList<>();
        line.add(Span.plain("Current: "));
        line.add(Span.of(s.allUsers ? "all users" : s.userFilterName, CYAN));
        line.add(Span.of("  (w: change, a: " + (s.allUsers ? "only " + s.userFilterName
                : "all") + ")", Span.GREY));
        c.put(r.col() + 1, r.row() + 1, r.width() - 2, line);
    }

    private static void workflows(Canvas c, Rect r, TuiState s) {
        boolean focused = s.focus == TuiState.Focus.WORKFLOWS && s.prompt == null;
        List<Span> title = focused
                ? List.of(Span.of("◆ ", FOCUSED), Span.plain("Workflows [FOCUSED]"),
                        Span.of(" │ Enter: load details", Span.GREY))
                : List.of(Span.of("◇ ", CYAN), Span.plain("Workflows (" + s.workflows.size()
                        + ")"));
        c.box(r, title, focused ? FOCUSED : Span.GREY);
        Rect in = r.inner();
        if (in.height() < 1) {
            return;
        }
        TableDrawer.header(c, in, WORKFLOW_COLUMNS);
        int rows = in.height() - 1;
        if (s.workflowSelected < s.workflowTop) {
            s.workflowTop = s.workflowSelected;
        } else if (s.workflowSelected >= s.workflowTop + rows) {
            s.workflowTop = s.workflowSelected - rows + 1;
        }
        if (s.workflows.isEmpty()) {
            c.put(in.col() + 2, in.row() + 1, in.width() - 2, Span.of(s.connectionError != null
                    ? "Could not connect to server: " + s.connectionError
                    : "No workflows" + (s.allUsers ? "" : " for user " + s.userFilterName
                            + " (a: all users)"), Span.GREY));
        }
        for (int i = 0; i < rows && s.workflowTop + i < s.workflows.size(); i++) {
            int idx = s.workflowTop + i;
            JsonNode w = s.workflows.get(idx);
            boolean isLoaded = w.path("id").asLong() == (s.loadedId() == null ? -1 : s.loadedId());
            TableDrawer.row(c, in, in.row() + 1 + i, WORKFLOW_COLUMNS, List.of(
                    Span.of(w.path("id").asText() + (isLoaded ? "*" : ""), Span.DEFAULT),
                    Span.plain(w.path("name").asText()), Span.plain(w.path("user").asText()),
                    Span.plain(firstLine(w.path("description").asText("")))),
                    idx == s.workflowSelected, focused);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void tabs(Canvas c, Rect r, TuiState s) {
        c.box(r, List.of(Span.plain("◈ Detail View")), Span.GREY);
        List<Span> line = new ArrayList<>();
        for (Tab t : Tab.values()) {
            if (!line.isEmpty()) {
                line.add(Span.of(" │ ", Span.GREY));
            }
            line.add(t == s.tab ? Span.bold("[" + t.title() + "]", CYAN)
                    : Span.of(" " + t.title() + " ", Span.GREY));
        }
        c.put(r.col() + 1, r.row() + 1, r.width() - 2, line);
    }

    private static void details(Canvas c, Rect r, TuiState s) {
        boolean focused = s.focus == TuiState.Focus.DETAILS && s.prompt == null;
        List<Span> title = new ArrayList<>();
        title.add(Span.of(s.tab.title().substring(0, 1) + " ", focused ? FOCUSED : CYAN));
        title.add(Span.plain(detailTitle(s)));
        if (s.filter(s.tab) != null) {
            title.add(Span.of(" [filter: " + s.filter(s.tab).describe() + "]", YELLOW));
        }
        if (s.tab == Tab.EVENTS && s.events != null && s.events.live()) {
            title.add(Span.of(" [SSE Live]", FOCUSED));
        }
        String jobHints = " │ Enter: details  l: logs  c: cancel  t: terminate  y: retry";
        if (focused && s.tab == Tab.JOBS
                && Span.text(title).length() + jobHints.length() < r.width() - 6) {
            title.add(Span.of(jobHints, Span.GREY));
        }
        c.box(r, title, focused ? FOCUSED : Span.GREY);
        Rect in = r.inner();
        if (in.height() < 1) {
            return;
        }
        if (s.loaded == null) {
            c.put(in.col() + 1, in.row(), in.width() - 1, Span.of(
                    "No workflow loaded: select one in the Workflows table and press Enter.",
                    Span.GREY));
            return;
        }
        if (!s.counts.isEmpty()) {
            c.put(in.col() + 1, in.row(), in.width() - 1, StatusCountBar.legend(s.counts));
            c.put(in.col() + 1, in.row() + 1, in.width() - 1,
                    StatusCountBar.bar(s.counts, in.width() - 2));
        } else {
            c.put(in.col() + 1, in.row(), in.width() - 1, Span.of("Jobs: counting...",
                    Span.GREY));
        }
        Rect body = in.below(2);
        switch (s.tab) {
            case JOBS -> paged(c, body, s.jobs, JOB_COLUMNS, focused, MainScreenPainter::jobCells);
            case FILES -> paged(c, body, s.files, FILE_COLUMNS, focused,
                    MainScreenPainter::fileCells);
            case RESULTS -> paged(c, body, s.results, RESULT_COLUMNS, focused,
                    MainScreenPainter::resultCells);
            case EVENTS -> events(c, body, s, focused);
            case DAG -> dag(c, body, s);
        }
    }

    static String detailTitle(TuiState s) {
        String name = s.loaded == null ? "" : " - " + s.loadedName() + " (workflow "
                + s.loadedId() + ")";
        return switch (s.tab) {
            case JOBS -> "Jobs" + count(s.jobs) + name;
            case FILES -> "Files" + count(s.files) + name;
            case RESULTS -> "Results" + count(s.results) + name;
            case EVENTS -> "Events (" + (s.events == null ? 0 : s.events.shown().size()) + ")"
                    + name;
            case DAG -> "Job DAG" + name;
        };
    }

    private static String count(PagedTable t) {
        return t.total() < 0 ? "" : " (" + t.total() + ")";
    }

    interface Cells {
        List<Span> of(JsonNode row);
    }

    private static void paged(Canvas c, Rect body, PagedTable t, List<TableDrawer.Column> cols,
            boolean focused, Cells cells) {
        if (body.height() < 1) {
            return;
        }
        TableDrawer.header(c, body, cols);
        int rows = body.height() - 1;
        if (t.total() == 0) {
            c.put(body.col() + 2, body.row() + 1, body.width() - 2, Span.of("(none)", Span.GREY));
            return;
        }
        for (int i = 0; i < rows; i++) {
            long idx = t.top() + i;
            if (t.total() >= 0 && idx >= t.total()) {
                break;
            }
            JsonNode row = t.row(idx);
            List<Span> rowCells = row == null ? List.of(Span.of("…", Span.GREY),
                    Span.of("loading", Span.GREY)) : cells.of(row);
            TableDrawer.row(c, body, body.row() + 1 + i, cols, rowCells, idx == t.selected(),
                    focused);
        }
        if (t.total() > rows) {
            String pos = " " + (t.selected() + 1) + "/" + t.total() + " ";
            c.put(body.right() - pos.length() - 1, body.bottom(), pos.length(),
                    Span.of(pos, Span.GREY));
        }
    }

    static List<Span> jobCells(JsonNode j) {
        String status = j.path("status").asText();
        return List.of(Span.plain(j.path("id").asText()), Span.plain(j.path("name").asText()),
                Span.of(StatusStyle.label(status), StatusStyle.color(status)),
                Span.plain(j.path("command").asText()));
    }

    static List<Span> fileCells(JsonNode f) {
        JsonNode m = f.path("st_mtime");
        String mtime = m.isNumber() ? TIME.format(Instant.ofEpochMilli((long) (m.asDouble()
                * 1000))) : "";
        return List.of(Span.plain(f.path("id").asText()), Span.plain(f.path("name").asText()),
                Span.plain(f.path("path").asText()), Span.plain(mtime));
    }

    static List<Span> resultCells(JsonNode r) {
        long rc = r.path("return_code").asLong();
        TextColor color = rc == 0 ? FOCUSED : TextColor.ANSI.RED;
        return List.of(Span.plain(r.path("id").asText()), Span.plain(r.path("job_id").asText()),
                Span.plain(r.path("run_id").asText()),
                Span.plain(r.path("attempt_id").asText("1")),
                Span.of(Long.toString(rc), color),
                Span.of(StatusStyle.label(r.path("status").asText()), color),
                Span.plain(String.format("%.3f", r.path("exec_time_minutes").asDouble())),
                Span.plain(r.path("completion_time").asText()));
    }

    static List<Span> eventCells(JsonNode e) {
        JsonNode ts = e.path("timestamp");
        String time = ts.isNumber() ? TIME.format(Instant.ofEpochMilli(ts.asLong())) : ts.asText();
        String level = e.path("severity").asText();
        TextColor color = switch (level) {
            case "error" -> TextColor.ANSI.RED;
            case "warning" -> YELLOW;
            case "info" -> FOCUSED;
            case "debug" -> TextColor.ANSI.BLUE;
            default -> Span.DEFAULT;
        };
        JsonNode data = e.path("data");
        return List.of(Span.plain(time), Span.of(level, color),
                Span.plain(e.path("event_type").asText()),
                Span.plain(data.isTextual() ? data.asText() : data.toString()));
    }

    private static void events(Canvas c, Rect body, TuiState s, boolean focused) {
        if (body.height() < 1) {
            return;
        }
        TableDrawer.header(c, body, EVENT_COLUMNS);
        EventLog log = s.events;
        int rows = body.height() - 1;
        if (log == null || log.shown().isEmpty()) {
            c.put(body.col() + 2, body.row() + 1, body.width() - 2, Span.of(log != null
                    && log.live() ? "Connected - waiting for events..." : "Connecting...",
                    Span.GREY));
            return;
        }
        int top = log.top(rows);
        for (int i = 0; i < rows && top + i < log.shown().size(); i++) {
            TableDrawer.row(c, body, body.row() + 1 + i, EVENT_COLUMNS,
                    eventCells(log.shown().get(top + i)), top + i == log.selected(), focused);
        }
    }

    private static void dag(Canvas c, Rect body, TuiState s) {
        DagView d = s.dag;
        if (d == null || d.loading()) {
            c.put(body.col() + 1, body.row(), body.width() - 1, Span.of("Loading the DAG...",
                    Span.GREY));
            return;
        }
        if (d.error() != null) {
            c.put(body.col() + 1, body.row(), body.width() - 1, Span.of(d.error(),
                    TextColor.ANSI.RED));
            return;
        }
        List<List<Span>> lines = d.lines();
        for (int i = 0; i < body.height() && d.scroll() + i < lines.size(); i++) {
            c.put(body.col(), body.row() + i, body.width(), lines.get(d.scroll() + i));
        }
    }

    private static void input(Canvas c, Rect r, TuiState s) {
        Prompt p = s.prompt;
        c.box(r, List.of(Span.plain(p.title())), FOCUSED);
        List<Span> line = new ArrayList<>();
        switch (p.kind()) {
            case FILTER -> {
                line.add(Span.plain("Filter by "));
                line.add(Span.bold(p.column(), YELLOW));
                line.add(Span.plain(": "));
            }
            case SERVER_URL -> line.add(Span.plain("Server URL: "));
            case USER -> line.add(Span.plain("User: "));
            case SPEC_PATH -> line.add(Span.plain("Workflow spec file: "));
        }
        line.add(Span.of(p.text(), CYAN));
        line.add(Span.plain("_"));
        line.add(Span.of(" | ", Span.GREY));
        line.addAll(Span.hints("Enter", p.kind() == Prompt.Kind.SPEC_PATH ? "create"
                : p.kind() == Prompt.Kind.SERVER_URL ? "connect" : "apply", "Esc", "cancel"));
        if (p.kind() == Prompt.Kind.FILTER) {
            line.add(Span.of(" | Tab: change column", Span.GREY));
        } else if (p.kind() == Prompt.Kind.SPEC_PATH) {
            line.add(Span.of(" (supports ~, YAML/JSON/JSON5/KDL)", Span.GREY));
        } else if (p.kind() == Prompt.Kind.USER) {
            line.add(Span.of(" (empty: all users)", Span.GREY));
        }
        c.put(r.col() + 1, r.row() + 1, r.width() - 2, line);
    }
}
