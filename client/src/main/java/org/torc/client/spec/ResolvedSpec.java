package org.torc.client.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.common.JobStatus;
import org.torc.common.model.FailureHandlerModel;
import org.torc.common.model.FileModel;
import org.torc.common.model.JobModel;
import org.torc.common.model.ResourceRequirementsModel;
import org.torc.common.model.SlurmSchedulerModel;
import org.torc.common.model.UserDataModel;
import org.torc.common.model.WorkflowActionModel;
import org.torc.common.model.WorkflowModel;
import org.torc.client.spec.model.FailureHandlerRuleSpec;
import org.torc.client.spec.model.FailureHandlerSpec;
import org.torc.client.spec.model.ResourceMonitorConfig;
import org.torc.client.spec.model.ResourceRequirementsSpec;
import org.torc.client.spec.model.SlurmSchedulerSpec;
import org.torc.client.spec.model.WorkflowSpec;

/**
 * A workflow spec after parameter expansion, {@code ${files...}}/{@code ${user_data...}}
 * substitution, validation and name resolution: everything the create step needs to issue API
 * calls in order, with no further logic.
 *
 * <p>Creation order (torc's): the workflow ({@link #toWorkflowModel}), then {@link #files()},
 * {@link #userData()}, {@link #resourceRequirements()}, {@link #slurmSchedulers()} and
 * {@link #failureHandlers()} one by one (recording ids in a {@link SpecIds}), then the jobs of each
 * of {@link #creationLevels()} in order — in batches of at most 1000 per {@code POST /bulk_jobs} —
 * and finally the {@link #actions()}. Jobs of a level only depend on jobs of earlier levels.
 *
 * <p>All cross references are indices into the lists of this object. Unnamed user data and unnamed
 * Slurm schedulers are left out, as torc does.
 *
 * @param spec the expanded, substituted spec (the source of the lists below)
 * @param resourceMonitor the resource monitor configuration to store, including torc's injected
 *     default; {@code null} for none
 * @param warnings things worth telling the user that do not stop creation
 */
public record ResolvedSpec(
        WorkflowSpec spec,
        List<ResolvedFile> files,
        List<ResolvedUserData> userData,
        List<ResourceRequirementsSpec> resourceRequirements,
        List<SlurmSchedulerSpec> slurmSchedulers,
        List<FailureHandlerSpec> failureHandlers,
        List<ResolvedJob> jobs,
        List<List<Integer>> creationLevels,
        List<ResolvedAction> actions,
        ResourceMonitorConfig resourceMonitor,
        List<String> warnings,
        int jobCountBeforeExpansion,
        int fileCountBeforeExpansion) {

    /** torc's client sends this idle timeout when the spec has none. */
    public static final long DEFAULT_COMPUTE_NODE_WAIT_FOR_NEW_JOBS_SECONDS = 90;

    /** Jobs per {@code POST /bulk_jobs} request, as torc. */
    public static final int JOB_BATCH_SIZE = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A file to create; {@code path} has its parameters substituted. */
    public record ResolvedFile(int index, String name, String path) {
        public FileModel toModel(long workflowId) {
            return new FileModel(null, workflowId, name, path, null);
        }
    }

    /** A named user-data record to create; {@code data} is {@code null} when the spec has none. */
    public record ResolvedUserData(int index, String name, JsonNode data, Boolean isEphemeral) {
        public UserDataModel toModel(long workflowId) {
            return new UserDataModel(null, workflowId, isEphemeral, name, data);
        }
    }

    /**
     * A job to create. Index fields ({@code resourceRequirements}, {@code scheduler},
     * {@code failureHandler}) are {@code null} when the job names none. {@code dependsOn} holds the
     * explicit dependencies only ({@code depends_on} and {@code depends_on_regexes}); file and
     * user-data dependencies are derived by the server from the input/output lists, and are in
     * {@code implicitDependsOn}.
     */
    public record ResolvedJob(
            int index,
            String name,
            String command,
            String invocationScript,
            Boolean cancelOnBlockingJobFailure,
            Boolean supportsTermination,
            Integer resourceRequirements,
            Integer scheduler,
            Integer failureHandler,
            List<Integer> dependsOn,
            List<String> dependsOnNames,
            List<Integer> implicitDependsOn,
            List<Integer> inputFiles,
            List<String> inputFileNames,
            List<Integer> outputFiles,
            List<String> outputFileNames,
            List<Integer> inputUserData,
            List<String> inputUserDataNames,
            List<Integer> outputUserData,
            List<String> outputUserDataNames,
            int creationLevel) {

        /**
         * The job as {@code POST /bulk_jobs} expects it, with torc's {@code JobModel::new} defaults:
         * status uninitialized, attempt 1, cancel on blocking job failure unless the spec says
         * otherwise, no termination support unless asked.
         */
        public JobModel toModel(long workflowId, SpecIds ids) {
            return new JobModel(null, workflowId, name, command, invocationScript, JobStatus.UNINITIALIZED, null,
                    cancelOnBlockingJobFailure != null ? cancelOnBlockingJobFailure : Boolean.TRUE,
                    supportsTermination != null ? supportsTermination : Boolean.FALSE,
                    ids(dependsOn, ids::job),
                    ids(inputFiles, ids::file),
                    ids(outputFiles, ids::file),
                    ids(inputUserData, ids::userData),
                    ids(outputUserData, ids::userData),
                    resourceRequirements == null ? null : ids.resourceRequirements(resourceRequirements),
                    scheduler == null ? null : ids.slurmScheduler(scheduler),
                    failureHandler == null ? null : ids.failureHandler(failureHandler),
                    1L);
        }

        private static List<Long> ids(List<Integer> indices, java.util.function.IntToLongFunction f) {
            if (indices.isEmpty()) {
                return null;
            }
            List<Long> out = new ArrayList<>(indices.size());
            for (int i : indices) {
                out.add(f.applyAsLong(i));
            }
            return out;
        }
    }

    /**
     * A workflow action to create. {@code jobs} is {@code null} when the action selects no jobs
     * (torc sends {@code job_ids: null}). For {@code schedule_nodes}, {@code scheduler} is the index
     * of the Slurm scheduler when {@code schedulerType} is "slurm", else {@code null} (torc then
     * sends scheduler id 0).
     */
    public record ResolvedAction(
            int index,
            String triggerType,
            String actionType,
            List<Integer> jobs,
            List<String> commands,
            String schedulerType,
            String schedulerName,
            Integer scheduler,
            long numAllocations,
            boolean startOneWorkerPerNode,
            Integer maxParallelJobs,
            boolean persistent) {

        /** torc's {@code action_config}: {@code {"commands":[...]}} or the schedule_nodes settings. */
        public ObjectNode actionConfig(SpecIds ids) {
            ObjectNode c = JsonNodeFactory.instance.objectNode();
            if ("run_commands".equals(actionType)) {
                ArrayNode cmds = c.putArray("commands");
                commands.forEach(cmds::add);
                return c;
            }
            c.put("scheduler_type", schedulerType);
            c.put("scheduler_id", scheduler == null ? 0 : ids.slurmScheduler(scheduler));
            c.put("num_allocations", numAllocations);
            c.put("start_one_worker_per_node", startOneWorkerPerNode);
            if (maxParallelJobs != null) {
                c.put("max_parallel_jobs", maxParallelJobs);
            }
            return c;
        }

        public WorkflowActionModel toModel(long workflowId, SpecIds ids) {
            List<Long> jobIds = null;
            if (jobs != null) {
                jobIds = new ArrayList<>(jobs.size());
                for (int j : jobs) {
                    jobIds.add(ids.job(j));
                }
            }
            return new WorkflowActionModel(null, workflowId, triggerType, actionType, actionConfig(ids), jobIds,
                    null, null, null, null, null, persistent, null);
        }
    }

    public String name() {
        return spec.name();
    }

    /**
     * The workflow to {@code POST /workflows}. torc always sets the user to the caller's
     * {@code $USER}; pass it as {@code user}. Sends 90 s as the idle timeout when the spec has none,
     * and the resource monitor and Slurm defaults as JSON strings.
     */
    public WorkflowModel toWorkflowModel(String user) {
        String monitor = resourceMonitor == null ? null : resourceMonitor.toJson().toString();
        String slurmDefaults = null;
        if (spec.slurmDefaults() != null) {
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            spec.slurmDefaults().forEach(d::set);
            slurmDefaults = d.toString();
        }
        Long wait = spec.computeNodeWaitForNewJobsSeconds() != null ? spec.computeNodeWaitForNewJobsSeconds()
                : DEFAULT_COMPUTE_NODE_WAIT_FOR_NEW_JOBS_SECONDS;
        return new WorkflowModel(null, spec.name(), user, spec.description(), null, spec.project(),
                spec.metadata(), spec.computeNodeExpirationBufferSeconds(), wait,
                spec.computeNodeIgnoreWorkflowCompletion(), spec.computeNodeWaitForHealthyDatabaseMinutes(), null,
                spec.jobsSortMethod(), monitor, slurmDefaults, spec.usePendingFailed(), null);
    }

    public static ResourceRequirementsModel toModel(ResourceRequirementsSpec rr, long workflowId) {
        return new ResourceRequirementsModel(null, workflowId, rr.name(), rr.numCpus(), rr.numGpus(), rr.numNodes(),
                rr.memory(), rr.runtime());
    }

    public static SlurmSchedulerModel toModel(SlurmSchedulerSpec s, long workflowId) {
        return new SlurmSchedulerModel(null, workflowId, s.name(), s.account(), s.gres(), s.mem(), s.nodes(),
                s.ntasksPerNode(), s.partition(), s.qos(), s.tmp(), s.walltime(), s.extra());
    }

    /** The handler with its rules as the JSON string torc stores. */
    public static FailureHandlerModel toModel(FailureHandlerSpec h, long workflowId) {
        return new FailureHandlerModel(null, workflowId, h.name(), rulesJson(h.rules()));
    }

    /** torc's serialization of the rules: empty exit codes and a false match-all are left out. */
    public static String rulesJson(List<FailureHandlerRuleSpec> rules) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (FailureHandlerRuleSpec r : rules) {
            ObjectNode o = a.addObject();
            if (!r.exitCodes().isEmpty()) {
                ArrayNode codes = o.putArray("exit_codes");
                r.exitCodes().forEach(codes::add);
            }
            if (r.matchAllExitCodes()) {
                o.put("match_all_exit_codes", true);
            }
            if (r.recoveryScript() != null) {
                o.put("recovery_script", r.recoveryScript());
            }
            o.put("max_retries", r.maxRetries());
        }
        try {
            return MAPPER.writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many dependency edges the jobs declare explicitly. */
    public long explicitDependencyCount() {
        long n = 0;
        for (ResolvedJob j : jobs) {
            n += j.dependsOn().size();
        }
        return n;
    }
}
