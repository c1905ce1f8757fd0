package org.torc.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.function.BooleanSupplier;

/**
 * A popup following the output of something the TUI started: the local runner ({@code x}) or the
 * managed server ({@code O}). It follows new lines until the user scrolls up ({@code a} toggles);
 * {@code k} then {@code y} kills the process.
 */
public final class OutputViewer implements Popup {
    /** What a key did to the viewer. */
    public enum Outcome {
        NONE, CLOSE, KILL
    }

    private final String title;
    private final OutputBuffer buffer;
    private final BooleanSupplier running;
    private final boolean stopsOnClose;
    private int scroll;
    private boolean follow = true;
    private boolean killConfirm;
    private int lastHeight = 20;

    /**
     * @param stopsOnClose whether closing the viewer stops the process (torc stops a local run
     *     when its viewer closes; the server keeps running in the background)
     */
    public OutputViewer(String title, OutputBuffer buffer, BooleanSupplier running,
            boolean stopsOnClose) {
        this.title = title;
        this.buffer = buffer;
        this.running = running;
        this.stopsOnClose = stopsOnClose;
    }

    public String title() {
        return title;
    }

    public OutputBuffer buffer() {
        return buffer;
    }

    public boolean running() {
        return running.getAsBoolean();
    }

    public boolean stopsOnClose() {
        return stopsOnClose;
    }

    public boolean following() {
        return follow;
    }

    public boolean killConfirm() {
        return killConfirm;
    }

    /** The first line to show in a view of {@code height} lines. */
    public int firstLine(int height) {
        lastHeight = Math.max(1, height);
        int size = buffer.size();
        if (follow) {
            scroll = Math.max(0, size - lastHeight);
        }
        scroll = Math.max(0, Math.min(scroll, Math.max(0, size - 1)));
        return scroll;
    }

    public Outcome handle(KeyStroke k) {
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        if (killConfirm) {
            if (c != null && (c == 'y' || c == 'Y')) {
                killConfirm = false;
                return Outcome.KILL;
            }
            killConfirm = false;
            return Outcome.NONE;
        }
        switch (k.getKeyType()) {
            case Escape -> {
                return Outcome.CLOSE;
            }
            case ArrowUp -> scrollBy(-1);
            case ArrowDown -> scrollBy(1);
            case PageUp -> scrollBy(-20);
            case PageDown -> scrollBy(20);
            case Character -> {
                switch (c) {
                    case 'q' -> {
                        return Outcome.CLOSE;
                    }
                    case 'k' -> killConfirm = running();
                    case 'a' -> follow = !follow;
                    case 'g' -> {
                        follow = false;
                        scroll = 0;
                    }
                    case 'G' -> follow = true;
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
        return Outcome.NONE;
    }

    private void scrollBy(int delta) {
        if (follow) {
            scroll = Math.max(0, buffer.size() - lastHeight);
        }
        follow = false;
        scroll = Math.max(0, Math.min(Math.max(0, buffer.size() - lastHeight), scroll + delta));
        if (scroll >= buffer.size() - lastHeight && delta > 0) {
            follow = true;
        }
    }
}
