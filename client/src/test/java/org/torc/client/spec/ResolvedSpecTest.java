package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torc.client.spec.Specs.job;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torc.common.JobStatus;
import org.torc.common.model.JobModel;
import org.torc.common.model.WorkflowActionModel;
import org.torc.common.model.WorkflowModel;

/** What the create step gets: indices, model builders and torc's creation defaults (§2.8). */
class ResolvedSpecTest {
    private static final String SPEC = """
            name: w
            description: d
            project: proj
            files: [{name: f1, path: a.txt}, {name: f2, path: b.txt}]
            user_data: [{data: 1}, {name: u, data: {k: 1}, is_ephemeral: true}]
            resource_requirements: [{name: small, num_cpus: 1, memory: 1g}]
            slurm_schedulers: [{account: anon}, {name: s, account: acct}]
            failure_handlers:
              - name: h
                rules: [{exit_codes: [10, 11], recovery_script: fix.sh, max_retries: 2}, {match_all_exit_codes: true}]
            jobs:
              - {name: first, command: "echo > ${files.output.f1}", output_user_data: [u], resource_requirements: small}
              - name: second
                command: "cat ${files.input.f1}"
                depends_on: [first]
                input_user_data: [u]
                scheduler: s
                failure_handler: h
                cancel_on_blocking_job_failure: false
                supports_termination: true
            actions:
              - {trigger_type: on_workflow_start, action_type: run_commands, commands: ["mkdir out"]}
              - {trigger_type: on_jobs_ready, action_type: schedule_nodes, scheduler_type: slurm, scheduler: s,
                 jobs: [second], num_allocations: 2, max_parallel_jobs: 4}
              - {trigger_type: on_workflow_start, action_type: schedule_nodes, scheduler_type: local, scheduler: x}
            """;

    @Test
    void unnamed_user_data_and_schedulers_are_left_out() {
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        assertEquals(1, r.userData().size());
        assertEquals("u", r.userData().get(0).name());
        assertEquals(List.of("s"), r.slurmSchedulers().stream().map(x -> x.name()).toList());
    }

    @Test
    void job_models_use_ids_and_torcs_defaults() {
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        SpecIds ids = new SpecIds(r);
        ids.setFile(0, 11);
        ids.setFile(1, 12);
        ids.setUserData(0, 21);
        ids.setResourceRequirements(0, 31);
        ids.setSlurmScheduler(0, 41);
        ids.setFailureHandler(0, 51);
        ids.setJob(0, 61);
        ids.setJob(1, 62);
        JobModel first = job(r, "first").toModel(5, ids);
        assertEquals(JobStatus.UNINITIALIZED, first.status());
        assertEquals(1L, first.attemptId());
        assertEquals(Boolean.TRUE, first.cancelOnBlockingJobFailure());
        assertEquals(Boolean.FALSE, first.supportsTermination());
        assertEquals(List.of(11L), first.outputFileIds());
        assertEquals(List.of(21L), first.outputUserDataIds());
        assertNull(first.dependsOnJobIds());
        assertNull(first.inputFileIds());
        assertEquals(31L, first.resourceRequirementsId());
        assertNull(first.schedulerId());
        JobModel second = job(r, "second").toModel(5, ids);
        assertEquals(List.of(61L), second.dependsOnJobIds());
        assertEquals(List.of(11L), second.inputFileIds());
        assertEquals(41L, second.schedulerId());
        assertEquals(51L, second.failureHandlerId());
        assertEquals(Boolean.FALSE, second.cancelOnBlockingJobFailure());
        assertEquals(Boolean.TRUE, second.supportsTermination());
        assertNull(second.resourceRequirementsId());
    }

    @Test
    void ids_must_be_recorded_before_they_are_used() {
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        SpecIds ids = new SpecIds(r);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> job(r, "first").toModel(1, ids));
        assertEquals("the file at index 0 has not been created yet", e.getMessage());
    }

    @Test
    void workflow_model_gets_torcs_client_defaults() {
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        WorkflowModel w = r.toWorkflowModel("alice");
        assertEquals("alice", w.user());
        assertEquals("proj", w.project());
        assertEquals(90L, w.computeNodeWaitForNewJobsSeconds());
        assertEquals("{\"enabled\":true,\"granularity\":\"summary\",\"sample_interval_seconds\":5,"
                + "\"generate_plots\":false}", w.resourceMonitorConfig());
        ResolvedSpec off = SpecPipeline.resolve(Specs.yaml(SPEC), SpecOptions.defaults().withResourceMonitoring(false));
        assertNull(off.toWorkflowModel("a").resourceMonitorConfig());
        ResolvedSpec own = Specs.resolveYaml("name: w\njobs: []\ncompute_node_wait_for_new_jobs_seconds: 0\n"
                + "resource_monitor: {enabled: false}\nslurm_defaults: {qos: high}\n");
        assertEquals(0L, own.toWorkflowModel("a").computeNodeWaitForNewJobsSeconds());
        assertEquals("{\"enabled\":false,\"granularity\":\"summary\",\"sample_interval_seconds\":5,"
                + "\"generate_plots\":false}", own.toWorkflowModel("a").resourceMonitorConfig());
        assertEquals("{\"qos\":\"high\"}", own.toWorkflowModel("a").slurmDefaults());
    }

    @Test
    void failure_handler_rules_are_serialized_like_torc() {
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        assertEquals("[{\"exit_codes\":[10,11],\"recovery_script\":\"fix.sh\",\"max_retries\":2},"
                + "{\"match_all_exit_codes\":true,\"max_retries\":3}]",
                ResolvedSpec.toModel(r.failureHandlers().get(0), 1).rules());
    }

    @Test
    void actions_resolve_jobs_and_build_torcs_action_config() {
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        SpecIds ids = new SpecIds(r);
        ids.setSlurmScheduler(0, 41);
        ids.setJob(0, 61);
        ids.setJob(1, 62);
        WorkflowActionModel run = r.actions().get(0).toModel(5, ids);
        assertEquals("{\"commands\":[\"mkdir out\"]}", run.actionConfig().toString());
        assertNull(run.jobIds());
        assertEquals(Boolean.FALSE, run.persistent());
        WorkflowActionModel sched = r.actions().get(1).toModel(5, ids);
        assertEquals("{\"scheduler_type\":\"slurm\",\"scheduler_id\":41,\"num_allocations\":2,"
                + "\"start_one_worker_per_node\":false,\"max_parallel_jobs\":4}", sched.actionConfig().toString());
        assertEquals(List.of(62L), sched.jobIds());
        assertEquals("{\"scheduler_type\":\"local\",\"scheduler_id\":0,\"num_allocations\":1,"
                + "\"start_one_worker_per_node\":false}", r.actions().get(2).actionConfig(ids).toString());
    }

    @Test
    void batch_size_and_levels_are_torcs() {
        assertEquals(1000, ResolvedSpec.JOB_BATCH_SIZE);
        ResolvedSpec r = Specs.resolveYaml(SPEC);
        assertEquals(List.of(List.of(0), List.of(1)), r.creationLevels());
        assertEquals(2, r.jobCountBeforeExpansion());
        assertEquals(2, r.fileCountBeforeExpansion());
    }
}
