package org.torc.server.schedulers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.torc.common.model.ListResponse;
import org.torc.common.model.SlurmSchedulerModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/** The {@code slurm_scheduler} table: sbatch settings that jobs and schedule_nodes actions name. */
public final class SlurmSchedulerRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "name", "account", "gres",
            "mem", "nodes", "ntasks_per_node", "partition", "qos", "tmp", "walltime", "extra");
    public static final String DEFAULT_QOS = "normal";

    private static final String COLUMNS = """
            id, workflow_id, name, account, gres, mem, nodes, ntasks_per_node, partition, qos, tmp,
            walltime, extra""";

    /** Exact-match filters of the list endpoint; null means "any". */
    public record Filter(String name, String account, String gres, String mem, Long nodes,
            String partition, String qos, String tmp, String walltime) {
    }

    public SlurmSchedulerModel create(Tx tx, SlurmSchedulerModel s) throws SQLException {
        Fields.required(s.workflowId(), "workflow_id");
        Fields.requiredText(s.name(), "name");
        Fields.requiredText(s.account(), "account");
        Fields.required(s.nodes(), "nodes");
        Fields.requiredText(s.walltime(), "walltime");
        checkOptional(s);
        WorkflowRepository.requireExists(tx, s.workflowId());
        long id = tx.insert("""
                INSERT INTO slurm_scheduler (workflow_id, name, account, gres, mem, nodes,
                    ntasks_per_node, partition, qos, tmp, walltime, extra)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                s.workflowId(), s.name(), s.account(), s.gres(), s.mem(), s.nodes(),
                s.ntasksPerNode(), s.partition(), s.qos() == null ? DEFAULT_QOS : s.qos(), s.tmp(),
                s.walltime(), s.extra());
        return require(tx, id);
    }

    public Optional<SlurmSchedulerModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM slurm_scheduler WHERE id = ?",
                SlurmSchedulerRepository::map, id);
    }

    public SlurmSchedulerModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Slurm scheduler", id));
    }

    /** Changes the fields present in {@code s}; absent fields keep their values (as torc's COALESCE). */
    public SlurmSchedulerModel update(Tx tx, long id, SlurmSchedulerModel s) throws SQLException {
        SlurmSchedulerModel current = require(tx, id);
        Fields.sameWorkflow(s.workflowId(), current.workflowId());
        Fields.notBlank(s.name(), "name");
        Fields.notBlank(s.account(), "account");
        Fields.notBlank(s.walltime(), "walltime");
        checkOptional(s);
        tx.update("""
                UPDATE slurm_scheduler SET
                    name = COALESCE(?, name),
                    account = COALESCE(?, account),
                    gres = COALESCE(?, gres),
                    mem = COALESCE(?, mem),
                    nodes = COALESCE(?, nodes),
                    ntasks_per_node = COALESCE(?, ntasks_per_node),
                    partition = COALESCE(?, partition),
                    qos = COALESCE(?, qos),
                    tmp = COALESCE(?, tmp),
                    walltime = COALESCE(?, walltime),
                    extra = COALESCE(?, extra)
                WHERE id = ?""",
                s.name(), s.account(), s.gres(), s.mem(), s.nodes(), s.ntasksPerNode(),
                s.partition(), s.qos(), s.tmp(), s.walltime(), s.extra(), id);
        return require(tx, id);
    }

    public SlurmSchedulerModel delete(Tx tx, long id) throws SQLException {
        SlurmSchedulerModel existing = require(tx, id);
        tx.update("DELETE FROM slurm_scheduler WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM slurm_scheduler WHERE workflow_id = ?", workflowId);
    }

    public ListResponse<SlurmSchedulerModel> list(Sql sql, Page page, long workflowId, Filter f)
            throws SQLException {
        Where where = new Where()
                .and("workflow_id = ?", workflowId)
                .andIf(f.name(), "name = ?")
                .andIf(f.account(), "account = ?")
                .andIf(f.gres(), "gres = ?")
                .andIf(f.mem(), "mem = ?")
                .andIf(f.nodes(), "nodes = ?")
                .andIf(f.partition(), "partition = ?")
                .andIf(f.qos(), "qos = ?")
                .andIf(f.tmp(), "tmp = ?")
                .andIf(f.walltime(), "walltime = ?");
        return page.fetch(sql, COLUMNS, "FROM slurm_scheduler", where,
                SlurmSchedulerRepository::map);
    }

    private static void checkOptional(SlurmSchedulerModel s) {
        Fields.atLeast(s.nodes(), 1, "nodes");
        Fields.atLeast(s.ntasksPerNode(), 1, "ntasks_per_node");
        Fields.notBlank(s.qos(), "qos");
    }

    private static SlurmSchedulerModel map(ResultSet rs) throws SQLException {
        return new SlurmSchedulerModel(
                rs.getLong("id"),
                rs.getLong("workflow_id"),
                rs.getString("name"),
                rs.getString("account"),
                rs.getString("gres"),
                rs.getString("mem"),
                Sql.getLong(rs, "nodes"),
                Sql.getLong(rs, "ntasks_per_node"),
                rs.getString("partition"),
                rs.getString("qos"),
                rs.getString("tmp"),
                rs.getString("walltime"),
                rs.getString("extra"));
    }
}
