package org.torc.client.tui;

/** A message too long for the header, shown whole; Enter, Esc or q close it. */
public record ErrorDialog(String title, String message) implements Popup {
}
