package org.torc.server.testing;

import org.torc.common.JobStatus;
import org.torc.server.db.Database;

/**
 * One row of every workflow-owned table, written straight into the database, so that tests can
 * aim requests at real ids of a workflow (access control, fuzzing).
 */
public record SeedRows(long workflowId, long job, long file, long userData, long result,
        long event, long computeNode, long resourceRequirements, long localScheduler,
        long slurmScheduler, long scheduledComputeNode, long failureHandler, long action,
        String remoteWorker) {

    public static SeedRows insert(Database db, long workflowId) {
        return db.write(tx -> {
            long rr = tx.insert("""
                    INSERT INTO resource_requirements (workflow_id, name, memory_bytes, runtime_s)
                    VALUES (?, 'seed', 1048576, 60)""", workflowId);
            long handler = tx.insert("""
                    INSERT INTO failure_handler (workflow_id, name, rules)
                    VALUES (?, 'seed', '[]')""", workflowId);
            long job = tx.insert("""
                    INSERT INTO job (workflow_id, name, command, status, resource_requirements_id)
                    VALUES (?, 'seed', 'true', ?, ?)""", workflowId, JobStatus.READY, rr);
            long file = tx.insert("""
                    INSERT INTO file (workflow_id, name, path) VALUES (?, 'seed', '/tmp/seed')""",
                    workflowId);
            long userData = tx.insert("""
                    INSERT INTO user_data (workflow_id, name, data) VALUES (?, 'seed', '{}')""",
                    workflowId);
            long node = tx.insert("""
                    INSERT INTO compute_node (workflow_id, hostname, pid, start_time, is_active,
                        num_cpus, memory_gb, num_gpus, num_nodes, compute_node_type)
                    VALUES (?, 'seed-host', 1, '2026-01-01T00:00:00Z', 1, 1, 1.0, 0, 1, 'local')""",
                    workflowId);
            long result = tx.insert("""
                    INSERT INTO result (workflow_id, job_id, run_id, compute_node_id, return_code,
                        exec_time_minutes, completion_time, status)
                    VALUES (?, ?, 1, ?, 0, 0.1, '2026-01-01T00:00:00Z', ?)""",
                    workflowId, job, node, JobStatus.COMPLETED);
            long event = tx.insert("""
                    INSERT INTO event (workflow_id, timestamp, data) VALUES (?, 1, '{}')""",
                    workflowId);
            long local = tx.insert("""
                    INSERT INTO local_scheduler (workflow_id, memory, num_cpus)
                    VALUES (?, '1g', 1)""", workflowId);
            long slurm = tx.insert("""
                    INSERT INTO slurm_scheduler (workflow_id, name, account, nodes, walltime)
                    VALUES (?, 'seed', 'acct', 1, '01:00:00')""", workflowId);
            long scheduled = tx.insert("""
                    INSERT INTO scheduled_compute_node (workflow_id, scheduler_config_id,
                        scheduler_id, scheduler_type, status)
                    VALUES (?, ?, 1, 'local', 'pending')""", workflowId, local);
            long action = tx.insert("""
                    INSERT INTO workflow_action (workflow_id, trigger_type, action_type,
                        action_config)
                    VALUES (?, 'on_workflow_start', 'run_commands', '{"commands":["true"]}')""",
                    workflowId);
            tx.update("INSERT INTO remote_worker (worker, workflow_id) VALUES ('seed-worker', ?)",
                    workflowId);
            return new SeedRows(workflowId, job, file, userData, result, event, node, rr, local,
                    slurm, scheduled, handler, action, "seed-worker");
        });
    }
}
