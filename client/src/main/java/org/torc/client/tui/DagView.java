package org.torc.client.tui;

import java.util.List;

/** The DAG tab's state: the rendered lines (loaded once per request, not every refresh) and scroll. */
public final class DagView {
    private final long workflowId;
    private List<List<Span>> lines;
    private String error;
    private int scroll;

    public DagView(long workflowId) {
        this.workflowId = workflowId;
    }

    public long workflowId() {
        return workflowId;
    }

    public boolean loading() {
        return lines == null && error == null;
    }

    public List<List<Span>> lines() {
        return lines;
    }

    public String error() {
        return error;
    }

    public void loaded(List<List<Span>> rendered) {
        lines = rendered;
    }

    public void failed(String message) {
        error = message;
    }

    public int scroll() {
        return scroll;
    }

    public void scrollBy(int delta, int height) {
        int max = lines == null ? 0 : Math.max(0, lines.size() - height);
        scroll = Math.max(0, Math.min(max, scroll + delta));
    }
}
