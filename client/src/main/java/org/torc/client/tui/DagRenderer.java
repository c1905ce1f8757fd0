package org.torc.client.tui;

import com.googlecode.lanterna.TextColor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DAG tab as text: jobs in dependency levels, top to bottom, like torc's view, but parameterized
 * siblings (same name up to their last number, same level, same upstream) are drawn as one node
 * with a count and per-status numbers, so stage1_0000..stage1_0999 is one line, not a thousand.
 */
public final class DagRenderer {
    /** A job: its id, name and status. */
    public record Node(long id, String name, String status) {
    }

    /** {@code jobId} depends on {@code dependsOn}. */
    public record Edge(long jobId, long dependsOn) {
    }

    /** A drawn node: one job, or several collapsed siblings. */
    public record Group(int id, int level, String label, List<Node> members, List<Integer> upstream) {
        public boolean collapsed() {
            return members.size() > 1;
        }
    }

    private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)(?!.*\\d)");

    private DagRenderer() {
    }

    /** Levels of groups: level 0 has no dependencies, level n depends on level n-1 at most. */
    public static List<List<Group>> layout(List<Node> nodes, List<Edge> edges) {
        Map<Long, Node> byId = new LinkedHashMap<>();
        nodes.stream().sorted((a, b) -> Long.compare(a.id(), b.id()))
                .forEach(n -> byId.put(n.id(), n));
        Map<Long, List<Long>> preds = new HashMap<>();
        Map<Long, List<Long>> succs = new HashMap<>();
        Map<Long, Integer> indegree = new HashMap<>();
        byId.keySet().forEach(id -> indegree.put(id, 0));
        for (Edge e : edges) {
            if (byId.containsKey(e.jobId()) && byId.containsKey(e.dependsOn())) {
                preds.computeIfAbsent(e.jobId(), k -> new ArrayList<>()).add(e.dependsOn());
                succs.computeIfAbsent(e.dependsOn(), k -> new ArrayList<>()).add(e.jobId());
                indegree.merge(e.jobId(), 1, Integer::sum);
            }
        }
        Map<Long, Integer> level = new HashMap<>();
        ArrayDeque<Long> ready = new ArrayDeque<>();
        byId.keySet().forEach(id -> {
            if (indegree.get(id) == 0) {
                ready.add(id);
                level.put(id, 0);
            }
        });
        while (!ready.isEmpty()) {
            long id = ready.poll();
            for (long s : succs.getOrDefault(id, List.of())) {
                level.merge(s, level.get(id) + 1, Math::max);
                if (indegree.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
        }
        int maxLevel = level.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (long id : byId.keySet()) {
            // Jobs on a cycle never become ready: show them last rather than not at all.
            level.putIfAbsent(id, maxLevel + 1);
        }
        TreeMap<Integer, List<Long>> byLevel = new TreeMap<>();
        byId.keySet().forEach(id -> byLevel.computeIfAbsent(level.get(id), k -> new ArrayList<>())
                .add(id));

        List<List<Group>> out = new ArrayList<>();
        Map<Long, Integer> groupOf = new HashMap<>();
        int nextGroup = 0;
        for (var lv : byLevel.entrySet()) {
            Map<String, List<Long>> keyed = new LinkedHashMap<>();
            Map<String, List<Integer>> upstreamOf = new HashMap<>();
            for (long id : lv.getValue()) {
                TreeSet<Integer> up = new TreeSet<>();
                preds.getOrDefault(id, List.of()).forEach(p -> {
                    Integer g = groupOf.get(p);
                    if (g != null) {
                        up.add(g);
                    }
                });
                String key = template(byId.get(id).name()) + "|" + up;
                keyed.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                upstreamOf.put(key, new ArrayList<>(up));
            }
            List<Group> groups = new ArrayList<>();
            for (var e : keyed.entrySet()) {
                List<Node> members = e.getValue().stream().map(byId::get).toList();
                int gid = nextGroup++;
                e.getValue().forEach(id -> groupOf.put(id, gid));
                groups.add(new Group(gid, lv.getKey(), label(members), members,
                        upstreamOf.get(e.getKey())));
            }
            out.add(groups);
        }
        return out;
    }

    /** The name with its last number replaced by '#': the key that makes siblings one node. */
    static String template(String name) {
        Matcher m = LAST_NUMBER.matcher(name);
        return m.find() ? name.substring(0, m.start()) + "#" + name.substring(m.end()) : name;
    }

    static String label(List<Node> members) {
        if (members.size() == 1) {
            return members.get(0).name();
        }
        String first = members.get(0).name();
        Matcher m = LAST_NUMBER.matcher(first);
        if (!m.find()) {
            return first;
        }
        String min = null;
        String max = null;
        for (Node n : members) {
            Matcher mm = LAST_NUMBER.matcher(n.name());
            if (mm.find()) {
                String num = mm.group(1);
                if (min == null || compareNumbers(num, min) < 0) {
                    min = num;
                }
                if (max == null || compareNumbers(num, max) > 0) {
                    max = num;
                }
            }
        }
        return first.substring(0, m.start()) + "{" + min + ".." + max + "}"
                + first.substring(m.end());
    }

    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    /** The lines of the DAG tab. */
    public static List<List<Span>> render(List<Node> nodes, List<Edge> edges) {
        List<List<Group>> levels = layout(nodes, edges);
        Map<Integer, Group> groups = new HashMap<>();
        levels.forEach(l -> l.forEach(g -> groups.put(g.id(), g)));
        List<List<Span>> lines = new ArrayList<>();
        long collapsed = levels.stream().flatMap(List::stream).filter(Group::collapsed).count();
        lines.add(List.of(Span.of(nodes.size() + " jobs, " + edges.size() + " dependencies, "
                + levels.size() + " levels" + (collapsed > 0 ? "; " + collapsed
                + " groups of parameterized siblings drawn as one node" : ""), Span.GREY)));
        if (nodes.isEmpty()) {
            lines.add(List.of(Span.of("No jobs in DAG", Span.GREY)));
            return lines;
        }
        for (int i = 0; i < levels.size(); i++) {
            if (i > 0) {
                lines.add(List.of(Span.of("   ↓↓↓", Span.GREY)));
            }
            for (Group g : levels.get(i)) {
                lines.add(line(g, groups));
            }
        }
        return lines;
    }

    private static List<Span> line(Group g, Map<Integer, Group> groups) {
        List<Span> out = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        g.members().forEach(n -> counts.merge(n.status() == null ? "" : n.status(), 1L, Long::sum));
        String status = aggregate(counts);
        TextColor color = StatusStyle.color(status);
        if (!g.collapsed()) {
            Node n = g.members().get(0);
            out.add(Span.of("  [" + StatusStyle.dagMarker(status) + "] " + n.name() + " (id: "
                    + n.id() + ")", color));
        } else {
            long lo = g.members().stream().mapToLong(Node::id).min().orElse(0);
            long hi = g.members().stream().mapToLong(Node::id).max().orElse(0);
            out.add(Span.of("  [" + StatusStyle.dagMarker(status) + "] " + g.label() + " ×"
                    + g.members().size() + " (ids " + lo + "-" + hi + ")", color));
            out.add(Span.plain("  "));
            for (String s : StatusStyle.ORDER) {
                Long n = counts.get(s);
                if (n != null) {
                    out.add(Span.of(StatusStyle.barGlyph(s) + " " + n + " " + s + " ",
                            StatusStyle.color(s)));
                }
            }
        }
        if (!g.upstream().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (int up : g.upstream()) {
                if (names.size() == 2) {
                    names.add("+" + (g.upstream().size() - 2) + " more");
                    break;
                }
                names.add(groups.get(up).label());
            }
            out.add(Span.of("  ← " + String.join(", ", names), Span.GREY));
        }
        return out;
    }

    /** One status for a group: failed, else running, else completed if all are, and so on. */
    static String aggregate(Map<String, Long> counts) {
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        for (String s : List.of("failed", "running", "canceled", "terminated", "pending",
                "ready", "blocked")) {
            if (counts.containsKey(s)) {
                return s;
            }
        }
        return counts.keySet().iterator().next();
    }
}
