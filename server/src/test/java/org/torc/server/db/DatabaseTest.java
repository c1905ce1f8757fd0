package org.torc.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.server.http.ApiException;
import org.torc.server.testing.ErrorLogWatcher;

/** The writer thread and reader pool over a real SQLite file. */
class DatabaseTest {
    @TempDir
    Path dir;

    private static long insertWorkflow(Tx tx, String name) throws java.sql.SQLException {
        long id = tx.insert("INSERT INTO workflow_status (run_id) VALUES (0)");
        tx.update("INSERT INTO workflow (id, name, user, timestamp, status_id) VALUES (?, ?, 'u', 't', ?)",
                id, name, id);
        return id;
    }

    @Test
    void concurrent_writes_are_committed_together_and_a_failing_one_undoes_only_itself()
            throws Exception {
        try (Database db = Database.open(dir.resolve("a.db"), 2)) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            AtomicInteger hooks = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                futures.add(pool.submit(() -> db.write(tx -> {
                    insertWorkflow(tx, "w" + n);
                    tx.afterCommit(hooks::incrementAndGet);
                    if (n % 10 == 0) {
                        throw ApiException.unprocessable("refused " + n);
                    }
                    return n;
                })));
            }
            int refused = 0;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof ApiException);
                    refused++;
                }
            }
            pool.shutdown();
            assertEquals(40, refused);
            assertEquals(360L, (long) db.read(sql -> sql.queryLong("SELECT COUNT(*) FROM workflow")));
            assertEquals(360, hooks.get(), "after-commit hooks run only for committed work");
            assertTrue(db.metrics().writeTransactions() < 400, "writes were batched: "
                    + db.metrics().writeTransactions() + " transactions for 400 requests");
        }
    }

    @Test
    void a_lock_held_by_another_process_is_waited_out_and_counted_without_errors() throws Exception {
        Path file = dir.resolve("b.db");
        try (Database db = Database.open(file, 2); ErrorLogWatcher errors = ErrorLogWatcher.attach()) {
            CountDownLatch locked = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                    c.createStatement().execute("BEGIN IMMEDIATE");
                    locked.countDown();
                    Thread.sleep(5_500); // longer than SQLite's own busy timeout (5 s)
                    c.createStatement().execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            other.start();
            locked.await();
            long id = db.write(tx -> insertWorkflow(tx, "after-the-lock"));
            other.join();
            assertTrue(id > 0);
            assertTrue(db.metrics().lockRetries() >= 1, "the busy answer was retried");
            assertEquals(0, db.metrics().lockGiveUps());
            assertEquals(List.of(), errors.errors());
        }
    }

    @Test
    void migrations_are_recorded_and_not_reapplied() throws Exception {
        Path file = dir.resolve("c.db");
        try (Database db = Database.open(file, 1)) {
            db.write(tx -> insertWorkflow(tx, "kept"));
        }
        try (Database db = Database.open(file, 1)) {
            assertEquals(1L, (long) db.read(sql -> sql.queryLong("SELECT COUNT(*) FROM workflow")));
            long applied = db.read(sql -> sql.queryLong("SELECT COUNT(*) FROM _torc_migrations"));
            assertTrue(applied >= 2);
        }
    }

    @Test
    void an_unopenable_path_is_one_clear_error() {
        DatabaseException e = assertThrows(DatabaseException.class,
                () -> Database.open(Path.of("/proc/1/no/such/dir/x.db"), 1));
        assertTrue(e.getMessage().contains("/proc/1/no/such/dir"), e.getMessage());
    }

    @Test
    void statement_splitting_keeps_trigger_bodies_whole() {
        List<String> parts = Migrations.splitStatements("""
                -- comment
                CREATE TABLE a (x INT);
                CREATE TRIGGER t AFTER INSERT ON a BEGIN
                    UPDATE a SET x = 1;
                    UPDATE a SET x = 2;
                END;
                CREATE INDEX i ON a (x);
                """);
        assertEquals(3, parts.size());
        assertTrue(parts.get(1).startsWith("CREATE TRIGGER") && parts.get(1).endsWith("END;"));
    }
}
