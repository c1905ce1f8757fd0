package org.torc.client.tui;

import com.googlecode.lanterna.TextColor;
import java.util.ArrayList;
import java.util.List;

/** A run of text drawn in one style; a line of the screen is a list of spans. */
public record Span(String text, TextColor fg, boolean bold, boolean reverse) {
    public static final TextColor DEFAULT = TextColor.ANSI.DEFAULT;
    public static final TextColor GREY = TextColor.ANSI.BLACK_BRIGHT;

    public static Span plain(String text) {
        return new Span(text, DEFAULT, false, false);
    }

    public static Span of(String text, TextColor fg) {
        return new Span(text, fg, false, false);
    }

    public static Span bold(String text, TextColor fg) {
        return new Span(text, fg, true, false);
    }

    public Span reversed() {
        return new Span(text, fg, bold, true);
    }

    /** Key hints in torc's style: the key in yellow, the description plain, " | " between. */
    public static List<Span> hints(String... keyThenDescription) {
        List<Span> out = new ArrayList<>();
        for (int i = 0; i + 1 < keyThenDescription.length; i += 2) {
            if (i > 0) {
                out.add(plain(" | "));
            }
            out.add(of(keyThenDescription[i], TextColor.ANSI.YELLOW));
            out.add(plain(": " + keyThenDescription[i + 1]));
        }
        return out;
    }

    /** The plain text of a line of spans. */
    public static String text(List<Span> line) {
        StringBuilder sb = new StringBuilder();
        line.forEach(s -> sb.append(s.text()));
        return sb.toString();
    }
}
