package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torc.client.spec.Specs.job;
import static org.torc.client.spec.Specs.jobNames;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torc.client.spec.model.JobSpec;
import org.torc.client.spec.model.WorkflowSpec;
import org.torc.client.spec.params.ParameterExpander;

/** How parameterized jobs and files expand (client spec §2.5). */
class ParameterExpansionTest {
    private static WorkflowSpec expanded(String yaml) {
        ParameterExpander.Expansion ex = ParameterExpander.expand(Specs.yaml(yaml), 1_000_000);
        assertTrue(ex.ok(), () -> "expansion failed: " + ex.errors());
        return ex.spec();
    }

    private static List<String> names(WorkflowSpec spec) {
        return spec.jobs().stream().map(JobSpec::name).toList();
    }

    @Test
    void product_varies_the_first_parameter_slowest() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - name: "j_{a}_{b}"
                    command: "echo {a} {b}"
                    parameters: {a: "[x,y]", b: "1:3"}
                """);
        assertEquals(List.of("j_x_1", "j_x_2", "j_x_3", "j_y_1", "j_y_2", "j_y_3"), names(s));
        assertEquals("echo y 2", s.jobs().get(4).command());
    }

    @Test
    void declared_order_decides_the_nesting() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - name: "j_{a}_{b}"
                    command: c
                    parameters: {b: "1:2", a: "[x,y]"}
                """);
        assertEquals(List.of("j_x_1", "j_y_1", "j_x_2", "j_y_2"), names(s));
    }

    @Test
    void zip_pairs_values_by_position() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - name: "train_{dataset}_{model}"
                    command: c
                    parameters:
                      dataset: "['cifar10', 'mnist', 'imagenet']"
                      model: "['resnet', 'cnn', 'transformer']"
                    parameter_mode: zip
                """);
        assertEquals(List.of("train_cifar10_resnet", "train_mnist_cnn", "train_imagenet_transformer"), names(s));
    }

    @Test
    void zip_with_unequal_lengths_fails_with_torcs_message() {
        ParameterExpander.Expansion ex = ParameterExpander.expand(Specs.yaml("""
                name: w
                jobs:
                  - name: "j_{a}_{b}"
                    command: c
                    parameters: {a: "[1,2,3]", b: "[x,y]"}
                    parameter_mode: zip
                """), 1_000_000);
        assertEquals(List.of("Failed to expand job 'j_{a}_{b}': All parameters must have the same number of values"
                + " when using 'zip' mode. Parameter 'a' has 3 values, but 'b' has 2 values."), ex.errors());
    }

    @Test
    void any_mode_other_than_zip_is_a_product() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - name: "j_{a}_{b}"
                    command: c
                    parameters: {a: "[1,2]", b: "[x,y]"}
                    parameter_mode: Zip
                """);
        assertEquals(4, s.jobs().size());
    }

    @Test
    void empty_list_parameter_gives_zero_jobs() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - {name: "j_{a}", command: c, parameters: {a: "[]"}}
                  - {name: other, command: c}
                """);
        assertEquals(List.of("other"), names(s));
    }

    @Test
    void hundred_jobs_are_named_with_zero_padding() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - {name: "job_{i:03d}", command: "echo {i}", parameters: {i: "1:100"}}
                """);
        assertEquals(100, s.jobs().size());
        assertEquals("job_001", s.jobs().get(0).name());
        assertEquals("job_100", s.jobs().get(99).name());
        assertEquals("echo 1", s.jobs().get(0).command());
    }

    @Test
    void use_parameters_inherits_only_the_named_workflow_parameters() {
        WorkflowSpec s = expanded("""
                name: w
                parameters: {a: "[1,2]", b: "[x,y,z]"}
                jobs:
                  - {name: "j_{a}_{b}", command: c, use_parameters: [a]}
                """);
        assertEquals(List.of("j_1_{b}", "j_2_{b}"), names(s));
    }

    @Test
    void inherited_parameters_follow_the_use_parameters_order() {
        WorkflowSpec s = expanded("""
                name: w
                parameters: {a: "[1,2]", b: "[x,y]"}
                jobs:
                  - {name: "j_{a}_{b}", command: c, use_parameters: [b, a]}
                """);
        assertEquals(List.of("j_1_x", "j_2_x", "j_1_y", "j_2_y"), names(s));
    }

    @Test
    void local_parameters_replace_inherited_ones_entirely() {
        WorkflowSpec s = expanded("""
                name: w
                parameters: {a: "[1,2]", b: "[x,y]"}
                jobs:
                  - {name: "j_{a}_{b}", command: c, parameters: {a: "[9]"}, use_parameters: [a, b]}
                """);
        assertEquals(List.of("j_9_{b}"), names(s));
    }

    @Test
    void unknown_use_parameters_are_ignored_and_workflow_parameters_are_not_inherited_by_default() {
        WorkflowSpec s = expanded("""
                name: w
                parameters: {a: "[1,2]"}
                jobs:
                  - {name: "j_{a}", command: c, use_parameters: [nope]}
                  - {name: "k_{a}", command: c}
                """);
        assertEquals(List.of("j_{a}", "k_{a}"), names(s));
    }

    @Test
    void files_expand_their_name_and_path() {
        WorkflowSpec s = expanded("""
                name: w
                parameters: {i: "1:2"}
                jobs: []
                files:
                  - {name: "out_{i}", path: "/data/out_{i:02d}.txt", use_parameters: [i]}
                  - {name: plain, path: /p}
                """);
        assertEquals(3, s.files().size());
        assertEquals("out_2", s.files().get(1).name());
        assertEquals("/data/out_02.txt", s.files().get(1).path());
        assertEquals("plain", s.files().get(2).name());
    }

    @Test
    void exactly_torcs_job_fields_are_substituted() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - name: "n{i}"
                    command: "c{i}"
                    invocation_script: "s{i}"
                    resource_requirements: "rr{i}"
                    scheduler: "sch{i}"
                    failure_handler: "fh{i}"
                    depends_on: ["d{i}"]
                    depends_on_regexes: ["dr{i}"]
                    input_files: ["if{i}"]
                    output_files: ["of{i}"]
                    input_user_data: ["iu{i}"]
                    output_user_data: ["ou{i}"]
                    input_file_regexes: ["ifr{i}"]
                    output_file_regexes: ["ofr{i}"]
                    input_user_data_regexes: ["iur{i}"]
                    output_user_data_regexes: ["our{i}"]
                    parameters: {i: "7"}
                """);
        JobSpec j = s.jobs().get(0);
        assertEquals("n7", j.name());
        assertEquals("c7", j.command());
        assertEquals("s7", j.invocationScript());
        assertEquals("rr7", j.resourceRequirements());
        assertEquals("sch7", j.scheduler());
        assertEquals("fh{i}", j.failureHandler(), "torc does not substitute failure_handler");
        assertEquals(List.of("d7"), j.dependsOn());
        assertEquals(List.of("dr7"), j.dependsOnRegexes());
        assertEquals(List.of("if7"), j.inputFiles());
        assertEquals(List.of("of7"), j.outputFiles());
        assertEquals(List.of("iu7"), j.inputUserData());
        assertEquals(List.of("ou7"), j.outputUserData());
        assertEquals(List.of("ifr7"), j.inputFileRegexes());
        assertEquals(List.of("ofr7"), j.outputFileRegexes());
        assertEquals(List.of("iur7"), j.inputUserDataRegexes());
        assertEquals(List.of("our7"), j.outputUserDataRegexes());
        assertNull(j.parameters());
    }

    @Test
    void regex_fields_are_not_escaped() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - {name: "a{x}", command: c, depends_on_regexes: ["^b{x}$"], parameters: {x: "[1.5]"}}
                """);
        assertEquals(List.of("^b1.5$"), s.jobs().get(0).dependsOnRegexes());
    }

    @Test
    void float_parameters_format_like_rust() {
        WorkflowSpec s = expanded("""
                name: w
                jobs:
                  - {name: "lr{lr:.4f}_{lr}", command: "x={lr}", parameters: {lr: "[0.0001,0.001,1.0,1e-7]"}}
                """);
        assertEquals(List.of("lr0.0001_{lr}", "lr0.0010_{lr}", "lr1.0000_{lr}", "lr0.0000_{lr}"), names(s));
        assertEquals(List.of("x=0.0001", "x=0.001", "x=1", "x=0.0000001"),
                s.jobs().stream().map(JobSpec::command).toList());
    }

    @Test
    void hyperparameter_sweep_names_match_torc() {
        ResolvedSpec r = SpecPipeline.resolve(Specs.example("yaml/hyperparameter_sweep.yaml"), SpecOptions.defaults());
        assertTrue(jobNames(r).contains("train_lr0.0001_bs16_optadam"), () -> jobNames(r).toString());
        assertEquals("train_lr0.0001_bs16_optadam", r.jobs().get(2).name());
        assertEquals("train_lr0.0001_bs16_optsgd", r.jobs().get(3).name());
        assertEquals("train_lr0.0100_bs64_optsgd", r.jobs().get(19).name());
        String command = job(r, "train_lr0.0010_bs32_optadam").command();
        // torc's first-occurrence quirk, visible in its own example: the command also holds
        // {lr:.4f}, so the plain {lr} is left as written.
        assertTrue(command.contains("--learning-rate={lr} "), command);
        assertTrue(command.contains("--batch-size=32 "), command);
        assertTrue(command.contains("model_lr0.0010_bs32_optadam.pt"), command);
    }

    @Test
    void expansion_larger_than_the_limit_is_refused_before_building_anything() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                jobs:
                  - {name: "a_{i}_{j}", command: c, parameters: {i: "0:999999999", j: "0:999999999", k: "0:99"}}
                  - {name: b, command: c}
                """);
        ParameterExpander.Expansion ex = ParameterExpander.expand(spec, 1_000_000);
        assertEquals(List.of("Parameter expansion would create more than 9223372036854775807 jobs, more than the"
                + " limit of 1000000 (job 'a_{i}_{j}' alone expands to more than 9223372036854775807)"), ex.errors());
        String create = Specs.createError("""
                name: w
                jobs:
                  - {name: "a_{i}", command: c, parameters: {i: "1:600000"}}
                  - {name: "b_{i}", command: c, parameters: {i: "1:600000"}}
                """);
        assertEquals("Parameter expansion would create 1200000 jobs, more than the limit of 1000000"
                + " (job 'a_{i}' alone expands to 600000)", create);
    }

    @Test
    void the_limit_is_configurable() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                jobs:
                  - {name: "a_{i}", command: c, parameters: {i: "1:20"}}
                """);
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> SpecPipeline.resolve(spec, SpecOptions.defaults().withMaxJobs(10)));
        assertTrue(e.getMessage().startsWith("Parameter expansion would create 20 jobs, more than the limit of 10"));
    }

    @Test
    void file_expansion_errors_name_the_file() {
        ValidationResult v = Specs.dryRun("""
                name: w
                jobs: []
                files:
                  - {name: "f_{i}", path: p, parameters: {i: "1:2:0"}}
                """);
        assertEquals(List.of("Parameter expansion failed: Failed to expand file 'f_{i}': Step cannot be zero"),
                v.errors());
    }
}
