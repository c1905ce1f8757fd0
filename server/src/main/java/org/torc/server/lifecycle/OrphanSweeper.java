package org.torc.server.lifecycle;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.db.Database;

/** With {@code --orphan-timeout-secs}, periodically recovers the jobs of silent runners. */
public final class OrphanSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final Database db;
    private final Orphans orphans;
    private final long timeoutMillis;
    private final Thread thread;
    private volatile boolean running = true;

    public OrphanSweeper(Database db, Orphans orphans, Duration timeout) {
        this.db = db;
        this.orphans = orphans;
        this.timeoutMillis = timeout.toMillis();
        this.thread = new Thread(this::loop, "orphan-sweeper");
        this.thread.setDaemon(true);
    }

    public void start() {
        log.info("Recovering jobs of runners silent for more than {} s", timeoutMillis / 1000);
        thread.start();
    }

    private void loop() {
        long period = Math.max(1_000, Math.min(30_000, timeoutMillis / 4));
        while (running) {
            try {
                Thread.sleep(period);
                db.write(tx -> orphans.recover(tx, null, timeoutMillis, false));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Orphan sweep failed; it runs again in {} ms: {}", period, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
