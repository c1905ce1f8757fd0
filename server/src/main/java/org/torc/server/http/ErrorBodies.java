package org.torc.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** torc's error shape: {@code {"error":{"message": ...}}}. */
public final class ErrorBodies {
    private ErrorBodies() {
    }

    public static Map<String, Object> of(String message) {
        return of(message, Map.of());
    }

    public static Map<String, Object> of(String message, Map<String, Object> extra) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("message", message);
        inner.putAll(extra);
        return Map.of("error", inner);
    }
}
