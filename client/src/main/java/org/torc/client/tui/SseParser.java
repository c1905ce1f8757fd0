package org.torc.client.tui;

/**
 * Server-sent events framing: {@code event: <type>} and {@code data: <json>} lines, a blank line
 * ends a frame; comment lines ({@code : keep-alive}) and other fields are skipped.
 */
public final class SseParser {
    /** One event: its type ("message" when the frame had none) and its data. */
    public record Frame(String type, String data) {
    }

    private String type;
    private StringBuilder data;

    /** Feeds one line (without its line break); returns the frame it completes, if any. */
    public Frame feed(String line) {
        if (line.isEmpty()) {
            Frame f = data == null ? null : new Frame(type == null ? "message" : type,
                    data.toString());
            type = null;
            data = null;
            return f;
        }
        if (line.startsWith(":")) {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
            }
        }
        return null;
    }
}
