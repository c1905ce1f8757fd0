package org.torc.client.tui;

import com.googlecode.lanterna.TextColor;

/**
 * The message in the header's title after an action, coloured by level; information and success
 * disappear after five seconds, warnings and errors stay until replaced (as in torc).
 */
public record StatusMessage(String text, Level level, long createdNanos) {
    public enum Level {
        INFO, SUCCESS, WARNING, ERROR
    }

    public static StatusMessage info(String text) {
        return new StatusMessage(text, Level.INFO, System.nanoTime());
    }

    public static StatusMessage success(String text) {
        return new StatusMessage(text, Level.SUCCESS, System.nanoTime());
    }

    public static StatusMessage warning(String text) {
        return new StatusMessage(text, Level.WARNING, System.nanoTime());
    }

    public static StatusMessage error(String text) {
        return new StatusMessage(text, Level.ERROR, System.nanoTime());
    }

    public TextColor color() {
        return switch (level) {
            case INFO -> TextColor.ANSI.CYAN;
            case SUCCESS -> TextColor.ANSI.GREEN;
            case WARNING -> TextColor.ANSI.YELLOW;
            case ERROR -> TextColor.ANSI.RED;
        };
    }

    public boolean visible(long nowNanos) {
        return level == Level.WARNING || level == Level.ERROR
                || nowNanos - createdNanos < 5_000_000_000L;
    }
}
