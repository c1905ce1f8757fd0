package org.torc.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a WHERE clause from conditions written in code; only values become parameters, so no
 * request text ever reaches the SQL.
 */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public Where and(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds {@code condition} only when {@code value} is present. */
    public Where andIf(Object value, String condition) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    public Object[] params(Object... extra) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(extra));
        return all.toArray();
    }
}
