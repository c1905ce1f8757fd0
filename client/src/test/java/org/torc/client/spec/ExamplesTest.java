package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torc.client.spec.Specs.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example spec parses, expands and resolves, with the job counts of acceptance checks §4. */
class ExamplesTest {
    /** Jobs after expansion, per example (acceptance checks §4; formats differ where upstream's files do). */
    static final Map<String, Integer> JOB_COUNTS = new LinkedHashMap<>();

    static {
        JOB_COUNTS.put("yaml/hundred_jobs_parameterized.yaml", 100);
        JOB_COUNTS.put("json/hundred_jobs_parameterized.json5", 100);
        JOB_COUNTS.put("json/hundred_jobs_workflow.json5", 100);
        JOB_COUNTS.put("kdl/hundred_jobs_parameterized.kdl", 101);
        JOB_COUNTS.put("kdl/mixed_workload.kdl", 121);
        JOB_COUNTS.put("yaml/diamond_workflow.yaml", 4);
        JOB_COUNTS.put("json/diamond_workflow.json5", 4);
        JOB_COUNTS.put("kdl/diamond_workflow.kdl", 4);
        JOB_COUNTS.put("yaml/workflow_actions_simple.yaml", 3);
        JOB_COUNTS.put("json/workflow_actions_simple.json5", 3);
        JOB_COUNTS.put("kdl/workflow_actions_simple.kdl", 3);
        JOB_COUNTS.put("kdl/simple_slurm.kdl", 3);
        JOB_COUNTS.put("yaml/workflow_actions_simple_slurm.yaml", 5);
        JOB_COUNTS.put("json/workflow_actions_simple_slurm.json5", 3);
        JOB_COUNTS.put("kdl/workflow_actions_simple_slurm.kdl", 3);
        JOB_COUNTS.put("kdl/workflow_actions_data_pipeline.kdl", 3);
        JOB_COUNTS.put("yaml/failure_handler_simulation.yaml", 18);
        JOB_COUNTS.put("json/failure_handler_simulation.json", 18);
        JOB_COUNTS.put("kdl/failure_handler_simulation.kdl", 18);
        JOB_COUNTS.put("yaml/failure_handler_demo.yaml", 4);
        JOB_COUNTS.put("yaml/simple_retry.yaml", 2);
        JOB_COUNTS.put("yaml/resource_monitoring_demo.yaml", 3);
        JOB_COUNTS.put("json/resource_monitoring_demo.json5", 3);
        JOB_COUNTS.put("kdl/resource_monitoring_demo.kdl", 3);
        JOB_COUNTS.put("yaml/multi_stage_barrier_pattern.yaml", 2104);
        JOB_COUNTS.put("json/multi_stage_barrier_pattern.json5", 2104);
        JOB_COUNTS.put("yaml/hyperparameter_sweep.yaml", 38);
        JOB_COUNTS.put("json/hyperparameter_sweep.json5", 38);
        JOB_COUNTS.put("kdl/hyperparameter_sweep.kdl", 38);
        JOB_COUNTS.put("yaml/hyperparameter_sweep_shared_params.yaml", 38);
        JOB_COUNTS.put("json/hyperparameter_sweep_shared_params.json5", 38);
        JOB_COUNTS.put("kdl/hyperparameter_sweep_shared_params.kdl", 38);
        JOB_COUNTS.put("yaml/data_pipeline_parameterized.yaml", 36);
        JOB_COUNTS.put("json/data_pipeline_parameterized.json5", 36);
        JOB_COUNTS.put("yaml/simulation_sweep.yaml", 49);
        JOB_COUNTS.put("json/simulation_sweep.json5", 49);
        JOB_COUNTS.put("yaml/zip_parameter_mode.yaml", 8);
        JOB_COUNTS.put("json/zip_parameter_mode.json5", 6);
        JOB_COUNTS.put("kdl/zip_parameter_mode.kdl", 6);
        JOB_COUNTS.put("yaml/sample_workflow.yaml", 3);
        JOB_COUNTS.put("json/sample_workflow.json", 3);
        JOB_COUNTS.put("json/sample_workflow.json5", 3);
        JOB_COUNTS.put("kdl/sample_workflow.kdl", 3);
        JOB_COUNTS.put("yaml/slurm_staged_pipeline.yaml", 12);
        JOB_COUNTS.put("json/slurm_staged_pipeline.json5", 12);
        JOB_COUNTS.put("kdl/slurm_staged_pipeline.kdl", 5);
        JOB_COUNTS.put("yaml/workflow_actions_data_pipeline.yaml", 14);
        JOB_COUNTS.put("json/workflow_actions_data_pipeline.json5", 14);
        JOB_COUNTS.put("yaml/workflow_actions_ml_training.yaml", 10);
        JOB_COUNTS.put("json/workflow_actions_ml_training.json5", 10);
        JOB_COUNTS.put("kdl/workflow_actions_ml_training.kdl", 5);
        for (String f : List.of("subgraphs_workflow", "subgraphs_workflow_no_slurm")) {
            for (String ext : List.of("yaml", "json5", "kdl")) {
                JOB_COUNTS.put("subgraphs/" + f + "." + ext, 15);
            }
        }
    }

    static Stream<String> examples() {
        return JOB_COUNTS.keySet().stream();
    }

    @Test
    void every_spec_file_in_examples_has_an_expected_job_count() throws IOException {
        Path root = Specs.repoRoot().resolve("examples");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.contains("/"))
                    .forEach(found::add);
        }
        assertEquals(new TreeSet<>(JOB_COUNTS.keySet()), found);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void example_resolves_to_its_job_count(String example) {
        ResolvedSpec r = SpecPipeline.resolve(Specs.example(example), SpecOptions.defaults());
        assertEquals(JOB_COUNTS.get(example), r.jobs().size(), example);
        ValidationResult v = SpecPipeline.validate(Specs.example(example), SpecOptions.defaults());
        assertEquals(JOB_COUNTS.get(example), v.summary().jobCount(), example);
        long levelled = r.creationLevels().stream().mapToLong(List::size).sum();
        assertEquals(r.jobs().size(), levelled, "every job is in exactly one creation level");
        for (ResolvedSpec.ResolvedJob j : r.jobs()) {
            for (int d : j.dependsOn()) {
                assertTrue(r.jobs().get(d).creationLevel() < j.creationLevel(),
                        () -> example + ": " + j.name() + " is created before its dependency");
            }
        }
        assertNotNull(ExecutionPlan.of(r));
    }

    @Test
    void dry_run_fails_only_where_upstream_examples_have_duplicate_job_names() {
        for (String example : JOB_COUNTS.keySet()) {
            ValidationResult v = SpecPipeline.validate(Specs.example(example), SpecOptions.defaults());
            for (String e : v.errors()) {
                assertTrue(e.startsWith("Duplicate job name: "), () -> example + ": " + e);
            }
        }
    }

    @Test
    void kdl_depends_on_job_is_honoured_in_examples() {
        ResolvedSpec r = SpecPipeline.resolve(Specs.example("kdl/sample_workflow.kdl"), SpecOptions.defaults());
        assertEquals(List.of("data_download"), job(r, "data_validation").dependsOnNames());
        assertEquals(List.of("data_validation"), job(r, "data_analysis").dependsOnNames());
        ResolvedSpec simple = SpecPipeline.resolve(Specs.example("kdl/workflow_actions_simple.kdl"),
                SpecOptions.defaults());
        assertEquals(3, simple.creationLevels().size());
    }

    @Test
    void kdl_mixed_workload_keeps_both_regexes() {
        ResolvedSpec r = SpecPipeline.resolve(Specs.example("kdl/mixed_workload.kdl"), SpecOptions.defaults());
        assertEquals(120, job(r, "postprocess").dependsOn().size(), "100 short jobs and 20 long jobs");
    }

    @Test
    void shared_parameters_give_the_same_jobs_as_repeated_ones() {
        for (String ext : List.of("yaml/%s.yaml", "json/%s.json5", "kdl/%s.kdl")) {
            ResolvedSpec a = SpecPipeline.resolve(Specs.example(String.format(ext, "hyperparameter_sweep")),
                    SpecOptions.defaults());
            ResolvedSpec b = SpecPipeline.resolve(
                    Specs.example(String.format(ext, "hyperparameter_sweep_shared_params")), SpecOptions.defaults());
            assertEquals(Specs.jobNames(a), Specs.jobNames(b), ext);
        }
    }

    @Test
    void zip_example_pairs_three_models() {
        ResolvedSpec r = SpecPipeline.resolve(Specs.example("yaml/zip_parameter_mode.yaml"), SpecOptions.defaults());
        List<String> train = Specs.jobNames(r).stream().filter(n -> n.startsWith("train_")).toList();
        assertEquals(List.of("train_cifar10_resnet", "train_mnist_cnn", "train_imagenet_transformer"), train);
    }

    @Test
    void diamond_is_the_same_workflow_in_yaml_json5_and_kdl() {
        // C13: same names, same substituted commands, same file sets, same dependencies.
        List<String> views = new ArrayList<>();
        for (String f : List.of("yaml/diamond_workflow.yaml", "json/diamond_workflow.json5", "kdl/diamond_workflow.kdl")) {
            ResolvedSpec r = SpecPipeline.resolve(Specs.example(f), SpecOptions.defaults());
            StringBuilder sb = new StringBuilder();
            for (ResolvedSpec.ResolvedJob j : r.jobs()) {
                sb.append(j.name()).append(" | ").append(j.command()).append(" | in=")
                        .append(new TreeSet<>(j.inputFileNames())).append(" out=")
                        .append(new TreeSet<>(j.outputFileNames())).append(" after=")
                        .append(new TreeSet<>(j.implicitDependsOn().stream().map(i -> r.jobs().get(i).name()).toList()))
                        .append(" explicit=").append(j.dependsOnNames()).append('\n');
            }
            r.files().forEach(file -> sb.append(file.name()).append('=').append(file.path()).append('\n'));
            views.add(sb.toString());
        }
        assertEquals(views.get(0), views.get(1), "yaml vs json5");
        assertEquals(views.get(0), views.get(2), "yaml vs kdl");
        assertTrue(views.get(0).contains("postprocess | bash tests/scripts/postprocess.sh -i f4.json -i f5.json -o f6.json"
                + " | in=[f4, f5] out=[f6] after=[work1, work2] explicit=[]"), views.get(0));
        assertTrue(views.get(0).contains("preprocess | bash tests/scripts/preprocess.sh -i f1.json -o f2.json -o f3.json"
                + " | in=[f1] out=[f2, f3] after=[] explicit=[]"), views.get(0));
    }

    @Test
    void subgraph_examples_have_six_events_in_four_stages_in_every_format() {
        for (String f : List.of("subgraphs_workflow", "subgraphs_workflow_no_slurm")) {
            List<List<String>> stageJobs = new ArrayList<>();
            for (String ext : List.of("yaml", "json5", "kdl")) {
                ResolvedSpec r = SpecPipeline.resolve(Specs.example("subgraphs/" + f + "." + ext),
                        SpecOptions.defaults());
                assertEquals("two_subgraph_pipeline", r.name());
                ExecutionPlan plan = ExecutionPlan.of(r);
                assertEquals(6, plan.events().size(), f + "." + ext);
                assertEquals(List.of("start"), plan.rootEvents());
                assertEquals(4, plan.stages().size(), f + "." + ext);
                List<String> flat = new ArrayList<>();
                plan.stages().forEach(s -> flat.add(s.jobsBecomingReady().toString()));
                stageJobs.add(flat);
            }
            assertEquals(stageJobs.get(0), stageJobs.get(1));
            assertEquals(stageJobs.get(0), stageJobs.get(2));
            assertEquals(List.of("[prep_a, prep_b]",
                    "[work_a_1, work_a_2, work_a_3, work_a_4, work_a_5, work_b_1, work_b_2, work_b_3, work_b_4, work_b_5]",
                    "[post_a, post_b]", "[final]"), stageJobs.get(0));
        }
    }
}
