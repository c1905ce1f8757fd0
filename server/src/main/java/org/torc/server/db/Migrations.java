package org.torc.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the ordered SQL files of {@code db/migrations} (packaged at the same path in the jar) that
 * the database has not seen yet, each in its own transaction, and records them in
 * {@code _torc_migrations}. An existing database is upgraded, never re-created.
 */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    private static final String INDEX = "db/migrations/migrations.list";

    private final Connection connection;

    Migrations(Connection connection) {
        this.connection = connection;
    }

    void apply() throws SQLException {
        log.info("Running database migrations...");
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS _torc_migrations ("
                    + "version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
        }
        Set<String> applied = new HashSet<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM _torc_migrations")) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        for (String name : listMigrations()) {
            if (applied.contains(name)) {
                continue;
            }
            String script = readResource("db/migrations/" + name);
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String statement : splitStatements(script)) {
                    st.execute(statement);
                }
                try (PreparedStatement ps = connection.prepareStatement(
                        "INSERT INTO _torc_migrations (version, applied_at) VALUES (?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, Instant.now().toString());
                    ps.executeUpdate();
                }
                connection.commit();
                log.info("Applied migration {}", name);
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("Migration " + name + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
        log.info("Database migrations completed successfully");
    }

    private static List<String> listMigrations() throws SQLException {
        List<String> names = new ArrayList<>();
        for (String line : readResource(INDEX).split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static String readResource(String path) throws SQLException {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new SQLException("Missing migration resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("Cannot read " + path, e);
        }
    }

    /** Splits a script at semicolons that end a line, keeping CREATE TRIGGER … END; bodies whole. */
    static List<String> splitStatements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String raw : script.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("--")) {
                continue;
            }
            current.append(raw).append('\n');
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            boolean ends = line.endsWith(";");
            if (ends && (!inTrigger || upper.equals("END;"))) {
                out.add(current.toString().trim());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }
}
