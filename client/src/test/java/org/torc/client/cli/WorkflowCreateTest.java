package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code torc workflows create} and {@code workflows execution-plan} against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowCreateTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    static Path repoRoot() {
        String prop = System.getProperty("torc.repo.root");
        Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) {
            p = p.toAbsolutePath().getParent();
        }
        return p.toAbsolutePath().normalize();
    }

    static final Path CONTENTION = repoRoot().resolve(
            "tests/workflows/database_contention_test/workflow.yaml");

    private long workflowsNamed(String name) {
        return cli.api().get("/workflows?name=" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8)).path("total_count").asLong();
    }

    @Test
    void the_seed_spec_creates_5005_uninitialized_jobs_with_9000_edges_in_well_under_5_seconds() {
        long t0 = System.nanoTime();
        TestCli.Result r = cli.runAs("seed", "-f", "json", "workflows", "create",
                CONTENTION.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("workflows create of the 5005-job contention spec: %.2f s%n", seconds);
        assertEquals(0, r.code(), r.toString());
        long id = r.json().path("workflow_id").asLong();
        assertEquals("success", r.json().path("status").asText());
        assertEquals("Workflow created successfully with ID: " + id,
                r.json().path("message").asText());
        assertTrue(seconds < 5, "create took " + seconds + " s");

        JsonNode page = cli.api().get("/jobs?workflow_id=" + id + "&limit=10000");
        assertEquals(5005, page.path("total_count").asLong());
        assertFalse(page.path("has_more").asBoolean());
        Map<String, JsonNode> byName = new HashMap<>();
        page.path("items").forEach(j -> byName.put(j.path("name").asText(), j));
        assertEquals(5005, byName.size());
        assertTrue(byName.containsKey("stage1_0000") && byName.containsKey("stage5_0999"));
        assertTrue(byName.containsKey("barrier_stage4_complete")
                && byName.containsKey("workflow_complete"));
        assertEquals("echo 'stage3 job 42'", byName.get("stage3_0042").path("command").asText());
        page.path("items").forEach(j -> assertEquals("uninitialized", j.path("status").asText()));
        JsonNode rrs = cli.api().get("/resource_requirements?workflow_id=" + id);
        assertEquals(2, rrs.path("total_count").asLong());
        assertEquals(9000, cli.api().get("/workflows/" + id + "/job_dependencies?limit=10000")
                .path("total_count").asLong());
        JsonNode wf = cli.api().get("/workflows/" + id);
        assertEquals("seed", wf.path("user").asText());
        assertEquals(90, wf.path("compute_node_wait_for_new_jobs_seconds").asLong());
        assertTrue(wf.path("resource_monitor_config").isTextual(), "default monitor injected");
    }

    @Test
    void table_output_is_one_line_and_no_resource_monitoring_leaves_the_monitor_out() throws Exception {
        Path spec = cli.dir().resolve("small.yaml");
        Files.writeString(spec, """
                name: small_create
                jobs:
                  - name: a
                    command: echo a
                  - name: b
                    command: echo b
                    depends_on: [a]
                """);
        TestCli.Result r = cli.runAs("smaller", "workflows", "create", spec.toString(),
                "--no-resource-monitoring");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().matches("Created workflow \\d+\n"), r.out());
        long id = Long.parseLong(r.out().trim().substring("Created workflow ".length()));
        assertFalse(cli.api().get("/workflows/" + id).has("resource_monitor_config"));
        JsonNode b = cli.api().get("/jobs?workflow_id=" + id + "&name=b&include_relationships=true")
                .path("items");
        assertEquals(1, cli.api().get("/workflows/" + id + "/job_dependencies").path("total_count")
                .asLong());
        assertEquals("uninitialized", b.get(0).path("status").asText());
    }

    @Test
    void an_invalid_spec_fails_and_leaves_no_workflow_behind() throws Exception {
        Path spec = cli.dir().resolve("rollback.yaml");
        Files.writeString(spec, """
                name: rollback_test_workflow
                jobs:
                  - name: job1
                    command: echo hi
                    resource_requirements: nonexistent_resource
                """);
        TestCli.Result r = cli.run("workflows", "create", spec.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("Error: Error creating workflow from spec: "), r.toString());
        assertTrue(r.err().contains("not found for job"), r.toString());
        assertEquals(0, workflowsNamed("rollback_test_workflow"));
    }

    @Test
    void dry_run_reports_the_summary_without_creating_anything() {
        TestCli.Result json = cli.runAs("dry", "-f", "json", "workflows", "create", "--dry-run",
                CONTENTION.toString());
        assertEquals(0, json.code(), json.toString());
        JsonNode v = json.json();
        assertTrue(v.path("valid").asBoolean());
        assertEquals(5005, v.path("summary").path("job_count").asInt());
        assertEquals(10, v.path("summary").path("job_count_before_expansion").asInt());
        assertEquals(1, v.path("summary").path("resource_requirements_count").asInt());
        assertEquals(0, workflowsNamed("Database Contention Stress Test - dry"));
        assertEquals("[]", cli.runAs("dry", "-f", "json", "workflows", "list").out().trim());

        TestCli.Result table = cli.runAs("dry", "workflows", "create", "--dry-run",
                CONTENTION.toString());
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().startsWith("Workflow Validation Results\n"), table.out());
        assertTrue(table.out().contains("  Jobs: 5005 (expanded from 10 parameterized job specs)"));
        assertTrue(table.out().trim().endsWith("Validation: PASSED"), table.out());
    }

    @Test
    void dry_run_of_an_invalid_spec_exits_1_with_every_error() throws Exception {
        Path spec = cli.dir().resolve("invalid.yaml");
        Files.writeString(spec, """
                name: invalid_dry_run
                jobs:
                  - name: a
                    command: echo a
                    depends_on: [missing_one]
                  - name: a
                    command: echo again
                """);
        TestCli.Result json = cli.run("-f", "json", "workflows", "create", "--dry-run",
                spec.toString());
        assertEquals(1, json.code(), json.toString());
        assertFalse(json.json().path("valid").asBoolean());
        assertTrue(json.json().path("errors").size() >= 2, json.out());
        TestCli.Result table = cli.run("workflows", "create", "--dry-run", spec.toString());
        assertEquals(1, table.code());
        assertTrue(table.err().contains("Validation: FAILED"), table.toString());
        assertEquals(0, workflowsNamed("invalid_dry_run"));
    }

    // ------------------------------------------------------------------ every example

    /** Jobs after expansion per example (acceptance checks §4). */
    static final Map<String, Integer> EXAMPLES = new LinkedHashMap<>();

    static {
        for (String f : List.of("yaml/hundred_jobs_parameterized.yaml",
                "json/hundred_jobs_parameterized.json5", "json/hundred_jobs_workflow.json5")) {
            EXAMPLES.put(f, 100);
        }
        EXAMPLES.put("kdl/hundred_jobs_parameterized.kdl", 101);
        EXAMPLES.put("kdl/mixed_workload.kdl", 121);
        for (String f : List.of("yaml/diamond_workflow.yaml", "json/diamond_workflow.json5",
                "kdl/diamond_workflow.kdl", "yaml/failure_handler_demo.yaml")) {
            EXAMPLES.put(f, 4);
        }
        for (String f : List.of("yaml/workflow_actions_simple.yaml",
                "json/workflow_actions_simple.json5", "kdl/workflow_actions_simple.kdl",
                "kdl/simple_slurm.kdl", "json/workflow_actions_simple_slurm.json5",
                "kdl/workflow_actions_simple_slurm.kdl", "kdl/workflow_actions_data_pipeline.kdl",
                "yaml/resource_monitoring_demo.yaml", "json/resource_monitoring_demo.json5",
                "kdl/resource_monitoring_demo.kdl", "yaml/sample_workflow.yaml",
                "json/sample_workflow.json", "json/sample_workflow.json5",
                "kdl/sample_workflow.kdl")) {
            EXAMPLES.put(f, 3);
        }
        EXAMPLES.put("yaml/workflow_actions_simple_slurm.yaml", 5);
        for (String f : List.of("yaml/failure_handler_simulation.yaml",
                "json/failure_handler_simulation.json", "kdl/failure_handler_simulation.kdl")) {
            EXAMPLES.put(f, 18);
        }
        EXAMPLES.put("yaml/simple_retry.yaml", 2);
        EXAMPLES.put("yaml/multi_stage_barrier_pattern.yaml", 2104);
        EXAMPLES.put("json/multi_stage_barrier_pattern.json5", 2104);
        for (String base : List.of("hyperparameter_sweep", "hyperparameter_sweep_shared_params")) {
            for (String f : List.of("yaml/" + base + ".yaml", "json/" + base + ".json5",
                    "kdl/" + base + ".kdl")) {
                EXAMPLES.put(f, 38);
            }
        }
        EXAMPLES.put("yaml/data_pipeline_parameterized.yaml", 36);
        EXAMPLES.put("json/data_pipeline_parameterized.json5", 36);
        EXAMPLES.put("yaml/simulation_sweep.yaml", 49);
        EXAMPLES.put("json/simulation_sweep.json5", 49);
        EXAMPLES.put("yaml/zip_parameter_mode.yaml", 8);
        EXAMPLES.put("json/zip_parameter_mode.json5", 6);
        EXAMPLES.put("kdl/zip_parameter_mode.kdl", 6);
        EXAMPLES.put("yaml/slurm_staged_pipeline.yaml", 12);
        EXAMPLES.put("json/slurm_staged_pipeline.json5", 12);
        EXAMPLES.put("kdl/slurm_staged_pipeline.kdl", 5);
        EXAMPLES.put("yaml/workflow_actions_data_pipeline.yaml", 14);
        EXAMPLES.put("json/workflow_actions_data_pipeline.json5", 14);
        EXAMPLES.put("yaml/workflow_actions_ml_training.yaml", 10);
        EXAMPLES.put("json/workflow_actions_ml_training.json5", 10);
        EXAMPLES.put("kdl/workflow_actions_ml_training.kdl", 5);
        for (String f : List.of("subgraphs_workflow", "subgraphs_workflow_no_slurm")) {
            for (String ext : List.of("yaml", "json5", "kdl")) {
                EXAMPLES.put("subgraphs/" + f + "." + ext, 15);
            }
        }
    }

    static Stream<String> examples() {
        return EXAMPLES.keySet().stream();
    }

    @Test
    void the_table_covers_every_example_file() throws Exception {
        Path root = repoRoot().resolve("examples");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> p.contains("/")).forEach(found::add);
        }
        assertEquals(found, new TreeSet<>(EXAMPLES.keySet()));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void every_example_creates_with_its_job_count(String example) {
        TestCli.Result r = cli.runAs("examples", "-f", "json", "workflows", "create",
                repoRoot().resolve("examples").resolve(example).toString());
        assertEquals(0, r.code(), example + "\n" + r);
        long id = r.json().path("workflow_id").asLong();
        assertEquals((long) EXAMPLES.get(example), cli.api().get("/jobs?workflow_id=" + id
                + "&limit=1").path("total_count").asLong(), example);
        assertEquals("examples", cli.api().get("/workflows/" + id).path("user").asText());
    }

    // ------------------------------------------------------------------ execution plans

    @Test
    void execution_plan_of_a_created_workflow_matches_the_plan_of_its_spec() {
        Path spec = repoRoot().resolve("examples/subgraphs/subgraphs_workflow_no_slurm.yaml");
        TestCli.Result fromSpec = cli.run("-f", "json", "workflows", "execution-plan",
                spec.toString());
        assertEquals(0, fromSpec.code(), fromSpec.toString());
        assertEquals("spec_file", fromSpec.json().path("source").asText());
        long id = cli.run("-f", "json", "workflows", "create", spec.toString()).json()
                .path("workflow_id").asLong();
        TestCli.Result fromDb = cli.run("-f", "json", "workflows", "execution-plan", "" + id);
        assertEquals(0, fromDb.code(), fromDb.toString());
        JsonNode db = fromDb.json();
        assertEquals("database", db.path("source").asText());
        assertEquals(id, db.path("workflow_id").asLong());
        assertEquals(15, db.path("total_jobs").asInt());
        assertEquals(readyByEvent(fromSpec.json()), readyByEvent(db));
        assertEquals(fromSpec.json().path("total_events").asInt(), db.path("total_events").asInt());

        TestCli.Result table = cli.run("workflows", "execution-plan", "" + id);
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().startsWith("\nWorkflow ID: " + id + "\nWorkflow: "), table.out());
        assertTrue(table.out().contains("Workflow Execution Plan (DAG)"));
        assertTrue(table.out().contains("▶ Workflow Start"));
    }

    /** Each event's id with the sorted names of the jobs it makes ready. */
    private static Map<String, List<String>> readyByEvent(JsonNode plan) {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode e : plan.path("events")) {
            List<String> jobs = new ArrayList<>();
            e.path("jobs_becoming_ready").forEach(j -> jobs.add(j.asText()));
            jobs.sort(null);
            out.put(e.path("id").asText(), jobs);
        }
        return out;
    }

    @Test
    void execution_plan_of_a_chain_built_with_cli_jobs_has_one_stage_per_link() {
        long id = cli.workflow("plan-chain", TestCli.USER);
        long a = cli.run("-f", "json", "jobs", "create", "" + id, "-n", "a", "-c", "echo a").json()
                .path("id").asLong();
        long b = cli.run("-f", "json", "jobs", "create", "" + id, "-n", "b", "-c", "echo b", "-b",
                "" + a).json().path("id").asLong();
        cli.run("jobs", "create", "" + id, "-n", "c", "-c", "echo c", "-b", "" + b);
        JsonNode plan = cli.run("-f", "json", "workflows", "execution-plan", "" + id).json();
        assertEquals(3, plan.path("total_events").asInt(), plan.toString());
        assertEquals(List.of("start"), List.of(plan.path("root_events").get(0).asText()));
        assertEquals(Map.of("start", List.of("a"), "after_a", List.of("b"), "after_b", List.of("c")),
                readyByEvent(plan));
    }

    @Test
    void execution_plan_of_a_missing_spec_or_workflow_is_an_error() {
        TestCli.Result missingFile = cli.run("workflows", "execution-plan", "no/such/spec.yaml");
        assertEquals(1, missingFile.code());
        assertTrue(missingFile.err().startsWith("Error: Error parsing workflow specification: "),
                missingFile.toString());
        TestCli.Result missingWorkflow = cli.run("workflows", "execution-plan", "987654");
        assertEquals(1, missingWorkflow.code());
        assertTrue(missingWorkflow.err().contains("(status: 404)"), missingWorkflow.toString());
    }
}
