package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;

/** Where a table's rows come from: one page at a time, with the total. */
public interface PageSource {
    /** The server's largest page. */
    int MAX_LIMIT = 10_000;

    /** Rows {@code offset .. offset+rows.size()} of {@code total}. */
    record Page(long offset, List<JsonNode> rows, long total) {
    }

    Page fetch(TorcApi api, long offset, int limit);

    /** A list endpoint of the server ({@code items}, {@code total_count}) with fixed filters. */
    record Server(String path, Map<String, Object> query) implements PageSource {
        @Override
        public Page fetch(TorcApi api, long offset, int limit) {
            Map<String, Object> q = new LinkedHashMap<>(query);
            q.put("offset", offset);
            q.put("limit", limit);
            JsonNode page = api.get(path + TorcApi.queryString(q));
            List<JsonNode> rows = new ArrayList<>();
            page.path("items").forEach(rows::add);
            return new Page(offset, rows, page.path("total_count").asLong(rows.size()));
        }
    }

    /**
     * Rows found once (a name or command filter the server cannot apply); the visible ones are
     * re-read one by one on refresh ({@code refreshPath} + id) so their statuses stay current.
     */
    final class Snapshot implements PageSource {
        private final List<JsonNode> rows;
        private final String refreshPath;

        public Snapshot(List<JsonNode> rows, String refreshPath) {
            this.rows = new ArrayList<>(rows);
            this.refreshPath = refreshPath;
        }

        @Override
        public synchronized Page fetch(TorcApi api, long offset, int limit) {
            int from = (int) Math.min(offset, rows.size());
            int to = Math.min(rows.size(), from + limit);
            if (refreshPath != null) {
                for (int i = from; i < to; i++) {
                    rows.set(i, api.get(refreshPath + rows.get(i).path("id").asLong()));
                }
            }
            return new Page(from, List.copyOf(rows.subList(from, to)), rows.size());
        }

        public synchronized int size() {
            return rows.size();
        }
    }
}
