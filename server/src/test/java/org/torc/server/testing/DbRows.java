package org.torc.server.testing;

import org.torc.common.JobStatus;
import org.torc.server.db.Database;

/**
 * Writes rows straight into a test server's database for tests of features that only read them
 * (jobs and their file and user-data links are another feature's API).
 */
public final class DbRows {
    private final Database db;

    public DbRows(Database db) {
        this.db = db;
    }

    public DbRows(TestServer server) {
        this(server.server().database());
    }

    public long job(long workflowId, String name, JobStatus status) {
        return job(workflowId, name, status, null);
    }

    public long job(long workflowId, String name, JobStatus status, Long resourceRequirementsId) {
        return db.write(tx -> tx.insert("""
                INSERT INTO job (workflow_id, name, command, status, resource_requirements_id)
                VALUES (?, ?, 'true', ?, ?)""", workflowId, name, status, resourceRequirementsId));
    }

    public void setStatus(long jobId, JobStatus status) {
        db.write(tx -> tx.update("UPDATE job SET status = ? WHERE id = ?", status, jobId));
    }

    public void inputFile(long jobId, long fileId) {
        link("INSERT INTO job_input_file (job_id, file_id, workflow_id) "
                + "SELECT ?, ?, workflow_id FROM job WHERE id = ?", jobId, fileId, jobId);
    }

    public void outputFile(long jobId, long fileId) {
        link("INSERT INTO job_output_file (job_id, file_id, workflow_id) "
                + "SELECT ?, ?, workflow_id FROM job WHERE id = ?", jobId, fileId, jobId);
    }

    public void inputUserData(long jobId, long userDataId) {
        link("INSERT INTO job_input_user_data (job_id, user_data_id) VALUES (?, ?)", jobId,
                userDataId);
    }

    public void outputUserData(long jobId, long userDataId) {
        link("INSERT INTO job_output_user_data (job_id, user_data_id) VALUES (?, ?)", jobId,
                userDataId);
    }

    public long count(String table, String where, Object... params) {
        return db.read(sql -> sql.queryLong("SELECT COUNT(*) FROM " + table + " WHERE " + where,
                params));
    }

    private void link(String sql, Object... params) {
        db.write(tx -> tx.update(sql, params));
    }
}
