package org.torc.client.tui;

import com.googlecode.lanterna.TextColor;
import java.util.List;

/**
 * torc's job status colours (completed green, running yellow, failed red, canceled/terminated
 * magenta, pending blue, ready cyan, blocked grey) and the glyphs of the status count bar, which
 * differ per status so the bar also reads in a plain-text capture.
 */
public final class StatusStyle {
    /** Statuses in the order the count bar shows them: done first, then active, then waiting. */
    public static final List<String> ORDER = List.of("completed", "failed", "canceled",
            "terminated", "running", "pending", "pending_failed", "ready", "blocked",
            "uninitialized", "disabled");

    private StatusStyle() {
    }

    public static TextColor color(String status) {
        return switch (status == null ? "" : status) {
            case "completed" -> TextColor.ANSI.GREEN;
            case "running" -> TextColor.ANSI.YELLOW;
            case "failed", "pending_failed" -> TextColor.ANSI.RED;
            case "canceled", "terminated" -> TextColor.ANSI.MAGENTA;
            case "pending", "scheduled" -> TextColor.ANSI.BLUE;
            case "ready" -> TextColor.ANSI.CYAN;
            case "blocked" -> Span.GREY;
            default -> TextColor.ANSI.WHITE;
        };
    }

    /** The character that fills this status's share of the count bar. */
    public static char barGlyph(String status) {
        return switch (status) {
            case "completed" -> '█';
            case "failed", "pending_failed" -> 'X';
            case "canceled", "terminated" -> '%';
            case "running" -> '▓';
            case "pending" -> '=';
            case "ready" -> '▒';
            case "blocked" -> '░';
            default -> '·';
        };
    }

    /** torc's DAG markers: ✓ completed, ▶ running, ✗ failed, ○ canceled, ◦ anything else. */
    public static String dagMarker(String status) {
        return switch (status == null ? "" : status) {
            case "completed" -> "✓";
            case "running" -> "▶";
            case "failed" -> "✗";
            case "canceled", "terminated" -> "○";
            default -> "◦";
        };
    }

    /** torc's display form of a status: Completed, Running, PendingFailed, ... */
    public static String label(String status) {
        if (status == null || status.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : status.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
