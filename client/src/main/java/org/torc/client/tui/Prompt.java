package org.torc.client.tui;

import java.util.List;

/**
 * The one-line input that opens under the detail pane: a table filter (Tab cycles the column),
 * the server URL, the user filter or the path of a spec file to create a workflow from.
 */
public final class Prompt {
    public enum Kind {
        FILTER("Filter Input"),
        SERVER_URL("Change Server URL"),
        USER("Change User Filter"),
        SPEC_PATH("Create Workflow");

        final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    private final Kind kind;
    private final StringBuilder text;
    private final List<String> columns;
    private int column;

    public Prompt(Kind kind, String initial, List<String> columns) {
        this.kind = kind;
        this.text = new StringBuilder(initial == null ? "" : initial);
        this.columns = columns == null ? List.of() : columns;
    }

    public Kind kind() {
        return kind;
    }

    public String text() {
        return text.toString();
    }

    public void type(char c) {
        text.append(c);
    }

    public void backspace() {
        if (text.length() > 0) {
            text.setLength(text.length() - 1);
        }
    }

    public String column() {
        return columns.isEmpty() ? "" : columns.get(column);
    }

    public void nextColumn() {
        if (!columns.isEmpty()) {
            column = (column + 1) % columns.size();
        }
    }

    public void previousColumn() {
        if (!columns.isEmpty()) {
            column = (column + columns.size() - 1) % columns.size();
        }
    }

    public String title() {
        return kind.title;
    }
}
