package org.torc.client.tui;

/** The detail pane's tabs, in torc's order (Tab goes right, Shift-Tab left). */
public enum Tab {
    JOBS("▶ Jobs"),
    FILES("◫ Files"),
    EVENTS("⚡ Events"),
    RESULTS("✓ Results"),
    DAG("◇ DAG");

    private final String title;

    Tab(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public Tab next() {
        return values()[(ordinal() + 1) % values().length];
    }

    public Tab previous() {
        return values()[(ordinal() + values().length - 1) % values().length];
    }

    /** The columns the filter ({@code f}) can match, as torc offers them per tab. */
    public java.util.List<String> filterColumns() {
        return switch (this) {
            case JOBS -> java.util.List.of("Status", "Name", "Command");
            case FILES -> java.util.List.of("Name", "Path");
            case EVENTS -> java.util.List.of("Event Type", "Data");
            case RESULTS -> java.util.List.of("Status", "Return Code");
            case DAG -> java.util.List.of();
        };
    }
}
