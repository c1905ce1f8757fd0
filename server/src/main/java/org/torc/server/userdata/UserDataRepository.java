package org.torc.server.userdata;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.torc.common.JobStatus;
import org.torc.common.model.ListResponse;
import org.torc.common.model.UserDataModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code user_data} table: named JSON values passed between jobs, and its links to the jobs
 * that consume ({@code job_input_user_data}) or produce ({@code job_output_user_data}) them.
 */
public final class UserDataRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "name", "is_ephemeral");

    private static final String COLUMNS = "ud.id, ud.workflow_id, ud.name, ud.is_ephemeral, ud.data";

    /**
     * Inserts the record and, when given, links it as an input of {@code consumerJobId} and an
     * output of {@code producerJobId}. JSON {@code null} data is stored as SQL NULL.
     */
    public UserDataModel create(Tx tx, UserDataModel u, Long consumerJobId, Long producerJobId)
            throws SQLException {
        if (u.workflowId() == null) {
            throw ApiException.unprocessable("workflow_id is required");
        }
        if (u.name() == null || u.name().isBlank()) {
            throw ApiException.unprocessable("name is required and cannot be empty");
        }
        long workflowId = u.workflowId();
        WorkflowRepository.requireExists(tx, workflowId);
        if (consumerJobId != null) {
            requireJobInWorkflow(tx, consumerJobId, workflowId, "consumer_job_id");
        }
        if (producerJobId != null) {
            requireJobInWorkflow(tx, producerJobId, workflowId, "producer_job_id");
        }
        long id = tx.insert("""
                INSERT INTO user_data (workflow_id, name, is_ephemeral, data)
                VALUES (?, ?, ?, ?)""",
                workflowId, u.name(), Boolean.TRUE.equals(u.isEphemeral()), u.data());
        if (consumerJobId != null) {
            tx.update("INSERT INTO job_input_user_data (job_id, user_data_id) VALUES (?, ?)",
                    consumerJobId, id);
        }
        if (producerJobId != null) {
            tx.update("INSERT INTO job_output_user_data (job_id, user_data_id) VALUES (?, ?)",
                    producerJobId, id);
        }
        return require(tx, id);
    }

    public Optional<UserDataModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM user_data ud WHERE ud.id = ?",
                UserDataRepository::map, id);
    }

    public UserDataModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("User data", id));
    }

    /**
     * Changes the fields present in the body. {@code data} absent keeps the value; {@code data}
     * given as JSON null clears it (torc could not clear it); the workflow cannot change.
     */
    public UserDataModel update(Tx tx, long id, UserDataModel u) throws SQLException {
        UserDataModel current = require(tx, id);
        if (u.workflowId() != null && !u.workflowId().equals(current.workflowId())) {
            throw ApiException.unprocessable("workflow_id cannot be changed (user data belongs to "
                    + "workflow " + current.workflowId() + ")");
        }
        if (u.name() != null && u.name().isBlank()) {
            throw ApiException.unprocessable("name cannot be empty");
        }
        JsonNode data = u.data();
        tx.update("""
                UPDATE user_data SET
                    name = COALESCE(?, name),
                    is_ephemeral = COALESCE(?, is_ephemeral),
                    data = CASE WHEN ? THEN ? ELSE data END
                WHERE id = ?""",
                u.name(), u.isEphemeral(), data != null, data, id);
        return require(tx, id);
    }

    public UserDataModel delete(Tx tx, long id) throws SQLException {
        UserDataModel existing = require(tx, id);
        tx.update("DELETE FROM user_data WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM user_data WHERE workflow_id = ?", workflowId);
    }

    /** Lists a workflow's user data; {@code name} matches a substring, as torc's LIKE does. */
    public ListResponse<UserDataModel> list(Sql sql, Page page, long workflowId, Long consumerJobId,
            Long producerJobId, String name, Boolean isEphemeral) throws SQLException {
        Where where = new Where()
                .and("ud.workflow_id = ?", workflowId)
                .andIf(consumerJobId, "ud.id IN (SELECT jiud.user_data_id FROM job_input_user_data "
                        + "jiud WHERE jiud.job_id = ?)")
                .andIf(producerJobId, "ud.id IN (SELECT joud.user_data_id FROM job_output_user_data "
                        + "joud WHERE joud.job_id = ?)")
                .andIf(name == null ? null : "%" + escapeLike(name) + "%",
                        "ud.name LIKE ? ESCAPE '\\'")
                .andIf(isEphemeral, "ud.is_ephemeral = ?");
        return page.fetch(sql, COLUMNS, "FROM user_data ud", where, UserDataRepository::map);
    }

    /**
     * User data that should hold a value but does not: inputs no job produces (the user must
     * supply them) and outputs of completed jobs. Sorted ids without duplicates.
     */
    public List<Long> missing(Sql sql, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        return sql.queryIds("""
                SELECT jiud.user_data_id
                FROM job_input_user_data jiud
                JOIN job j ON j.id = jiud.job_id
                JOIN user_data ud ON ud.id = jiud.user_data_id
                WHERE j.workflow_id = ? AND ud.data IS NULL
                  AND NOT EXISTS (SELECT 1 FROM job_output_user_data joud
                                  WHERE joud.user_data_id = jiud.user_data_id)
                UNION
                SELECT joud.user_data_id
                FROM job_output_user_data joud
                JOIN job j ON j.id = joud.job_id
                JOIN user_data ud ON ud.id = joud.user_data_id
                WHERE j.workflow_id = ? AND j.status = ? AND ud.data IS NULL
                ORDER BY 1""",
                workflowId, workflowId, JobStatus.COMPLETED);
    }

    private static void requireJobInWorkflow(Sql sql, long jobId, long workflowId, String param)
            throws SQLException {
        Optional<Long> jobWorkflow = sql.queryOne("SELECT workflow_id FROM job WHERE id = ?",
                rs -> rs.getLong(1), jobId);
        if (jobWorkflow.isEmpty()) {
            throw ApiException.notFound("Job", jobId);
        }
        if (jobWorkflow.get() != workflowId) {
            throw ApiException.unprocessable(param + " " + jobId + " belongs to workflow "
                    + jobWorkflow.get() + ", not " + workflowId);
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static UserDataModel map(ResultSet rs) throws SQLException {
        return new UserDataModel(rs.getLong("id"), rs.getLong("workflow_id"),
                rs.getLong("is_ephemeral") != 0, rs.getString("name"), Sql.getJson(rs, "data"));
    }
}
