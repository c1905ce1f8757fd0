package org.torc.server.remoteworkers;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.torc.common.model.RemoteWorkerModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.workflows.WorkflowRepository;

/** The {@code remote_worker} table: hosts ({@code [user@]host[:port]}) that run a workflow's jobs over SSH. */
public final class RemoteWorkerRepository {

    /**
     * Registers the workers; ones already registered are left as they are. Returns one model per
     * requested address, in request order, as torc does.
     */
    public List<RemoteWorkerModel> add(Tx tx, long workflowId, List<String> workers)
            throws SQLException {
        for (int i = 0; i < workers.size(); i++) {
            checkAddress(workers.get(i), i);
        }
        WorkflowRepository.requireExists(tx, workflowId);
        List<Object[]> rows = new ArrayList<>();
        List<RemoteWorkerModel> out = new ArrayList<>();
        for (String worker : workers) {
            rows.add(new Object[] {worker, workflowId});
            out.add(new RemoteWorkerModel(worker, workflowId));
        }
        tx.batch("INSERT OR IGNORE INTO remote_worker (worker, workflow_id) VALUES (?, ?)", rows);
        return out;
    }

    public List<RemoteWorkerModel> list(Sql sql, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(sql, workflowId);
        return sql.query("""
                SELECT worker, workflow_id FROM remote_worker
                WHERE workflow_id = ?
                ORDER BY worker""",
                rs -> new RemoteWorkerModel(rs.getString("worker"), rs.getLong("workflow_id")),
                workflowId);
    }

    public RemoteWorkerModel delete(Tx tx, long workflowId, String worker) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        int rows = tx.update("DELETE FROM remote_worker WHERE workflow_id = ? AND worker = ?",
                workflowId, worker);
        if (rows == 0) {
            throw ApiException.notFound("Worker '" + worker + "' not found for workflow "
                    + workflowId);
        }
        return new RemoteWorkerModel(worker, workflowId);
    }

    /**
     * Accepts what torc's client accepts in a worker file: an optional non-empty user before
     * {@code @}, a host name, IPv4 address or bracketed IPv6 address, and an optional port.
     */
    static void checkAddress(String worker, int index) {
        String field = "workers[" + index + "]";
        if (worker == null || worker.isBlank()) {
            throw ApiException.unprocessable(field + " cannot be empty");
        }
        if (!worker.equals(worker.strip()) || worker.chars().anyMatch(Character::isWhitespace)) {
            throw ApiException.unprocessable(field + " '" + worker + "' cannot contain whitespace");
        }
        String hostPort = worker;
        int at = worker.indexOf('@');
        if (at >= 0) {
            if (at == 0) {
                throw ApiException.unprocessable(field + " '" + worker
                        + "' has an empty user name before '@'");
            }
            hostPort = worker.substring(at + 1);
        }
        String host;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw ApiException.unprocessable(field + " '" + worker
                        + "' has an unclosed '[' in its IPv6 address");
            }
            host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw ApiException.unprocessable(field + " '" + worker
                            + "' has unexpected text after its IPv6 address");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            String tail = colon < 0 ? "" : hostPort.substring(colon + 1);
            if (colon >= 0 && !tail.isEmpty() && tail.chars().allMatch(Character::isDigit)) {
                host = hostPort.substring(0, colon);
                port = tail;
            } else {
                host = hostPort;
            }
        }
        if (host.isEmpty()) {
            throw ApiException.unprocessable(field + " '" + worker + "' has an empty host name");
        }
        if (port != null && !validPort(port)) {
            throw ApiException.unprocessable(field + " '" + worker + "' has an invalid port '"
                    + port + "'");
        }
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(port) <= 65535;
    }
}
