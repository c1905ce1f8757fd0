-- torc's final schema (v0.12: initial schema + its migrations), with these fixes:
--  * workflow.id always equals workflow_status.id: the server inserts both with the same id.
--  * job_depends_on.satisfied marks edges whose dependency has finished and been processed, so the
--    unblocker checks a dependent with one index seek instead of re-reading all its dependencies.
--  * The unblocker's partial index covers status 5 (completed); torc's covered only 6, 7, 8.
--  * Deleting a resource_requirements row that jobs still use is refused (torc deleted the jobs).
--  * Deleting a compute node keeps its results (compute_node_id becomes NULL; torc deleted them).
--  * Every foreign-key child column has an index, so cascading deletes never scan whole tables.

CREATE TABLE workflow_status (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL DEFAULT 0,
    has_detected_need_to_run_completion_script INTEGER NOT NULL DEFAULT 0,
    is_canceled INTEGER NOT NULL DEFAULT 0,
    is_archived INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE workflow (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    description TEXT,
    user TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    is_archived INTEGER NOT NULL DEFAULT 0,
    compute_node_expiration_buffer_seconds INTEGER NOT NULL DEFAULT 60,
    compute_node_wait_for_new_jobs_seconds INTEGER NOT NULL DEFAULT 0,
    compute_node_ignore_workflow_completion INTEGER NOT NULL DEFAULT 0,
    compute_node_wait_for_healthy_database_minutes INTEGER NOT NULL DEFAULT 20,
    compute_node_min_time_for_new_jobs_seconds INTEGER NOT NULL DEFAULT 300,
    jobs_sort_method TEXT NOT NULL DEFAULT 'gpus_runtime_memory',
    status_id INTEGER NOT NULL REFERENCES workflow_status (id),
    resource_monitor_config TEXT,
    slurm_defaults TEXT,
    use_pending_failed INTEGER DEFAULT 0,
    project TEXT,
    metadata TEXT
);
CREATE INDEX idx_workflow_user ON workflow (user);
CREATE INDEX idx_workflow_status_id ON workflow (status_id);

CREATE TABLE resource_requirements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    num_cpus INTEGER NOT NULL DEFAULT 1,
    num_gpus INTEGER NOT NULL DEFAULT 0,
    num_nodes INTEGER NOT NULL DEFAULT 1,
    memory TEXT NOT NULL DEFAULT '1m',
    runtime TEXT NOT NULL DEFAULT 'P0DT1M',
    memory_bytes INTEGER NOT NULL,
    runtime_s INTEGER NOT NULL
);
CREATE INDEX idx_resource_requirements_workflow ON resource_requirements (workflow_id);

CREATE TABLE failure_handler (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    rules TEXT NOT NULL
);
CREATE INDEX idx_failure_handler_workflow_id ON failure_handler (workflow_id);

CREATE TABLE compute_node (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    hostname TEXT NOT NULL,
    pid INTEGER NOT NULL,
    start_time TEXT NOT NULL,
    duration_seconds REAL,
    is_active INTEGER,
    num_cpus INTEGER NOT NULL,
    memory_gb REAL NOT NULL,
    num_gpus INTEGER NOT NULL,
    num_nodes INTEGER NOT NULL,
    time_limit TEXT,
    scheduler_config_id INTEGER,
    compute_node_type TEXT NOT NULL,
    scheduler TEXT
);
CREATE INDEX idx_compute_node_workflow ON compute_node (workflow_id);

CREATE TABLE job (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    command TEXT NOT NULL,
    cancel_on_blocking_job_failure INTEGER NOT NULL DEFAULT 1,
    supports_termination INTEGER NOT NULL DEFAULT 0,
    resource_requirements_id INTEGER REFERENCES resource_requirements (id),
    invocation_script TEXT,
    status INTEGER NOT NULL,
    scheduler_id INTEGER,
    scheduler_type TEXT,
    schedule_compute_nodes TEXT,
    unblocking_processed INTEGER NOT NULL DEFAULT 0,
    failure_handler_id INTEGER REFERENCES failure_handler (id) ON DELETE SET NULL,
    attempt_id INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX idx_job_workflow_status ON job (workflow_id, status);
CREATE INDEX idx_job_workflow_name ON job (workflow_id, name);
CREATE INDEX idx_job_resource_requirements ON job (resource_requirements_id);
CREATE INDEX idx_job_failure_handler ON job (failure_handler_id);
-- Finished jobs whose dependents the unblocker has not processed yet (statuses 5-8).
CREATE INDEX idx_job_unblocking_pending ON job (workflow_id)
    WHERE status IN (5, 6, 7, 8) AND unblocking_processed = 0;

CREATE TABLE job_internal (
    job_id INTEGER PRIMARY KEY REFERENCES job (id) ON DELETE CASCADE,
    input_hash TEXT NOT NULL,
    active_compute_node_id INTEGER REFERENCES compute_node (id) ON DELETE SET NULL
);
CREATE INDEX idx_job_internal_active_compute_node_id ON job_internal (active_compute_node_id)
    WHERE active_compute_node_id IS NOT NULL;

CREATE TABLE file (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    st_mtime REAL
);
CREATE INDEX idx_file_workflow ON file (workflow_id);

CREATE TABLE user_data (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    is_ephemeral INTEGER NOT NULL DEFAULT 0,
    data TEXT
);
CREATE INDEX idx_user_data_workflow ON user_data (workflow_id);

CREATE TABLE job_depends_on (
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    depends_on_job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    satisfied INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, depends_on_job_id)
);
CREATE INDEX idx_job_depends_on_depends_on_job_id ON job_depends_on (depends_on_job_id);
CREATE INDEX idx_job_depends_on_workflow ON job_depends_on (workflow_id);
-- "Does this job still wait for anything?" is one seek into this small index.
CREATE INDEX idx_job_depends_on_unsatisfied ON job_depends_on (job_id) WHERE satisfied = 0;

CREATE TABLE job_input_file (
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL REFERENCES file (id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, file_id)
);
CREATE INDEX idx_job_input_file_file ON job_input_file (file_id);
CREATE INDEX idx_job_input_file_workflow ON job_input_file (workflow_id);

CREATE TABLE job_output_file (
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL REFERENCES file (id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, file_id)
);
CREATE INDEX idx_job_output_file_file ON job_output_file (file_id);
CREATE INDEX idx_job_output_file_workflow ON job_output_file (workflow_id);

CREATE TABLE job_input_user_data (
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    user_data_id INTEGER NOT NULL REFERENCES user_data (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, user_data_id)
);
CREATE INDEX idx_job_input_user_data_user_data ON job_input_user_data (user_data_id);

CREATE TABLE job_output_user_data (
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    user_data_id INTEGER NOT NULL REFERENCES user_data (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, user_data_id)
);
CREATE INDEX idx_job_output_user_data_user_data ON job_output_user_data (user_data_id);

CREATE TABLE local_scheduler (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    memory TEXT NOT NULL,
    num_cpus INTEGER NOT NULL
);
CREATE INDEX idx_local_scheduler_workflow ON local_scheduler (workflow_id);

CREATE TABLE slurm_scheduler (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    account TEXT NOT NULL,
    gres TEXT,
    mem TEXT,
    nodes INTEGER NOT NULL,
    ntasks_per_node INTEGER,
    partition TEXT,
    qos TEXT DEFAULT 'normal',
    tmp TEXT,
    walltime TEXT NOT NULL,
    extra TEXT
);
CREATE INDEX idx_slurm_scheduler_workflow ON slurm_scheduler (workflow_id);

CREATE TABLE scheduled_compute_node (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    scheduler_config_id INTEGER NOT NULL,
    scheduler_id INTEGER NOT NULL,
    scheduler_type TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX idx_scheduled_compute_node_workflow ON scheduled_compute_node (workflow_id);

CREATE TABLE result (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    run_id INTEGER NOT NULL,
    attempt_id INTEGER NOT NULL DEFAULT 1,
    compute_node_id INTEGER REFERENCES compute_node (id) ON DELETE SET NULL,
    return_code INTEGER NOT NULL,
    exec_time_minutes REAL NOT NULL,
    completion_time TEXT NOT NULL,
    status INTEGER NOT NULL,
    peak_memory_bytes INTEGER,
    avg_memory_bytes INTEGER,
    peak_cpu_percent REAL,
    avg_cpu_percent REAL,
    UNIQUE (job_id, run_id, attempt_id)
);
CREATE INDEX idx_result_workflow_id ON result (workflow_id);
CREATE INDEX idx_result_compute_node ON result (compute_node_id);

CREATE TABLE workflow_result (
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    result_id INTEGER NOT NULL REFERENCES result (id) ON DELETE CASCADE,
    PRIMARY KEY (workflow_id, job_id)
);
CREATE INDEX idx_workflow_result_job ON workflow_result (job_id);
CREATE INDEX idx_workflow_result_result ON workflow_result (result_id);

CREATE TABLE workflow_action (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    trigger_type TEXT NOT NULL,
    action_type TEXT NOT NULL,
    action_config TEXT NOT NULL,
    job_ids TEXT,
    trigger_count INTEGER NOT NULL DEFAULT 0,
    required_triggers INTEGER NOT NULL DEFAULT 1,
    executed INTEGER NOT NULL DEFAULT 0,
    executed_at TEXT,
    executed_by INTEGER REFERENCES compute_node (id) ON DELETE SET NULL,
    persistent INTEGER NOT NULL DEFAULT 0,
    is_recovery INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_workflow_action_workflow ON workflow_action (workflow_id, trigger_type);
CREATE INDEX idx_workflow_action_executed_by ON workflow_action (executed_by);

CREATE TABLE event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    timestamp INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX idx_event_workflow_timestamp ON event (workflow_id, timestamp);

CREATE TABLE remote_worker (
    worker TEXT NOT NULL,
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    PRIMARY KEY (worker, workflow_id)
);
CREATE INDEX idx_remote_worker_workflow_id ON remote_worker (workflow_id);

CREATE TABLE access_group (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    is_system INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE user_group_membership (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name TEXT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES access_group (id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'member',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (user_name, group_id)
);
CREATE INDEX idx_user_group_membership_user ON user_group_membership (user_name);
CREATE INDEX idx_user_group_membership_group ON user_group_membership (group_id);

CREATE TABLE workflow_access_group (
    workflow_id INTEGER NOT NULL REFERENCES workflow (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES access_group (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (workflow_id, group_id)
);
CREATE INDEX idx_workflow_access_group_group ON workflow_access_group (group_id);
