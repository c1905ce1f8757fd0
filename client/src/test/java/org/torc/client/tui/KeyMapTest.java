package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.torc.client.tui.KeyMap.Command;
import org.torc.client.tui.TuiState.Focus;

class KeyMapTest {
    private static Command key(char c, Focus f, Tab t) {
        return KeyMap.main(new KeyStroke(c, false, false), f, t);
    }

    @Test
    void job_keys_act_only_in_the_focused_jobs_tab() {
        assertEquals(Command.JOB_LOGS, key('l', Focus.DETAILS, Tab.JOBS));
        assertEquals(Command.JOB_CANCEL, key('c', Focus.DETAILS, Tab.JOBS));
        assertEquals(Command.JOB_TERMINATE, key('t', Focus.DETAILS, Tab.JOBS));
        assertEquals(Command.JOB_RETRY, key('y', Focus.DETAILS, Tab.JOBS));
        assertEquals(Command.NONE, key('l', Focus.WORKFLOWS, Tab.JOBS));
        assertEquals(Command.NONE, key('t', Focus.DETAILS, Tab.FILES));
    }

    @Test
    void c_clears_the_filter_outside_the_jobs_tab_as_in_torc() {
        assertEquals(Command.CLEAR_FILTER, key('c', Focus.DETAILS, Tab.FILES));
        assertEquals(Command.FILTER, key('f', Focus.DETAILS, Tab.EVENTS));
        assertEquals(Command.NONE, key('f', Focus.WORKFLOWS, Tab.JOBS));
    }

    @Test
    void workflow_server_and_connection_keys_work_from_either_pane() {
        for (Focus f : Focus.values()) {
            assertEquals(Command.NEW_WORKFLOW, key('n', f, Tab.JOBS));
            assertEquals(Command.INITIALIZE, key('i', f, Tab.JOBS));
            assertEquals(Command.REINITIALIZE, key('I', f, Tab.JOBS));
            assertEquals(Command.RESET, key('R', f, Tab.JOBS));
            assertEquals(Command.RUN_LOCALLY, key('x', f, Tab.JOBS));
            assertEquals(Command.CANCEL_WORKFLOW, key('C', f, Tab.JOBS));
            assertEquals(Command.DELETE_WORKFLOW, key('d', f, Tab.JOBS));
            assertEquals(Command.START_SERVER, key('S', f, Tab.JOBS));
            assertEquals(Command.STOP_SERVER, key('K', f, Tab.JOBS));
            assertEquals(Command.SERVER_OUTPUT, key('O', f, Tab.JOBS));
            assertEquals(Command.SERVER_URL, key('u', f, Tab.JOBS));
            assertEquals(Command.USER_FILTER, key('w', f, Tab.JOBS));
            assertEquals(Command.ALL_USERS, key('a', f, Tab.JOBS));
            assertEquals(Command.AUTO_REFRESH, key('A', f, Tab.JOBS));
            assertEquals(Command.REFRESH, key('r', f, Tab.JOBS));
            assertEquals(Command.HELP, key('?', f, Tab.JOBS));
            assertEquals(Command.QUIT, key('q', f, Tab.JOBS));
        }
    }

    @Test
    void arrows_tab_and_enter_navigate() {
        Focus f = Focus.WORKFLOWS;
        assertEquals(Command.UP, KeyMap.main(new KeyStroke(KeyType.ArrowUp), f, Tab.JOBS));
        assertEquals(Command.DOWN, KeyMap.main(new KeyStroke(KeyType.ArrowDown), f, Tab.JOBS));
        assertEquals(Command.SWITCH_PANE, KeyMap.main(new KeyStroke(KeyType.ArrowLeft), f,
                Tab.JOBS));
        assertEquals(Command.SWITCH_PANE, KeyMap.main(new KeyStroke(KeyType.ArrowRight), f,
                Tab.JOBS));
        assertEquals(Command.NEXT_TAB, KeyMap.main(new KeyStroke(KeyType.Tab), f, Tab.JOBS));
        assertEquals(Command.PREVIOUS_TAB, KeyMap.main(new KeyStroke(KeyType.ReverseTab), f,
                Tab.JOBS));
        assertEquals(Command.ENTER, KeyMap.main(new KeyStroke(KeyType.Enter), f, Tab.JOBS));
        assertEquals(Command.QUIT, KeyMap.main(new KeyStroke('c', true, false), f, Tab.JOBS));
    }

    @Test
    void tabs_cycle_in_torc_order() {
        assertEquals(Tab.FILES, Tab.JOBS.next());
        assertEquals(Tab.EVENTS, Tab.FILES.next());
        assertEquals(Tab.RESULTS, Tab.EVENTS.next());
        assertEquals(Tab.DAG, Tab.RESULTS.next());
        assertEquals(Tab.JOBS, Tab.DAG.next());
        assertEquals(Tab.DAG, Tab.JOBS.previous());
    }
}
