package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;

/** A job's details (Enter on the Jobs tab): id, status, attempt and the full command. */
public final class JobDetailsPopup implements Popup {
    private final JsonNode job;
    private int scroll;

    public JobDetailsPopup(JsonNode job) {
        this.job = job;
    }

    public JsonNode job() {
        return job;
    }

    public int scroll() {
        return scroll;
    }

    public void scrollBy(int delta) {
        scroll = Math.max(0, scroll + delta);
    }
}
