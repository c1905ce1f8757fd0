package org.torc.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.api.TorcApi;
import org.torc.common.Json;

/** Example specs run end to end by `torc run`, as users run them (acceptance checks C12, C19-C21). */
class ExamplesIT {
    @TempDir
    static Path dir;
    static ServerProcess server;
    static TorcApi api;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(dir);
        api = new TorcApi(server.url(), "tester", null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        assertEquals(List.of(), server.errorLines());
    }

    /** A working directory with the diamond's scripts and its input file, like the repo root. */
    static Path diamondWorkdir(String name) throws Exception {
        Path work = Files.createDirectories(dir.resolve(name));
        Path scripts = Files.createDirectories(work.resolve("tests/scripts"));
        for (String s : List.of("preprocess.sh", "work.sh", "postprocess.sh")) {
            Files.copy(Processes.repoRoot().resolve("tests/scripts/" + s), scripts.resolve(s));
        }
        Files.writeString(work.resolve("f1.json"), "{\"data\": \"initial input\", \"value\": 42}");
        return work;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "yaml/diamond_workflow.yaml, --max-parallel-jobs=2",
        "json/diamond_workflow.json5, --num-cpus=4",
        "kdl/diamond_workflow.kdl, --max-parallel-jobs=2"
    })
    void the_diamond_runs_through_its_file_dependencies(String example, String mode)
            throws Exception {
        Path work = diamondWorkdir(example.replace('/', '_'));
        Path spec = Processes.repoRoot().resolve("examples/" + example);
        var run = Processes.runCli(work, server.url(), 180, "run", spec.toString(), mode,
                "--memory-gb=8", "-o", "output").expect(0);
        long wf = Long.parseLong(run.stdout().lines().filter(l -> l.startsWith("Created workflow"))
                .findFirst().orElseThrow().replaceAll("\\D", ""));
        assertEquals(Map.of("completed", 4), Api.statusCounts(api, wf));
        for (JsonNode r : Api.results(api, wf, false)) {
            assertEquals(0, r.path("return_code").asLong());
        }
        for (int i = 2; i <= 6; i++) {
            assertTrue(Files.exists(work.resolve("f" + i + ".json")), "f" + i + " produced");
        }
        JsonNode f6 = Json.parse(Files.readString(work.resolve("f6.json")));
        assertEquals("postprocess", f6.path("source").asText());
        assertEquals(2, f6.path("inputs").size());
    }

    @Test
    void after_initialize_only_the_diamonds_head_is_ready() throws Exception {
        Path work = diamondWorkdir("init-only");
        var created = Processes.runCli(work, server.url(), 60, "-f", "json", "workflows", "create",
                Processes.repoRoot().resolve("examples/yaml/diamond_workflow.yaml").toString())
                .expect(0);
        long wf = Json.parse(created.stdout()).path("workflow_id").asLong();
        Processes.runCli(work, server.url(), 60, "workflows", "initialize", Long.toString(wf),
                "--no-prompts").expect(0);
        Map<String, JsonNode> jobs = Api.jobsByName(api, wf);
        assertEquals("ready", jobs.get("preprocess").path("status").asText());
        for (String j : List.of("work1", "work2", "postprocess")) {
            assertEquals("blocked", jobs.get(j).path("status").asText(), j);
        }
    }

    @Test
    void thirty_parameterized_jobs_run_in_both_modes() throws Exception {
        Path work = Files.createDirectories(dir.resolve("thirty"));
        Files.writeString(work.resolve("thirty.yaml"), """
                name: thirty
                jobs:
                  - name: "job_{i:03d}"
                    command: "echo job {i}"
                    parameters:
                      i: "1:30"
                """);
        for (String mode : List.of("--max-parallel-jobs=4", "--num-cpus=2")) {
            var run = Processes.runCli(work, server.url(), 180, "run", "thirty.yaml", mode,
                    "-o", "output").expect(0);
            long wf = Long.parseLong(run.stdout().lines()
                    .filter(l -> l.startsWith("Created workflow")).findFirst().orElseThrow()
                    .replaceAll("\\D", ""));
            assertEquals(Map.of("completed", 30), Api.statusCounts(api, wf), mode);
            assertEquals(30, Api.results(api, wf, false).size(), mode);
            assertTrue(Api.jobsByName(api, wf).containsKey("job_007"));
        }
    }

    @Test
    void a_failure_is_reset_with_the_cli_and_rerun() throws Exception {
        Path work = Files.createDirectories(dir.resolve("reset"));
        Files.writeString(work.resolve("spec.yaml"), """
                name: reset_after_failure
                jobs:
                  - name: setup
                    command: "true"
                  - name: work_a
                    command: "echo a"
                    depends_on: [setup]
                  - name: work_fail
                    command: "test ! -f flag"
                    depends_on: [setup]
                  - name: finalize
                    command: "echo done"
                    depends_on: [work_a, work_fail]
                """);
        Files.writeString(work.resolve("flag"), "x");
        var run = Processes.runCli(work, server.url(), 120, "run", "spec.yaml",
                "--max-parallel-jobs=4", "-o", "output").expect(0);
        long wf = Long.parseLong(run.stdout().lines().filter(l -> l.startsWith("Created workflow"))
                .findFirst().orElseThrow().replaceAll("\\D", ""));
        Map<String, JsonNode> jobs = Api.jobsByName(api, wf);
        assertEquals("failed", jobs.get("work_fail").path("status").asText());
        assertEquals("canceled", jobs.get("finalize").path("status").asText());
        assertTrue(api.get("/workflows/" + wf + "/is_complete").path("is_complete").asBoolean());

        Processes.runCli(work, server.url(), 60, "workflows", "reset-status", Long.toString(wf),
                "--failed-only", "--reinitialize", "--no-prompts").expect(0);
        jobs = Api.jobsByName(api, wf);
        assertEquals("ready", jobs.get("work_fail").path("status").asText());
        assertEquals("blocked", jobs.get("finalize").path("status").asText());
        assertEquals("completed", jobs.get("work_a").path("status").asText());
        Files.delete(work.resolve("flag"));
        Processes.runCli(work, server.url(), 120, "run", Long.toString(wf), "--max-parallel-jobs=4",
                "-o", "output").expect(0);
        assertEquals(Map.of("completed", 4), Api.statusCounts(api, wf));
        List<JsonNode> history = Api.results(api, wf, true);
        assertTrue(history.stream().anyMatch(r -> r.path("return_code").asLong() == 1
                && r.path("run_id").asLong() == 1));
        assertTrue(history.stream().anyMatch(r -> r.path("return_code").asLong() == 0
                && r.path("run_id").asLong() == 2));
    }
}
