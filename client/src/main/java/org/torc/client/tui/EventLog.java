package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.common.Json;

/**
 * The Events tab: the live events of the loaded workflow, newest first, at most
 * {@value #CAPACITY} of them, with an optional filter on the type or the data.
 */
public final class EventLog {
    public static final int CAPACITY = 10_000;

    private final long workflowId;
    private final List<JsonNode> all = new ArrayList<>();
    private List<JsonNode> shown = new ArrayList<>();
    private Filter filter;
    private int selected;
    private int top;
    private boolean live;
    private EventStream stream;

    public EventLog(long workflowId) {
        this.workflowId = workflowId;
    }

    public long workflowId() {
        return workflowId;
    }

    /** The event as the Events tab shows it, from one SSE frame. */
    public static JsonNode parse(SseParser.Frame f) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(f.data());
        } catch (Exception e) {
            n = null;
        }
        if (n == null || !n.isObject()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("data", f.data());
            n = o;
        }
        ObjectNode o = (ObjectNode) n;
        if (!o.hasNonNull("event_type")) {
            o.put("event_type", f.type());
        }
        if (!o.hasNonNull("severity")) {
            o.put("severity", f.type().equals("warning") ? "warning" : "info");
        }
        if (!o.hasNonNull("timestamp")) {
            o.put("timestamp", System.currentTimeMillis());
        }
        return o;
    }

    public void add(List<JsonNode> events) {
        if (events.isEmpty()) {
            return;
        }
        all.addAll(events);
        if (all.size() > CAPACITY) {
            all.subList(0, all.size() - CAPACITY).clear();
        }
        int before = shown.size();
        recompute();
        int added = shown.size() - before;
        if (selected > 0 && added > 0) {
            // Keep the same event selected while new ones arrive on top.
            selected = Math.min(shown.size() - 1, selected + added);
            top = Math.min(Math.max(0, shown.size() - 1), top + added);
        }
    }

    private void recompute() {
        List<JsonNode> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            JsonNode e = all.get(i);
            if (filter == null || filter.matches(filterText(e))) {
                out.add(e);
            }
        }
        shown = out;
        selected = Math.max(0, Math.min(selected, shown.size() - 1));
    }

    private String filterText(JsonNode e) {
        return filter.column().equals("Event Type") ? e.path("event_type").asText()
                : e.path("data").toString();
    }

    public void setFilter(Filter f) {
        filter = f;
        selected = 0;
        top = 0;
        recompute();
    }

    public Filter filter() {
        return filter;
    }

    public List<JsonNode> shown() {
        return shown;
    }

    public int total() {
        return all.size();
    }

    public int selected() {
        return selected;
    }

    public int top(int visibleRows) {
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visibleRows) {
            top = selected - visibleRows + 1;
        }
        return Math.max(0, top);
    }

    public void moveBy(int delta) {
        if (!shown.isEmpty()) {
            selected = Math.max(0, Math.min(shown.size() - 1, selected + delta));
        }
    }

    public boolean live() {
        return live;
    }

    public void setLive(boolean live) {
        this.live = live;
    }

    public void attach(EventStream s) {
        stream = s;
    }

    public void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        live = false;
    }
}
