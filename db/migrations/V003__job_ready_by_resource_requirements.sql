-- Resource-based claims walk the ready jobs of one resource_requirements row at a time, in id order,
-- and stop after `limit`; without this index every claim joined and sorted the whole ready set
-- (about 20 ms with 100,000 ready jobs, all of it on the single writer).
CREATE INDEX idx_job_workflow_status_rr ON job (workflow_id, status, resource_requirements_id);
