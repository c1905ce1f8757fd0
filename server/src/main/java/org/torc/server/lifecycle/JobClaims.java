package org.torc.server.lifecycle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.torc.common.IsoDuration;
import org.torc.common.JobStatus;
import org.torc.common.model.ComputeNodesResources;
import org.torc.common.model.JobModel;
import org.torc.server.db.Tx;
import org.torc.server.http.ApiException;
import org.torc.server.jobs.JobRepository;

/**
 * Hands ready jobs to workers. A claim is exclusive by construction: it runs on the single database
 * writer, and the UPDATE that marks jobs {@code pending} is additionally guarded by
 * {@code status = ready}, so no job is ever handed out twice.
 */
public final class JobClaims {
    public static final long DEFAULT_CLAIM_LIMIT = 10;
    public static final long MAX_CLAIM_LIMIT = 10_000;

    /** Ordering of candidate jobs for resource-based claims (torc's jobs_sort_method). */
    public enum SortMethod {
        GPUS_RUNTIME_MEMORY(Comparator.comparingLong(Requirements::gpus).reversed()
                .thenComparing(Comparator.comparingLong(Requirements::runtimeSeconds).reversed())
                .thenComparing(Comparator.comparingLong(Requirements::memoryBytes).reversed()),
                " ORDER BY rr.num_gpus DESC, rr.runtime_s DESC, rr.memory_bytes DESC, j.id"),
        GPUS_MEMORY_RUNTIME(Comparator.comparingLong(Requirements::gpus).reversed()
                .thenComparing(Comparator.comparingLong(Requirements::memoryBytes).reversed())
                .thenComparing(Comparator.comparingLong(Requirements::runtimeSeconds).reversed()),
                " ORDER BY rr.num_gpus DESC, rr.memory_bytes DESC, rr.runtime_s DESC, j.id"),
        /** Job id order only: every requirements row ranks the same. */
        NONE((a, b) -> 0, " ORDER BY j.id");

        /** Ranks requirements rows; jobs whose rows rank equal are taken in id order. */
        final Comparator<Requirements> rank;
        /** The same order for the single-query path over the joined ready set. */
        final String orderBy;

        SortMethod(Comparator<Requirements> rank, String orderBy) {
            this.rank = rank;
            this.orderBy = orderBy;
        }

        public static SortMethod parse(String value) {
            if (value == null || value.isBlank()) {
                return NONE;
            }
            for (SortMethod m : values()) {
                if (m.name().equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw ApiException.badRequest("Invalid sort_method '" + value
                    + "'; expected gpus_runtime_memory, gpus_memory_runtime or none");
        }
    }

    /** The claim response: {@code {"jobs":[...], "reason"?: ...}}. */
    public record Claimed(List<JobModel> jobs, String reason) {
    }

    /** Claims up to {@code limit} ready jobs of the workflow, oldest first. */
    public Claimed claimNext(Tx tx, long workflowId, long limit) throws SQLException {
        checkLimit(limit);
        if (isCanceled(tx, workflowId)) {
            return new Claimed(List.of(), "Workflow is canceled");
        }
        if (limit == 0) {
            return new Claimed(List.of(), null);
        }
        List<JobModel> jobs = tx.query("""
                UPDATE job SET status = 3
                WHERE id IN (SELECT id FROM job WHERE workflow_id = ? AND status = 2
                             ORDER BY id LIMIT ?)
                  AND status = 2
                RETURNING id, workflow_id, name, command, invocation_script, status,
                          cancel_on_blocking_job_failure, supports_termination,
                          resource_requirements_id, scheduler_id, failure_handler_id, attempt_id""",
                JobClaims::mapReturned, workflowId, limit);
        return new Claimed(withOutputs(tx, sortById(jobs)), null);
    }

    /**
     * Claims ready jobs that fit the offered resources: each job must fit the node on its own
     * (including runtime ≤ time limit), then jobs are packed greedily in the requested order until
     * CPUs, memory or GPUs run out; only multi-node jobs consume nodes. As in torc, {@code limit}
     * caps the candidates before packing.
     */
    public Claimed claimByResources(Tx tx, long workflowId, long limit, SortMethod sort,
            boolean strictSchedulerMatch, ComputeNodesResources resources) throws SQLException {
        checkLimit(limit);
        validate(resources);
        if (isCanceled(tx, workflowId)) {
            return new Claimed(List.of(), "Workflow is canceled");
        }
        long timeLimit = Long.MAX_VALUE;
        if (resources.timeLimit() != null && !resources.timeLimit().isBlank()) {
            try {
                timeLimit = IsoDuration.toSeconds(resources.timeLimit());
            } catch (IllegalArgumentException e) {
                throw new ApiException(422, "Invalid time_limit: " + e.getMessage(),
                        Map.of("field", "time_limit", "value", resources.timeLimit()));
            }
        }
        long memoryBytes = (long) (resources.memoryGb() * 1024 * 1024 * 1024);
        if (limit == 0) {
            return new Claimed(List.of(), null);
        }
        Long schedulerConfigId = resources.schedulerConfigId();
        List<Requirements> fitting = fittingRequirements(tx, workflowId, memoryBytes, resources,
                timeLimit, sort);
        List<Candidate> candidates = candidates(tx, workflowId, limit, sort, fitting,
                schedulerConfigId, true);
        if (candidates.isEmpty() && !strictSchedulerMatch) {
            candidates = candidates(tx, workflowId, limit, sort, fitting, schedulerConfigId, false);
        }
        List<Long> chosen = pack(candidates, resources.numCpus(), memoryBytes, resources.numGpus(),
                resources.numNodes());
        if (chosen.isEmpty()) {
            return new Claimed(List.of(), null);
        }
        List<JobModel> jobs = tx.query("""
                UPDATE job SET status = 3
                WHERE id IN (SELECT value FROM json_each(?)) AND status = 2
                RETURNING id, workflow_id, name, command, invocation_script, status,
                          cancel_on_blocking_job_failure, supports_termination,
                          resource_requirements_id, scheduler_id, failure_handler_id, attempt_id""",
                JobClaims::mapReturned, chosen);
        // Keep the packing order (the sort order the caller asked for).
        Map<Long, Integer> order = new java.util.HashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            order.put(chosen.get(i), i);
        }
        List<JobModel> ordered = new ArrayList<>(jobs);
        ordered.sort(Comparator.comparing(j -> order.get(j.id())));
        return new Claimed(withOutputs(tx, ordered), null);
    }

    private record Candidate(long id, long cpus, long memoryBytes, long gpus, long nodes) {
    }

    /** A resource_requirements row that fits the offered resources. */
    record Requirements(long id, long cpus, long memoryBytes, long gpus, long nodes,
            long runtimeSeconds) {
    }

    /** The workflow's requirements rows that fit the offered resources, ranked by {@code sort}. */
    private static List<Requirements> fittingRequirements(Tx tx, long workflowId, long memoryBytes,
            ComputeNodesResources r, long timeLimit, SortMethod sort) throws SQLException {
        List<Requirements> fitting = new ArrayList<>(tx.query("""
                SELECT id, num_cpus, memory_bytes, num_gpus, num_nodes, runtime_s
                FROM resource_requirements
                WHERE workflow_id = ? AND memory_bytes <= ? AND num_cpus <= ? AND num_gpus <= ?
                  AND num_nodes <= ? AND runtime_s <= ?""",
                rs -> new Requirements(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)),
                workflowId, memoryBytes, r.numCpus(), r.numGpus(), r.numNodes(), timeLimit));
        fitting.sort(sort.rank);
        return fitting;
    }

    /**
     * The first {@code limit} ready jobs that fit, in the requested order: by their requirements
     * row's rank, then by job id. A workflow has few requirements rows and many jobs, so this
     * ranks the fitting rows and then reads each row's ready jobs from the index in id order,
     * stopping at {@code limit}: a claim costs the same with 100 or 100,000 ready jobs (a join
     * sorted as a whole cost about 20 ms per claim at 100,000).
     */
    private static List<Candidate> candidates(Tx tx, long workflowId, long limit, SortMethod sort,
            List<Requirements> fitting, Long schedulerConfigId, boolean matchScheduler)
            throws SQLException {
        String schedulerClause = !matchScheduler ? ""
                : schedulerConfigId == null ? " AND scheduler_id IS NULL"
                : " AND (scheduler_id IS NULL OR scheduler_id = ?)";
        if (fitting.size() > MAX_ROWS_WALKED) {
            // Many requirements rows (one per job, say): one query over the joined ready set
            // costs less than a seek per row.
            return joinedCandidates(tx, workflowId, limit, sort, fitting, schedulerClause,
                    matchScheduler ? schedulerConfigId : null);
        }
        List<Candidate> out = new ArrayList<>();
        int from = 0;
        while (from < fitting.size() && out.size() < limit) {
            // Rows that rank equal form one group; their jobs interleave by id.
            int to = from + 1;
            while (to < fitting.size() && sort.rank.compare(fitting.get(from), fitting.get(to)) == 0) {
                to++;
            }
            long remaining = limit - out.size();
            List<Candidate> group = new ArrayList<>();
            for (Requirements rr : fitting.subList(from, to)) {
                List<Object> params = new ArrayList<>(List.of(workflowId, rr.id()));
                if (matchScheduler && schedulerConfigId != null) {
                    params.add(schedulerConfigId);
                }
                params.add(remaining);
                for (long id : tx.queryIds("SELECT id FROM job WHERE workflow_id = ? AND status = 2 "
                        + "AND resource_requirements_id = ?" + schedulerClause
                        + " ORDER BY id LIMIT ?", params.toArray())) {
                    group.add(new Candidate(id, rr.cpus(), rr.memoryBytes(), rr.gpus(),
                            rr.nodes()));
                }
            }
            group.sort(Comparator.comparingLong(Candidate::id));
            out.addAll(group.subList(0, (int) Math.min(remaining, group.size())));
            from = to;
        }
        return out;
    }

    /** Above this many fitting requirements rows, candidates come from one joined query. */
    static final int MAX_ROWS_WALKED = 32;

    private static List<Candidate> joinedCandidates(Tx tx, long workflowId, long limit,
            SortMethod sort, List<Requirements> fitting, String schedulerClause,
            Long schedulerConfigId) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(workflowId,
                fitting.stream().map(Requirements::id).toList()));
        if (schedulerConfigId != null) {
            params.add(schedulerConfigId);
        }
        params.add(limit);
        return tx.query("""
                SELECT j.id, rr.num_cpus, rr.memory_bytes, rr.num_gpus, rr.num_nodes
                FROM job j JOIN resource_requirements rr ON rr.id = j.resource_requirements_id
                WHERE j.workflow_id = ? AND j.status = 2
                  AND rr.id IN (SELECT value FROM json_each(?))"""
                        + schedulerClause.replace("scheduler_id", "j.scheduler_id")
                        + sort.orderBy + " LIMIT ?",
                rs -> new Candidate(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)),
                params.toArray());
    }

    static List<Long> pack(List<Candidate> candidates, long cpus, long memoryBytes, long gpus,
            long nodes) {
        long usedCpus = 0;
        long usedMemory = 0;
        long usedGpus = 0;
        long usedNodes = 0;
        List<Long> chosen = new ArrayList<>();
        for (Candidate c : candidates) {
            boolean multiNode = c.nodes() > 1;
            if (usedCpus + c.cpus() > cpus || usedMemory + c.memoryBytes() > memoryBytes
                    || usedGpus + c.gpus() > gpus || (multiNode && usedNodes + c.nodes() > nodes)) {
                continue;
            }
            usedCpus += c.cpus();
            usedMemory += c.memoryBytes();
            usedGpus += c.gpus();
            if (multiNode) {
                usedNodes += c.nodes();
            }
            chosen.add(c.id());
        }
        return chosen;
    }

    private static void validate(ComputeNodesResources r) {
        if (r == null) {
            throw ApiException.badRequest("Missing required body parameter body");
        }
        if (r.numCpus() == null || r.memoryGb() == null || r.numGpus() == null
                || r.numNodes() == null) {
            throw ApiException.unprocessable(
                    "num_cpus, memory_gb, num_gpus and num_nodes are required");
        }
        if (r.numCpus() < 0 || r.memoryGb() < 0 || r.numGpus() < 0 || r.numNodes() < 0
                || r.memoryGb().isNaN() || r.memoryGb().isInfinite()) {
            throw ApiException.unprocessable("Resources cannot be negative");
        }
    }

    private static void checkLimit(long limit) {
        if (limit < 0 || limit > MAX_CLAIM_LIMIT) {
            throw ApiException.badRequest("limit must be between 0 and " + MAX_CLAIM_LIMIT
                    + ", got " + limit);
        }
    }

    private static boolean isCanceled(Tx tx, long workflowId) throws SQLException {
        return tx.queryOne("SELECT is_canceled FROM workflow_status WHERE id = ?",
                rs -> rs.getLong(1) != 0, workflowId)
                .orElseThrow(() -> ApiException.notFound("Workflow", workflowId));
    }

    private static JobModel mapReturned(java.sql.ResultSet rs) throws SQLException {
        return JobRepository.map(rs);
    }

    private static List<JobModel> sortById(List<JobModel> jobs) {
        List<JobModel> out = new ArrayList<>(jobs);
        out.sort(Comparator.comparing(JobModel::id));
        return out;
    }

    /** Adds output file and user-data ids, which the runner checks after the job exits. */
    private static List<JobModel> withOutputs(Tx tx, List<JobModel> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return jobs;
        }
        List<Long> ids = jobs.stream().map(JobModel::id).toList();
        Map<Long, List<Long>> files = new java.util.HashMap<>();
        Map<Long, List<Long>> data = new java.util.HashMap<>();
        tx.query("""
                SELECT 0, job_id, file_id FROM job_output_file
                WHERE job_id IN (SELECT value FROM json_each(?1))
                UNION ALL
                SELECT 1, job_id, user_data_id FROM job_output_user_data
                WHERE job_id IN (SELECT value FROM json_each(?1))
                ORDER BY 1, 2, 3""", rs -> {
                    (rs.getInt(1) == 0 ? files : data).computeIfAbsent(rs.getLong(2),
                            k -> new ArrayList<>()).add(rs.getLong(3));
                    return null;
                }, ids);
        List<JobModel> out = new ArrayList<>(jobs.size());
        for (JobModel j : jobs) {
            out.add(new JobModel(j.id(), j.workflowId(), j.name(), j.command(),
                    j.invocationScript(), JobStatus.PENDING, null, j.cancelOnBlockingJobFailure(),
                    j.supportsTermination(), null, null, files.get(j.id()), null, data.get(j.id()),
                    j.resourceRequirementsId(), j.schedulerId(), j.failureHandlerId(),
                    j.attemptId()));
        }
        return out;
    }
}
