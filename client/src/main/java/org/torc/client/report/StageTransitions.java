package org.torc.client.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage transition times of a staged workflow such as the seed scenario (stages named
 * {@code stage<k>_*}, barriers {@code barrier_stage<k>_complete}), computed from the results of a
 * finished run: last job of stage k done → barrier k starts, and barrier k done → first job of
 * stage k+1 starts; plus the span from the first start to the last end.
 */
public final class StageTransitions {
    /** One job's run: start and end in epoch milliseconds. */
    private record Span(String name, double startMs, double endMs) {
    }

    public record Transition(int stage, double lastJobToBarrierStartMs,
            double barrierEndToNextStageStartMs) {
    }

    public final List<Transition> transitions = new ArrayList<>();
    public final double spanSeconds;

    public StageTransitions(Map<Long, String> namesById, List<JsonNode> results, int stages) {
        Map<String, Span> spans = new java.util.HashMap<>();
        double first = Double.MAX_VALUE;
        double last = 0;
        for (JsonNode r : results) {
            String name = namesById.get(r.path("job_id").asLong());
            double end = Instant.parse(r.path("completion_time").asText()).toEpochMilli();
            double start = end - r.path("exec_time_minutes").asDouble() * 60_000;
            spans.put(name, new Span(name, start, end));
            first = Math.min(first, start);
            last = Math.max(last, end);
        }
        spanSeconds = (last - first) / 1000.0;
        for (int k = 1; k < stages; k++) {
            Span barrier = spans.get("barrier_stage" + k + "_complete");
            double lastOfStage = 0;
            double firstOfNext = Double.MAX_VALUE;
            for (Span s : spans.values()) {
                if (s.name().startsWith("stage" + k + "_")) {
                    lastOfStage = Math.max(lastOfStage, s.endMs());
                }
                if (s.name().startsWith("stage" + (k + 1) + "_")) {
                    firstOfNext = Math.min(firstOfNext, s.startMs());
                }
            }
            transitions.add(new Transition(k, barrier.startMs() - lastOfStage,
                    firstOfNext - barrier.endMs()));
        }
    }

    /** Both transition times of every stage boundary, in milliseconds. */
    public List<Double> allMs() {
        List<Double> all = new ArrayList<>();
        for (Transition t : transitions) {
            all.add(t.lastJobToBarrierStartMs());
            all.add(t.barrierEndToNextStageStartMs());
        }
        return all;
    }

    public double medianTransitionMs() {
        List<Double> all = allMs();
        all.sort(Double::compare);
        return all.isEmpty() ? 0 : all.get(all.size() / 2);
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Transition t : transitions) {
            sb.append(String.format("  stage %d: last job done -> barrier started %.1f ms; barrier "
                    + "done -> stage %d started %.1f ms%n", t.stage(), t.lastJobToBarrierStartMs(),
                    t.stage() + 1, t.barrierEndToNextStageStartMs()));
        }
        return sb.toString();
    }
}
