package org.torc.server.requirements;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.torc.common.IsoDuration;
import org.torc.common.MemorySize;
import org.torc.common.model.ListResponse;
import org.torc.common.model.ResourceRequirementsModel;
import org.torc.server.db.Sql;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.http.Page;
import org.torc.server.http.Where;
import org.torc.server.workflows.WorkflowRepository;

/**
 * The {@code resource_requirements} table. Each row keeps the client's memory and runtime strings
 * and, beside them, their values in bytes and seconds, which claiming sorts and compares on.
 */
public final class ResourceRequirementsRepository {
    /** Every workflow gets one record with this name; jobs without requirements use it. */
    public static final String DEFAULT_NAME = "default";
    public static final Set<String> SORTABLE = Set.of("id", "workflow_id", "name", "num_cpus",
            "num_gpus", "num_nodes", "memory", "runtime");

    private static final String COLUMNS =
            "rr.id, rr.workflow_id, rr.name, rr.num_cpus, rr.num_gpus, rr.num_nodes, rr.memory, rr.runtime";

    /** A fully defaulted and checked record, ready to store. */
    private record Values(String name, long numCpus, long numGpus, long numNodes, String memory,
            String runtime, long memoryBytes, long runtimeSeconds) {
    }

    public ResourceRequirementsModel create(Tx tx, ResourceRequirementsModel rr) throws SQLException {
        if (rr.workflowId() == null) {
            throw ApiException.unprocessable("workflow_id is required");
        }
        if (DEFAULT_NAME.equals(rr.name())) {
            throw ApiException.unprocessable("The name 'default' is reserved: the server creates "
                    + "the 'default' resource requirements with each workflow");
        }
        Values v = check(rr.name(), orElse(rr.numCpus(), 1L), orElse(rr.numGpus(), 0L),
                orElse(rr.numNodes(), 1L), orElse(rr.memory(), "1m"), orElse(rr.runtime(), "P0DT1M"));
        WorkflowRepository.requireExists(tx, rr.workflowId());
        long id = tx.insert("""
                INSERT INTO resource_requirements
                    (workflow_id, name, num_cpus, num_gpus, num_nodes, memory, runtime,
                     memory_bytes, runtime_s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rr.workflowId(), v.name(), v.numCpus(), v.numGpus(), v.numNodes(), v.memory(),
                v.runtime(), v.memoryBytes(), v.runtimeSeconds());
        return require(tx, id);
    }

    public Optional<ResourceRequirementsModel> get(Sql sql, long id) throws SQLException {
        return sql.queryOne("SELECT " + COLUMNS + " FROM resource_requirements rr WHERE rr.id = ?",
                ResourceRequirementsRepository::map, id);
    }

    public ResourceRequirementsModel require(Sql sql, long id) throws SQLException {
        return get(sql, id).orElseThrow(() -> ApiException.notFound("Resource requirements", id));
    }

    /**
     * Changes the fields present in the body and re-derives bytes and seconds. Invalid memory or
     * runtime is a 422 here too (torc answered 500). The {@code default} record keeps its name and
     * no other record may take it.
     */
    public ResourceRequirementsModel update(Tx tx, long id, ResourceRequirementsModel rr)
            throws SQLException {
        ResourceRequirementsModel current = require(tx, id);
        if (rr.workflowId() != null && !rr.workflowId().equals(current.workflowId())) {
            throw ApiException.unprocessable("workflow_id cannot be changed (resource requirements "
                    + "belong to workflow " + current.workflowId() + ")");
        }
        String name = orElse(rr.name(), current.name());
        boolean isDefault = DEFAULT_NAME.equals(current.name());
        if (isDefault && !DEFAULT_NAME.equals(name)) {
            throw ApiException.unprocessable("The 'default' resource requirements cannot be renamed");
        }
        if (!isDefault && DEFAULT_NAME.equals(name)) {
            throw ApiException.unprocessable("The name 'default' is reserved for the workflow's "
                    + "automatically created resource requirements");
        }
        Values v = check(name, orElse(rr.numCpus(), current.numCpus()),
                orElse(rr.numGpus(), current.numGpus()), orElse(rr.numNodes(), current.numNodes()),
                orElse(rr.memory(), current.memory()), orElse(rr.runtime(), current.runtime()));
        tx.update("""
                UPDATE resource_requirements SET
                    name = ?, num_cpus = ?, num_gpus = ?, num_nodes = ?, memory = ?, runtime = ?,
                    memory_bytes = ?, runtime_s = ?
                WHERE id = ?""",
                v.name(), v.numCpus(), v.numGpus(), v.numNodes(), v.memory(), v.runtime(),
                v.memoryBytes(), v.runtimeSeconds(), id);
        return require(tx, id);
    }

    /** Deletes a record no job uses; one still in use is a 409 (torc deleted the jobs with it). */
    public ResourceRequirementsModel delete(Tx tx, long id) throws SQLException {
        ResourceRequirementsModel existing = require(tx, id);
        long users = tx.queryLong("SELECT COUNT(*) FROM job WHERE resource_requirements_id = ?", id);
        if (users > 0) {
            throw ApiException.conflict("Resource requirements " + id + " ('" + existing.name()
                    + "') are used by " + users + " job(s); delete those jobs or give them other "
                    + "resource requirements first");
        }
        tx.update("DELETE FROM resource_requirements WHERE id = ?", id);
        return existing;
    }

    /** Deletes all of a workflow's records, including {@code default}, unless jobs still use them. */
    public int deleteAll(Tx tx, long workflowId) throws SQLException {
        WorkflowRepository.requireExists(tx, workflowId);
        long users = tx.queryLong("""
                SELECT COUNT(*) FROM job
                WHERE workflow_id = ? AND resource_requirements_id IS NOT NULL""", workflowId);
        if (users > 0) {
            throw ApiException.conflict("Workflow " + workflowId + " has " + users + " job(s) that "
                    + "use its resource requirements; delete the jobs first");
        }
        return tx.update("DELETE FROM resource_requirements WHERE workflow_id = ?", workflowId);
    }

    /**
     * Lists a workflow's records. {@code jobId} keeps the record that job uses (torc's query named
     * a table that does not exist). {@code memoryBytes} and {@code runtimeSeconds} compare derived
     * values, so "1g" finds a record written as "1024m".
     */
    public ListResponse<ResourceRequirementsModel> list(Sql sql, Page page, long workflowId,
            Long jobId, String name, Long memoryBytes, Long numCpus, Long numGpus, Long numNodes,
            Long runtimeSeconds) throws SQLException {
        Where where = new Where()
                .and("rr.workflow_id = ?", workflowId)
                .andIf(jobId, "rr.id IN (SELECT j.resource_requirements_id FROM job j WHERE j.id = ?)")
                .andIf(name, "rr.name = ?")
                .andIf(memoryBytes, "rr.memory_bytes = ?")
                .andIf(numCpus, "rr.num_cpus = ?")
                .andIf(numGpus, "rr.num_gpus = ?")
                .andIf(numNodes, "rr.num_nodes = ?")
                .andIf(runtimeSeconds, "rr.runtime_s = ?");
        return sortedByValue(page).fetch(sql, COLUMNS, "FROM resource_requirements rr", where,
                ResourceRequirementsRepository::map);
    }

    /** Sorting by memory or runtime orders by size and duration, not by the strings. */
    private static Page sortedByValue(Page page) {
        String column = switch (page.sortColumn()) {
            case "rr.memory" -> "rr.memory_bytes";
            case "rr.runtime" -> "rr.runtime_s";
            default -> page.sortColumn();
        };
        return new Page(page.offset(), page.limit(), column, page.descending());
    }

    private static Values check(String name, long numCpus, long numGpus, long numNodes,
            String memory, String runtime) {
        if (name == null || name.isBlank()) {
            throw ApiException.unprocessable("name is required and cannot be empty");
        }
        if (numCpus < 1) {
            throw invalid("num_cpus", numCpus, "num_cpus must be at least 1, got " + numCpus);
        }
        if (numGpus < 0) {
            throw invalid("num_gpus", numGpus, "num_gpus cannot be negative, got " + numGpus);
        }
        if (numNodes < 1) {
            throw invalid("num_nodes", numNodes, "num_nodes must be at least 1, got " + numNodes);
        }
        long bytes;
        try {
            bytes = MemorySize.toBytes(memory);
        } catch (IllegalArgumentException e) {
            throw invalid("memory", memory, "Invalid memory format '" + memory + "': "
                    + e.getMessage());
        }
        long seconds;
        try {
            seconds = IsoDuration.toSeconds(runtime);
        } catch (IllegalArgumentException e) {
            throw invalid("runtime", runtime, "Invalid runtime format '" + runtime + "': "
                    + e.getMessage());
        }
        return new Values(name, numCpus, numGpus, numNodes, memory, runtime, bytes, seconds);
    }

    /** torc's 422 for a bad field also names the field and the value. */
    private static ApiException invalid(String field, Object value, String message) {
        return new ApiException(422, message, Map.of("field", field, "value", value));
    }

    static ResourceRequirementsModel map(ResultSet rs) throws SQLException {
        return new ResourceRequirementsModel(rs.getLong("id"), rs.getLong("workflow_id"),
                rs.getString("name"), rs.getLong("num_cpus"), rs.getLong("num_gpus"),
                rs.getLong("num_nodes"), rs.getString("memory"), rs.getString("runtime"));
    }

    private static <T> T orElse(T value, T dflt) {
        return value == null ? dflt : value;
    }
}
