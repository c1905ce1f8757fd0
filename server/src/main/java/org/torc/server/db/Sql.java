package org.torc.server.db;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torc.common.Json;
import org.torc.common.JobStatus;

/**
 * The small JDBC helper every repository uses: binds parameters, runs one statement and maps rows.
 * Statements are cached per connection when the connection is long-lived (the writer's).
 */
public class Sql {
    private final Connection connection;
    private final Map<String, PreparedStatement> cache;

    Sql(Connection connection, boolean cacheStatements) {
        this.connection = connection;
        this.cache = cacheStatements ? new HashMap<>() : null;
    }

    public Connection connection() {
        return connection;
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the number of rows changed. */
    public int update(String sql, Object... params) throws SQLException {
        PreparedStatement ps = prepare(sql);
        try {
            bind(ps, params);
            return ps.executeUpdate();
        } finally {
            release(ps);
        }
    }

    /** Runs an INSERT and returns the new row's id. */
    public long insert(String sql, Object... params) throws SQLException {
        PreparedStatement ps = prepare(sql);
        try {
            bind(ps, params);
            ps.executeUpdate();
        } finally {
            release(ps);
        }
        return queryLong("SELECT last_insert_rowid()");
    }

    /** Runs one statement for each parameter row, in one prepared statement. */
    public void batch(String sql, Collection<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        PreparedStatement ps = prepare(sql);
        try {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } finally {
            release(ps);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        PreparedStatement ps = prepare(sql);
        try {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } finally {
            release(ps);
        }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The first column of the first row as a long; 0 when there is no row or it is NULL. */
    public long queryLong(String sql, Object... params) throws SQLException {
        return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
    }

    public boolean exists(String sql, Object... params) throws SQLException {
        return queryOne(sql, rs -> Boolean.TRUE, params).isPresent();
    }

    public List<Long> queryIds(String sql, Object... params) throws SQLException {
        return query(sql, rs -> rs.getLong(1), params);
    }

    /** Runs a statement with no parameters and no result (DDL, pragmas, BEGIN/COMMIT). */
    public void execute(String sql) throws SQLException {
        if (cache != null) {
            // The writer runs a few fixed statements (BEGIN, SAVEPOINT sp1, ...) very often.
            PreparedStatement ps = prepare(sql);
            ps.execute();
            return;
        }
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        if (cache == null) {
            return connection.prepareStatement(sql);
        }
        PreparedStatement ps = cache.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            cache.put(sql, ps);
        }
        return ps;
    }

    private void release(PreparedStatement ps) throws SQLException {
        if (cache == null) {
            ps.close();
        } else {
            ps.clearParameters();
        }
    }

    void closeCachedStatements() {
        if (cache == null) {
            return;
        }
        for (PreparedStatement ps : cache.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing on shutdown; nothing to recover
            }
        }
        cache.clear();
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int idx = i + 1;
            if (p == null) {
                ps.setNull(idx, Types.NULL);
            } else if (p instanceof Boolean b) {
                ps.setInt(idx, b ? 1 : 0);
            } else if (p instanceof JobStatus s) {
                ps.setInt(idx, s.code());
            } else if (p instanceof JsonNode node) {
                ps.setString(idx, node.isNull() ? null : Json.write(node));
            } else if (p instanceof Collection<?> c) {
                // Bound as a JSON array and read back with json_each(?): no IN-lists built from strings.
                ps.setString(idx, Json.write(c));
            } else {
                ps.setObject(idx, p);
            }
        }
    }

    // --- small ResultSet helpers for nullable columns ---

    public static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public static Boolean getBool(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v != 0;
    }

    public static JsonNode getJson(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Json.parse(v);
    }
}
