package org.torc.server.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.torc.common.model.EventModel;
import org.torc.common.model.ListResponse;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code event} table: events clients record for a workflow (distinct from the live feed in
 * {@link ServerEvents}). The server stamps each one with its clock in epoch milliseconds.
 */
public final class EventRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "timestamp");

    private static final String COLUMNS = "e.id, e.workflow_id, e.timestamp, e.data";

    private final Clock clock;

    public EventRepository(Clock clock) {
        this.clock = clock;
    }

    /** Stores an event; a timestamp in the body is ignored, the server's clock sets it. */
    public EventModel create(Tx tx, EventModel e) throws SQLException {
        if (e.workflowId() == null) {
            throw ApiException.unprocessable("workflow_id is required");
        }
        JsonNode data = requireData(e.data());
        WorkflowRepository.requireExists(tx, e.workflowId());
        long id = tx.insert("INSERT INTO event (workflow_id, timestamp, data) VALUES (?, ?, ?)",
                e.workflowId(), clock.millis(), data);
        return require(tx, id);
    }

    public Optional<EventModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM event e WHERE e.id = ?",
                EventRepository::map, id);
    }

    public EventModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Event", id));
    }

    /**
     * Replaces the event's data. A body shaped like an event (it has a {@code data} field) stores
     * that field; any other body is stored whole, as torc does. Timestamp and workflow stay.
     */
    public EventModel update(Tx tx, long id, JsonNode body) throws SQLException {
        EventModel current = require(tx, id);
        JsonNode data = body;
        if (body.isObject() && body.has("data")) {
            JsonNode workflowId = body.get("workflow_id");
            if (workflowId != null && !workflowId.isNull()
                    && workflowId.asLong() != current.workflowId()) {
                throw ApiException.unprocessable("workflow_id cannot be changed (event belongs to "
                        + "workflow " + current.workflowId() + ")");
            }
            data = requireData(body.get("data"));
        }
        tx.update("UPDATE event SET data = ? WHERE id = ?", data, id);
        return require(tx, id);
    }

    public EventModel delete(Tx tx, long id) throws SQLException {
        EventModel existing = require(tx, id);
        tx.update("DELETE FROM event WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM event WHERE workflow_id = ?", workflowId);
    }

    /**
     * Lists a workflow's events, optionally only those after {@code afterTimestamp} (ms) and those
     * whose data has the given {@code category} (torc accepted the parameter but ignored it).
     */
    public ListResponse<EventModel> list(Sql sql, Page page, long workflowId, Long afterTimestamp,
            String category) throws SQLException {
        Where where = new Where()
                .and("e.workflow_id = ?", workflowId)
                .andIf(afterTimestamp, "e.timestamp > ?")
                .andIf(category, "json_extract(e.data, '$.category') = ?");
        return page.fetch(sql, COLUMNS, "FROM event e", where, EventRepository::map);
    }

    /** The newest event's timestamp, or null when the workflow has none. */
    public Long latestTimestamp(Sql sql, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        // MAX() always yields one row, holding NULL when there are no events.
        return sql.query("SELECT MAX(timestamp) AS latest FROM event WHERE workflow_id = ?",
                rs -> Sql.getLong(rs, "latest"), workflowId).get(0);
    }

    private static JsonNode requireData(JsonNode data) {
        if (data == null || data.isNull()) {
            throw ApiException.unprocessable("data is required");
        }
        return data;
    }

    static EventModel map(ResultSet rs) throws SQLException {
        return new EventModel(rs.getLong("id"), rs.getLong("workflow_id"), rs.getLong("timestamp"),
                Sql.getJson(rs, "data"));
    }
}
