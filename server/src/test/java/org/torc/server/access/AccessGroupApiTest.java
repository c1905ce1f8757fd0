package org.torc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.TestServer;

/** The access-group API with access control off (torc's default): everyone may manage groups. */
class AccessGroupApiTest {
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long group(String name) {
        return api.post("/access_groups", ApiClient.obj().put("name", name)
                .put("description", "team " + name)).expect(200).id();
    }

    private static void member(long groupId, String user, String role) {
        var body = ApiClient.obj().put("user_name", user).put("group_id", groupId);
        if (role != null) {
            body.put("role", role);
        }
        api.post("/access_groups/" + groupId + "/members", body).expect(200);
    }

    private static List<String> values(JsonNode list, String field) {
        List<String> out = new ArrayList<>();
        list.get("items").forEach(i -> out.add(i.get(field).asText()));
        return out;
    }

    private static void assertGroupEnvelope(JsonNode list) {
        Set<String> keys = new TreeSet<>();
        list.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(List.of("items", "offset", "limit", "total_count", "has_more")),
                keys, list.toString());
    }

    @Test
    void create_and_get_a_group() {
        JsonNode created = api.post("/access_groups", ApiClient.obj().put("name", "physics")
                .put("description", "Physics team")).expect(200).json();
        long id = created.get("id").asLong();
        assertEquals("physics", created.get("name").asText());
        assertEquals("Physics team", created.get("description").asText());
        assertTrue(created.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
                created.toString());
        assertEquals(created, api.get("/access_groups/" + id).expect(200).json());
        var r = api.get("/access_groups/987654").expect(404);
        assertEquals("Group not found with ID: 987654", r.errorMessage());
    }

    @Test
    void duplicate_group_names_are_409_and_blank_names_422() {
        group("dup");
        var r = api.post("/access_groups", ApiClient.obj().put("name", "dup")).expect(409);
        assertEquals("Group 'dup' already exists", r.errorMessage());
        assertEquals("Conflict", r.json().get("error").get("error").asText());
        assertTrue(api.post("/access_groups", ApiClient.obj().put("name", " ")).expect(422)
                .errorMessage().contains("name"));
        api.post("/access_groups", "{\"name\":").expect(400);
    }

    @Test
    void groups_are_listed_by_name_with_the_group_envelope() {
        group("list-c");
        group("list-a");
        group("list-b");
        JsonNode all = api.get("/access_groups").expect(200).json();
        assertGroupEnvelope(all);
        List<String> names = values(all, "name");
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertEquals(names.size(), all.get("total_count").asInt());
        assertEquals(10000, all.get("limit").asInt());
        assertFalse(all.get("has_more").asBoolean());

        JsonNode page = api.get("/access_groups?offset=1&limit=2").expect(200).json();
        assertEquals(names.subList(1, 3), values(page, "name"));
        assertEquals(2, page.get("limit").asInt());
        assertEquals(names.size() > 3, page.get("has_more").asBoolean());

        List<String> byIdDesc = values(api.get("/access_groups?sort_by=id&reverse_sort=true")
                .expect(200).json(), "name");
        assertEquals("list-b", byIdDesc.get(byIdDesc.indexOf("list-a") - 1));
        api.get("/access_groups?limit=10001").expect(400);
        api.get("/access_groups?sort_by=is_system").expect(400);
    }

    @Test
    void members_are_added_listed_by_user_and_removed() {
        long g = group("members");
        member(g, "zoe", null);
        member(g, "adam", "admin");
        JsonNode list = api.get("/access_groups/" + g + "/members").expect(200).json();
        assertGroupEnvelope(list);
        assertEquals(List.of("adam", "zoe"), values(list, "user_name"));
        assertEquals(List.of("admin", "member"), values(list, "role"));
        assertEquals(g, list.get("items").get(0).get("group_id").asLong());

        var dup = api.post("/access_groups/" + g + "/members", ApiClient.obj()
                .put("user_name", "zoe").put("group_id", g)).expect(409);
        assertTrue(dup.errorMessage().contains("already a member"), dup.text());

        JsonNode removed = api.delete("/access_groups/" + g + "/members/zoe").expect(200).json();
        assertEquals("zoe", removed.get("user_name").asText());
        assertEquals("member", removed.get("role").asText());
        assertEquals(List.of("adam"), values(api.get("/access_groups/" + g + "/members").json(),
                "user_name"));
        var gone = api.delete("/access_groups/" + g + "/members/zoe").expect(404);
        assertEquals("Membership not found for user 'zoe' in group " + g, gone.errorMessage());
    }

    @Test
    void member_requests_are_checked() {
        long g = group("member-checks");
        String path = "/access_groups/" + g + "/members";
        assertTrue(api.post(path, ApiClient.obj().put("group_id", g)).expect(422).errorMessage()
                .contains("user_name"));
        assertTrue(api.post(path, ApiClient.obj().put("user_name", "u").put("role", "owner"))
                .expect(422).errorMessage().contains("role"));
        assertTrue(api.post(path, ApiClient.obj().put("user_name", "u").put("group_id", g + 1000))
                .expect(422).errorMessage().contains("group_id"));
        api.post("/access_groups/987654/members", ApiClient.obj().put("user_name", "u"))
                .expect(404);
        api.get("/access_groups/987654/members").expect(404);
        api.delete("/access_groups/987654/members/u").expect(404);
        assertEquals(0, api.get(path).json().get("total_count").asInt());
    }

    @Test
    void a_users_groups_are_listed_by_name() {
        long b = group("user-b");
        long a = group("user-a");
        group("user-c");
        member(b, "carol", null);
        member(a, "carol", "admin");
        JsonNode list = api.get("/users/carol/groups").expect(200).json();
        assertGroupEnvelope(list);
        assertEquals(List.of("user-a", "user-b"), values(list, "name"));
        assertEquals(2, list.get("total_count").asInt());
        assertEquals(0, api.get("/users/nobody/groups").json().get("items").size());
    }

    @Test
    void workflows_are_shared_by_path_or_body_listed_and_unshared() {
        long wf = api.createWorkflow("shared");
        long g1 = group("share-1");
        long g2 = group("share-2");
        JsonNode link = api.post("/workflows/" + wf + "/access_groups/" + g2, null).expect(200)
                .json();
        assertEquals(wf, link.get("workflow_id").asLong());
        assertEquals(g2, link.get("group_id").asLong());
        assertTrue(link.has("created_at"));
        api.post("/workflows/" + wf + "/access_groups", ApiClient.obj().put("workflow_id", wf)
                .put("group_id", g1)).expect(200);

        JsonNode list = api.get("/workflows/" + wf + "/access_groups").expect(200).json();
        assertGroupEnvelope(list);
        assertEquals(List.of("share-1", "share-2"), values(list, "name"));

        var dup = api.post("/workflows/" + wf + "/access_groups/" + g1, null).expect(409);
        assertEquals("Workflow " + wf + " is already associated with group " + g1,
                dup.errorMessage());

        assertEquals(g1, api.delete("/workflows/" + wf + "/access_groups/" + g1).expect(200)
                .json().get("group_id").asLong());
        assertEquals(List.of("share-2"), values(api.get("/workflows/" + wf + "/access_groups")
                .json(), "name"));
        api.delete("/workflows/" + wf + "/access_groups/" + g1).expect(404);
    }

    @Test
    void sharing_requests_are_checked() {
        long wf = api.createWorkflow("share-checks");
        long g = group("share-checks");
        api.post("/workflows/987654/access_groups/" + g, null).expect(404);
        api.post("/workflows/" + wf + "/access_groups/987654", null).expect(404);
        api.get("/workflows/987654/access_groups").expect(404);
        api.delete("/workflows/987654/access_groups/" + g).expect(404);
        String path = "/workflows/" + wf + "/access_groups";
        assertTrue(api.post(path, ApiClient.obj().put("workflow_id", wf)).expect(422)
                .errorMessage().contains("group_id"));
        assertTrue(api.post(path, ApiClient.obj().put("workflow_id", wf + 1).put("group_id", g))
                .expect(422).errorMessage().contains("workflow_id"));
        assertEquals(0, api.get(path).json().get("total_count").asInt());
    }

    @Test
    void access_check_follows_ownership_and_group_membership() {
        long wf = api.post("/workflows", ApiClient.obj().put("name", "checked")
                .put("user", "owner")).expect(200).id();
        long g = group("check-team");
        member(g, "teammate", null);
        api.post("/workflows/" + wf + "/access_groups/" + g, null).expect(200);

        JsonNode owner = api.get("/access_check/" + wf + "/owner").expect(200).json();
        assertTrue(owner.get("has_access").asBoolean());
        assertEquals("owner", owner.get("user_name").asText());
        assertEquals(wf, owner.get("workflow_id").asLong());
        assertTrue(api.get("/access_check/" + wf + "/teammate").json().get("has_access")
                .asBoolean());
        assertFalse(api.get("/access_check/" + wf + "/stranger").json().get("has_access")
                .asBoolean());
        api.get("/access_check/987654/owner").expect(404);
    }

    @Test
    void deleting_a_group_removes_its_members_and_shares() {
        long wf = api.createWorkflow("group-delete");
        long g = group("doomed");
        member(g, "dan", null);
        api.post("/workflows/" + wf + "/access_groups/" + g, null).expect(200);
        assertEquals("doomed", api.delete("/access_groups/" + g).expect(200).json().get("name")
                .asText());
        api.get("/access_groups/" + g).expect(404);
        assertEquals(0, api.get("/users/dan/groups").json().get("total_count").asInt());
        assertEquals(0, api.get("/workflows/" + wf + "/access_groups").json()
                .get("total_count").asInt());
        api.delete("/access_groups/" + g).expect(404);
    }

    @Test
    void the_system_admin_group_cannot_be_deleted() {
        long admin = server.server().database().write(tx -> AdminGroup.sync(tx, List.of("root")));
        var r = api.delete("/access_groups/" + admin).expect(403);
        assertEquals("Cannot delete system groups", r.errorMessage());
        assertEquals("Forbidden", r.json().get("error").get("error").asText());
        assertEquals("admin", api.get("/access_groups/" + admin).expect(200).json().get("name")
                .asText());
    }

    @Test
    void deleting_a_workflow_removes_its_shares() {
        long wf = api.createWorkflow("wf-delete");
        long g = group("outlives-workflow");
        api.post("/workflows/" + wf + "/access_groups/" + g, null).expect(200);
        api.delete("/workflows/" + wf).expect(200);
        api.get("/access_groups/" + g).expect(200);
        long links = server.server().database().read(sql -> sql.queryLong(
                "SELECT COUNT(*) FROM workflow_access_group WHERE group_id = ?", g));
        assertEquals(0, links);
    }
}
