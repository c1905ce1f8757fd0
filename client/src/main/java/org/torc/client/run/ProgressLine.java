package org.torc.client.run;

import java.io.PrintStream;

/** A single self-overwriting status line on a terminal: done, failed, running, rate. */
final class ProgressLine {
    private final PrintStream out = System.err;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;

    void update(int done, int failed, int running) {
        long now = System.nanoTime();
        if (now - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = now;
        double seconds = (now - startNanos) / 1e9;
        out.printf("\r[torc] %d done, %d failed, %d running, %.0f jobs/s   ", done, failed, running,
                seconds > 0 ? (done + failed) / seconds : 0.0);
        out.flush();
    }

    void finish() {
        out.print("\r\033[K");
        out.flush();
    }
}
