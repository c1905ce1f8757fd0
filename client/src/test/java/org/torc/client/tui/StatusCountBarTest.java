package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusCountBarTest {
    private static Map<String, Long> counts(Object... kv) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).longValue());
        }
        return m;
    }

    @Test
    void bar_fills_the_width_in_proportion_to_the_counts() {
        Map<String, Integer> cells = StatusCountBar.cells(counts("completed", 2500, "ready", 2500),
                100);
        assertEquals(50, cells.get("completed"));
        assertEquals(50, cells.get("ready"));
    }

    @Test
    void a_status_with_few_jobs_still_gets_a_cell() {
        Map<String, Integer> cells = StatusCountBar.cells(counts("completed", 5000, "running", 4,
                "failed", 1), 80);
        assertEquals(1, cells.get("failed"));
        assertEquals(1, cells.get("running"));
        assertEquals(80, cells.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void legend_lists_nonzero_statuses_with_their_glyph_and_the_total() {
        String legend = Span.text(StatusCountBar.legend(counts("completed", 1401, "running", 8,
                "ready", 592, "blocked", 3004)));
        assertEquals("Jobs 5005  █ completed 1401  ▓ running 8  ▒ ready 592  ░ blocked 3004",
                legend);
    }

    @Test
    void statuses_keep_torc_colours() {
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.GREEN, StatusStyle.color("completed"));
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.YELLOW, StatusStyle.color("running"));
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.RED, StatusStyle.color("failed"));
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.MAGENTA, StatusStyle.color("canceled"));
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.MAGENTA,
                StatusStyle.color("terminated"));
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.BLUE, StatusStyle.color("pending"));
        assertEquals(com.googlecode.lanterna.TextColor.ANSI.CYAN, StatusStyle.color("ready"));
        assertEquals(Span.GREY, StatusStyle.color("blocked"));
        assertTrue(StatusStyle.label("pending_failed").equals("PendingFailed"));
    }
}
