package org.torc.server.jobs;

import java.sql.SQLException;
import java.util.List;
import org.torc.common.model.JobDependencyModel;
import org.torc.common.model.JobFileRelationshipModel;
import org.torc.common.model.JobUserDataRelationshipModel;
import org.torc.common.model.ListResponse;
import org.torc.server.db.Sql;
import org.torc.server.http.Page;

/** Read-only views of a workflow's job graph: dependency edges and file / user-data relations. */
public final class JobGraphRepository {

    public ListResponse<JobDependencyModel> dependencies(Sql sql, long workflowId, Page page)
            throws SQLException {
        long total = sql.queryLong("SELECT COUNT(*) FROM job_depends_on WHERE workflow_id = ?",
                workflowId);
        List<JobDependencyModel> items = sql.query("""
                SELECT d.job_id, j1.name AS job_name, d.depends_on_job_id, j2.name AS dep_name
                FROM job_depends_on d
                JOIN job j1 ON j1.id = d.job_id
                JOIN job j2 ON j2.id = d.depends_on_job_id
                WHERE d.workflow_id = ?
                ORDER BY d.job_id, d.depends_on_job_id
                LIMIT ? OFFSET ?""",
                rs -> new JobDependencyModel(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getString(4), workflowId),
                workflowId, page.limit(), page.offset());
        return ListResponse.of(items, page.offset(), total);
    }

    public ListResponse<JobFileRelationshipModel> fileRelationships(Sql sql, long workflowId,
            Page page) throws SQLException {
        String from = """
                FROM file f
                LEFT JOIN job_output_file o ON o.file_id = f.id
                LEFT JOIN job p ON p.id = o.job_id
                LEFT JOIN job_input_file i ON i.file_id = f.id
                LEFT JOIN job c ON c.id = i.job_id
                WHERE f.workflow_id = ? AND (o.job_id IS NOT NULL OR i.job_id IS NOT NULL)""";
        long total = sql.queryLong("SELECT COUNT(*) " + from, workflowId);
        List<JobFileRelationshipModel> items = sql.query("""
                SELECT f.id, f.name, f.path, o.job_id AS producer_id, p.name AS producer_name,
                       i.job_id AS consumer_id, c.name AS consumer_name
                """ + from + " ORDER BY f.id, o.job_id, i.job_id LIMIT ? OFFSET ?",
                rs -> new JobFileRelationshipModel(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Sql.getLong(rs, "producer_id"), rs.getString("producer_name"),
                        Sql.getLong(rs, "consumer_id"), rs.getString("consumer_name"), workflowId),
                workflowId, page.limit(), page.offset());
        return ListResponse.of(items, page.offset(), total);
    }

    public ListResponse<JobUserDataRelationshipModel> userDataRelationships(Sql sql,
            long workflowId, Page page) throws SQLException {
        String from = """
                FROM user_data u
                LEFT JOIN job_output_user_data o ON o.user_data_id = u.id
                LEFT JOIN job p ON p.id = o.job_id
                LEFT JOIN job_input_user_data i ON i.user_data_id = u.id
                LEFT JOIN job c ON c.id = i.job_id
                WHERE u.workflow_id = ? AND (o.job_id IS NOT NULL OR i.job_id IS NOT NULL)""";
        long total = sql.queryLong("SELECT COUNT(*) " + from, workflowId);
        List<JobUserDataRelationshipModel> items = sql.query("""
                SELECT u.id, u.name, o.job_id AS producer_id, p.name AS producer_name,
                       i.job_id AS consumer_id, c.name AS consumer_name
                """ + from + " ORDER BY u.id, o.job_id, i.job_id LIMIT ? OFFSET ?",
                rs -> new JobUserDataRelationshipModel(rs.getLong(1), rs.getString(2),
                        Sql.getLong(rs, "producer_id"), rs.getString("producer_name"),
                        Sql.getLong(rs, "consumer_id"), rs.getString("consumer_name"), workflowId),
                workflowId, page.limit(), page.offset());
        return ListResponse.of(items, page.offset(), total);
    }
}
