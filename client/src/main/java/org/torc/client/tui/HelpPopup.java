package org.torc.client.tui;

/** The key reference ({@code ?}); scrolls with the arrows when the terminal is short. */
public final class HelpPopup implements Popup {
    private int scroll;

    public int scroll() {
        return scroll;
    }

    public void scrollBy(int delta, int maxScroll) {
        scroll = Math.max(0, Math.min(maxScroll, scroll + delta));
    }
}
