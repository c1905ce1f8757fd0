package org.torc.client.spec.parse;

/** Where something is in a spec file: 1-based line and column (column counts code points). */
public record SourcePos(String source, int line, int column) {
    public static SourcePos unknown(String source) {
        return new SourcePos(source, 0, 0);
    }

    public boolean isKnown() {
        return line > 0;
    }

    /** {@code file:line:column}, or just the file when the position is unknown. */
    @Override
    public String toString() {
        if (!isKnown()) {
            return source;
        }
        return source + ":" + line + ":" + column;
    }
}
