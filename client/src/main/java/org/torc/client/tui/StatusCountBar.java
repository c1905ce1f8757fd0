package org.torc.client.tui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-status job counts of a workflow as two lines: a legend with the numbers and a bar whose
 * segments are proportional to them, so a 5005-job workflow reads at a glance.
 */
public final class StatusCountBar {
    private StatusCountBar() {
    }

    /** "Total 5005  █ completed 1200  ▓ running 4 ...", statuses with no jobs left out. */
    public static List<Span> legend(Map<String, Long> counts) {
        List<Span> out = new ArrayList<>();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        out.add(Span.bold("Jobs " + total, Span.DEFAULT));
        for (String s : StatusStyle.ORDER) {
            long n = counts.getOrDefault(s, 0L);
            if (n > 0) {
                out.add(Span.plain("  "));
                out.add(Span.of(StatusStyle.barGlyph(s) + " " + s + " " + n,
                        StatusStyle.color(s)));
            }
        }
        return out;
    }

    /** The bar: {@code width} cells shared among statuses by count (largest remainder). */
    public static List<Span> bar(Map<String, Long> counts, int width) {
        Map<String, Integer> cells = cells(counts, width);
        List<Span> out = new ArrayList<>();
        for (var e : cells.entrySet()) {
            if (e.getValue() > 0) {
                out.add(Span.of(String.valueOf(StatusStyle.barGlyph(e.getKey())).repeat(e.getValue()),
                        StatusStyle.color(e.getKey())));
            }
        }
        return out;
    }

    /** How many cells each status gets; every status with jobs gets at least one when it fits. */
    static Map<String, Integer> cells(Map<String, Long> counts, int width) {
        Map<String, Integer> out = new LinkedHashMap<>();
        long total = 0;
        int present = 0;
        for (String s : StatusStyle.ORDER) {
            long n = counts.getOrDefault(s, 0L);
            total += n;
            present += n > 0 ? 1 : 0;
        }
        if (total == 0 || width <= 0) {
            return out;
        }
        int guaranteed = present <= width ? 1 : 0;
        int spare = width - guaranteed * present;
        double[] remainder = new double[StatusStyle.ORDER.size()];
        int given = 0;
        for (int i = 0; i < StatusStyle.ORDER.size(); i++) {
            String s = StatusStyle.ORDER.get(i);
            long n = counts.getOrDefault(s, 0L);
            if (n == 0) {
                out.put(s, 0);
                continue;
            }
            double exact = (double) n * spare / total;
            int whole = (int) Math.floor(exact);
            remainder[i] = exact - whole;
            out.put(s, whole + guaranteed);
            given += whole + guaranteed;
        }
        while (given < width) {
            int best = -1;
            for (int i = 0; i < remainder.length; i++) {
                if (counts.getOrDefault(StatusStyle.ORDER.get(i), 0L) > 0
                        && (best < 0 || remainder[i] > remainder[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            out.merge(StatusStyle.ORDER.get(best), 1, Integer::sum);
            remainder[best] = -1;
            given++;
        }
        return out;
    }
}
