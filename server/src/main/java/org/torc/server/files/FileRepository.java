package org.torc.server.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.torc.common.JobStatus;
import org.torc.common.model.FileModel;
import org.torc.common.model.ListResponse;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/** The {@code file} table: files that jobs read or write. */
public final class FileRepository {
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "name", "path", "st_mtime");

    private static final String COLUMNS = "f.id, f.workflow_id, f.name, f.path, f.st_mtime";

    public FileModel create(Tx tx, FileModel f) throws SQLException {
        long workflowId = required(f.workflowId(), "workflow_id");
        requiredText(f.name(), "name");
        requiredText(f.path(), "path");
        WorkflowRepository.requireExists(tx, workflowId);
        long id = tx.insert("INSERT INTO file (workflow_id, name, path, st_mtime) VALUES (?, ?, ?, ?)",
                workflowId, f.name(), f.path(), f.stMtime());
        return require(tx, id);
    }

    public Optional<FileModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM file f WHERE f.id = ?",
                FileRepository::map, id);
    }

    public FileModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("File", id));
    }

    /**
     * Changes name and path when given and always overwrites {@code st_mtime}, so a client clears
     * it by omitting it (as torc does: a file that no longer exists has no mtime).
     */
    public FileModel update(Tx tx, long id, FileModel f) throws SQLException {
        FileModel current = require(tx, id);
        checkSameWorkflow(current.workflowId(), f.workflowId());
        if (f.name() != null) {
            requiredText(f.name(), "name");
        }
        if (f.path() != null) {
            requiredText(f.path(), "path");
        }
        tx.update("""
                UPDATE file SET
                    name = COALESCE(?, name),
                    path = COALESCE(?, path),
                    st_mtime = ?
                WHERE id = ?""",
                f.name(), f.path(), f.stMtime(), id);
        return require(tx, id);
    }

    /** Deletes the file; its job input/output links go with it. */
    public FileModel delete(Tx tx, long id) throws SQLException {
        FileModel existing = require(tx, id);
        tx.update("DELETE FROM file WHERE id = ?", id);
        return existing;
    }

    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        return tx.update("DELETE FROM file WHERE workflow_id = ?", workflowId);
    }

    /**
     * Lists a workflow's files. {@code isOutput} true keeps files some job produces, false keeps
     * files no job produces (torc ignores false).
     */
    public ListResponse<FileModel> list(Sql sql, Page page, long workflowId, Long producedByJobId,
            String name, String path, Boolean isOutput) throws SQLException {
        Where where = new Where()
                .and("f.workflow_id = ?", workflowId)
                .andIf(producedByJobId,
                        "f.id IN (SELECT jof.file_id FROM job_output_file jof WHERE jof.job_id = ?)")
                .andIf(name, "f.name = ?")
                .andIf(path, "f.path = ?");
        if (isOutput != null) {
            where.and((isOutput ? "" : "NOT ")
                    + "EXISTS (SELECT 1 FROM job_output_file jof WHERE jof.file_id = f.id)");
        }
        return page.fetch(sql, COLUMNS, "FROM file f", where, FileRepository::map);
    }

    /**
     * Files that must exist on disk: inputs that no job produces (the user supplies them) and
     * outputs of jobs that have completed. Sorted ids without duplicates.
     */
    public List<Long> requiredExisting(Sql sql, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        return sql.queryIds("""
                SELECT jif.file_id
                FROM job_input_file jif
                JOIN job j ON j.id = jif.job_id
                WHERE j.workflow_id = ?
                  AND NOT EXISTS (SELECT 1 FROM job_output_file jof WHERE jof.file_id = jif.file_id)
                UNION
                SELECT jof.file_id
                FROM job_output_file jof
                JOIN job j ON j.id = jof.job_id
                WHERE j.workflow_id = ? AND j.status = ?
                ORDER BY 1""",
                workflowId, workflowId, JobStatus.COMPLETED);
    }

    static FileModel map(ResultSet rs) throws SQLException {
        return new FileModel(rs.getLong("id"), rs.getLong("workflow_id"), rs.getString("name"),
                rs.getString("path"), Sql.getDouble(rs, "st_mtime"));
    }

    private static void checkSameWorkflow(long current, Long requested) {
        if (requested != null && requested != current) {
            throw ApiException.unprocessable("workflow_id cannot be changed (file belongs to workflow "
                    + current + ")");
        }
    }

    private static long required(Long value, String field) {
        if (value == null) {
            throw ApiException.unprocessable(field + " is required");
        }
        return value;
    }

    private static void requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.unprocessable(field + " is required and cannot be empty");
        }
    }
}
