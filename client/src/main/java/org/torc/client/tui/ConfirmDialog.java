package org.torc.client.tui;

/**
 * "Are you sure?" before an action: {@code y} runs it, {@code n} or Esc cancels. Destructive
 * actions (delete, reset, re-initialize, forced initialize) are drawn in red, as in torc.
 */
public record ConfirmDialog(String title, String message, boolean destructive, Runnable onYes)
        implements Popup {
}
