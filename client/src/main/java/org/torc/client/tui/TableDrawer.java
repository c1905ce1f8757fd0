package org.torc.client.tui;

import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a table inside a pane: a yellow bold header row, then rows whose cells are padded to the
 * column widths; the selected row is marked with torc's "▸ " and drawn reversed.
 */
public final class TableDrawer {
    /** A column: its header and width; width 0 takes what is left. */
    public record Column(String header, int width) {
    }

    private TableDrawer() {
    }

    /** Column widths for {@code total} columns of screen (the first 2 are the selection marker). */
    static int[] widths(List<Column> columns, int total) {
        int[] w = new int[columns.size()];
        int fixed = 2;
        int flex = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = columns.get(i).width();
            if (w[i] == 0) {
                flex++;
            } else {
                fixed += w[i] + 1;
            }
        }
        int left = Math.max(0, total - fixed);
        for (int i = 0; i < w.length; i++) {
            if (w[i] == 0) {
                w[i] = Math.max(1, left / Math.max(1, flex));
            }
        }
        return w;
    }

    public static void header(Canvas c, Rect area, List<Column> columns) {
        int[] w = widths(columns, area.width());
        List<Span> spans = new ArrayList<>();
        spans.add(Span.plain("  "));
        for (int i = 0; i < w.length; i++) {
            spans.add(Span.bold(Canvas.pad(columns.get(i).header(), w[i]) + " ",
                    TextColor.ANSI.YELLOW));
        }
        c.put(area.col(), area.row(), area.width(), spans);
    }

    /** One row at screen row {@code row}; each cell is a span (text and colour). */
    public static void row(Canvas c, Rect area, int row, List<Column> columns, List<Span> cells,
            boolean selected, boolean focused) {
        int[] w = widths(columns, area.width());
        List<Span> spans = new ArrayList<>();
        spans.add(selected ? Span.of("▸ ", TextColor.ANSI.CYAN) : Span.plain("  "));
        for (int i = 0; i < w.length && i < cells.size(); i++) {
            Span cell = cells.get(i);
            String text = Canvas.pad(Canvas.sanitize(cell.text()), w[i]) + " ";
            Span s = new Span(text, selected ? TextColor.ANSI.CYAN : cell.fg(), cell.bold(),
                    false);
            spans.add(selected && focused ? s.reversed() : s);
        }
        c.put(area.col(), row, area.width(), spans);
    }
}
