package org.torc.client.spec.resolve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A compact directed graph over nodes 0..n-1 with the few algorithms the spec pipeline needs. */
public final class Digraph {
    private final int n;
    private int[] from = new int[16];
    private int[] to = new int[16];
    private int[] weight = new int[16];
    private int edges;
    private int[] offsets;
    private int[] targets;

    public Digraph(int n) {
        this.n = n;
    }

    public int size() {
        return n;
    }

    /** Adds the edge a → b ("a depends on b"), of weight 1 for {@link #levels()}. */
    public void addEdge(int a, int b) {
        addEdge(a, b, 1);
    }

    /** Adds the edge a → b with a weight (0 or more) used by {@link #levels()}. */
    public void addEdge(int a, int b, int w) {
        if (edges == from.length) {
            from = Arrays.copyOf(from, edges * 2);
            to = Arrays.copyOf(to, edges * 2);
            weight = Arrays.copyOf(weight, edges * 2);
        }
        from[edges] = a;
        to[edges] = b;
        weight[edges] = w;
        edges++;
        offsets = null;
    }

    private void freeze() {
        if (offsets != null) {
            return;
        }
        offsets = new int[n + 1];
        for (int k = 0; k < edges; k++) {
            offsets[from[k] + 1]++;
        }
        for (int k = 0; k < n; k++) {
            offsets[k + 1] += offsets[k];
        }
        targets = new int[edges];
        int[] fill = Arrays.copyOf(offsets, n);
        for (int k = 0; k < edges; k++) {
            targets[fill[from[k]]++] = to[k];
        }
    }

    /**
     * The strongly connected components that contain a cycle (more than one node, or a node with an
     * edge to itself), each sorted ascending, ordered by their smallest node.
     */
    public List<int[]> cycles() {
        freeze();
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int counter = 0;
        List<int[]> out = new ArrayList<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = offsets[root];
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < offsets[v + 1]) {
                    int w = targets[callEdge[depth]++];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = offsets[w];
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int start = sp;
                    do {
                        start--;
                    } while (stack[start] != v);
                    int[] comp = Arrays.copyOfRange(stack, start, sp);
                    for (int c : comp) {
                        onStack[c] = false;
                    }
                    sp = start;
                    if (comp.length > 1 || hasSelfLoop(v)) {
                        Arrays.sort(comp);
                        out.add(comp);
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a[0], b[0]));
        return out;
    }

    private boolean hasSelfLoop(int v) {
        for (int k = offsets[v]; k < offsets[v + 1]; k++) {
            if (targets[k] == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Longest-path levels of an acyclic graph: 0 for nodes without outgoing edges, otherwise the
     * highest (level + edge weight) among the edges to the nodes they depend on.
     *
     * @throws IllegalStateException if the graph has a cycle
     */
    public int[] levels() {
        freeze();
        int[] remaining = new int[n];
        int[] revOffsets = new int[n + 1];
        for (int k = 0; k < edges; k++) {
            remaining[from[k]]++;
            revOffsets[to[k] + 1]++;
        }
        for (int k = 0; k < n; k++) {
            revOffsets[k + 1] += revOffsets[k];
        }
        int[] dependents = new int[edges];
        int[] weights = new int[edges];
        int[] fill = Arrays.copyOf(revOffsets, n);
        for (int k = 0; k < edges; k++) {
            int slot = fill[to[k]]++;
            dependents[slot] = from[k];
            weights[slot] = weight[k];
        }
        int[] level = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (remaining[v] == 0) {
                queue[tail++] = v;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            for (int k = revOffsets[v]; k < revOffsets[v + 1]; k++) {
                int d = dependents[k];
                level[d] = Math.max(level[d], level[v] + weights[k]);
                if (--remaining[d] == 0) {
                    queue[tail++] = d;
                }
            }
        }
        if (tail != n) {
            throw new IllegalStateException("the graph has a cycle");
        }
        return level;
    }
}
