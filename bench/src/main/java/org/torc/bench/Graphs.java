package org.torc.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;

/** Builds staged fan-out/fan-in workflows through the API. */
final class Graphs {
    private Graphs() {
    }

    /** {@code stages} stages of {@code width} jobs, a barrier after each; returns the workflow id. */
    static long staged(TorcApi api, String name, int stages, int width) {
        long wf = api.post("/workflows", Json.mapper().createObjectNode().put("name", name)
                .put("user", "bench")).path("id").asLong();
        Long barrier = null;
        for (int s = 0; s < stages; s++) {
            List<Long> ids = new ArrayList<>();
            for (int from = 0; from < width; from += 10_000) {
                ObjectNode body = Json.mapper().createObjectNode();
                ArrayNode jobs = body.putArray("jobs");
                for (int i = from; i < Math.min(width, from + 10_000); i++) {
                    ObjectNode j = jobs.addObject().put("workflow_id", wf)
                            .put("name", "s" + s + "_" + i).put("command", "true");
                    if (barrier != null) {
                        j.putArray("depends_on_job_ids").add(barrier);
                    }
                }
                api.post("/bulk_jobs", body).path("jobs").forEach(j -> ids.add(j.path("id").asLong()));
            }
            ObjectNode body = Json.mapper().createObjectNode();
            ObjectNode b = body.putArray("jobs").addObject().put("workflow_id", wf)
                    .put("name", "barrier_" + s).put("command", "true");
            ArrayNode deps = b.putArray("depends_on_job_ids");
            ids.forEach(deps::add);
            barrier = api.post("/bulk_jobs", body).path("jobs").get(0).path("id").asLong();
        }
        return wf;
    }
}
