package org.torc.client.tui;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torc.client.api.TorcApi;

/**
 * A workflow's job count per status, from the job list's {@code total_count} with
 * {@code status=<s>&limit=0}: one small indexed count per status, no job rows at all.
 */
public final class JobCounts {
    private JobCounts() {
    }

    public static Map<String, Long> fetch(TorcApi api, long workflowId) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String status : StatusStyle.ORDER) {
            long n = api.get("/jobs?workflow_id=" + workflowId + "&status=" + status + "&limit=0")
                    .path("total_count").asLong();
            if (n > 0) {
                out.put(status, n);
            }
        }
        return out;
    }
}
