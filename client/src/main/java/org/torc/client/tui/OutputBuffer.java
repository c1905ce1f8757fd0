package org.torc.client.tui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last lines written by a process or a log, safe to append from any thread. */
public final class OutputBuffer {
    private final int capacity;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long appended;

    public OutputBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void append(String line) {
        for (String l : line.split("\r?\n", -1)) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(l);
            appended++;
        }
        if (line.endsWith("\n")) {
            lines.removeLast();
            appended--;
        }
    }

    public synchronized List<String> snapshot() {
        return new ArrayList<>(lines);
    }

    public synchronized int size() {
        return lines.size();
    }

    /** How many lines were ever appended (grows while the buffer drops old lines). */
    public synchronized long appended() {
        return appended;
    }
}
