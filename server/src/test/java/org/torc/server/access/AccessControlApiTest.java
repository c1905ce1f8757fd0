package org.torc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.ApiClient.Response;
import org.torc.server.testing.DbChecksum;
import org.torc.server.testing.SeedRows;
import org.torc.server.testing.TestServer;
import org.torc.server.testing.TestUsers;

/**
 * {@code --enforce-access-control} with required authentication, through real HTTP: alice owns a
 * workflow with one row of everything, bob is a stranger to it, carol reaches it through a group,
 * root is an admin.
 */
class AccessControlApiTest {
    static TestServer server;
    static ApiClient alice;
    static ApiClient bob;
    static ApiClient carol;
    static ApiClient root;
    static SeedRows aliceRows;
    static long bobWorkflow;

    @BeforeAll
    static void start() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("torc-acl");
        Path users = TestUsers.htpasswd(dir, 4, "alice", "a-pw", "bob", "b-pw", "carol", "c-pw",
                "root", "r-pw");
        server = TestServer.start(c -> c.withAuth(users, true, 60)
                .withAccessControl(true, List.of("root")));
        alice = server.api().as("alice", "a-pw");
        bob = server.api().as("bob", "b-pw");
        carol = server.api().as("carol", "c-pw");
        root = server.api().as("root", "r-pw");
        long wf = alice.post("/workflows", ApiClient.obj().put("name", "alices").put("user", "alice"))
                .expect(200).id();
        aliceRows = SeedRows.insert(server.server().database(), wf);
        bobWorkflow = bob.post("/workflows", ApiClient.obj().put("name", "bobs").put("user", "bob"))
                .expect(200).id();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void an_owner_reads_and_changes_their_workflow() {
        long wf = aliceRows.workflowId();
        assertEquals("alices", alice.get("/workflows/" + wf).expect(200).json().get("name").asText());
        alice.put("/workflows/" + wf, ApiClient.obj().put("name", "alices").put("user", "alice")
                .put("description", "mine")).expect(200);
        alice.get("/jobs/" + aliceRows.job()).expect(200);
    }

    @Test
    void a_stranger_can_neither_read_nor_change_another_users_workflow() {
        long wf = aliceRows.workflowId();
        var before = DbChecksum.of(server.server().database());
        Response r = bob.get("/workflows/" + wf).expect(403);
        assertEquals("User 'bob' does not have access to workflow " + wf, r.errorMessage());
        bob.put("/workflows/" + wf, ApiClient.obj().put("name", "mine now").put("user", "bob"))
                .expect(403);
        bob.delete("/workflows/" + wf).expect(403);
        bob.put("/jobs/" + aliceRows.job(), ApiClient.obj().put("command", "rm -rf /")).expect(403);
        bob.post("/jobs", ApiClient.obj().put("workflow_id", wf).put("name", "planted")
                .put("command", "true")).expect(403);
        bob.get("/results/" + aliceRows.result()).expect(403);
        bob.get("/files/" + aliceRows.file()).expect(403);
        assertEquals(List.of(), DbChecksum.changed(before, DbChecksum.of(server.server().database())));
    }

    @Test
    void a_member_of_a_group_the_workflow_is_shared_with_may_use_it_until_unshared() {
        long wf = aliceRows.workflowId();
        long team = root.post("/access_groups", ApiClient.obj().put("name", "team-acl"))
                .expect(200).id();
        root.post("/access_groups/" + team + "/members", ApiClient.obj().put("user_name", "carol"))
                .expect(200);
        carol.get("/workflows/" + wf).expect(403);

        alice.post("/workflows/" + wf + "/access_groups/" + team, null).expect(200);
        carol.get("/workflows/" + wf).expect(200);
        carol.get("/jobs/" + aliceRows.job()).expect(200);
        carol.put("/user_data/" + aliceRows.userData(), ApiClient.obj().put("name", "seed"))
                .expect(200);
        assertTrue(ids(carol.get("/workflows").expect(200).json()).contains(wf));
        bob.get("/workflows/" + wf).expect(403);

        alice.delete("/workflows/" + wf + "/access_groups/" + team).expect(200);
        carol.get("/workflows/" + wf).expect(403);
        carol.get("/jobs/" + aliceRows.job()).expect(403);
    }

    @Test
    void an_admin_may_read_and_change_every_workflow() {
        long wf = aliceRows.workflowId();
        root.get("/workflows/" + wf).expect(200);
        root.get("/jobs/" + aliceRows.job()).expect(200);
        root.put("/files/" + aliceRows.file(), ApiClient.obj().put("name", "seed")
                .put("path", "/tmp/seed")).expect(200);
        root.get("/workflows/" + bobWorkflow).expect(200);
        List<Long> all = ids(root.get("/workflows").expect(200).json());
        assertTrue(all.containsAll(List.of(wf, bobWorkflow)), all.toString());
    }

    @Test
    void list_workflows_shows_only_what_the_caller_may_see() {
        List<Long> bobs = ids(bob.get("/workflows").expect(200).json());
        assertTrue(bobs.contains(bobWorkflow), bobs.toString());
        assertTrue(!bobs.contains(aliceRows.workflowId()), bobs.toString());
        // Asking for someone else's workflows by name does not get around the filter.
        assertEquals(List.of(), ids(bob.get("/workflows?user=alice").expect(200).json()));
    }

    /**
     * Every route the guard checks, aimed at alice's rows by bob: 403 each time, and nothing in the
     * database changes. A route added without a rule fails the server's startup instead.
     */
    @Test
    void every_checked_route_refuses_a_stranger() {
        var before = DbChecksum.of(server.server().database());
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var e : WorkflowGuard.rules().entrySet()) {
            if (e.getValue().open()) {
                continue;
            }
            Request req = request(e.getKey(), aliceRows);
            Response r = bob.send(req.method(), req.path(), req.body());
            checked++;
            if (r.status() != 403) {
                wrong.add(e.getKey() + " -> " + r.status() + " " + r.text());
            }
        }
        System.out.println("Access control: " + checked + " checked routes refuse a stranger");
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), DbChecksum.changed(before, DbChecksum.of(server.server().database())));
    }

    @Test
    void the_owner_passes_every_checked_read_route() {
        List<String> wrong = new ArrayList<>();
        for (var e : WorkflowGuard.rules().entrySet()) {
            if (e.getValue().open() || !e.getKey().startsWith("GET ")
                    || e.getKey().endsWith("/events/stream")) {
                continue;
            }
            Request req = request(e.getKey(), aliceRows);
            Response r = alice.send(req.method(), req.path(), req.body());
            if (r.status() == 401 || r.status() == 403 || r.status() >= 500) {
                wrong.add(e.getKey() + " -> " + r.status() + " " + r.text());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void the_rule_table_names_exactly_the_registered_routes() {
        Set<String> registered = new TreeSet<>(server.server().endpoints());
        assertEquals(registered, new TreeSet<>(WorkflowGuard.rules().keySet()));
    }

    record Request(String method, String path, Object body) {
    }

    /** A concrete request for a rule key such as {@code PUT /jobs/{id}}, aimed at {@code rows}. */
    static Request request(String key, SeedRows rows) {
        String method = key.substring(0, key.indexOf(' '));
        String path = key.substring(key.indexOf(' ') + 1);
        long wf = rows.workflowId();
        Map<String, Long> byPrefix = Map.ofEntries(
                Map.entry("/jobs/", rows.job()),
                Map.entry("/files/", rows.file()),
                Map.entry("/user_data/", rows.userData()),
                Map.entry("/results/", rows.result()),
                Map.entry("/events/", rows.event()),
                Map.entry("/compute_nodes/", rows.computeNode()),
                Map.entry("/resource_requirements/", rows.resourceRequirements()),
                Map.entry("/local_schedulers/", rows.localScheduler()),
                Map.entry("/slurm_schedulers/", rows.slurmScheduler()),
                Map.entry("/scheduled_compute_nodes/", rows.scheduledComputeNode()),
                Map.entry("/failure_handlers/", rows.failureHandler()),
                Map.entry("/workflows/", wf));
        for (var e : byPrefix.entrySet()) {
            if (path.startsWith(e.getKey() + "{id}")) {
                path = path.replace("{id}", Long.toString(e.getValue()));
            }
        }
        path = path.replace("{compute_node_id}", Long.toString(rows.computeNode()))
                .replace("{run_id}", "1")
                .replace("{status}", "completed")
                .replace("{limit}", "1")
                .replace("{action_id}", Long.toString(rows.action()))
                .replace("{worker}", rows.remoteWorker());
        if (path.contains("{")) {
            throw new IllegalStateException("No value for a parameter of " + key);
        }
        path += "?workflow_id=" + wf + "&max_retries=1";
        Object body = null;
        if (method.equals("POST") || method.equals("PUT")) {
            ObjectNode b = ApiClient.obj().put("workflow_id", wf).put("name", "intruder")
                    .put("command", "true");
            b.putArray("jobs").addObject().put("workflow_id", wf).put("name", "intruder")
                    .put("command", "true");
            body = b;
        }
        return new Request(method, path, body);
    }

    static List<Long> ids(JsonNode list) {
        List<Long> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get("id").asLong()));
        return out;
    }
}
