package org.torc.client.cli.commands;

import java.util.LinkedHashMap;
import java.util.Map;

/** Query parameters in order; {@code null} values are left out of the URL. */
final class Queries {
    private Queries() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            q.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return q;
    }
}
