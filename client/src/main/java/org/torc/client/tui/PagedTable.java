package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A table whose rows live on the server: it knows the total, the selected row and the first
 * visible row, and holds only a window of rows around the visible ones. Scrolling past the window
 * asks for another page (offset/limit) instead of loading the whole list.
 */
public final class PagedTable {
    /** A range of rows to fetch. */
    public record Window(long offset, int limit) {
        boolean covers(long from, long to) {
            return from >= offset && to <= offset + limit;
        }
    }

    private PageSource source;
    private long generation;
    private long total = -1;
    private long selected;
    private long top;
    private int visibleRows = 1;
    private long windowOffset;
    private List<JsonNode> window = List.of();
    private Window requested;

    public PagedTable(PageSource source) {
        this.source = source;
    }

    public PageSource source() {
        return source;
    }

    /** Replaces what the table shows (a new workflow or filter): everything is fetched again. */
    public void reset(PageSource newSource) {
        source = newSource;
        generation++;
        total = -1;
        selected = 0;
        top = 0;
        windowOffset = 0;
        window = List.of();
        requested = null;
    }

    public long generation() {
        return generation;
    }

    /** -1 until the first page arrived. */
    public long total() {
        return total;
    }

    public long selected() {
        return selected;
    }

    public long top() {
        return top;
    }

    public int visibleRows() {
        return visibleRows;
    }

    public void setVisibleRows(int rows) {
        visibleRows = Math.max(1, rows);
        keepSelectionVisible();
    }

    /** The row at an absolute index, or null when it is not loaded (yet). */
    public JsonNode row(long index) {
        long i = index - windowOffset;
        return i >= 0 && i < window.size() ? window.get((int) i) : null;
    }

    public JsonNode selectedRow() {
        return total > 0 ? row(selected) : null;
    }

    public void moveBy(long delta) {
        if (total <= 0) {
            return;
        }
        selected = Math.max(0, Math.min(total - 1, selected + delta));
        keepSelectionVisible();
    }

    public void home() {
        moveBy(-selected);
    }

    public void end() {
        moveBy(total);
    }

    private void keepSelectionVisible() {
        if (selected < top) {
            top = selected;
        } else if (selected >= top + visibleRows) {
            top = selected - visibleRows + 1;
        }
        if (total >= 0) {
            top = Math.max(0, Math.min(top, Math.max(0, total - visibleRows)));
        }
    }

    /**
     * The rows to fetch now: for a server list one screen above and below the visible ones, for
     * smooth scrolling; for a snapshot exactly the visible ones.
     */
    public Window wanted() {
        if (source instanceof PageSource.Snapshot) {
            // Local rows: fetch exactly the visible ones, which are the ones re-read from the server.
            return new Window(top, visibleRows);
        }
        long from = Math.max(0, top - visibleRows);
        return new Window(from, (int) Math.min(PageSource.MAX_LIMIT, top + 2L * visibleRows - from));
    }

    /** Whether the visible rows are not all loaded and no fetch for them is outstanding. */
    public boolean needsFetch() {
        long end = total < 0 ? top + visibleRows : Math.min(total, top + visibleRows);
        boolean loaded = total >= 0 && new Window(windowOffset, window.size()).covers(top, end);
        return !loaded && (requested == null || !requested.covers(top, end));
    }

    public void markRequested(Window w) {
        requested = w;
    }

    /** A page arrived; pages for an older source are ignored. */
    public void accept(long forGeneration, PageSource.Page page) {
        if (forGeneration != generation) {
            return;
        }
        total = page.total();
        windowOffset = page.offset();
        window = page.rows();
        requested = null;
        if (selected >= total) {
            selected = Math.max(0, total - 1);
        }
        keepSelectionVisible();
    }

    /** A fetch failed: allow the next attempt. */
    public void failed(long forGeneration) {
        if (forGeneration == generation) {
            requested = null;
        }
    }
}
