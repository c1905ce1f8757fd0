package org.torc.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's SQLite database: one writer thread owning the only write connection (see
 * {@link Writer}) and a HikariCP pool of query-only reader connections. WAL mode lets readers run
 * while the writer commits.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long SQLite itself waits for a lock held by another process before we back off. */
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** torc retries a locked database for 45 s; so do we, then give up with an ERROR. */
    private static final long BUSY_BUDGET_MILLIS = 45_000;

    private final Path file;
    private final Connection writeConnection;
    private final Writer writer;
    private final HikariDataSource readers;
    private final DbMetrics metrics = new DbMetrics();

    private Database(Path file, int readerPoolSize) throws SQLException {
        this.file = file;
        this.writeConnection = dataSource(file).getConnection();
        try (var st = writeConnection.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute("PRAGMA foreign_keys = ON");
            st.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            st.execute("PRAGMA cache_size = -65536");
            st.execute("PRAGMA temp_store = MEMORY");
            st.execute("PRAGMA mmap_size = 268435456");
        }
        new Migrations(writeConnection).apply();
        this.writer = new Writer(writeConnection, metrics, BUSY_BUDGET_MILLIS);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("torc-readers");
        pool.setDataSource(dataSource(file));
        pool.setMaximumPoolSize(readerPoolSize);
        pool.setMinimumIdle(1);
        pool.setConnectionInitSql("PRAGMA query_only = 1");
        pool.setAutoCommit(true);
        this.readers = new HikariDataSource(pool);
        writer.start();
    }

    /**
     * Opens (creating when missing) the database file and brings its schema up to date.
     *
     * @throws DatabaseException with a one-line reason when the file cannot be opened
     */
    public static Database open(Path file, int readerPoolSize) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (Exception e) {
            throw new DatabaseException("Cannot create the folder for database " + file + ": "
                    + e.getMessage(), e);
        }
        try {
            Database db = new Database(file, readerPoolSize);
            log.info("Connected to database: sqlite:{}", file);
            log.info("Database configured with WAL journal mode and foreign key constraints");
            return db;
        } catch (SQLException e) {
            throw new DatabaseException("Cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    public Path file() {
        return file;
    }

    public DbMetrics metrics() {
        return metrics;
    }

    /** Runs read-only work on a pooled connection, in one snapshot. */
    public <T> T read(SqlWork<Sql, T> work) {
        try (Connection c = readers.getConnection()) {
            c.setAutoCommit(false);
            try {
                return work.run(new Sql(c, false));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Database error: " + e.getMessage(), e);
        }
    }

    /** Runs work in a write transaction; it commits (together with other queued writes) or has no effect. */
    public <T> T write(SqlWork<Tx, T> work) {
        return writer.submit(work);
    }

    @Override
    public void close() {
        writer.stop();
        readers.close();
        try {
            try (var st = writeConnection.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            writeConnection.close();
        } catch (SQLException e) {
            log.warn("Closing the database: {}", e.getMessage());
        }
    }
}
