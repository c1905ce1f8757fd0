package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validation (§2.7): the dry run collects every problem with torc's dry-run wording; the create path
 * stops at the first, with torc's create wording.
 */
class ValidationTest {
    private static List<String> errors(String yaml) {
        return Specs.dryRun(yaml).errors();
    }

    private static void assertBoth(String yaml, String dryRunError, String createError) {
        List<String> errs = errors(yaml);
        assertTrue(errs.contains(dryRunError), () -> "dry run errors: " + errs);
        String create = Specs.createError(yaml);
        assertEquals(createError, create.lines().findFirst().orElse(""));
    }

    private static final String RR = """
            resource_requirements:
              - {name: small, num_cpus: 1, memory: 1g}
            """;

    @Test
    void valid_spec_passes() {
        ValidationResult v = Specs.dryRun("name: w\njobs:\n  - {name: a, command: c}\n");
        assertTrue(v.valid());
        assertEquals(List.of(), v.errors());
    }

    @Test
    void duplicate_job_names_fail_the_dry_run_but_not_creation() {
        String yaml = "name: w\njobs:\n  - {name: a, command: c}\n  - {name: a, command: d}\n  - {name: a, command: e}\n";
        assertEquals(List.of("Duplicate job name: 'a'", "Duplicate job name: 'a'"), errors(yaml));
        ResolvedSpec r = Specs.resolveYaml(yaml);
        assertEquals(3, r.jobs().size());
        assertTrue(r.warnings().get(0).startsWith("Duplicate job name: 'a' (3 jobs"), r.warnings().toString());
    }

    @Test
    void duplicate_files_user_data_resource_requirements_schedulers_and_handlers() {
        assertBoth("name: w\njobs: []\nfiles: [{name: f, path: a}, {name: f, path: b}]\n",
                "Duplicate file name: 'f'", "Duplicate file name: f");
        assertBoth("name: w\njobs: []\nuser_data: [{name: u}, {name: u}]\n",
                "Duplicate user_data name: 'u'", "Duplicate user data name: u");
        assertBoth("name: w\njobs: []\nresource_requirements: [{name: r, num_cpus: 1, memory: 1g},"
                        + " {name: r, num_cpus: 2, memory: 1g}]\n",
                "Duplicate resource_requirements name: 'r'", "Duplicate resource requirements name: r");
        assertBoth("name: w\njobs: []\nslurm_schedulers: [{name: s, account: a}, {name: s, account: b}]\n",
                "Duplicate slurm_scheduler name: 's'", "Duplicate slurm scheduler name: s");
        assertBoth("name: w\njobs: []\nfailure_handlers: [{name: h, rules: []}, {name: h, rules: []}]\n",
                "Duplicate failure_handler name: 'h'", "Duplicate failure handler name: h");
    }

    @Test
    void unnamed_user_data_and_schedulers_are_not_duplicates() {
        assertTrue(Specs.dryRun("name: w\njobs: []\nuser_data: [{data: 1}, {data: 2}]\n"
                + "slurm_schedulers: [{account: a}, {account: b}]\n").valid());
    }

    @Test
    void unknown_job_dependency() {
        assertBoth("name: w\njobs:\n  - {name: b, command: c, depends_on: [a]}\n",
                "Job 'b' depends_on non-existent job 'a'", "Blocking job 'a' not found for job 'b'");
    }

    @Test
    void dependency_regex_that_matches_nothing() {
        assertBoth("name: w\njobs:\n  - {name: b, command: c, depends_on_regexes: ['^zzz']}\n",
                "Job 'b' depends_on_regexes '^zzz' did not match any jobs",
                "Blocking job regex '^zzz' did not match any jobs for job 'b'");
    }

    @Test
    void dependency_regex_that_does_not_compile() {
        String yaml = "name: w\njobs:\n  - {name: b, command: c, depends_on_regexes: ['(a']}\n";
        String dry = errors(yaml).get(0);
        assertTrue(dry.startsWith("Job 'b' has invalid depends_on_regexes '(a': regex parse error: "), dry);
        assertTrue(Specs.createError(yaml).startsWith("Invalid regex '(a' in job 'b': regex parse error: "));
    }

    @Test
    void unknown_resource_requirements_scheduler_and_failure_handler() {
        assertBoth("name: w\njobs:\n  - {name: j, command: c, resource_requirements: nonexistent_resource}\n",
                "Job 'j' references non-existent resource_requirements 'nonexistent_resource'",
                "Resource requirements 'nonexistent_resource' not found for job 'j'");
        assertBoth("name: w\njobs:\n  - {name: j, command: c, scheduler: s}\n",
                "Job 'j' references non-existent scheduler 's'", "Scheduler 's' not found for job 'j'");
        assertBoth("name: w\njobs:\n  - {name: j, command: c, failure_handler: h}\n",
                "Job 'j' references non-existent failure_handler 'h'", "Failure handler 'h' not found for job 'j'");
    }

    @Test
    void rollback_example_error_says_not_found_for_job() {
        // C17: the create error contains "not found for job".
        String err = Specs.createError("""
                name: rollback_test_workflow
                jobs:
                  - {name: job1, command: echo, resource_requirements: nonexistent_resource}
                """);
        assertTrue(err.contains("not found for job"), err);
    }

    @Test
    void unknown_files_and_user_data() {
        assertBoth("name: w\njobs:\n  - {name: j, command: c, input_files: [f]}\n",
                "Job 'j' input_files references non-existent file 'f'", "Input file 'f' not found for job 'j'");
        assertBoth("name: w\njobs:\n  - {name: j, command: c, output_files: [f]}\n",
                "Job 'j' output_files references non-existent file 'f'", "Output file 'f' not found for job 'j'");
        assertBoth("name: w\njobs:\n  - {name: j, command: c, input_user_data: [u]}\n",
                "Job 'j' input_user_data references non-existent user_data 'u'",
                "Input user data 'u' not found for job 'j'");
        assertBoth("name: w\njobs:\n  - {name: j, command: c, output_user_data: [u]}\n",
                "Job 'j' output_user_data references non-existent user_data 'u'",
                "Output user data 'u' not found for job 'j'");
    }

    @Test
    void file_and_user_data_regexes_must_compile_and_match() {
        String files = "files: [{name: data_1, path: p}]\nuser_data: [{name: u1}]\n";
        assertBoth("name: w\njobs:\n  - {name: j, command: c, input_file_regexes: ['^nope']}\n" + files,
                "Job 'j' input_file_regexes '^nope' did not match any files",
                "Input file regex '^nope' did not match any names for job 'j'");
        assertBoth("name: w\njobs:\n  - {name: j, command: c, output_user_data_regexes: ['^nope']}\n" + files,
                "Job 'j' output_user_data_regexes '^nope' did not match any user_data",
                "Output user data regex '^nope' did not match any names for job 'j'");
        String bad = "name: w\njobs:\n  - {name: j, command: c, input_user_data_regexes: ['[']}\n" + files;
        assertTrue(errors(bad).get(0).startsWith("Job 'j' has invalid input_user_data_regexes '[': "));
        assertTrue(Specs.createError(bad).startsWith("Invalid regex '[' for input user data in job 'j': "));
        ResolvedSpec r = Specs.resolveYaml("name: w\njobs:\n  - {name: j, command: c, input_file_regexes: ['data']}\n"
                + files);
        assertEquals(List.of("data_1"), r.jobs().get(0).inputFileNames());
    }

    @Test
    void explicit_cycles_name_the_jobs() {
        assertBoth("""
                        name: w
                        jobs:
                          - {name: a, command: c, depends_on: [b]}
                          - {name: b, command: c, depends_on: [a]}
                          - {name: after, command: c, depends_on: [a]}
                        """,
                "Circular dependency detected involving jobs: 'a', 'b'",
                "Circular dependency detected in job graph, involving jobs: 'a', 'b'");
    }

    @Test
    void regex_that_matches_its_own_job_is_a_cycle() {
        assertEquals(List.of("Circular dependency detected involving jobs: 'work_2'"), errors("""
                name: w
                jobs:
                  - {name: work_1, command: c}
                  - {name: work_2, command: c, depends_on_regexes: ['work_']}
                """));
    }

    @Test
    void cycles_through_files_are_detected() {
        // torc's client misses these; the server would then block both jobs forever.
        List<String> errs = errors("""
                name: w
                files: [{name: f1, path: a}, {name: f2, path: b}]
                jobs:
                  - {name: a, command: c, input_files: [f2], output_files: [f1]}
                  - {name: b, command: c, input_files: [f1], output_files: [f2]}
                """);
        assertEquals(List.of("Circular dependency detected involving jobs: 'a', 'b' (through file 'f1', file 'f2')"),
                errs);
    }

    @Test
    void job_that_reads_and_writes_the_same_file_is_a_cycle() {
        String yaml = """
                name: w
                files: [{name: log, path: log.txt}]
                jobs:
                  - {name: j, command: "echo >> ${files.input.log} ${files.output.log}"}
                """;
        assertEquals(List.of("Circular dependency detected involving jobs: 'j' (through file 'log')"), errors(yaml));
        assertEquals("Circular dependency detected in job graph, involving jobs: 'j' (through file 'log')",
                Specs.createError(yaml));
    }

    @Test
    void cycles_through_user_data_and_mixed_edges_are_detected() {
        List<String> errs = errors("""
                name: w
                user_data: [{name: u}]
                jobs:
                  - {name: producer, command: c, output_user_data: [u], depends_on: [consumer]}
                  - {name: consumer, command: c, input_user_data: [u]}
                """);
        assertEquals(List.of("Circular dependency detected involving jobs: 'producer', 'consumer'"
                + " (through user_data 'u')"), errs);
    }

    @Test
    void memory_and_runtime_strings_are_checked() {
        String msg = "Resource requirements 'r' has invalid memory '2gb': Invalid memory unit 'b' in '2gb'; expected"
                + " an integer with optional k, m, g or t";
        assertBoth("name: w\njobs: []\nresource_requirements: [{name: r, num_cpus: 1, memory: 2gb}]\n", msg, msg);
        List<String> errs = errors("name: w\njobs: []\nresource_requirements: [{name: r, num_cpus: 1, memory: 1g,"
                + " runtime: 1h}]\n");
        assertTrue(errs.get(0).startsWith("Resource requirements 'r' has invalid runtime '1h': "), errs.toString());
    }

    @Test
    void default_is_a_reserved_resource_requirements_name() {
        assertTrue(Specs.createError("name: w\njobs: []\nresource_requirements: [{name: default, num_cpus: 1,"
                + " memory: 1g}]\n").startsWith("Resource requirements name 'default' is reserved"));
    }

    @Test
    void schedule_nodes_actions_need_a_scheduler_type_and_an_existing_scheduler() {
        assertBoth("name: w\njobs: []\nactions: [{trigger_type: on_workflow_start, action_type: schedule_nodes,"
                        + " scheduler: s}]\n",
                "Action validation failed: schedule_nodes action requires scheduler_type",
                "schedule_nodes action requires scheduler_type");
        assertBoth("name: w\njobs: []\nactions: [{trigger_type: on_workflow_start, action_type: schedule_nodes,"
                        + " scheduler_type: slurm}]\n",
                "Action validation failed: schedule_nodes action requires scheduler",
                "schedule_nodes action requires scheduler");
        assertBoth("name: w\njobs: []\nactions: [{trigger_type: on_workflow_start, action_type: schedule_nodes,"
                        + " scheduler_type: slurm, scheduler: s}]\n",
                "Action validation failed: schedule_nodes action with scheduler_type=slurm requires slurm_schedulers"
                        + " to be defined",
                "schedule_nodes action with scheduler_type=slurm requires slurm_schedulers to be defined");
        String yaml = "name: w\njobs: []\nslurm_schedulers: [{name: t, account: a}]\nactions: [{trigger_type:"
                + " on_workflow_start, action_type: schedule_nodes, scheduler_type: slurm, scheduler: s}]\n";
        assertEquals(List.of("Action validation failed: schedule_nodes action references slurm_scheduler 's' which"
                        + " does not exist", "Action #1 (schedule_nodes) references non-existent slurm scheduler 's'"),
                errors(yaml));
        assertEquals("schedule_nodes action references slurm_scheduler 's' which does not exist",
                Specs.createError(yaml));
    }

    @Test
    void action_job_references_and_regexes() {
        String base = "name: w\njobs: [{name: a, command: c}]\nactions:\n  - {trigger_type: on_jobs_complete,"
                + " action_type: run_commands, commands: [x], ";
        assertBoth(base + "jobs: [zz]}\n", "Action #1 (run_commands) references non-existent job 'zz'",
                "Action references job 'zz' which does not exist");
        assertBoth(base + "job_name_regexes: ['^b']}\n", "Action #1 (run_commands) did not match any jobs",
                "Action did not match any jobs");
        String bad = base + "job_name_regexes: ['(']}\n";
        assertTrue(errors(bad).get(0).startsWith("Action #1 (run_commands) has invalid job_name_regexes '(': "));
        assertTrue(Specs.createError(bad).startsWith("Invalid regex '(': "));
    }

    @Test
    void action_types_are_checked() {
        assertBoth("name: w\njobs: []\nactions: [{trigger_type: on_workflow_start, action_type: run_commands}]\n",
                "Action #1 (run_commands) requires 'commands' field", "run_commands action requires 'commands' field");
        assertBoth("name: w\njobs: []\nactions: [{trigger_type: on_workflow_start, action_type: launch}]\n",
                "Action #1 (launch) has unknown action_type 'launch' (expected run_commands or schedule_nodes)",
                "Unknown action_type: launch");
    }

    @Test
    void unknown_trigger_types_are_a_warning() {
        ValidationResult v = Specs.dryRun("name: w\njobs: []\nactions: [{trigger_type: on_tuesday, action_type:"
                + " run_commands, commands: [x]}]\n");
        assertTrue(v.valid());
        assertTrue(v.warnings().get(0).startsWith("Action #1 has unknown trigger_type 'on_tuesday'"));
    }

    @Test
    void slurm_defaults_may_not_set_what_torc_manages() {
        assertBoth("name: w\njobs: []\nslurm_defaults: {qos: high, Partition: x, job-name: y}\n",
                "slurm_defaults contains excluded parameters managed by torc: Partition, job-name. These cannot be set"
                        + " as defaults.",
                "slurm_defaults contains excluded parameters managed by torc: Partition, job-name. These cannot be set"
                        + " as defaults.");
        assertTrue(Specs.dryRun("name: w\njobs: []\nslurm_defaults: {account: a, qos: high}\n").valid());
    }

    @Test
    void zip_mismatch_is_reported_by_the_dry_run() {
        assertEquals(List.of("Parameter expansion failed: Failed to expand job 'j_{a}_{b}': All parameters must have"
                + " the same number of values when using 'zip' mode. Parameter 'a' has 2 values, but 'b' has 3"
                + " values."), errors("name: w\njobs:\n  - {name: 'j_{a}_{b}', command: c, parameter_mode: zip,"
                + " parameters: {a: '[1,2]', b: '[1,2,3]'}}\n"));
    }

    private static final String MULTI_NODE = """
            name: w
            jobs:
              - {name: big, command: c, scheduler: s, resource_requirements: one}
            resource_requirements: [{name: one, num_cpus: 1, memory: 1g}]
            slurm_schedulers: [{name: s, account: a, nodes: 2}]
            actions:
              - {trigger_type: on_workflow_start, action_type: schedule_nodes, scheduler_type: slurm, scheduler: s}
            """;

    @Test
    void multi_node_scheduler_without_multi_node_jobs_is_an_error_unless_checks_are_skipped() {
        String expected = "Scheduler node validation failed:\n  - Scheduler 's' allocates 2 nodes but none of the"
                + " jobs using it (big) have num_nodes=2 in their resource requirements. Either set num_nodes=2 on job"
                + " resource requirements, or set start_one_worker_per_node=true on the schedule_nodes action to run"
                + " independent workers on each node.";
        assertEquals(List.of(expected), errors(MULTI_NODE));
        assertEquals(expected, org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> Specs.resolveYaml(MULTI_NODE)).getMessage());
        ResolvedSpec r = SpecPipeline.resolve(Specs.yaml(MULTI_NODE), SpecOptions.defaults().withSkipChecks(true));
        assertEquals(1, r.jobs().size());
    }

    @Test
    void heterogeneous_schedulers_without_a_sort_method_give_torcs_warning() {
        ValidationResult v = Specs.dryRun("""
                name: w
                jobs: [{name: a, command: c}]
                slurm_schedulers: [{name: s1, account: a, gres: "gpu:1"}, {name: s2, account: a}]
                """);
        assertTrue(v.valid());
        assertTrue(v.warnings().get(0).startsWith("Workflow has 2 schedulers with different GPUs (gres) but 1 job(s)"
                + " have no explicit scheduler assignment and jobs_sort_method is not set."), v.warnings().toString());
    }

    @Test
    void all_problems_are_collected_in_one_dry_run() {
        List<String> errs = errors("""
                name: w
                files: [{name: f, path: a}, {name: f, path: b}]
                jobs:
                  - {name: a, command: c, depends_on: [nope], resource_requirements: missing}
                  - {name: a, command: c}
                """);
        assertEquals(List.of("Duplicate file name: 'f'", "Duplicate job name: 'a'",
                "Job 'a' depends_on non-existent job 'nope'",
                "Job 'a' references non-existent resource_requirements 'missing'"), errs);
        String create = Specs.createError("""
                name: w
                jobs:
                  - {name: a, command: c, depends_on: [nope], resource_requirements: missing}
                """);
        assertEquals("Blocking job 'nope' not found for job 'a'\n(1 more problem; 'torc workflows create --dry-run'"
                + " lists them all)", create);
    }

    @Test
    void dry_run_json_has_torcs_shape() {
        ValidationResult v = SpecPipeline.validate(Specs.repoRoot().resolve(
                "tests/workflows/database_contention_test/workflow.yaml"), SpecOptions.defaults());
        JsonNode j = v.toJson();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("valid", "errors", "warnings", "summary"), keys);
        List<String> summaryKeys = new ArrayList<>();
        j.get("summary").fieldNames().forEachRemaining(summaryKeys::add);
        assertEquals(List.of("workflow_name", "workflow_description", "job_count", "job_count_before_expansion",
                "file_count", "file_count_before_expansion", "user_data_count", "resource_requirements_count",
                "slurm_scheduler_count", "action_count", "has_schedule_nodes_action", "job_names",
                "scheduler_names"), summaryKeys);
        assertTrue(j.get("valid").asBoolean());
        assertEquals(5005, j.get("summary").get("job_count").asInt());
        assertEquals(10, j.get("summary").get("job_count_before_expansion").asInt());
        assertEquals(1, j.get("summary").get("resource_requirements_count").asInt());
        assertEquals(5005, j.get("summary").get("job_names").size());
        assertTrue(Specs.dryRun("name: w\njobs: []\n").toJson().get("summary").get("workflow_description").isNull());
    }

    @Test
    void text_report_matches_torcs_layout() {
        ValidationResult v = Specs.dryRun("""
                name: demo
                description: A demo
                jobs:
                  - {name: "j{i}", command: c, parameters: {i: "1:3"}}
                  - {name: x, command: c, depends_on: [nope]}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        v.print(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("""
                Workflow Validation Results
                ===========================

                Workflow: demo
                Description: A demo

                Components to be created:
                  Jobs: 4 (expanded from 2 parameterized job specs)
                  Files: 0
                  User data records: 0
                  Resource requirements: 0
                  Slurm schedulers: 0
                  Workflow actions: 0

                Submission: Local execution only (no on_workflow_start schedule_nodes action)

                """, out.toString(StandardCharsets.UTF_8));
        assertEquals("""
                Errors (1):
                  - Job 'x' depends_on non-existent job 'nope'

                Validation: FAILED
                """, err.toString(StandardCharsets.UTF_8));
        assertFalse(v.valid());
    }
}
