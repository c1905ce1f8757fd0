package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torc.common.Json;

class PagedTableTest {
    private static PageSource.Page page(long offset, int n, long total) {
        List<JsonNode> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(Json.mapper().createObjectNode().put("id", offset + i + 1));
        }
        return new PageSource.Page(offset, rows, total);
    }

    @Test
    void holds_a_window_around_the_visible_rows_and_asks_for_more_when_scrolled_past_it() {
        PagedTable t = new PagedTable(new PageSource.Server("/jobs", Map.of("workflow_id", 1)));
        t.setVisibleRows(20);
        assertTrue(t.needsFetch());
        PagedTable.Window w = t.wanted();
        assertEquals(0, w.offset());
        assertEquals(40, w.limit());
        t.markRequested(w);
        assertFalse(t.needsFetch(), "one request at a time for the same rows");
        t.accept(t.generation(), page(0, 40, 5005));
        assertFalse(t.needsFetch());
        t.moveBy(30);
        assertFalse(t.needsFetch(), "rows 11..30 are loaded");
        t.moveBy(20);
        assertTrue(t.needsFetch(), "rows up to 50 are not");
        assertEquals(new PagedTable.Window(11, 60), t.wanted());
        t.end();
        assertEquals(5004, t.selected());
        assertEquals(4985, t.top());
        assertNull(t.row(5004));
    }

    @Test
    void a_page_for_a_previous_source_is_ignored() {
        PagedTable t = new PagedTable(new PageSource.Server("/jobs", Map.of()));
        long old = t.generation();
        t.reset(new PageSource.Server("/jobs", Map.of("status", "failed")));
        t.accept(old, page(0, 10, 10));
        assertEquals(-1, t.total());
    }
}
