package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.TerminalSize;
import org.junit.jupiter.api.Test;

class ScreenLayoutTest {
    @Test
    void parts_stack_in_torc_order_and_fill_the_screen() {
        ScreenLayout l = ScreenLayout.compute(new TerminalSize(120, 40), 3, false);
        assertEquals(0, l.header().row());
        assertEquals(3, l.server().row());
        assertEquals(l.server().row(), l.userFilter().row());
        assertEquals(120, l.server().width() + l.userFilter().width());
        assertEquals(l.server().bottom(), l.workflows().row());
        assertEquals(l.workflows().bottom(), l.tabs().row());
        assertEquals(l.tabs().bottom(), l.details().row());
        assertEquals(40, l.details().bottom());
    }

    @Test
    void the_detail_pane_keeps_most_of_the_height_however_many_workflows() {
        ScreenLayout l = ScreenLayout.compute(new TerminalSize(120, 40), 500, false);
        assertTrue(l.details().height() >= 2 * l.workflows().height(), l.toString());
    }

    @Test
    void the_input_line_opens_under_the_detail_pane() {
        ScreenLayout l = ScreenLayout.compute(new TerminalSize(100, 30), 2, true);
        assertEquals(l.details().bottom(), l.input().row());
        assertEquals(30, l.input().bottom());
    }
}
