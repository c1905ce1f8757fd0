package org.torc.server.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.common.Json;
import org.torc.common.Timestamps;
import org.torc.common.model.WorkflowActionModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code workflow_action} table: commands to run or nodes to schedule when a trigger fires.
 * How triggers are counted is {@link ActionTriggers}; this class stores, lists and claims actions.
 */
public final class WorkflowActionRepository {
    private static final Logger log = LoggerFactory.getLogger(WorkflowActionRepository.class);
    private static final TypeReference<List<Long>> ID_LIST = new TypeReference<>() {
    };

    private static final String COLUMNS = """
            id, workflow_id, trigger_type, action_type, action_config, job_ids, trigger_count,
            required_triggers, executed, executed_at, executed_by, persistent, is_recovery""";

    private final Clock clock;

    public WorkflowActionRepository(Clock clock) {
        this.clock = clock;
    }

    /**
     * Stores a new action of workflow {@code workflowId} (the body's workflow_id is ignored, as in
     * torc). Job-triggered actions need the ids of their jobs and become pending once each of them
     * has reached the trigger's state, so {@code required_triggers} is the number of distinct jobs;
     * other actions need one event.
     */
    public WorkflowActionModel create(Tx tx, long workflowId, WorkflowActionModel a)
            throws SQLException {
        ActionValidation.check(a);
        WorkflowRepository.requireExists(tx, workflowId);
        List<Long> jobIds = a.jobIds() == null ? null : List.copyOf(new LinkedHashSet<>(a.jobIds()));
        if (jobIds != null && !jobIds.isEmpty()) {
            requireJobsOfWorkflow(tx, workflowId, jobIds);
        }
        long required = ActionTriggers.isJobTrigger(a.triggerType()) ? jobIds.size() : 1;
        long triggerCount = Math.min(required, a.triggerCount() == null ? 0 : a.triggerCount());
        long id = tx.insert("""
                INSERT INTO workflow_action (workflow_id, trigger_type, action_type, action_config,
                    job_ids, trigger_count, required_triggers, executed, persistent, is_recovery)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                workflowId, a.triggerType(), a.actionType(), a.actionConfig(), jobIds,
                triggerCount, required, orFalse(a.executed()), orFalse(a.persistent()),
                orFalse(a.isRecovery()));
        return tx.queryOne("SELECT " + COLUMNS + " FROM workflow_action WHERE id = ?",
                WorkflowActionRepository::map, id).orElseThrow();
    }

    private static void requireJobsOfWorkflow(Tx tx, long workflowId, List<Long> jobIds)
            throws SQLException {
        List<Long> missing = tx.queryIds("""
                SELECT requested.value FROM json_each(?) requested
                WHERE NOT EXISTS (SELECT 1 FROM job j
                                  WHERE j.id = requested.value AND j.workflow_id = ?)
                ORDER BY requested.key""",
                jobIds, workflowId);
        if (!missing.isEmpty()) {
            throw ApiException.unprocessable("job_ids: these jobs do not belong to workflow "
                    + workflowId + ": " + missing);
        }
    }

    /** All actions of the workflow, in id order. */
    public List<WorkflowActionModel> list(Sql sql, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        return sql.query("SELECT " + COLUMNS + " FROM workflow_action WHERE workflow_id = ? ORDER BY id",
                WorkflowActionRepository::map, workflowId);
    }

    /**
     * Actions whose triggers have all fired and that nobody has claimed, in id order; limited to
     * {@code triggerTypes} unless that is empty.
     */
    public List<WorkflowActionModel> pending(Sql sql, long workflowId, List<String> triggerTypes)
            throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        Where where = new Where()
                .and("workflow_id = ?", workflowId)
                .and("trigger_count >= required_triggers")
                .and("executed = 0");
        if (!triggerTypes.isEmpty()) {
            where.and("trigger_type IN (SELECT value FROM json_each(?))", triggerTypes);
        }
        return sql.query("SELECT " + COLUMNS + " FROM workflow_action" + where.sql()
                + " ORDER BY id", WorkflowActionRepository::map, where.params());
    }

    private record ClaimTarget(long workflowId, boolean persistent) {
    }

    /**
     * Claims the action for {@code computeNodeId} (null when a login node runs it). A one-shot
     * action goes to exactly one claimer: the UPDATE only matches while {@code executed = 0}. A
     * persistent action stays claimable by every worker; each claim only records the time. As in
     * torc, the claim does not re-check that the triggers have fired: runners claim what
     * {@link #pending} listed.
     *
     * @return true if this caller got the action, false if another claimer already has it
     */
    public boolean claim(Tx tx, long workflowId, long actionId, Long computeNodeId)
            throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        ClaimTarget action = tx.queryOne(
                "SELECT workflow_id, persistent FROM workflow_action WHERE id = ?",
                rs -> new ClaimTarget(rs.getLong("workflow_id"), rs.getLong("persistent") != 0),
                actionId).orElseThrow(() -> ApiException.notFound("Action", actionId));
        if (action.workflowId() != workflowId) {
            throw ApiException.notFound("Action " + actionId + " does not belong to workflow "
                    + workflowId);
        }
        if (computeNodeId != null
                && !tx.exists("SELECT 1 FROM compute_node WHERE id = ?", computeNodeId)) {
            throw ApiException.notFound("Compute node", computeNodeId);
        }
        String now = Timestamps.now(clock);
        if (action.persistent()) {
            tx.update("UPDATE workflow_action SET executed_at = ? WHERE id = ?", now, actionId);
            log.debug("Persistent action {} claimed by compute node {}", actionId, computeNodeId);
            return true;
        }
        int rows = tx.update("""
                UPDATE workflow_action SET executed = 1, executed_at = ?, executed_by = ?
                WHERE id = ? AND executed = 0""",
                now, computeNodeId, actionId);
        if (rows == 0) {
            log.debug("Action {} was already claimed; compute node {} lost the race", actionId,
                    computeNodeId);
            return false;
        }
        log.info("Action {} of workflow {} claimed by compute node {}", actionId, workflowId,
                computeNodeId);
        return true;
    }

    /** The stored job_ids; an unreadable value counts as no jobs (the action can never fire). */
    static List<Long> parseJobIds(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            List<Long> ids = Json.mapper().readValue(text, ID_LIST);
            return ids == null ? List.of() : ids;
        } catch (JsonProcessingException e) {
            log.warn("Ignoring unreadable job_ids of a workflow action: {}", e.getOriginalMessage());
            return List.of();
        }
    }

    static WorkflowActionModel map(ResultSet rs) throws SQLException {
        String jobIds = rs.getString("job_ids");
        JsonNode config = Sql.getJson(rs, "action_config");
        return new WorkflowActionModel(
                rs.getLong("id"),
                rs.getLong("workflow_id"),
                rs.getString("trigger_type"),
                rs.getString("action_type"),
                config,
                jobIds == null ? null : new ArrayList<>(parseJobIds(jobIds)),
                rs.getLong("trigger_count"),
                rs.getLong("required_triggers"),
                rs.getLong("executed") != 0,
                rs.getString("executed_at"),
                Sql.getLong(rs, "executed_by"),
                rs.getLong("persistent") != 0,
                rs.getLong("is_recovery") != 0);
    }

    private static boolean orFalse(Boolean b) {
        return b != null && b;
    }
}
