package org.torc.client.tui;

import org.torc.client.api.TorcApi;

/**
 * What the screen currently needs from the server, published by the UI thread for the refresher:
 * the connection, the user filter, the loaded workflow and the page of the visible table.
 */
public record ViewRequest(TorcApi api, String userFilter, Long workflowId, PageRequest page,
        boolean autoRefresh) {

    /** A page of one tab's table, for the table's generation (its source at the time). */
    public record PageRequest(Tab tab, PageSource source, long generation,
            PagedTable.Window window) {
    }
}
