package org.torc.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * torc's keys on the main screen (no popup or input open): what each key means depends on the
 * focused pane and the detail tab, as in torc's event loop.
 */
public final class KeyMap {
    /** What the user asked for. */
    public enum Command {
        NONE, QUIT, HELP, UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, SWITCH_PANE, NEXT_TAB,
        PREVIOUS_TAB, ENTER, REFRESH, AUTO_REFRESH,
        FILTER, CLEAR_FILTER,
        JOB_LOGS, JOB_CANCEL, JOB_TERMINATE, JOB_RETRY,
        NEW_WORKFLOW, INITIALIZE, REINITIALIZE, RESET, RUN_LOCALLY, SUBMIT, WATCH,
        CANCEL_WORKFLOW, DELETE_WORKFLOW,
        START_SERVER, STOP_SERVER, SERVER_OUTPUT,
        SERVER_URL, USER_FILTER, ALL_USERS
    }

    private KeyMap() {
    }

    public static Command main(KeyStroke k, TuiState.Focus focus, Tab tab) {
        boolean details = focus == TuiState.Focus.DETAILS;
        boolean jobs = details && tab == Tab.JOBS;
        KeyType type = k.getKeyType();
        switch (type) {
            case ArrowUp:
                return Command.UP;
            case ArrowDown:
                return Command.DOWN;
            case PageUp:
                return Command.PAGE_UP;
            case PageDown:
                return Command.PAGE_DOWN;
            case Home:
                return Command.HOME;
            case End:
                return Command.END;
            case ArrowLeft:
            case ArrowRight:
                return Command.SWITCH_PANE;
            case Tab:
                return Command.NEXT_TAB;
            case ReverseTab:
                return Command.PREVIOUS_TAB;
            case Enter:
                return Command.ENTER;
            case EOF:
                return Command.QUIT;
            case Character:
                break;
            default:
                return Command.NONE;
        }
        char c = k.getCharacter();
        if (k.isCtrlDown()) {
            return c == 'c' || c == 'C' ? Command.QUIT : Command.NONE;
        }
        return switch (c) {
            case 'q' -> Command.QUIT;
            case '?' -> Command.HELP;
            case 'r' -> Command.REFRESH;
            case 'A' -> Command.AUTO_REFRESH;
            case 'f' -> details && tab != Tab.DAG ? Command.FILTER : Command.NONE;
            case 'c' -> jobs ? Command.JOB_CANCEL : details ? Command.CLEAR_FILTER : Command.NONE;
            case 'l' -> jobs ? Command.JOB_LOGS : Command.NONE;
            case 't' -> jobs ? Command.JOB_TERMINATE : Command.NONE;
            case 'y' -> jobs ? Command.JOB_RETRY : Command.NONE;
            case 'n' -> Command.NEW_WORKFLOW;
            case 'i' -> Command.INITIALIZE;
            case 'I' -> Command.REINITIALIZE;
            case 'R' -> Command.RESET;
            case 'x' -> Command.RUN_LOCALLY;
            case 's' -> Command.SUBMIT;
            case 'W' -> Command.WATCH;
            case 'C' -> Command.CANCEL_WORKFLOW;
            case 'd' -> Command.DELETE_WORKFLOW;
            case 'S' -> Command.START_SERVER;
            case 'K' -> Command.STOP_SERVER;
            case 'O' -> Command.SERVER_OUTPUT;
            case 'u' -> Command.SERVER_URL;
            case 'w' -> Command.USER_FILTER;
            case 'a' -> Command.ALL_USERS;
            default -> Command.NONE;
        };
    }
}
