package org.torc.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scrollable text viewer with search: a job's stdout and stderr ({@code l}; Tab switches) or one
 * file of the Files tab. Keys as torc's: ↑/↓ one line, PgUp/PgDn 20, g/G top/bottom, / search
 * (Enter applies, Esc cancels), n/N next/previous match, y shows the path, q/Esc close.
 */
public final class LogViewer implements Popup {
    /** What a key did. */
    public enum Outcome {
        NONE, CLOSE, SHOW_PATH
    }

    /** One tab: a name (stdout, stderr, or the file name), its path and its lines. */
    public static final class Pane {
        final String name;
        String path;
        List<String> lines;

        Pane(String name, String path, List<String> lines) {
            this.name = name;
            this.path = path;
            this.lines = lines;
        }

        public String name() {
            return name;
        }

        public String path() {
            return path;
        }

        public List<String> lines() {
            return lines;
        }
    }

    private final String title;
    private final List<Pane> panes = new ArrayList<>();
    private int active;
    private int scroll;
    private boolean searching;
    private final StringBuilder query = new StringBuilder();
    private List<Integer> matches = List.of();
    private int currentMatch;
    private int lastHeight = 20;

    public LogViewer(String title, List<String> paneNames) {
        this.title = title;
        for (String n : paneNames) {
            panes.add(new Pane(n, null, List.of("Loading...")));
        }
    }

    /** A viewer for a job's .o and .e files. */
    public static LogViewer forJob(String jobName) {
        return new LogViewer("Logs: " + jobName, List.of("stdout", "stderr"));
    }

    public void setContent(int pane, String path, List<String> lines) {
        Pane p = panes.get(pane);
        p.path = path;
        p.lines = lines;
        if (pane == active) {
            updateMatches();
        }
    }

    public String title() {
        return title;
    }

    public List<Pane> panes() {
        return panes;
    }

    public int active() {
        return active;
    }

    public Pane current() {
        return panes.get(active);
    }

    public int scroll() {
        return scroll;
    }

    public boolean searching() {
        return searching;
    }

    public String query() {
        return query.toString();
    }

    public List<Integer> matches() {
        return matches;
    }

    public int currentMatch() {
        return currentMatch;
    }

    public void setHeight(int height) {
        lastHeight = Math.max(1, height);
    }

    public Outcome handle(KeyStroke k) {
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        if (searching) {
            switch (k.getKeyType()) {
                case Escape -> searching = false;
                case Enter -> {
                    searching = false;
                    if (!matches.isEmpty()) {
                        currentMatch = 0;
                        jumpToMatch();
                    }
                }
                case Backspace -> {
                    if (query.length() > 0) {
                        query.setLength(query.length() - 1);
                    }
                    updateMatches();
                }
                case Character -> {
                    query.append(c);
                    updateMatches();
                }
                default -> {
                }
            }
            return Outcome.NONE;
        }
        switch (k.getKeyType()) {
            case Escape -> {
                return Outcome.CLOSE;
            }
            case Tab, ReverseTab -> {
                active = (active + 1) % panes.size();
                scroll = 0;
                updateMatches();
            }
            case ArrowUp -> scrollBy(-1);
            case ArrowDown -> scrollBy(1);
            case PageUp -> scrollBy(-20);
            case PageDown -> scrollBy(20);
            case Home -> scroll = 0;
            case End -> scrollToBottom();
            case Character -> {
                switch (c) {
                    case 'q' -> {
                        return Outcome.CLOSE;
                    }
                    case 'g' -> scroll = 0;
                    case 'G' -> scrollToBottom();
                    case '/' -> {
                        searching = true;
                        query.setLength(0);
                        matches = List.of();
                    }
                    case 'n' -> stepMatch(1);
                    case 'N' -> stepMatch(-1);
                    case 'y' -> {
                        return Outcome.SHOW_PATH;
                    }
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return Outcome.NONE;
    }

    private void scrollBy(int delta) {
        scroll = Math.max(0, Math.min(maxScroll(), scroll + delta));
    }

    private void scrollToBottom() {
        scroll = maxScroll();
    }

    private int maxScroll() {
        return Math.max(0, current().lines.size() - lastHeight);
    }

    private void stepMatch(int step) {
        if (matches.isEmpty()) {
            return;
        }
        currentMatch = Math.floorMod(currentMatch + step, matches.size());
        jumpToMatch();
    }

    private void jumpToMatch() {
        scroll = Math.min(matches.get(currentMatch), Math.max(0, current().lines.size() - 1));
    }

    private void updateMatches() {
        List<Integer> found = new ArrayList<>();
        String q = query.toString().toLowerCase(Locale.ROOT);
        if (!q.isEmpty()) {
            List<String> lines = current().lines;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).toLowerCase(Locale.ROOT).contains(q)) {
                    found.add(i);
                }
            }
        }
        matches = found;
        currentMatch = 0;
    }
}
