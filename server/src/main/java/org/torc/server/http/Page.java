package org.torc.server.http;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.torc.common.model.ListResponse;
import org.torc.server.db.RowMapper;
import org.torc.server.db.Sql;

/**
 * offset / limit / sort_by / reverse_sort of a list request, already validated: the sort column is
 * one of the resource's own columns (torc pastes sort_by into its SQL; we never do).
 */
public record Page(long offset, long limit, String sortColumn, boolean descending) {

    /** Runs a counted, ordered, paged query and wraps it in torc's list envelope. */
    public <T> ListResponse<T> fetch(Sql sql, String columns, String from, Where where,
            RowMapper<T> mapper) throws SQLException {
        long total = sql.queryLong("SELECT COUNT(*) " + from + where.sql(), where.params());
        List<T> items = limit == 0 ? List.of() : sql.query(
                "SELECT " + columns + " " + from + where.sql() + " ORDER BY " + sortColumn
                        + (descending ? " DESC" : " ASC") + " LIMIT ? OFFSET ?",
                mapper, where.params(limit, offset));
        return ListResponse.of(items, offset, total);
    }

    /** Checks {@code sortBy} against the allowed column names and qualifies it with {@code alias}. */
    public static String sortColumn(String sortBy, Set<String> allowed, String alias) {
        String column = sortBy == null || sortBy.isBlank() ? "id" : sortBy.trim();
        if (!allowed.contains(column)) {
            throw ApiException.badRequest("Invalid sort_by '" + sortBy + "'; allowed: "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
        }
        return alias == null ? column : alias + "." + column;
    }
}
