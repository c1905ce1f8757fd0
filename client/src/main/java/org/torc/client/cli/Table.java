package org.torc.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** torc's table style: rounded borders, one header separator, left-aligned cells. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = headers;
    }

    public Table row(List<?> cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "" : c.toString());
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintWriter out) {
        int n = headers.size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = maxLineLength(headers.get(i));
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], maxLineLength(i < r.size() ? r.get(i) : ""));
            }
        }
        out.println(border('╭', '┬', '╮', width));
        printRow(out, headers, width);
        out.println(border('├', '┼', '┤', width));
        for (List<String> r : rows) {
            printRow(out, r, width);
        }
        out.println(border('╰', '┴', '╯', width));
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] width) {
        List<String[]> lines = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < width.length; i++) {
            String[] l = (i < cells.size() ? cells.get(i) : "").split("\n", -1);
            lines.add(l);
            height = Math.max(height, l.length);
        }
        for (int h = 0; h < height; h++) {
            StringBuilder sb = new StringBuilder("│");
            for (int i = 0; i < width.length; i++) {
                String text = h < lines.get(i).length ? lines.get(i)[h] : "";
                sb.append(' ').append(text).append(" ".repeat(width[i] - text.length())).append(" │");
            }
            out.println(sb);
        }
    }

    private static String border(char left, char mid, char right, int[] width) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < width.length; i++) {
            sb.append("─".repeat(width[i] + 2)).append(i == width.length - 1 ? right : mid);
        }
        return sb.toString();
    }

    private static int maxLineLength(String s) {
        int max = 0;
        for (String line : s.split("\n", -1)) {
            max = Math.max(max, line.length());
        }
        return max;
    }
}
