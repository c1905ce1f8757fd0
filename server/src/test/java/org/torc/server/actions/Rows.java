package org.torc.server.actions;

import org.torc.common.JobStatus;
import org.torc.server.db.Database;

/** Rows other features own (jobs, compute nodes), inserted directly for action tests. */
final class Rows {
    private Rows() {
    }

    static long job(Database db, long workflowId, JobStatus status) {
        return db.write(tx -> tx.insert("""
                INSERT INTO job (workflow_id, name, command, status)
                VALUES (?, 'job', 'true', ?)""", workflowId, status.code()));
    }

    static void setStatus(Database db, long jobId, JobStatus status) {
        db.write(tx -> tx.update("UPDATE job SET status = ? WHERE id = ?", status.code(), jobId));
    }

    static long computeNode(Database db, long workflowId) {
        return db.write(tx -> tx.insert("""
                INSERT INTO compute_node (workflow_id, hostname, pid, start_time, is_active,
                    num_cpus, memory_gb, num_gpus, num_nodes, compute_node_type)
                VALUES (?, 'node', 1, '2025-01-01T00:00:00.000Z', 1, 4, 8.0, 0, 1, 'local')""",
                workflowId));
    }

    static long count(Database db, String sql, Object... params) {
        return db.read(s -> s.queryLong(sql, params));
    }
}
