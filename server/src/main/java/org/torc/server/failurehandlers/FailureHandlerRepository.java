package org.torc.server.failurehandlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.torc.common.Json;
import org.torc.common.model.FailureHandlerModel;
import org.torc.common.model.ListResponse;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code failure_handler} table. The server stores {@code rules} as the client sent it (a JSON
 * array in a string) and only the job runner interprets it, so we check here that the runner will
 * be able to read it: an array of rule objects whose known fields have the right types.
 */
public final class FailureHandlerRepository {
    public static final Set<String> SORTABLE = Set.of("id", "name");

    private static final String COLUMNS = "id, workflow_id, name, rules";

    public FailureHandlerModel create(Tx tx, FailureHandlerModel h) throws SQLException {
        if (h.workflowId() == null) {
            throw ApiException.unprocessable("workflow_id is required");
        }
        if (h.name() == null || h.name().isBlank()) {
            throw ApiException.unprocessable("name is required and cannot be empty");
        }
        checkRules(h.rules());
        WorkflowRepository.requireExists(tx, h.workflowId());
        long id = tx.insert("INSERT INTO failure_handler (workflow_id, name, rules) VALUES (?, ?, ?)",
                h.workflowId(), h.name(), h.rules());
        return require(tx, id);
    }

    public Optional<FailureHandlerModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM failure_handler WHERE id = ?",
                FailureHandlerRepository::map, id);
    }

    public FailureHandlerModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Failure handler", id));
    }

    /** Deletes the handler; jobs that used it keep running without one (failure_handler_id NULL). */
    public FailureHandlerModel delete(Tx tx, long id) throws SQLException {
        FailureHandlerModel existing = require(tx, id);
        tx.update("DELETE FROM failure_handler WHERE id = ?", id);
        return existing;
    }

    public ListResponse<FailureHandlerModel> list(Sql sql, Page page, long workflowId)
            throws SQLException {
        return page.fetch(sql, COLUMNS, "FROM failure_handler",
                new Where().and("workflow_id = ?", workflowId), FailureHandlerRepository::map);
    }

    /** @throws ApiException 422 naming the first problem in {@code rules} */
    static void checkRules(String rules) {
        if (rules == null || rules.isBlank()) {
            throw ApiException.unprocessable("rules is required: a JSON array of rule objects");
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(rules);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("rules is not valid JSON: " + e.getMessage());
        }
        if (!parsed.isArray()) {
            throw ApiException.unprocessable("rules must be a JSON array of rule objects");
        }
        for (int i = 0; i < parsed.size(); i++) {
            JsonNode rule = parsed.get(i);
            String where = "rules[" + i + "]";
            if (!rule.isObject()) {
                throw ApiException.unprocessable(where + " must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = rule.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                checkRuleField(where + "." + field.getKey(), field.getKey(), field.getValue());
            }
        }
    }

    private static void checkRuleField(String where, String name, JsonNode value) {
        switch (name) {
            case "exit_codes" -> {
                if (!value.isArray()) {
                    throw ApiException.unprocessable(where + " must be an array of integers");
                }
                for (JsonNode code : value) {
                    if (!code.isInt()) {
                        throw ApiException.unprocessable(where + " must be an array of integers");
                    }
                }
            }
            case "match_all_exit_codes" -> {
                if (!value.isBoolean()) {
                    throw ApiException.unprocessable(where + " must be true or false");
                }
            }
            case "recovery_script" -> {
                if (!value.isTextual() && !value.isNull()) {
                    throw ApiException.unprocessable(where + " must be a string");
                }
            }
            case "max_retries" -> {
                if (!value.isInt() || value.asInt() < 0) {
                    throw ApiException.unprocessable(where + " must be a non-negative integer");
                }
            }
            default -> {
                // other fields are left to the client, as torc does
            }
        }
    }

    private static FailureHandlerModel map(ResultSet rs) throws SQLException {
        return new FailureHandlerModel(rs.getLong("id"), rs.getLong("workflow_id"),
                rs.getString("name"), rs.getString("rules"));
    }
}
