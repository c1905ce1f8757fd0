package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogViewerTest {
    private static LogViewer viewer() {
        LogViewer v = LogViewer.forJob("job");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(i % 10 == 0 ? "ERROR at " + i : "line " + i);
        }
        v.setContent(0, "out.o", out);
        v.setContent(1, "out.e", List.of("only stderr"));
        v.setHeight(20);
        return v;
    }

    private static void type(LogViewer v, String s) {
        s.chars().forEach(c -> v.handle(new KeyStroke((char) c, false, false)));
    }

    @Test
    void g_and_G_jump_to_top_and_bottom() {
        LogViewer v = viewer();
        type(v, "G");
        assertEquals(80, v.scroll());
        type(v, "g");
        assertEquals(0, v.scroll());
        v.handle(new KeyStroke(KeyType.PageDown));
        assertEquals(20, v.scroll());
    }

    @Test
    void search_finds_matches_and_n_N_step_through_them() {
        LogViewer v = viewer();
        type(v, "/error");
        v.handle(new KeyStroke(KeyType.Enter));
        assertEquals(10, v.matches().size());
        assertEquals(0, v.scroll());
        type(v, "n");
        assertEquals(10, v.scroll());
        type(v, "N");
        type(v, "N");
        assertEquals(90, v.scroll(), "N wraps around to the last match");
    }

    @Test
    void tab_switches_between_stdout_and_stderr_and_q_closes() {
        LogViewer v = viewer();
        v.handle(new KeyStroke(KeyType.Tab));
        assertEquals("stderr", v.current().name());
        assertEquals(List.of("only stderr"), v.current().lines());
        assertEquals(LogViewer.Outcome.SHOW_PATH, v.handle(new KeyStroke('y', false, false)));
        assertEquals(LogViewer.Outcome.CLOSE, v.handle(new KeyStroke('q', false, false)));
    }
}
