package org.torc.server.schedulers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.torc.common.model.ListResponse;
import org.torc.common.model.LocalSchedulerModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code local_scheduler} table: how many CPUs and how much memory a local job runner may use.
 * The model's {@code name} is not stored (torc has no column for it), so it never comes back.
 */
public final class LocalSchedulerRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "memory", "num_cpus");

    private static final String COLUMNS = "id, workflow_id, memory, num_cpus";

    public LocalSchedulerModel create(Tx tx, LocalSchedulerModel s) throws SQLException {
        Fields.required(s.workflowId(), "workflow_id");
        Fields.requiredText(s.memory(), "memory");
        Fields.required(s.numCpus(), "num_cpus");
        Fields.atLeast(s.numCpus(), 1, "num_cpus");
        WorkflowRepository.requireExists(tx, s.workflowId());
        long id = tx.insert("""
                INSERT INTO local_scheduler (workflow_id, memory, num_cpus)
                VALUES (?, ?, ?)""",
                s.workflowId(), s.memory().trim(), s.numCpus());
        return require(tx, id);
    }

    public Optional<LocalSchedulerModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM local_scheduler WHERE id = ?",
                LocalSchedulerRepository::map, id);
    }

    public LocalSchedulerModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Local scheduler", id));
    }

    /** Changes the fields present in {@code s}; absent fields keep their values. */
    public LocalSchedulerModel update(Tx tx, long id, LocalSchedulerModel s) throws SQLException {
        LocalSchedulerModel current = require(tx, id);
        Fields.sameWorkflow(s.workflowId(), current.workflowId());
        if (s.memory() != null) {
            Fields.requiredText(s.memory(), "memory");
        }
        Fields.atLeast(s.numCpus(), 1, "num_cpus");
        tx.update("""
                UPDATE local_scheduler SET
                    memory = COALESCE(?, memory),
                    num_cpus = COALESCE(?, num_cpus)
                WHERE id = ?""",
                s.memory() == null ? null : s.memory().trim(), s.numCpus(), id);
        return require(tx, id);
    }

    public LocalSchedulerModel delete(Tx tx, long id) throws SQLException {
        LocalSchedulerModel existing = require(tx, id);
        tx.update("DELETE FROM local_scheduler WHERE id = ?", id);
        return existing;
    }

    /** Deletes every local scheduler of the workflow and returns how many there were. */
    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM local_scheduler WHERE workflow_id = ?", workflowId);
    }

    public ListResponse<LocalSchedulerModel> list(Sql sql, Page page, long workflowId,
            String memory, Long numCpus) throws SQLException {
        Where where = new Where()
                .and("workflow_id = ?", workflowId)
                .andIf(memory, "memory = ?")
                .andIf(numCpus, "num_cpus = ?");
        return page.fetch(sql, COLUMNS, "FROM local_scheduler", where,
                LocalSchedulerRepository::map);
    }

    private static LocalSchedulerModel map(ResultSet rs) throws SQLException {
        return new LocalSchedulerModel(rs.getLong("id"), rs.getLong("workflow_id"), null,
                rs.getString("memory"), Sql.getLong(rs, "num_cpus"));
    }
}
