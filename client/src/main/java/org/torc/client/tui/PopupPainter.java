package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.List;

/** Draws the popup on top of the main screen: help, confirmations, job details, viewers. */
public final class PopupPainter {
    static final String[][] HELP = {
        {"#", "Global Keys"},
        {"q", "Quit / Close popup"},
        {"?", "Show this help"},
        {"r", "Refresh now (and redraw the screen)"},
        {"A", "Toggle auto-refresh (every second)"},
        {"Tab/Shift+Tab", "Switch between detail tabs"},
        {"←/→", "Switch focus between panes"},
        {"↑/↓ PgUp/PgDn", "Navigate rows in tables"},
        {"Home/End", "First / last row"},
        {"Enter", "Load details / Confirm action"},
        {"#", "Workflow Actions"},
        {"n", "Create new workflow from spec file"},
        {"i", "Initialize workflow"},
        {"I", "Re-initialize workflow"},
        {"R", "Reset workflow status"},
        {"x", "Run workflow locally"},
        {"C", "Cancel workflow"},
        {"d", "Delete workflow"},
        {"#", "Job Actions (Jobs tab)"},
        {"l", "View logs"},
        {"Enter", "View job details"},
        {"c", "Cancel job"},
        {"t", "Terminate job"},
        {"y", "Retry job"},
        {"f", "Filter (c clears it on other tabs)"},
        {"#", "Log Viewer"},
        {"Tab", "Switch stdout / stderr"},
        {"/ n N", "Search, next / previous match"},
        {"g/G", "Top / bottom"},
        {"y", "Show the file path"},
        {"#", "Server Management"},
        {"S", "Start a torc server (in this process)"},
        {"K", "Stop the server"},
        {"O", "Show server output"},
        {"#", "Connection"},
        {"u", "Change server URL"},
        {"w", "Change user filter"},
        {"a", "Toggle show all users"},
    };

    private PopupPainter() {
    }

    public static void paint(Canvas c, Rect screen, Popup popup) {
        if (popup instanceof HelpPopup h) {
            help(c, screen, h);
        } else if (popup instanceof ConfirmDialog d) {
            confirm(c, screen, d);
        } else if (popup instanceof ErrorDialog e) {
            error(c, screen, e);
        } else if (popup instanceof JobDetailsPopup j) {
            jobDetails(c, screen, j);
        } else if (popup instanceof LogViewer v) {
            logViewer(c, screen, v);
        } else if (popup instanceof OutputViewer o) {
            output(c, screen, o);
        }
    }

    static int helpHeight(Rect screen) {
        return Math.min(HELP.length + 2, screen.height() - 2);
    }

    private static void help(Canvas c, Rect screen, HelpPopup h) {
        Rect r = screen.centered(70, helpHeight(screen));
        c.clear(r);
        c.box(r, List.of(Span.plain("Help (press q or Esc to close)")), MainScreenPainter.CYAN);
        Rect in = r.inner();
        for (int i = 0; i < in.height() && h.scroll() + i < HELP.length; i++) {
            String[] e = HELP[h.scroll() + i];
            List<Span> line = e[0].equals("#")
                    ? List.of(Span.bold(e[1], MainScreenPainter.YELLOW))
                    : List.of(Span.plain("  "), Span.of(Canvas.pad(e[0], 16),
                            MainScreenPainter.FOCUSED), Span.plain(e[1]));
            c.put(in.col() + 1, in.row() + i, in.width() - 1, line);
        }
    }

    /** Splits text into lines of at most {@code width} columns at spaces where possible. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            String rest = para;
            while (rest.length() > width && width > 0) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    cut = width;
                }
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut).stripLeading();
            }
            out.add(rest);
        }
        return out;
    }

    private static void confirm(Canvas c, Rect screen, ConfirmDialog d) {
        int width = Math.min(64, screen.width() - 4);
        List<String> lines = wrap(d.message(), width - 4);
        Rect r = screen.centered(width, lines.size() + 5);
        TextColor border = d.destructive() ? TextColor.ANSI.RED : MainScreenPainter.YELLOW;
        c.clear(r);
        c.box(r, List.of(Span.bold(d.title(), border)), border);
        Rect in = r.inner();
        for (int i = 0; i < lines.size() && i < in.height() - 2; i++) {
            String t = Canvas.clip(lines.get(i), in.width());
            c.put(in.col() + (in.width() - t.length()) / 2, in.row() + 1 + i, in.width(),
                    Span.plain(t));
        }
        List<Span> buttons = List.of(Span.bold("y", d.destructive() ? TextColor.ANSI.RED
                : MainScreenPainter.FOCUSED), Span.plain(": Yes | "),
                Span.of("n", MainScreenPainter.YELLOW), Span.plain(": No | "),
                Span.of("Esc", Span.GREY), Span.plain(": cancel"));
        int bw = Span.text(buttons).length();
        c.put(in.col() + Math.max(0, (in.width() - bw) / 2), in.bottom() - 1, in.width(), buttons);
    }

    private static void error(Canvas c, Rect screen, ErrorDialog e) {
        int width = Math.min(80, screen.width() - 4);
        List<String> lines = wrap(e.message(), width - 4);
        Rect r = screen.centered(width, Math.min(screen.height() - 2, lines.size() + 5));
        c.clear(r);
        c.box(r, List.of(Span.bold(e.title(), TextColor.ANSI.RED)), TextColor.ANSI.RED);
        Rect in = r.inner();
        for (int i = 0; i < lines.size() && i < in.height() - 2; i++) {
            c.put(in.col() + 1, in.row() + i, in.width() - 1, Span.plain(lines.get(i)));
        }
        c.put(in.col() + 1, in.bottom() - 1, in.width() - 1, Span.hints("Enter", "close", "Esc",
                "close"));
    }

    private static void jobDetails(Canvas c, Rect screen, JobDetailsPopup p) {
        JsonNode j = p.job();
        Rect r = screen.centered(80, 20);
        c.clear(r);
        c.box(r, List.of(Span.plain("Job Details: " + j.path("name").asText())),
                MainScreenPainter.CYAN);
        Rect in = r.inner();
        String status = j.path("status").asText();
        List<List<Span>> lines = new ArrayList<>();
        lines.add(List.of(Span.of("ID: ", Span.GREY), Span.plain(j.path("id").asText())));
        lines.add(List.of(Span.of("Status: ", Span.GREY), Span.of(StatusStyle.label(status),
                StatusStyle.color(status))));
        lines.add(List.of(Span.of("Attempt: ", Span.GREY),
                Span.plain(j.path("attempt_id").asText("1"))));
        lines.add(List.of());
        lines.add(List.of(Span.of("Command:", MainScreenPainter.YELLOW)));
        for (String l : wrap(j.path("command").asText(), in.width() - 2)) {
            lines.add(List.of(Span.plain(l)));
        }
        if (j.hasNonNull("invocation_script")) {
            lines.add(List.of(Span.of("Invocation script: ", Span.GREY),
                    Span.plain(j.path("invocation_script").asText())));
        }
        lines.add(List.of());
        lines.add(List.of(Span.of("Press q or Esc to close, l to view logs", Span.GREY)));
        for (int i = 0; i < in.height() && p.scroll() + i < lines.size(); i++) {
            c.put(in.col() + 1, in.row() + i, in.width() - 1, lines.get(p.scroll() + i));
        }
    }

    /** Lines of text the log viewer shows for a screen of this size. */
    static int logViewerHeight(Rect screen) {
        return Math.max(1, screen.height() - 6);
    }

    private static void logViewer(Canvas c, Rect screen, LogViewer v) {
        Rect r = screen;
        c.clear(r);
        c.box(r, List.of(Span.bold(v.title(), MainScreenPainter.CYAN)), MainScreenPainter.CYAN);
        Rect in = r.inner();
        List<Span> tabs = new ArrayList<>();
        for (int i = 0; i < v.panes().size(); i++) {
            String n = v.panes().get(i).name();
            tabs.add(i == v.active() ? Span.bold("[" + n + "]", MainScreenPainter.CYAN)
                    : Span.of(" " + n + " ", Span.GREY));
            tabs.add(Span.plain(" "));
        }
        if (v.panes().size() > 1) {
            tabs.add(Span.of(" (Tab to switch)", Span.GREY));
        }
        c.put(in.col() + 1, in.row(), in.width() - 1, tabs);
        c.fill(in.col(), in.row() + 1, in.width(), '─', Span.of("", Span.GREY));
        int height = logViewerHeight(screen);
        v.setHeight(height);
        List<String> lines = v.current().lines();
        java.util.Set<Integer> matches = new java.util.HashSet<>(v.matches());
        int current = v.matches().isEmpty() ? -1 : v.matches().get(v.currentMatch());
        for (int i = 0; i < height && v.scroll() + i < lines.size(); i++) {
            int n = v.scroll() + i;
            TextColor color = n == current ? MainScreenPainter.YELLOW
                    : matches.contains(n) ? MainScreenPainter.CYAN : Span.DEFAULT;
            c.put(in.col(), in.row() + 2 + i, in.width(), List.of(
                    Span.of(String.format("%5d  ", n + 1), Span.GREY),
                    new Span(lines.get(n), color, n == current, false)));
        }
        int footer = in.bottom() - 2;
        c.fill(in.col(), footer, in.width(), '─', Span.of("", Span.GREY));
        String path = v.current().path();
        c.put(in.col() + 1, footer + 1, in.width() - 1, v.searching()
                ? List.of(Span.of("Search: ", MainScreenPainter.YELLOW), Span.plain(v.query()
                        + "_"), Span.of("  (" + v.matches().size() + " matches) Enter: apply"
                        + " | Esc: cancel", Span.GREY))
                : List.of(Span.of("Path: " + (path == null ? "-" : path) + "  ", Span.GREY),
                        Span.plain(Span.text(Span.hints("q", "close", "/", "search", "n/N",
                                "next/prev", "g/G", "top/bottom", "y", "path")))));
    }

    private static void output(Canvas c, Rect screen, OutputViewer o) {
        Rect r = screen;
        c.clear(r);
        boolean running = o.running();
        c.box(r, List.of(Span.bold(o.title(), MainScreenPainter.CYAN),
                Span.of(running ? " [running]" : " [stopped]", running
                        ? MainScreenPainter.FOCUSED : MainScreenPainter.YELLOW)),
                MainScreenPainter.CYAN);
        Rect in = r.inner();
        int height = Math.max(1, in.height() - 2);
        List<String> lines = o.buffer().snapshot();
        int first = o.firstLine(height);
        for (int i = 0; i < height && first + i < lines.size(); i++) {
            c.put(in.col() + 1, in.row() + i, in.width() - 1, Span.plain(lines.get(first + i)));
        }
        c.fill(in.col(), in.bottom() - 2, in.width(), '─', Span.of("", Span.GREY));
        List<Span> footer = o.killConfirm()
                ? List.of(Span.bold("Kill the process? y: yes | any other key: no",
                        TextColor.ANSI.RED))
                : Span.hints("q", o.stopsOnClose() ? "close (stops the run)" : "close", "k",
                        "kill", "a", "auto-scroll [" + (o.following() ? "ON" : "OFF") + "]",
                        "g/G", "top/bottom");
        c.put(in.col() + 1, in.bottom() - 1, in.width() - 1, footer);
    }
}
