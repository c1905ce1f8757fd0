package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torc.client.spec.model.JobSpec;
import org.torc.client.spec.model.WorkflowSpec;

/** KDL specs (§2.9), including the deliberate fixes of torc 0.10's KDL quirks. */
class KdlMappingTest {
    private static String error(String kdl) {
        return assertThrows(SpecException.class, () -> Specs.kdl(kdl)).getMessage();
    }

    @Test
    void top_level_scalars_and_parameters() {
        WorkflowSpec s = Specs.kdl("""
                name "w"
                user "u"
                description "d"
                project "p"
                metadata "{}"
                compute_node_expiration_buffer_seconds 30
                compute_node_wait_for_new_jobs_seconds 0
                compute_node_ignore_workflow_completion #true
                compute_node_wait_for_healthy_database_minutes 5
                jobs_sort_method "none"
                use_pending_failed #false
                parameters {
                    i "1:3"
                    name "[a,b]"
                }
                """);
        assertEquals("w", s.name());
        assertEquals("p", s.project());
        assertEquals(30L, s.computeNodeExpirationBufferSeconds());
        assertEquals(Boolean.TRUE, s.computeNodeIgnoreWorkflowCompletion());
        assertEquals("none", s.jobsSortMethod());
        assertEquals(List.of("i", "name"), List.copyOf(s.parameters().keySet()));
        assertEquals(List.of(), s.jobs(), "jobs is always present, possibly empty");
    }

    @Test
    void job_fields_written_as_child_nodes() {
        JobSpec j = Specs.kdl("""
                name "w"
                job "a" {
                    command "echo"
                    invocation_script "bash"
                    cancel_on_blocking_job_failure #false
                    supports_termination #true
                    resource_requirements "rr"
                    failure_handler "fh"
                    scheduler "s"
                    depends_on "x"
                    depends_on "y"
                    depends_on_regexes "^z"
                    input_file "f1"
                    output_file "f2"
                    input_user_data "u1"
                    output_user_data "u2"
                    parameter_mode "zip"
                    use_parameters "p" "q"
                }
                """).jobs().get(0);
        assertEquals("a", j.name());
        assertEquals("bash", j.invocationScript());
        assertEquals(Boolean.FALSE, j.cancelOnBlockingJobFailure());
        assertEquals(List.of("x", "y"), j.dependsOn());
        assertEquals(List.of("^z"), j.dependsOnRegexes());
        assertEquals(List.of("f1"), j.inputFiles());
        assertEquals(List.of("u2"), j.outputUserData());
        assertEquals(List.of("p", "q"), j.useParameters());
        assertEquals("zip", j.parameterMode());
        assertNull(j.inputFileRegexes());
    }

    @Test
    void depends_on_job_is_an_alias_of_depends_on() {
        // torc 0.10 silently dropped depends_on_job, losing the dependencies of its own examples.
        JobSpec j = Specs.kdl("""
                name "w"
                job "b" {
                    command "c"
                    depends_on_job "a"
                    depends_on "z"
                }
                """).jobs().get(0);
        assertEquals(List.of("a", "z"), j.dependsOn());
    }

    @Test
    void every_depends_on_regexes_argument_is_kept() {
        // torc 0.10 kept only the first argument.
        JobSpec j = Specs.kdl("""
                name "w"
                job "post" {
                    command "c"
                    depends_on_regexes "short_job_\\\\d+" "long_job_\\\\d+"
                }
                """).jobs().get(0);
        assertEquals(List.of("short_job_\\d+", "long_job_\\d+"), j.dependsOnRegexes());
    }

    @Test
    void plural_file_nodes_and_regex_lists_are_accepted() {
        JobSpec j = Specs.kdl("""
                name "w"
                job "a" {
                    command "c"
                    input_files "f1" "f2"
                    output_files "f3"
                    input_file_regexes "^in"
                    output_user_data_regexes "^ud"
                }
                """).jobs().get(0);
        assertEquals(List.of("f1", "f2"), j.inputFiles());
        assertEquals(List.of("f3"), j.outputFiles());
        assertEquals(List.of("^in"), j.inputFileRegexes());
        assertEquals(List.of("^ud"), j.outputUserDataRegexes());
    }

    @Test
    void files_take_their_path_as_property_or_child() {
        WorkflowSpec s = Specs.kdl("""
                name "w"
                file "a" path="/a"
                file "b_{i}" {
                    path "/b_{i}"
                    parameters { i "1:2"; }
                    parameter_mode "product"
                }
                """);
        assertEquals("/a", s.files().get(0).path());
        assertEquals("/b_{i}", s.files().get(1).path());
        assertEquals("1:2", s.files().get(1).parameters().get("i"));
        assertTrue(error("name \"w\"\nfile \"a\"\n").endsWith("file 'a' has no path (write file \"a\" path=\"...\")"));
    }

    @Test
    void user_data_is_parsed_from_a_json_string() {
        WorkflowSpec s = Specs.kdl("""
                name "w"
                user_data "meta" {
                    is_ephemeral #true
                    data "{\\"b\\": [1, 2], \\"a\\": \\"x\\"}"
                }
                user_data {
                    data "5"
                }
                """);
        assertEquals("{\"b\":[1,2],\"a\":\"x\"}", s.userData().get(0).data().toString());
        assertEquals(Boolean.TRUE, s.userData().get(0).isEphemeral());
        assertNull(s.userData().get(1).name());
        assertTrue(error("name \"w\"\nuser_data \"u\" { is_ephemeral #true; }\n").endsWith("user_data 'u' has no data"
                + " (write data \"<json>\" in its block)"));
        assertTrue(error("name \"w\"\nuser_data \"u\" { data \"{oops\"; }\n").contains("user_data 'u': data is not"
                + " valid JSON: "));
    }

    @Test
    void resource_requirements_schedulers_handlers_actions_monitor_and_slurm_defaults() {
        WorkflowSpec s = Specs.kdl("""
                name "w"
                resource_requirements "rr" { num_cpus 2; num_gpus 1; num_nodes 1; memory "4g"; runtime "PT30M"; }
                slurm_scheduler "s" { account "a"; nodes 2; ntasks_per_node 4; walltime "02:00:00"; }
                failure_handler "fh" {
                    rule { exit_codes 10 11; recovery_script "r.sh"; max_retries 2; }
                    rule { match_all_exit_codes #true; }
                }
                action {
                    trigger_type "on_jobs_ready"
                    action_type "schedule_nodes"
                    scheduler "s"
                    scheduler_type "slurm"
                    job "a"
                    jobs "b" "c"
                    job_name_regexes "^d"
                    num_allocations 3
                    start_one_worker_per_node #true
                    max_parallel_jobs 8
                    persistent #true
                }
                action {
                    trigger_type "on_workflow_start"
                    action_type "run_commands"
                    command "echo 1"
                    command "echo 2"
                }
                resource_monitor { enabled #true; granularity "time_series"; sample_interval_seconds 2; unknown 1; }
                slurm_defaults { qos "high"; mail-type "END"; exclusive #true; }
                """);
        assertEquals(2, s.resourceRequirements().get(0).numCpus());
        assertEquals("PT30M", s.resourceRequirements().get(0).runtime());
        assertEquals(4L, s.slurmSchedulers().get(0).ntasksPerNode());
        assertEquals(List.of(10, 11), s.failureHandlers().get(0).rules().get(0).exitCodes());
        assertTrue(s.failureHandlers().get(0).rules().get(1).matchAllExitCodes());
        assertEquals(3, s.failureHandlers().get(0).rules().get(1).maxRetries());
        var a = s.actions().get(0);
        assertEquals(List.of("a", "b", "c"), a.jobs());
        assertEquals(3L, a.numAllocations());
        assertEquals(8, a.maxParallelJobs());
        assertEquals(List.of("echo 1", "echo 2"), s.actions().get(1).commands());
        assertEquals("time_series", s.resourceMonitor().granularity());
        assertEquals(2, s.resourceMonitor().sampleIntervalSeconds());
        assertEquals("END", s.slurmDefaults().get("mail-type").asText());
    }

    @Test
    void unknown_nodes_are_errors_instead_of_being_ignored() {
        assertEquals("test.kdl:2:1: unknown top-level node 'jobz'; expected one of: name, user, description, project,"
                        + " metadata, compute_node_expiration_buffer_seconds, compute_node_wait_for_new_jobs_seconds,"
                        + " compute_node_ignore_workflow_completion, compute_node_wait_for_healthy_database_minutes,"
                        + " jobs_sort_method, use_pending_failed, parameters, job, file, user_data,"
                        + " resource_requirements, failure_handler, slurm_scheduler, action, resource_monitor,"
                        + " slurm_defaults",
                error("name \"w\"\njobz \"a\"\n"));
        String e = error("name \"w\"\njob \"a\" {\n    command \"c\"\n    depends_on_regex \"x\"\n}\n");
        assertTrue(e.startsWith("test.kdl:4:5: unknown child of job 'a' 'depends_on_regex' (did you mean"
                + " depends_on_regexes?); expected one of: command,"), e);
    }

    @Test
    void values_must_have_the_right_shape_and_type() {
        assertTrue(error("name \"w\"\nparameters { i 5; }\n").contains("Parameter 'i' must have a string value"));
        assertTrue(error("name \"w\"\njob \"a\" { command \"x\" \"y\"; }\n")
                .endsWith("job 'a': 'command' takes exactly one value, got 2"));
        assertTrue(error("name \"w\"\njob \"a\" { command \"x\"; command \"y\"; }\n")
                .contains("'command' is given more than once (first at test.kdl:2:11)"));
        assertTrue(error("name \"w\"\njob \"a\" x=1 { command \"x\"; }\n").contains("job 'a': unexpected property 'x'"));
        assertTrue(error("name \"w\"\nresource_requirements \"r\" { num_cpus \"2\"; memory \"1g\"; }\n")
                .endsWith("resource_requirements[0].num_cpus: invalid type: string \"2\", expected an integer (i64)"));
        assertTrue(error("name \"w\"\njob { command \"x\"; }\n").contains("job must have exactly one argument, its name"));
        assertTrue(error("job \"a\" { command \"x\"; }\n").endsWith("missing field 'name'"));
    }

    @Test
    void kdl_syntax_errors_keep_their_position() {
        assertEquals("test.kdl:1:6: bare 'true' is not allowed in KDL 2; write #true or \"true\"", error("name true\n"));
    }
}
