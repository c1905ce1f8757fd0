package org.torc.client.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.torc.client.api.TorcApi;

/** A TorcApi that records every request path, to check what the TUI reads. */
final class CountingApi extends TorcApi {
    private final List<String> paths = new ArrayList<>();

    CountingApi(String url) {
        super(url, "tester", null);
    }

    @Override
    public JsonNode send(String method, String path, Object body, Duration timeout) {
        synchronized (paths) {
            paths.add(method + " " + path);
        }
        return super.send(method, path, body, timeout);
    }

    List<String> paths() {
        synchronized (paths) {
            return new ArrayList<>(paths);
        }
    }

    void clear() {
        synchronized (paths) {
            paths.clear();
        }
    }
}
