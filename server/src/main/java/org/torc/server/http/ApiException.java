package org.torc.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the client caused or must know about, answered as
 * {@code {"error":{"message": ..., <extra fields>}}} with the given HTTP status.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, Object> extra;

    public ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(int status, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.extra = new LinkedHashMap<>(extra);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, message);
    }

    /** The 404 torc returns for a missing row, e.g. "Workflow not found with ID: 7". */
    public static ApiException notFound(String what, long id) {
        return new ApiException(404, what + " not found with ID: " + id);
    }
}
