package org.torc.client.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.torc.client.api.ApiError;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliError;
import org.torc.client.cli.TestCli;
import org.torc.client.spec.ResolvedSpec;
import org.torc.client.spec.SpecOptions;
import org.torc.client.spec.SpecPipeline;

/** The API sequence of {@link SpecCreation} and its rollback, against a real server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecCreationTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    /** Records every call and fails the {@code failAt}-th POST to {@code failPath}. */
    private static final class RecordingApi extends TorcApi {
        final List<String> calls = new ArrayList<>();
        private final String failPath;
        private int remaining;

        RecordingApi(String url, String failPath, int failAt) {
            super(url, "alice", null);
            this.failPath = failPath;
            this.remaining = failAt;
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode post(String path, Object body) {
            calls.add("POST " + path.replaceAll("\\d+", "N"));
            if (path.equals(failPath) && --remaining == 0) {
                throw new ApiError(500, "injected failure");
            }
            return super.post(path, body);
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode delete(String path) {
            calls.add("DELETE " + path.replaceAll("\\d+", "N"));
            return super.delete(path);
        }
    }

    private ResolvedSpec spec(String name) throws Exception {
        Path file = cli.dir().resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                files:
                  - name: input
                    path: in.txt
                  - name: output
                    path: out.txt
                user_data:
                  - name: settings
                    data: {"x": 1}
                resource_requirements:
                  - name: small
                    num_cpus: 1
                    memory: 1g
                    runtime: PT5M
                failure_handlers:
                  - name: retry
                    rules:
                      - exit_codes: [2]
                        max_retries: 1
                jobs:
                  - name: first
                    command: cat ${files.input.input} > ${files.output.output}
                    resource_requirements: small
                    failure_handler: retry
                  - name: second
                    command: echo done
                    depends_on: [first]
                    input_user_data: [settings]
                actions:
                  - trigger_type: on_workflow_complete
                    action_type: run_commands
                    commands: ["echo finished"]
                """.formatted(name));
        return SpecPipeline.resolve(file, SpecOptions.defaults());
    }

    @Test
    void creation_follows_torcs_order_with_one_bulk_call_per_dependency_level() throws Exception {
        RecordingApi api = new RecordingApi(cli.url(), "none", 0);
        long id = SpecCreation.create(api, spec("ordered"), "alice");
        assertEquals(List.of("POST /workflows", "POST /files", "POST /files", "POST /user_data",
                "POST /resource_requirements", "POST /failure_handlers", "POST /bulk_jobs",
                "POST /bulk_jobs", "POST /workflows/N/actions"), api.calls);
        var second = cli.api().get("/jobs?workflow_id=" + id + "&include_relationships=true")
                .path("items").get(1);
        assertEquals("second", second.path("name").asText());
        assertEquals(1, second.path("depends_on_job_ids").size());
        assertEquals(1, second.path("input_user_data_ids").size());
    }

    @Test
    void a_failure_after_the_workflow_exists_deletes_it_again() throws Exception {
        RecordingApi api = new RecordingApi(cli.url(), "/bulk_jobs", 2);
        CliError e = assertThrows(CliError.class,
                () -> SpecCreation.create(api, spec("rolled_back"), "alice"));
        assertTrue(e.getMessage().startsWith("Error creating workflow from spec: API error while "
                + "creating jobs (status: 500): injected failure"), e.getMessage());
        assertEquals("DELETE /workflows/N", api.calls.get(api.calls.size() - 1));
        assertEquals(0, cli.api().get("/workflows?name=rolled_back").path("total_count").asLong());
    }
}
