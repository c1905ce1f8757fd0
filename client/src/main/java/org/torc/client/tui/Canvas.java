package org.torc.client.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import java.util.regex.Pattern;

/** Drawing on the screen: clipped styled text and bordered boxes (torc's ratatui blocks). */
public final class Canvas {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

    private final TextGraphics g;

    public Canvas(TextGraphics g) {
        this.g = g;
    }

    /** Blanks a rectangle (popups draw over what is below them). */
    public void clear(Rect r) {
        style(Span.plain(""));
        String blank = " ".repeat(Math.max(0, r.width()));
        for (int i = 0; i < r.height(); i++) {
            g.putString(r.col(), r.row() + i, blank);
        }
    }

    /** Draws spans from (col,row), never past {@code maxWidth} columns; returns the columns used. */
    public int put(int col, int row, int maxWidth, List<Span> spans) {
        int used = 0;
        for (Span s : spans) {
            if (used >= maxWidth) {
                break;
            }
            String t = clip(sanitize(s.text()), maxWidth - used);
            style(s);
            g.putString(col + used, row, t);
            used += t.codePointCount(0, t.length());
        }
        style(Span.plain(""));
        return used;
    }

    public int put(int col, int row, int maxWidth, Span span) {
        return put(col, row, maxWidth, List.of(span));
    }

    /** Fills {@code width} columns from (col,row) with {@code c} in the span's style. */
    public void fill(int col, int row, int width, char c, Span style) {
        if (width <= 0) {
            return;
        }
        style(style);
        g.putString(col, row, String.valueOf(c).repeat(width));
        style(Span.plain(""));
    }

    /** A box with a one-cell border and a title in its top edge, like torc's blocks. */
    public void box(Rect r, List<Span> title, TextColor border) {
        if (r.width() < 2 || r.height() < 2) {
            return;
        }
        Span b = Span.of("", border);
        fill(r.col() + 1, r.row(), r.width() - 2, '─', b);
        fill(r.col() + 1, r.bottom() - 1, r.width() - 2, '─', b);
        for (int i = 1; i < r.height() - 1; i++) {
            put(r.col(), r.row() + i, 1, Span.of("│", border));
            put(r.right() - 1, r.row() + i, 1, Span.of("│", border));
        }
        put(r.col(), r.row(), 1, Span.of("┌", border));
        put(r.right() - 1, r.row(), 1, Span.of("┐", border));
        put(r.col(), r.bottom() - 1, 1, Span.of("└", border));
        put(r.right() - 1, r.bottom() - 1, 1, Span.of("┘", border));
        if (title != null && !title.isEmpty() && r.width() > 4) {
            int used = put(r.col() + 1, r.row(), 1, Span.of("─", border));
            used += put(r.col() + 2, r.row(), r.width() - 4, withSpaces(title));
        }
    }

    private static List<Span> withSpaces(List<Span> title) {
        java.util.ArrayList<Span> out = new java.util.ArrayList<>();
        out.add(Span.plain(" "));
        out.addAll(title);
        out.add(Span.plain(" "));
        return out;
    }

    private void style(Span s) {
        g.setForegroundColor(s.fg());
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.clearModifiers();
        if (s.bold()) {
            g.enableModifiers(SGR.BOLD);
        }
        if (s.reverse()) {
            g.enableModifiers(SGR.REVERSE);
        }
    }

    /** At most {@code n} code points of {@code s}. */
    public static String clip(String s, int n) {
        if (n <= 0) {
            return "";
        }
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n));
    }

    /** {@code s} cut or padded with spaces to exactly {@code n} code points. */
    public static String pad(String s, int n) {
        String c = clip(s, n);
        int len = c.codePointCount(0, c.length());
        return len >= n ? c : c + " ".repeat(n - len);
    }

    /** Terminal-safe text: escape sequences removed, tabs expanded, control characters blanked. */
    public static String sanitize(String s) {
        if (s == null) {
            return "";
        }
        boolean clean = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                clean = false;
                break;
            }
        }
        if (clean) {
            return s;
        }
        String t = ANSI.matcher(s).replaceAll("");
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\t') {
                sb.append(" ".repeat(4 - sb.length() % 4));
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
