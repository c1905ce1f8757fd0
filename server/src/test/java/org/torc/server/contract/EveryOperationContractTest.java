package org.torc.server.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.common.Json;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.CheckedApi;
import org.torc.server.testing.Dags;
import org.torc.server.testing.OpenApiContract;
import org.torc.server.testing.OpenApiContract.Deviation;
import org.torc.server.testing.TestServer;

/**
 * The contract test: on a realistic workflow, every operation of torc's openapi.yaml that the
 * server routes is called and answers 200 with JSON that matches that operation's response schema
 * (through {@link CheckedApi}, with only the deviations of {@link OpenApiContract#DEVIATIONS}).
 * The set of operations is taken from the openapi file and from Javalin's own route table, so a
 * new route cannot escape: it is either validated here or listed below with a reason.
 */
class EveryOperationContractTest {
    /** Operations in torc's openapi.yaml that the server deliberately does not route. */
    static final Map<String, String> NOT_ROUTED = Map.of(
            "GET /workflows/{id}/ready_job_requirements",
            "torc's handler only answers 500 \"NOT implemented\" and torc's client never calls it; "
                    + "not routed, so it is a 404 here");

    /** Routes of the server that torc's openapi.yaml does not describe. */
    static final Map<String, String> EXTENSIONS = orderedMap(
            "GET /workflows/{id}/events/stream",
            "torc's server-sent event stream: routed by torc, absent from its openapi; "
                    + "text/event-stream, not JSON",
            "POST /workflows/{id}/access_groups/{group_id}",
            "torc's router shares a workflow with the group id in the path (the openapi puts it "
                    + "in the body; both are routed); its answer is checked here against the "
                    + "body variant's schema",
            "GET /metrics", "ours: server counters (unblocking, write batching, lock retries)",
            "GET /workflows/{id}/wait_for_jobs",
            "ours: long poll for runners, returns when jobs become ready",
            "POST /workflows/{id}/batch_complete_jobs",
            "newer torc's batched completion, after the v0.12 openapi",
            "POST /compute_nodes/{id}/heartbeat", "ours: orphan detection for runners",
            "POST /workflows/{id}/sync_status",
            "torc's sync-status recovery of orphaned jobs, done by the server");

    private static final Path DEVIATIONS_MD = Path.of("src/test/resources/openapi/DEVIATIONS.md");

    static TestServer server;
    static CheckedApi api;
    /** Every 200 answer of the scenario, in order. */
    static final List<Answer> answers = new ArrayList<>();
    private static Throwable scenarioFailure;
    private static boolean scenarioRan;

    record Answer(String method, String path, String body) {
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new CheckedApi(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs the scenario once for the tests that need it; a failure fails each of them. */
    private static synchronized void scenario() {
        if (!scenarioRan) {
            scenarioRan = true;
            try {
                new Scenario().run();
            } catch (Throwable t) {
                scenarioFailure = t;
            }
        }
        if (scenarioFailure != null) {
            throw new AssertionError("The scenario failed: " + scenarioFailure.getMessage(),
                    scenarioFailure);
        }
    }

    @Test
    void every_routed_openapi_operation_answers_json_that_matches_its_schema() {
        scenario();
        SortedSet<String> expected = routedOpenApiOperations();
        SortedSet<String> missed = new TreeSet<>(expected);
        missed.removeAll(api.validatedOperations());
        assertEquals(new TreeSet<>(), missed, "routed operations of torc's openapi that were "
                + "never called with a validated 200 response");
        assertEquals(expected, api.validatedOperations());
        System.out.println("EveryOperationContractTest: " + api.validatedOperations().size()
                + " of " + OpenApiContract.operations().size() + " openapi operations validated in "
                + answers.size() + " responses (" + NOT_ROUTED.size() + " not routed, "
                + OpenApiContract.DEVIATIONS.size() + " listed deviations)");
    }

    @Test
    void the_server_routes_every_openapi_operation_except_the_listed_ones_and_no_unlisted_extra() {
        Map<String, String> openapi = byShape(OpenApiContract.operations());
        Map<String, String> routed = byShape(server.server().endpoints());

        SortedSet<String> notRouted = new TreeSet<>();
        openapi.forEach((shape, op) -> {
            if (!routed.containsKey(shape)) {
                notRouted.add(op);
            }
        });
        assertEquals(new TreeSet<>(NOT_ROUTED.keySet()), notRouted,
                "openapi operations the server does not route, versus NOT_ROUTED");
        for (String op : NOT_ROUTED.keySet()) {
            String[] parts = op.split(" ", 2);
            String path = parts[1].replaceAll("\\{[^}/]*}", "1");
            assertEquals(404, api.unchecked().send(parts[0], path, null).status(), op);
        }

        SortedSet<String> extra = new TreeSet<>();
        routed.forEach((shape, endpoint) -> {
            if (!openapi.containsKey(shape)) {
                extra.add(endpoint);
            }
        });
        assertEquals(new TreeSet<>(EXTENSIONS.keySet()), extra,
                "routes that torc's openapi does not describe, versus EXTENSIONS");
    }

    @Test
    void every_listed_deviation_is_needed_by_some_answer_of_the_server() {
        scenario();
        List<String> unneeded = new ArrayList<>();
        for (Deviation d : OpenApiContract.DEVIATIONS) {
            boolean needed = answers.stream().anyMatch(a -> !OpenApiContract
                    .errorsWithout(d, a.method(), a.path(), a.body()).isEmpty());
            if (!needed) {
                unneeded.add(d.operations() + ": " + d.field());
            }
        }
        assertEquals(List.of(), unneeded, "deviations that no answer of the scenario needs: "
                + "remove them, or make the scenario produce what they are for");
    }

    @Test
    void an_undeclared_or_mistyped_field_in_any_answered_model_is_caught() {
        scenario();
        int models = 0;
        for (Answer a : answers) {
            JsonNode body = Json.parse(a.body());
            ObjectNode model = firstModel(body);
            if (model == null || isFreeForm(OpenApiContract.responseSchema(a.method(), a.path()))) {
                continue;
            }
            models++;
            model.put("undeclared_field", 1);
            assertFalse(OpenApiContract.errors(a.method(), a.path(), body).isEmpty(),
                    "an extra field passed in the answer of " + a.method() + " " + a.path());
            model.remove("undeclared_field");
            model.put("id", "not a number");
            assertFalse(OpenApiContract.errors(a.method(), a.path(), body).isEmpty(),
                    "a string id passed in the answer of " + a.method() + " " + a.path());
        }
        assertTrue(models > 50, "only " + models + " answers carried a model");
    }

    @Test
    void deviations_md_lists_every_deviation_unrouted_operation_and_extension() throws IOException {
        String expected = deviationsMarkdown();
        if (Boolean.getBoolean("contract.writeDeviations")) {
            Files.writeString(DEVIATIONS_MD, expected);
        }
        String actual = Files.exists(DEVIATIONS_MD) ? Files.readString(DEVIATIONS_MD) : "";
        assertEquals(expected, actual, DEVIATIONS_MD + " is out of date with "
                + "OpenApiContract.DEVIATIONS, NOT_ROUTED or EXTENSIONS; rerun this test with "
                + "-Dcontract.writeDeviations=true to rewrite it");
    }

    /** {@code {"type": "object"}} and nothing else: torc's openapi leaves the answer open. */
    private static boolean isFreeForm(JsonNode schema) {
        return schema.size() == 1 && schema.path("type").asText().equals("object");
    }

    /** The first object with an id in an answer: the answer, its first item, or its first job. */
    private static ObjectNode firstModel(JsonNode body) {
        JsonNode candidate = body;
        if (body.isArray()) {
            candidate = body.path(0);
        } else if (body.path("items").isArray()) {
            candidate = body.path("items").path(0);
        } else if (body.path("jobs").isArray()) {
            candidate = body.path("jobs").path(0);
        }
        return candidate instanceof ObjectNode o && o.has("id") ? o : null;
    }

    // ------------------------------------------------------------------------------------------

    /** One realistic workflow, built and run through every operation. */
    private static final class Scenario {
        private long wf;
        private long rr;
        private long inputFile;
        private long outputFile;
        private long spareFile;
        private long config;
        private long summary;
        private long spareUserData;
        private long handler;
        private long localScheduler;
        private long slurmScheduler;
        private long preprocess;
        private long analyze;
        private long flaky;
        private long spareJob;
        private long group;
        private long node;
        private long scheduledNode;
        private long startAction;
        private long runId;

        void run() {
            service();
            workflow();
            definitions();
            jobs();
            graphQueries();
            actionsAndWorkers();
            accessGroups();
            computeNodes();
            lifecycle();
            eventsAndResults();
            resets();
            deletes();
        }

        private void service() {
            assertEquals("ok", ok("GET", "/ping", null).get("status").asText());
            assertTrue(ok("GET", "/version", null).isTextual());
        }

        private void workflow() {
            wf = ok("POST", "/workflows", obj().put("name", "contract").put("user", "tester")
                    .put("description", "every operation, checked against torc's openapi")
                    .put("use_pending_failed", true)).get("id").asLong();
            ok("GET", "/workflows/" + wf, null);
            ok("PUT", "/workflows/" + wf, obj().put("description", "updated")
                    .put("compute_node_wait_for_new_jobs_seconds", 5));
            nonEmpty(ok("GET", "/workflows?limit=50", null));
            JsonNode status = ok("GET", "/workflows/" + wf + "/status", null);
            ok("PUT", "/workflows/" + wf + "/status", status);
        }

        private void definitions() {
            rr = id(ok("POST", "/resource_requirements", obj().put("workflow_id", wf)
                    .put("name", "small").put("num_cpus", 2).put("num_gpus", 0)
                    .put("num_nodes", 1).put("memory", "2g").put("runtime", "PT30M")));
            ok("GET", "/resource_requirements/" + rr, null);
            ok("PUT", "/resource_requirements/" + rr, obj().put("workflow_id", wf)
                    .put("name", "small").put("num_cpus", 2).put("num_gpus", 0)
                    .put("num_nodes", 1).put("memory", "3g").put("runtime", "PT45M"));
            nonEmpty(ok("GET", "/resource_requirements?workflow_id=" + wf, null));

            inputFile = id(ok("POST", "/files", obj().put("workflow_id", wf).put("name", "raw")
                    .put("path", "/data/raw.csv").put("st_mtime", 1_700_000_000.5)));
            outputFile = id(ok("POST", "/files", obj().put("workflow_id", wf)
                    .put("name", "clean").put("path", "/data/clean.csv")));
            spareFile = id(ok("POST", "/files", obj().put("workflow_id", wf)
                    .put("name", "spare").put("path", "/data/spare.csv")));
            ok("GET", "/files/" + inputFile, null);
            ok("PUT", "/files/" + inputFile, obj().put("workflow_id", wf).put("name", "raw")
                    .put("path", "/data/raw.csv").put("st_mtime", 1_700_000_100.25));
            nonEmpty(ok("GET", "/files?workflow_id=" + wf, null));

            config = id(ok("POST", "/user_data", obj().put("workflow_id", wf)
                    .put("name", "config").set("data", obj().put("alpha", 0.5))));
            summary = id(ok("POST", "/user_data", obj().put("workflow_id", wf)
                    .put("name", "summary").put("is_ephemeral", false)));
            spareUserData = id(ok("POST", "/user_data", obj().put("workflow_id", wf)
                    .put("name", "scratch").put("is_ephemeral", true).put("data", 42)));
            ok("GET", "/user_data/" + config, null);
            ObjectNode configUpdate = obj().put("workflow_id", wf).put("name", "config");
            configUpdate.putArray("data").add(1).add(2).add(3);
            ok("PUT", "/user_data/" + config, configUpdate);
            nonEmpty(ok("GET", "/user_data?workflow_id=" + wf, null));

            handler = id(ok("POST", "/failure_handlers", obj().put("workflow_id", wf)
                    .put("name", "retry_on_1")
                    .put("rules", "[{\"exit_codes\": [1], \"max_retries\": 2}]")));
            ok("GET", "/failure_handlers/" + handler, null);
            nonEmpty(ok("GET", "/workflows/" + wf + "/failure_handlers", null));

            localScheduler = id(ok("POST", "/local_schedulers", obj().put("workflow_id", wf)
                    .put("name", "local").put("memory", "8g").put("num_cpus", 4)));
            ok("GET", "/local_schedulers/" + localScheduler, null);
            ok("PUT", "/local_schedulers/" + localScheduler, obj().put("workflow_id", wf)
                    .put("memory", "16g").put("num_cpus", 8));
            nonEmpty(ok("GET", "/local_schedulers?workflow_id=" + wf, null));

            slurmScheduler = id(ok("POST", "/slurm_schedulers", obj().put("workflow_id", wf)
                    .put("name", "short").put("account", "proj").put("nodes", 1)
                    .put("walltime", "04:00:00").put("partition", "short").put("qos", "normal")
                    .put("mem", "64G").put("ntasks_per_node", 4).put("extra", "--exclusive")));
            ok("GET", "/slurm_schedulers/" + slurmScheduler, null);
            ok("PUT", "/slurm_schedulers/" + slurmScheduler, obj().put("workflow_id", wf)
                    .put("name", "short").put("account", "proj").put("nodes", 2)
                    .put("walltime", "02:00:00"));
            nonEmpty(ok("GET", "/slurm_schedulers?workflow_id=" + wf, null));
        }

        private void jobs() {
            ObjectNode pre = Dags.job(wf, "preprocess", List.of())
                    .put("resource_requirements_id", rr).put("failure_handler_id", handler)
                    .put("supports_termination", true);
            pre.putArray("input_file_ids").add(inputFile);
            pre.putArray("output_file_ids").add(outputFile);
            pre.putArray("input_user_data_ids").add(config);
            pre.putArray("output_user_data_ids").add(summary);
            preprocess = id(ok("POST", "/jobs", pre));

            ObjectNode an = Dags.job(wf, "analyze", List.of(preprocess))
                    .put("scheduler_id", slurmScheduler);
            an.putObject("schedule_compute_nodes").put("num_jobs", 1)
                    .put("scheduler_id", slurmScheduler).put("max_parallel_jobs", 4)
                    .put("start_one_worker_per_node", false);
            an.putArray("input_file_ids").add(outputFile);
            an.putArray("input_user_data_ids").add(summary);
            ObjectNode bulk = obj();
            ArrayNode list = bulk.putArray("jobs");
            list.add(an);
            list.add(Dags.job(wf, "flaky", List.of()).put("failure_handler_id", handler));
            list.add(Dags.job(wf, "spare", List.of()));
            JsonNode created = ok("POST", "/bulk_jobs", bulk).get("jobs");
            analyze = created.get(0).get("id").asLong();
            flaky = created.get(1).get("id").asLong();
            spareJob = created.get(2).get("id").asLong();

            ok("GET", "/jobs/" + preprocess, null);
            ok("PUT", "/jobs/" + flaky, obj().put("command", "bash flaky.sh")
                    .put("cancel_on_blocking_job_failure", false));
            nonEmpty(ok("GET", "/jobs?workflow_id=" + wf + "&include_relationships=true", null));
            ok("DELETE", "/jobs/" + spareJob, null);
        }

        private void graphQueries() {
            assertEquals(3, ok("GET", "/workflows/" + wf + "/job_ids", null).get("count").asInt());
            nonEmpty(ok("GET", "/workflows/" + wf + "/job_dependencies", null));
            nonEmpty(ok("GET", "/workflows/" + wf + "/job_file_relationships", null));
            nonEmpty(ok("GET", "/workflows/" + wf + "/job_user_data_relationships", null));
            ok("GET", "/workflows/" + wf + "/missing_user_data", null);
            assertFalse(ok("GET", "/workflows/" + wf + "/required_existing_files", null)
                    .get("files").isEmpty());
            assertTrue(ok("GET", "/workflows/" + wf + "/is_uninitialized", null)
                    .get("is_uninitialized").asBoolean());
        }

        private void actionsAndWorkers() {
            ObjectNode onStart = obj().put("trigger_type", "on_workflow_start")
                    .put("action_type", "run_commands");
            onStart.putObject("action_config").putArray("commands").add("echo started");
            startAction = id(ok("POST", "/workflows/" + wf + "/actions", onStart));
            ObjectNode onComplete = obj().put("trigger_type", "on_jobs_complete")
                    .put("action_type", "run_commands");
            onComplete.putObject("action_config").putArray("commands").add("echo analyzed");
            onComplete.putArray("job_ids").add(analyze);
            ok("POST", "/workflows/" + wf + "/actions", onComplete);
            assertEquals(2, ok("GET", "/workflows/" + wf + "/actions", null).size());

            ArrayNode workers = ok("POST", "/workflows/" + wf + "/remote_workers",
                    List.of("worker1", "bob@worker2:2222")).deepCopy();
            assertEquals(2, workers.size());
            assertEquals(2, ok("GET", "/workflows/" + wf + "/remote_workers", null).size());
        }

        private void accessGroups() {
            group = id(ok("POST", "/access_groups", obj().put("name", "contract-team")
                    .put("description", "people who run the contract workflow")));
            ok("GET", "/access_groups/" + group, null);
            nonEmpty(ok("GET", "/access_groups", null));
            ok("POST", "/access_groups/" + group + "/members", obj().put("user_name", "alice")
                    .put("group_id", group).put("role", "admin"));
            nonEmpty(ok("GET", "/access_groups/" + group + "/members", null));
            nonEmpty(ok("GET", "/users/alice/groups", null));
            ok("POST", "/workflows/" + wf + "/access_groups", obj().put("workflow_id", wf)
                    .put("group_id", group));

            // torc's router variant: the group in the path, checked against the body variant.
            long other = id(ok("POST", "/access_groups", obj().put("name", "contract-others")));
            ApiClient.Response byPath = api.unchecked()
                    .post("/workflows/" + wf + "/access_groups/" + other, null).expect(200);
            OpenApiContract.assertValid("POST", "/workflows/" + wf + "/access_groups",
                    byPath.text());

            assertEquals(2, ok("GET", "/workflows/" + wf + "/access_groups", null)
                    .get("items").size());
            assertTrue(ok("GET", "/access_check/" + wf + "/alice", null).get("has_access")
                    .asBoolean());
            ok("DELETE", "/workflows/" + wf + "/access_groups/" + other, null);
            ok("DELETE", "/access_groups/" + other, null);
        }

        private void computeNodes() {
            node = id(ok("POST", "/compute_nodes", obj().put("workflow_id", wf)
                    .put("hostname", "node1").put("pid", 4242)
                    .put("start_time", "2025-06-01T12:00:00.000Z").put("is_active", true)
                    .put("num_cpus", 64).put("memory_gb", 256.0).put("num_gpus", 2)
                    .put("num_nodes", 1).put("time_limit", "PT4H")
                    .put("scheduler_config_id", slurmScheduler).put("compute_node_type", "slurm")
                    .set("scheduler", obj().put("scheduler_id", 4242))));
            ok("GET", "/compute_nodes/" + node, null);
            ok("PUT", "/compute_nodes/" + node, obj().put("duration_seconds", 12.5));
            nonEmpty(ok("GET", "/compute_nodes?workflow_id=" + wf, null));

            scheduledNode = id(ok("POST", "/scheduled_compute_nodes", obj().put("workflow_id", wf)
                    .put("scheduler_id", 4242).put("scheduler_config_id", slurmScheduler)
                    .put("scheduler_type", "slurm").put("status", "pending")));
            ok("GET", "/scheduled_compute_nodes/" + scheduledNode, null);
            ok("PUT", "/scheduled_compute_nodes/" + scheduledNode, obj().put("status", "active"));
            nonEmpty(ok("GET", "/scheduled_compute_nodes?workflow_id=" + wf, null));
        }

        private void lifecycle() {
            ok("POST", "/workflows/" + wf + "/initialize_jobs", null);
            assertFalse(ok("GET", "/workflows/" + wf + "/is_complete", null).get("is_complete")
                    .asBoolean());
            runId = ok("GET", "/workflows/" + wf + "/status", null).get("run_id").asLong();

            assertEquals(1, ok("GET", "/workflows/" + wf
                    + "/actions/pending?trigger_type=on_workflow_start", null).size());
            ok("POST", "/workflows/" + wf + "/actions/" + startAction + "/claim",
                    obj().put("compute_node_id", node));

            JsonNode first = ok("POST", "/workflows/" + wf + "/claim_next_jobs?limit=1", null)
                    .get("jobs");
            assertEquals(List.of(preprocess), ids(first));
            ObjectNode resources = obj().put("num_cpus", 64).put("memory_gb", 256.0)
                    .put("num_gpus", 2).put("num_nodes", 1).put("time_limit", "PT4H");
            JsonNode second = ok("POST", "/workflows/" + wf
                    + "/claim_jobs_based_on_resources/10?sort_method=gpus_runtime_memory",
                    resources).get("jobs");
            assertEquals(List.of(flaky), ids(second));

            ok("PUT", "/jobs/" + preprocess + "/start_job/" + runId + "/" + node, null);
            ok("POST", "/jobs/" + preprocess + "/complete_job/completed/" + runId,
                    result(0, node));
            ok("PUT", "/jobs/" + flaky + "/start_job/" + runId + "/" + node, null);
            ok("POST", "/jobs/" + flaky + "/complete_job/failed/" + runId, result(1, node));
            ok("POST", "/jobs/" + flaky + "/retry/" + runId + "?max_retries=3", null);
            ok("PUT", "/jobs/" + flaky + "/manage_status_change/running/" + runId, null);
            ok("POST", "/jobs/" + flaky + "/complete_job/pending_failed/" + runId,
                    result(1, node));
            Dags.awaitStatus(api.unchecked(), analyze, "ready", 10_000);
            ok("GET", "/jobs/" + flaky, null);
        }

        private void eventsAndResults() {
            ObjectNode data = obj().put("category", "contract").put("message", "checked");
            long event = id(ok("POST", "/events", obj().put("workflow_id", wf)
                    .put("timestamp", 0).set("data", data)));
            ok("GET", "/events/" + event, null);
            ObjectNode listData = obj().put("workflow_id", wf);
            listData.putArray("data").add("node1").add("node2");
            ok("POST", "/events", listData);
            ok("PUT", "/events/" + event, obj().put("category", "contract")
                    .put("message", "updated"));
            nonEmpty(ok("GET", "/events?workflow_id=" + wf, null));
            assertTrue(ok("GET", "/workflows/" + wf + "/latest_event_timestamp", null)
                    .get("timestamp").isIntegralNumber());

            nonEmpty(ok("GET", "/results?workflow_id=" + wf + "&all_runs=true", null));
            long manual = id(ok("POST", "/results", result(0, node).put("workflow_id", wf)
                    .put("job_id", analyze).put("run_id", runId).put("status", "completed")));
            ok("GET", "/results/" + manual, null);
            ok("PUT", "/results/" + manual, obj().put("return_code", 2).put("status", "failed"));
            ok("DELETE", "/results/" + manual, null);
            ok("DELETE", "/events/" + event, null);

            ok("POST", "/workflows/" + wf + "/process_changed_job_inputs?dry_run=true", null);
        }

        private void resets() {
            ok("PUT", "/workflows/" + wf + "/cancel", null);
            ok("POST", "/workflows/" + wf + "/reset_status?force=true", null);
            ok("POST", "/workflows/" + wf + "/reset_job_status?failed_only=true", null);
            ok("POST", "/workflows/" + wf + "/reset_job_status", null);
        }

        private void deletes() {
            ok("DELETE", "/workflows/" + wf + "/remote_workers/"
                    + URLEncoder.encode("bob@worker2:2222", StandardCharsets.UTF_8), null);
            ok("DELETE", "/access_groups/" + group + "/members/alice", null);
            ok("DELETE", "/workflows/" + wf + "/access_groups/" + group, null);
            ok("DELETE", "/access_groups/" + group, null);

            // A deleted compute node keeps its results, which then have no compute_node_id.
            ok("DELETE", "/compute_nodes/" + node, null);
            JsonNode orphaned = nonEmpty(ok("GET", "/results?workflow_id=" + wf
                    + "&all_runs=true", null));
            assertFalse(orphaned.get("items").get(0).has("compute_node_id"), orphaned.toString());
            ok("DELETE", "/results?workflow_id=" + wf, null);
            ok("DELETE", "/compute_nodes?workflow_id=" + wf, null);
            ok("DELETE", "/events?workflow_id=" + wf, null);
            ok("DELETE", "/scheduled_compute_nodes/" + scheduledNode, null);
            ok("DELETE", "/scheduled_compute_nodes?workflow_id=" + wf, null);

            ok("DELETE", "/files/" + spareFile, null);
            ok("DELETE", "/user_data/" + spareUserData, null);
            ok("DELETE", "/jobs?workflow_id=" + wf, null);
            ok("DELETE", "/files?workflow_id=" + wf, null);
            ok("DELETE", "/user_data?workflow_id=" + wf, null);
            ok("DELETE", "/resource_requirements/" + rr, null);
            ok("DELETE", "/resource_requirements?workflow_id=" + wf, null);
            ok("DELETE", "/failure_handlers/" + handler, null);
            ok("DELETE", "/local_schedulers/" + localScheduler, null);
            ok("DELETE", "/local_schedulers?workflow_id=" + wf, null);
            ok("DELETE", "/slurm_schedulers/" + slurmScheduler, null);
            ok("DELETE", "/slurm_schedulers?workflow_id=" + wf, null);
            ok("DELETE", "/workflows/" + wf, null);
            assertEquals(404, api.unchecked().get("/workflows/" + wf).status());
        }
    }

    // ------------------------------------------------------------------------------------------

    /** The call through {@link CheckedApi}: it must answer 200, and the body is validated. */
    private static JsonNode ok(String method, String path, Object body) {
        ApiClient.Response r = api.send(method, path, body).expect(200);
        answers.add(new Answer(method, path, r.text()));
        return r.json();
    }

    private static long id(JsonNode created) {
        return created.get("id").asLong();
    }

    /** A list response (paged envelope or bare array) with at least one item. */
    private static JsonNode nonEmpty(JsonNode list) {
        JsonNode items = list.isArray() ? list : list.get("items");
        assertTrue(items != null && !items.isEmpty(), "expected a non-empty page: " + list);
        return list;
    }

    private static List<Long> ids(JsonNode jobs) {
        List<Long> out = new java.util.ArrayList<>();
        jobs.forEach(j -> out.add(j.get("id").asLong()));
        return out;
    }

    private static ObjectNode result(int returnCode, long computeNode) {
        return Dags.result(returnCode).put("compute_node_id", computeNode)
                .put("peak_memory_bytes", 524_288_000L).put("avg_memory_bytes", 419_430_400L)
                .put("peak_cpu_percent", 150.5).put("avg_cpu_percent", 85.2);
    }

    private static ObjectNode obj() {
        return ApiClient.obj();
    }

    /** The openapi operations the server routes, under their openapi names. */
    private static SortedSet<String> routedOpenApiOperations() {
        Map<String, String> routed = byShape(server.server().endpoints());
        SortedSet<String> out = new TreeSet<>();
        byShape(OpenApiContract.operations()).forEach((shape, op) -> {
            if (routed.containsKey(shape)) {
                out.add(op);
            }
        });
        return out;
    }

    /**
     * Operations keyed by their shape, the path parameters' names erased ({@code GET /files/{}}),
     * so that Javalin's and the openapi's names for a parameter need not agree.
     */
    private static SortedMap<String, String> byShape(Iterable<String> operations) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String op : operations) {
            out.put(op.replaceAll("\\{[^}/]*}", "{}"), op);
        }
        return out;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** DEVIATIONS.md as it must read: generated from the lists, so it cannot drift. */
    static String deviationsMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Where the server's JSON differs from torc's openapi.yaml\n\n");
        md.append("`EveryOperationContractTest` calls every operation of torc's `openapi.yaml` "
                + "(v0.12, copied verbatim to\n`torc-openapi.yaml`) that the server routes, on a "
                + "realistic workflow, and validates each 200\nresponse against that operation's "
                + "schema. Objects may not carry undeclared fields. This file is\ngenerated "
                + "from the lists in the code and checked by that test.\n\n");
        md.append("## Deliberate deviations (`OpenApiContract.DEVIATIONS`)\n\n");
        md.append("| operation | field | reason |\n|---|---|---|\n");
        for (Deviation d : OpenApiContract.DEVIATIONS) {
            md.append("| ").append(cell(d.operations())).append(" | ").append(cell(d.field()))
                    .append(" | ").append(cell(d.why())).append(" |\n");
        }
        md.append("\n## In torc's openapi, not routed (`NOT_ROUTED`)\n\n");
        md.append("| operation | reason |\n|---|---|\n");
        new TreeMap<>(NOT_ROUTED).forEach((op, why) -> md.append("| `").append(op).append("` | ")
                .append(cell(why)).append(" |\n"));
        md.append("\n## Routed, not in torc's openapi (`EXTENSIONS`)\n\n");
        md.append("| operation | reason |\n|---|---|\n");
        new TreeMap<>(EXTENSIONS).forEach((op, why) -> md.append("| `").append(op).append("` | ")
                .append(cell(why)).append(" |\n"));
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
