package org.torc.client.tui;

/** A rectangle of terminal cells: column, row, width and height. */
public record Rect(int col, int row, int width, int height) {
    public Rect {
        width = Math.max(0, width);
        height = Math.max(0, height);
    }

    /** The area inside a one-cell border. */
    public Rect inner() {
        return new Rect(col + 1, row + 1, width - 2, height - 2);
    }

    public int bottom() {
        return row + height;
    }

    public int right() {
        return col + width;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** The top {@code rows} rows of this rectangle. */
    public Rect top(int rows) {
        return new Rect(col, row, width, Math.min(rows, height));
    }

    /** What is left below the top {@code rows} rows. */
    public Rect below(int rows) {
        int r = Math.min(rows, height);
        return new Rect(col, row + r, width, height - r);
    }

    /** A rectangle of the given size centred in this one (clipped to it). */
    public Rect centered(int w, int h) {
        int cw = Math.min(w, width);
        int ch = Math.min(h, height);
        return new Rect(col + (width - cw) / 2, row + (height - ch) / 2, cw, ch);
    }
}
