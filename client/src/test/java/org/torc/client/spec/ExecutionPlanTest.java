package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code torc workflows execution-plan} from a spec: events, stages, allocations. */
class ExecutionPlanTest {
    private static ExecutionPlan plan(String example) {
        return ExecutionPlan.of(SpecPipeline.resolve(Specs.example(example), SpecOptions.defaults()));
    }

    private static ExecutionPlan.Event event(ExecutionPlan p, String id) {
        return p.events().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no event " + id + " in "
                        + p.events().stream().map(ExecutionPlan.Event::id).toList()));
    }

    @Test
    void events_group_jobs_that_wait_for_the_same_jobs() {
        ExecutionPlan p = plan("subgraphs/subgraphs_workflow.yaml");
        assertEquals(List.of("start", "after_prep_a", "after_prep_b", "after_work_a_jobs", "after_work_b_jobs",
                "after_post_jobs"), p.events().stream().map(ExecutionPlan.Event::id).toList());
        assertEquals(List.of("work_a_1", "work_a_2", "work_a_3", "work_a_4", "work_a_5"),
                event(p, "after_prep_a").jobsBecomingReady());
        assertEquals(List.of("after_work_a_jobs", "after_work_b_jobs"), event(p, "after_post_jobs").dependsOnEvents());
        assertEquals(List.of("after_post_jobs"), p.leafEvents());
        assertEquals("When jobs 'post_a', 'post_b' complete", event(p, "after_post_jobs").triggerDescription());
    }

    @Test
    void schedule_nodes_actions_become_allocations_of_their_events() {
        ExecutionPlan p = plan("subgraphs/subgraphs_workflow.yaml");
        ExecutionPlan.SchedulerAllocation start = event(p, "start").schedulerAllocations().get(0);
        assertEquals("prep_sched", start.scheduler());
        assertEquals(List.of("prep_a", "prep_b"), start.jobs());
        ExecutionPlan.SchedulerAllocation work = event(p, "after_prep_a").schedulerAllocations().get(0);
        assertEquals("work_a_sched", work.scheduler());
        assertEquals("slurm", work.schedulerType());
        assertEquals(1, work.numAllocations());
        assertEquals(5, work.jobs().size());
        assertEquals(2, p.stages().get(1).schedulerAllocations().size());
        assertEquals("When job 'prep_a' completes AND When job 'prep_b' completes",
                p.stages().get(1).triggerDescription());
    }

    @Test
    void json_has_torcs_shape() {
        JsonNode j = plan("subgraphs/subgraphs_workflow_no_slurm.yaml").toJson();
        assertEquals("success", j.get("status").asText());
        assertEquals("spec_file", j.get("source").asText());
        assertEquals("two_subgraph_pipeline", j.get("workflow_name").asText());
        assertEquals(6, j.get("total_events").asInt());
        assertEquals(15, j.get("total_jobs").asInt());
        JsonNode start = j.get("events").get(0);
        assertEquals("{\"type\":\"WorkflowStart\"}", start.get("trigger").toString());
        assertEquals("{\"type\":\"JobsComplete\",\"data\":{\"jobs\":[\"prep_a\"]}}",
                j.get("events").get(1).get("trigger").toString());
        assertTrue(start.has("scheduler_allocations") && start.has("unlocks_events"));
    }

    @Test
    void text_output_compacts_numbered_jobs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        plan("yaml/hundred_jobs_parameterized.yaml").print(new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Total Jobs: 100"), text);
        assertTrue(text.contains("    • job_{001..100}"), text);
        assertTrue(text.contains("▶ Workflow Start"), text);
    }

    @Test
    void compaction_keeps_short_runs_and_other_names() {
        assertEquals(List.of("a_{1..4}", "a_7", "b"),
                ExecutionPlan.compact(List.of("a_1", "a_2", "a_3", "a_4", "a_7", "b")));
        assertEquals(List.of("x", "y"), ExecutionPlan.compact(List.of("x", "y")));
    }
}
