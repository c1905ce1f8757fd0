package org.torc.client.spec.parse;

import java.util.Arrays;

/** Turns character offsets into 1-based line/column positions (columns count code points). */
public final class TextPositions {
    private final String text;
    private final String source;
    private final int[] lineStarts;

    /**
     * @param extraNewlines also treat NEL, VT and FF as line breaks (KDL does; JSON5 and YAML do not)
     */
    public TextPositions(String text, String source, boolean extraNewlines) {
        this.text = text;
        this.source = source;
        int[] starts = new int[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean nl = c == '\n' || c == '\u2028' || c == '\u2029'
                    || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))
                    || (extraNewlines && (c == '\u0085' || c == '\u000B' || c == '\u000C'));
            if (nl) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    public String source() {
        return source;
    }

    public SourcePos at(int offset) {
        int idx = Arrays.binarySearch(lineStarts, offset);
        int line = idx >= 0 ? idx : -idx - 2;
        int start = lineStarts[line];
        int end = Math.min(offset, text.length());
        int column = text.codePointCount(start, Math.max(start, end)) + 1;
        return new SourcePos(source, line + 1, column);
    }
}
