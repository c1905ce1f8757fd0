package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagRendererTest {
    /** The seed's shape: stages of n jobs, a barrier after each. */
    private static void seed(int stages, int n, List<DagRenderer.Node> nodes,
            List<DagRenderer.Edge> edges) {
        long id = 1;
        Long barrier = null;
        for (int s = 1; s <= stages; s++) {
            List<Long> stage = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long j = id++;
                nodes.add(new DagRenderer.Node(j, String.format("stage%d_%04d", s, i),
                        s == 1 ? "completed" : "blocked"));
                stage.add(j);
                if (barrier != null) {
                    edges.add(new DagRenderer.Edge(j, barrier));
                }
            }
            barrier = id++;
            nodes.add(new DagRenderer.Node(barrier, "barrier_stage" + s + "_complete", "blocked"));
            for (long j : stage) {
                edges.add(new DagRenderer.Edge(barrier, j));
            }
        }
    }

    @Test
    void the_seed_workflow_is_ten_lines_not_five_thousand() {
        List<DagRenderer.Node> nodes = new ArrayList<>();
        List<DagRenderer.Edge> edges = new ArrayList<>();
        seed(5, 1000, nodes, edges);
        var levels = DagRenderer.layout(nodes, edges);
        assertEquals(10, levels.size());
        levels.forEach(l -> assertEquals(1, l.size(), "one node per level"));
        assertEquals("stage1_{0000..0999}", levels.get(0).get(0).label());
        assertEquals(1000, levels.get(0).get(0).members().size());
        List<List<Span>> lines = DagRenderer.render(nodes, edges);
        assertEquals(1 + 10 + 9, lines.size(), "header, 10 nodes, 9 arrows");
        String text = Span.text(lines.get(1));
        assertTrue(text.contains("[✓] stage1_{0000..0999} ×1000 (ids 1-1000)"), text);
        assertTrue(text.contains("█ 1000 completed"), text);
        assertTrue(Span.text(lines.get(3)).contains("barrier_stage1_complete (id: 1001)"
                + "  ← stage1_{0000..0999}"), Span.text(lines.get(3)));
    }

    @Test
    void single_jobs_are_drawn_as_torc_draws_them() {
        List<DagRenderer.Node> nodes = List.of(new DagRenderer.Node(1, "preprocess", "completed"),
                new DagRenderer.Node(2, "train-model", "running"),
                new DagRenderer.Node(3, "evaluate", "blocked"));
        List<DagRenderer.Edge> edges = List.of(new DagRenderer.Edge(2, 1),
                new DagRenderer.Edge(3, 2));
        List<List<Span>> lines = DagRenderer.render(nodes, edges);
        assertEquals("  [✓] preprocess (id: 1)", Span.text(lines.get(1)));
        assertEquals("   ↓↓↓", Span.text(lines.get(2)));
        assertTrue(Span.text(lines.get(3)).startsWith("  [▶] train-model (id: 2)"));
        assertTrue(Span.text(lines.get(5)).startsWith("  [◦] evaluate (id: 3)"));
    }

    @Test
    void siblings_with_different_upstream_stay_apart() {
        List<DagRenderer.Node> nodes = List.of(new DagRenderer.Node(1, "a", "ready"),
                new DagRenderer.Node(2, "b", "ready"), new DagRenderer.Node(3, "work_1", "blocked"),
                new DagRenderer.Node(4, "work_2", "blocked"));
        List<DagRenderer.Edge> edges = List.of(new DagRenderer.Edge(3, 1),
                new DagRenderer.Edge(4, 2));
        var levels = DagRenderer.layout(nodes, edges);
        assertEquals(2, levels.get(1).size());
    }

    @Test
    void jobs_on_a_cycle_are_still_shown() {
        List<DagRenderer.Node> nodes = List.of(new DagRenderer.Node(1, "x", "blocked"),
                new DagRenderer.Node(2, "y", "blocked"));
        List<DagRenderer.Edge> edges = List.of(new DagRenderer.Edge(1, 2),
                new DagRenderer.Edge(2, 1));
        String all = DagRenderer.render(nodes, edges).stream().map(Span::text)
                .reduce("", (a, b) -> a + b + "\n");
        assertTrue(all.contains("x (id: 1)") && all.contains("y (id: 2)"), all);
    }
}
