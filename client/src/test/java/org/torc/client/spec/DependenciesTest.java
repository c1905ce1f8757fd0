package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.torc.client.spec.Specs.job;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Client-side dependency resolution (§2.6, §2.8 step 8). */
class DependenciesTest {
    @Test
    void dependency_regexes_search_rather_than_match_the_whole_name() {
        // C16
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                jobs:
                  - {name: preprocess, command: c}
                  - {name: work_1, command: c, depends_on: [preprocess]}
                  - {name: work_2, command: c, depends_on: [preprocess]}
                  - {name: work_3, command: c, depends_on: [preprocess]}
                  - {name: postprocess, command: c, depends_on_regexes: ["work_.*"]}
                  - {name: summary, command: c, depends_on_regexes: ["ost"]}
                """);
        assertEquals(List.of("work_1", "work_2", "work_3"), job(r, "postprocess").dependsOnNames());
        assertEquals(List.of("postprocess"), job(r, "summary").dependsOnNames());
        assertEquals(List.of(List.of(0), List.of(1, 2, 3), List.of(4), List.of(5)), r.creationLevels());
    }

    @Test
    void regex_classes_are_unicode_aware_like_rust() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                jobs:
                  - {name: "job_٣", command: c}
                  - {name: after, command: c, depends_on_regexes: ['^job_\\d$']}
                """);
        assertEquals(List.of("job_٣"), job(r, "after").dependsOnNames());
    }

    @Test
    void rust_named_groups_are_accepted() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                jobs:
                  - {name: a1, command: c}
                  - {name: b, command: c, depends_on_regexes: ['^(?P<x>a)\\d']}
                """);
        assertEquals(List.of("a1"), job(r, "b").dependsOnNames());
    }

    @Test
    void names_and_regexes_are_merged_without_duplicates() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                jobs:
                  - {name: a, command: c}
                  - {name: b, command: c}
                  - {name: z, command: c, depends_on: [b, a, b], depends_on_regexes: ["^a$", "^[ab]$"]}
                """);
        assertEquals(List.of("b", "a"), job(r, "z").dependsOnNames());
    }

    @Test
    void a_name_shared_by_several_jobs_means_all_of_them() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                jobs:
                  - {name: "agg", command: "c {i}", parameters: {i: "1:3"}}
                  - {name: final, command: c, depends_on: [agg]}
                """);
        assertEquals(List.of(0, 1, 2), job(r, "final").dependsOn());
    }

    @Test
    void parameterized_dependencies_pair_up() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                jobs:
                  - {name: "train_{i}", command: c, parameters: {i: "1:3"}}
                  - {name: "eval_{i}", command: c, depends_on: ["train_{i}"], parameters: {i: "1:3"}}
                """);
        assertEquals(List.of("train_2"), job(r, "eval_2").dependsOnNames());
        assertEquals(2, r.creationLevels().size());
    }

    @Test
    void creation_levels_keep_spec_order_and_use_explicit_dependencies_only() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files: [{name: f, path: f.txt}]
                jobs:
                  - {name: consumer, command: "cat ${files.input.f}"}
                  - {name: late, command: c, depends_on: [producer]}
                  - {name: producer, command: "echo > ${files.output.f}"}
                """);
        assertEquals(List.of(List.of(0, 2), List.of(1)), r.creationLevels());
        assertEquals(List.of(2), job(r, "consumer").implicitDependsOn());
        assertEquals(List.of(), job(r, "consumer").dependsOn());
    }

    @Test
    void user_data_producers_are_implicit_dependencies() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                user_data: [{name: ud1}, {name: ud2}, {name: ud3}]
                jobs:
                  - {name: job1, command: c, input_user_data: [ud1], output_user_data: [ud2]}
                  - {name: job2, command: c, input_user_data: [ud2], output_user_data: [ud3]}
                  - {name: job3, command: c, input_user_data: [ud3]}
                """);
        assertEquals(List.of(0), job(r, "job2").implicitDependsOn());
        assertEquals(List.of(1), job(r, "job3").implicitDependsOn());
        assertEquals(List.of("ud2"), job(r, "job2").inputUserDataNames());
        assertEquals(3, ExecutionPlan.of(r).stages().size());
    }

    @Test
    void file_regexes_resolve_to_files() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files:
                  - {name: "part_{i}", path: "p{i}", parameters: {i: "1:3"}}
                  - {name: other, path: o}
                jobs:
                  - {name: "make_{i}", command: c, output_files: ["part_{i}"], parameters: {i: "1:3"}}
                  - {name: merge, command: c, input_file_regexes: ["^part_"]}
                """);
        assertEquals(List.of("part_1", "part_2", "part_3"), job(r, "merge").inputFileNames());
        assertEquals(List.of(0, 1, 2), job(r, "merge").implicitDependsOn());
    }
}
