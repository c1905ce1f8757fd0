package org.torc.client.tui;

/** Something drawn over the main screen that takes the keys until it closes. */
public sealed interface Popup permits HelpPopup, ConfirmDialog, JobDetailsPopup, LogViewer,
        OutputViewer, ErrorDialog {
}
