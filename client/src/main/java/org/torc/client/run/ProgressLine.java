package org.torc.client.run;

import java.io.PrintStream;

/**
 * A single self-overwriting status line on a terminal: what this runner finished, failed and is
 * running, its rate, and how many jobs of the whole workflow are not finished yet.
 */
final class ProgressLine {
    private final PrintStream out = System.err;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private volatile long remaining = -1;

    /** Jobs of the workflow not yet finished (all runners), refreshed with the status check. */
    void remaining(long jobs) {
        remaining = jobs;
    }

    void update(int done, int failed, int running) {
        long now = System.nanoTime();
        if (now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        double seconds = (now - startNanos) / 1e9;
        out.printf("\r[torc] %d done, %d failed, %d running, %s remaining, %.0f jobs/s   ", done,
                failed, running, remaining < 0 ? "?" : Long.toString(remaining),
                seconds > 0 ? (done + failed) / seconds : 0.0);
        out.flush();
    }

    void finish() {
        out.print("\r\033[K");
        out.flush();
    }
}
