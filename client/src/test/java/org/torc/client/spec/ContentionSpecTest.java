package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torc.client.spec.Specs.job;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.common.model.JobModel;

/** The seed scenario, tests/workflows/database_contention_test/workflow.yaml (C1–C3). */
class ContentionSpecTest {
    static ResolvedSpec spec;

    @BeforeAll
    static void load() {
        spec = SpecPipeline.resolve(Specs.repoRoot().resolve("tests/workflows/database_contention_test/workflow.yaml"),
                SpecOptions.defaults());
    }

    @Test
    void has_5005_jobs_with_torcs_names() {
        List<String> expected = new ArrayList<>();
        for (int stage = 1; stage <= 5; stage++) {
            for (int i = 0; i < 1000; i++) {
                expected.add(String.format("stage%d_%04d", stage, i));
            }
            expected.add(stage < 5 ? "barrier_stage" + stage + "_complete" : "workflow_complete");
        }
        assertEquals(5005, spec.jobs().size());
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(Specs.jobNames(spec)));
        assertEquals("stage1_0000", spec.jobs().get(0).name());
        assertEquals("stage1_0999", spec.jobs().get(999).name());
        assertEquals("barrier_stage1_complete", spec.jobs().get(1000).name());
    }

    @Test
    void commands_use_the_unpadded_value() {
        assertEquals("echo 'stage3 job 42'", job(spec, "stage3_0042").command());
        assertEquals("echo 'stage1 job 0'", job(spec, "stage1_0000").command());
    }

    @Test
    void has_9000_dependency_edges_with_anchored_barrier_regexes() {
        assertEquals(9000, spec.explicitDependencyCount());
        ResolvedSpec.ResolvedJob barrier = job(spec, "barrier_stage1_complete");
        assertEquals(1000, barrier.dependsOn().size());
        assertTrue(barrier.dependsOnNames().stream().allMatch(n -> n.matches("stage1_\\d+")));
        assertEquals(List.of("barrier_stage1_complete"), job(spec, "stage2_0000").dependsOnNames());
        assertEquals(1000, job(spec, "workflow_complete").dependsOn().size());
    }

    @Test
    void creation_levels_alternate_stages_and_barriers() {
        assertEquals(10, spec.creationLevels().size());
        assertEquals(1000, spec.creationLevels().get(0).size());
        assertEquals(1, spec.creationLevels().get(1).size());
        assertEquals(1000, spec.creationLevels().get(2).size());
        assertEquals(List.of(5004), spec.creationLevels().get(9));
    }

    @Test
    void every_job_uses_the_minimal_resource_requirements() {
        assertEquals(1, spec.resourceRequirements().size());
        assertEquals("minimal", spec.resourceRequirements().get(0).name());
        assertEquals("100m", spec.resourceRequirements().get(0).memory());
        assertTrue(spec.jobs().stream().allMatch(j -> j.resourceRequirements() == 0));
    }

    @Test
    void dry_run_summary_matches_c3() {
        ValidationResult v = SpecPipeline.validate(Specs.repoRoot().resolve(
                "tests/workflows/database_contention_test/workflow.yaml"), SpecOptions.defaults());
        assertTrue(v.valid(), v.errors().toString());
        assertEquals(5005, v.summary().jobCount());
        assertEquals(10, v.summary().jobCountBeforeExpansion());
        assertEquals(1, v.summary().resourceRequirementsCount());
        assertEquals("Database Contention Stress Test", v.summary().workflowName());
    }

    @Test
    void job_models_carry_dependency_ids_once_the_dependencies_exist() {
        SpecIds ids = new SpecIds(spec);
        ids.setResourceRequirements(0, 77);
        long next = 1000;
        for (List<Integer> level : spec.creationLevels()) {
            for (int j : level) {
                ids.setJob(j, next++);
            }
        }
        JobModel m = job(spec, "stage2_0005").toModel(3, ids);
        assertEquals(List.of(1000L + 1000), m.dependsOnJobIds(), "stage2 waits for the barrier, created 1001st");
        assertEquals(77L, m.resourceRequirementsId());
        assertEquals(3L, m.workflowId());
    }

    @Test
    void execution_plan_has_ten_stages() {
        ExecutionPlan plan = ExecutionPlan.of(spec);
        assertEquals(10, plan.stages().size());
        assertEquals(1000, plan.stages().get(0).jobsBecomingReady().size());
        assertEquals(List.of("barrier_stage1_complete"), plan.stages().get(1).jobsBecomingReady());
        assertEquals("When 1000 jobs complete ('stage1_0000', 'stage1_0001'...)", plan.stages().get(1).triggerDescription());
        assertEquals(List.of("workflow_complete"), plan.stages().get(9).jobsBecomingReady());
    }
}
