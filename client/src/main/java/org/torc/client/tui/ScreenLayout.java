package org.torc.client.tui;

import com.googlecode.lanterna.TerminalSize;

/**
 * Where each part of torc's main screen goes: the header with key hints, the server bar and the
 * user filter side by side, the workflow table, the detail tabs, the detail pane, and the input
 * line that opens under the detail pane while the user types a filter, URL, user or spec path.
 */
public record ScreenLayout(Rect header, Rect server, Rect userFilter, Rect workflows, Rect tabs,
        Rect details, Rect input) {

    public static final int BOX = 3;

    /**
     * @param workflowRows how many workflows there are (the table grows with them, up to a third
     *     of the screen, so the detail pane keeps most of the height)
     * @param withInput whether the input line is open
     */
    public static ScreenLayout compute(TerminalSize size, int workflowRows, boolean withInput) {
        int w = size.getColumns();
        int h = size.getRows();
        Rect header = new Rect(0, 0, w, BOX);
        int serverWidth = Math.max(w * 2 / 3, Math.min(w, 50));
        Rect server = new Rect(0, BOX, serverWidth, BOX);
        Rect user = new Rect(serverWidth, BOX, w - serverWidth, BOX);
        int rest = Math.max(0, h - 2 * BOX);
        int wanted = workflowRows + 3;
        int maxWorkflows = Math.max(5, (rest - BOX) / 3);
        int workflowsHeight = Math.min(rest, Math.max(5, Math.min(wanted, maxWorkflows)));
        Rect workflows = new Rect(0, 2 * BOX, w, workflowsHeight);
        Rect tabs = new Rect(0, workflows.bottom(), w, Math.min(BOX, h - workflows.bottom()));
        int detailTop = tabs.bottom();
        int inputHeight = withInput ? BOX : 0;
        Rect details = new Rect(0, detailTop, w, h - detailTop - inputHeight);
        Rect input = withInput ? new Rect(0, h - BOX, w, BOX) : null;
        return new ScreenLayout(header, server, user, workflows, tabs, details, input);
    }

    /** Table rows visible in a bordered table box (border and header line taken away). */
    public static int tableRows(Rect box) {
        return Math.max(0, box.height() - 3);
    }
}
