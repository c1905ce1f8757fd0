package org.torc.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Malformed requests against every registered route (taken from the running server, so a new
 * route is fuzzed without anyone listing it), with the query parameters torc's openapi.yaml
 * declares for it plus our extensions:
 * <ul>
 *   <li>path parameters: negative, zero, the largest long, past the largest long, not numbers,
 *       SQL; unknown job statuses;</li>
 *   <li>query parameters: not numbers, past the largest long, limit 10001 / -1 / "abc",
 *       unknown enum values (job statuses, sort methods), booleans other than true/false,
 *       sort_by and filter values carrying SQL;</li>
 *   <li>bodies: malformed JSON, JSON of the wrong shape and types, huge and negative ids,
 *       nesting deeper than the parser allows;</li>
 *   <li>a method no route takes.</li>
 * </ul>
 * Every answer must be free of 5xx, a JSON error with a message when 4xx, without stack traces
 * or class names; malformed values must get a 4xx (odd but legal ones, like SQL text in a
 * free-text filter, may get 200); no request may change the database; the server must still
 * answer /ping. The server runs with authentication and access control on (as an admin), so the
 * filters in front of the handlers are fuzzed too.
 */
class ApiFuzzTest {
    static final String NONE = "987654321";
    static final List<String> SQL = List.of("id; DROP TABLE job", "' OR 1=1 --");
    static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");
    static final Pattern LEAK = Pattern.compile("(?:\\b(?:java|javax|jakarta|kotlin|org|com|io)"
            + "\\.[a-z]+\\.[A-Za-z]|Exception|\\.java:|\\bat [a-z]+\\.|SQLITE_|sqlite)");

    static TestServer server;
    static ApiClient api;
    static SeedRows rows;
    static long group;
    static JsonNode openapi;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("torc-fuzz");
        Path users = TestUsers.htpasswd(dir, 4, "root", "root-pw");
        server = TestServer.start(c -> c.withAuth(users, true, 60)
                .withAccessControl(true, List.of("root")));
        api = server.api().as("root", "root-pw");
        long wf = api.post("/workflows", ApiClient.obj().put("name", "fuzz").put("user", "root"))
                .expect(200).id();
        rows = SeedRows.insert(server.server().database(), wf);
        group = server.server().database().write(tx -> {
            long g = tx.insert("INSERT INTO access_group (name) VALUES ('fuzzers')");
            tx.update("INSERT INTO user_group_membership (user_name, group_id, role) "
                    + "VALUES ('carol', ?, 'member')", g);
            tx.update("INSERT INTO workflow_access_group (workflow_id, group_id) VALUES (?, ?)",
                    wf, g);
            return g;
        });
        try (InputStream in = ApiFuzzTest.class.getResourceAsStream(
                "/openapi/torc-openapi.yaml")) {
            openapi = new YAMLMapper().readTree(in);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One request; {@code strict}: it is malformed, so only a 4xx will do. */
    record Case(String route, String group, String method, String path, String body,
            boolean strict) {
        String describe() {
            return group + ": " + method + " " + path + (body == null ? "" : " body "
                    + (body.length() > 60 ? body.substring(0, 60) + "..." : body));
        }
    }

    enum Type {
        INTEGER, BOOLEAN, ENUM, TEXT, ARRAY
    }

    // ---- values -----------------------------------------------------------------------------

    static List<String> badPathValues(String param) {
        return switch (param) {
            case "status" -> List.of("bogus", "COMPLETED", "completed' --", "99");
            case "worker", "user_name" -> List.of(SQL.get(0), SQL.get(1), "%", "nobody..x");
            default -> List.of("-1", "0", "9223372036854775807", "99999999999999999999", "abc",
                    "1.5", SQL.get(0), SQL.get(1));
        };
    }

    /** Values of a query parameter; each paired with whether it is malformed for that parameter. */
    static Map<String, Boolean> queryValues(String route, String name, Type type) {
        Map<String, Boolean> v = new LinkedHashMap<>();
        boolean clamped = route.contains("/job_dependencies") || route.contains("_relationships");
        switch (name) {
            case "limit" -> {
                v.put("10001", !clamped && !route.contains("claim_next_jobs"));
                v.put("-1", true);
                v.put("abc", true);
                v.put("99999999999999999999", true);
            }
            case "offset" -> {
                v.put("-1", true);
                v.put("abc", true);
                v.put("99999999999999999999", true);
            }
            case "sort_by" -> {
                SQL.forEach(s -> v.put(s, true));
                v.put("name desc", true);
                v.put("(SELECT 1)", true);
            }
            default -> {
                switch (type) {
                    case INTEGER -> {
                        v.put("abc", true);
                        v.put("99999999999999999999", true);
                        v.put("1.5", true);
                        v.put(SQL.get(0), true);
                        v.put("-1", false);
                        v.put("9223372036854775807", false);
                    }
                    case BOOLEAN -> {
                        v.put("maybe", true);
                        v.put("1", true);
                        v.put("TRUE", true);
                    }
                    case ENUM -> {
                        v.put("bogus", true);
                        v.put(SQL.get(1), true);
                    }
                    case TEXT, ARRAY -> SQL.forEach(s -> v.put(s, false));
                }
            }
        }
        return v;
    }

    static final List<String> MALFORMED_BODIES = List.of(
            "{\"name\": ", "{\"workflow_id\": 1,}", "not json", "[1, 2", "{'name': 'x'}",
            "{\"name\": \"\\ud800\"", "[".repeat(5000) + "]".repeat(5000),
            "{\"workflow_id\": 1" + "0".repeat(2000) + "}");

    static final List<String> WRONG_BODIES = List.of(
            "[]", "\"text\"", "42", "true", "{}",
            "{\"workflow_id\": \"abc\", \"name\": 5, \"user\": false, \"command\": []}",
            // No names: for routes that do not read workflow_id these must still be incomplete.
            "{\"workflow_id\": -1, \"command\": \"true\"}",
            "{\"workflow_id\": 99999999999999999999}",
            "{\"workflow_id\": 9223372036854775807, \"command\": \"true\"}",
            "{\"workflow_id\": 1.5}",
            "{\"jobs\": \"many\", \"completions\": {}, \"rules\": 7, \"data\": null}",
            "{\"id\": -1, \"status\": \"bogus\", \"num_cpus\": \"lots\", \"memory\": [1]}");

    // ---- the routes and their parameters ----------------------------------------------------

    /** Query parameters we add to torc's routes, or of routes torc does not have. */
    static final Map<String, Map<String, Type>> EXTRA_QUERY = Map.of(
            "POST /workflows/{}/claim_next_jobs", Map.of("wait_ms", Type.INTEGER,
                    "start_compute_node_id", Type.INTEGER, "run_id", Type.INTEGER),
            "POST /workflows/{}/claim_jobs_based_on_resources/{}", Map.of("wait_ms", Type.INTEGER,
                    "start_compute_node_id", Type.INTEGER, "run_id", Type.INTEGER),
            "GET /workflows/{}/wait_for_jobs", Map.of("generation", Type.INTEGER,
                    "wait_ms", Type.INTEGER),
            "POST /jobs/{}/retry/{}", Map.of("max_retries", Type.INTEGER),
            "GET /workflows/{}/access_groups", Map.of("offset", Type.INTEGER,
                    "limit", Type.INTEGER),
            "GET /workflows/{}/events/stream", Map.of("level", Type.TEXT));

    /** Query parameters a route needs before it looks at others, with a valid value. */
    static Map<String, String> requiredQuery(String route) {
        Map<String, String> q = new LinkedHashMap<>();
        String path = route.substring(route.indexOf(' ') + 1);
        if (!path.contains("{") && !path.startsWith("/workflows") && !path.startsWith("/access")
                && !path.equals("/ping") && !path.equals("/version") && !path.equals("/metrics")
                && !route.startsWith("POST ") && !route.startsWith("PUT ")) {
            q.put("workflow_id", Long.toString(rows.workflowId()));
        }
        if (route.startsWith("POST /jobs/{}/retry/")) {
            q.put("max_retries", "1");
        }
        return q;
    }

    static String normalized(String route) {
        return PARAM.matcher(route).replaceAll("{}");
    }

    static Map<String, Type> queryParams(String route) {
        String method = route.substring(0, route.indexOf(' ')).toLowerCase();
        String norm = normalized(route);
        Map<String, Type> out = new LinkedHashMap<>();
        var paths = openapi.path("paths").fields();
        while (paths.hasNext()) {
            var p = paths.next();
            if (!normalized(method.toUpperCase() + " " + p.getKey()).equals(norm)) {
                continue;
            }
            for (JsonNode param : p.getValue().path(method).path("parameters")) {
                if (param.path("in").asText().equals("query")) {
                    out.put(param.path("name").asText(), type(param.path("schema")));
                }
            }
        }
        out.putAll(EXTRA_QUERY.getOrDefault(norm, Map.of()));
        return out;
    }

    static Type type(JsonNode schema) {
        if (schema.has("$ref")) {
            return Type.ENUM; // job_status, jobs_sort_method
        }
        return switch (schema.path("type").asText()) {
            case "integer" -> Type.INTEGER;
            case "boolean" -> Type.BOOLEAN;
            case "array" -> Type.ARRAY;
            default -> schema.has("enum") ? Type.ENUM : Type.TEXT;
        };
    }

    /** A valid value of a path parameter, pointing at the seeded rows. */
    static String realValue(String route, String param) {
        String path = route.substring(route.indexOf(' ') + 1);
        return switch (param) {
            case "id" -> {
                Map<String, Long> byPrefix = new LinkedHashMap<>();
                byPrefix.put("/workflows/", rows.workflowId());
                byPrefix.put("/jobs/", rows.job());
                byPrefix.put("/files/", rows.file());
                byPrefix.put("/user_data/", rows.userData());
                byPrefix.put("/results/", rows.result());
                byPrefix.put("/events/", rows.event());
                byPrefix.put("/compute_nodes/", rows.computeNode());
                byPrefix.put("/resource_requirements/", rows.resourceRequirements());
                byPrefix.put("/local_schedulers/", rows.localScheduler());
                byPrefix.put("/slurm_schedulers/", rows.slurmScheduler());
                byPrefix.put("/scheduled_compute_nodes/", rows.scheduledComputeNode());
                byPrefix.put("/failure_handlers/", rows.failureHandler());
                byPrefix.put("/access_groups/", group);
                for (var e : byPrefix.entrySet()) {
                    if (path.startsWith(e.getKey())) {
                        yield Long.toString(e.getValue());
                    }
                }
                throw new IllegalStateException("No seeded row for {id} of " + route
                        + ": add one to SeedRows and here");
            }
            case "workflow_id" -> Long.toString(rows.workflowId());
            case "compute_node_id" -> Long.toString(rows.computeNode());
            case "action_id" -> Long.toString(rows.action());
            case "group_id" -> Long.toString(group);
            case "run_id", "limit" -> "1";
            case "status" -> "completed";
            case "worker" -> rows.remoteWorker();
            case "user_name" -> "carol";
            default -> throw new IllegalStateException("No value for {" + param + "} of " + route
                    + ": add one here");
        };
    }

    static String noSuchValue(String param) {
        return switch (param) {
            case "status" -> "completed";
            case "worker", "user_name" -> "no-such-name";
            case "run_id", "limit" -> "1";
            default -> NONE;
        };
    }

    static String fill(String route, Map<String, String> values) {
        String path = route.substring(route.indexOf(' ') + 1);
        Matcher m = PARAM.matcher(path);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(
                    URLEncoder.encode(values.get(m.group(1)), StandardCharsets.UTF_8)
                            .replace("+", "%20")));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String withQuery(String path, Map<String, String> query) {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        query.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '?' ? "" : "&")
                .append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    static List<String> params(String route) {
        List<String> out = new ArrayList<>();
        Matcher m = PARAM.matcher(route);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static boolean mutates(String method) {
        return !method.equals("GET");
    }

    static List<Case> cases(List<String> routes) {
        List<Case> out = new ArrayList<>();
        Set<String> paths = new java.util.TreeSet<>();
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            boolean hasBody = method.equals("POST") || method.equals("PUT");
            boolean stream = route.endsWith("/events/stream");
            String malformed = hasBody ? "{\"" : null;
            List<String> names = params(route);
            paths.add(route.substring(route.indexOf(' ') + 1));

            // Path parameters, one at a time, the others real.
            for (String p : names) {
                for (String bad : badPathValues(p)) {
                    Map<String, String> values = new LinkedHashMap<>();
                    names.forEach(n -> values.put(n, realValue(route, n)));
                    values.put(p, bad);
                    boolean strict = !(method.equals("GET") && (p.equals("user_name")
                            || p.equals("worker")));
                    out.add(new Case(route, "path {" + p + "}", method,
                            withQuery(fill(route, values), requiredQuery(normalized(route))),
                            malformed, strict));
                }
            }

            // Query parameters, one at a time: reads aimed at real rows, writes at missing ones.
            Map<String, String> ids = new LinkedHashMap<>();
            names.forEach(n -> ids.put(n, mutates(method) || stream ? noSuchValue(n)
                    : realValue(route, n)));
            String base = fill(route, ids);
            for (var q : queryParams(route).entrySet()) {
                for (var v : queryValues(route, q.getKey(), q.getValue()).entrySet()) {
                    Map<String, String> query = requiredQuery(normalized(route));
                    query.put(q.getKey(), v.getKey());
                    out.add(new Case(route, "query " + q.getKey(), method, withQuery(base, query),
                            malformed, v.getValue()));
                }
            }

            // Bodies, at missing rows so that a body a route ignores changes nothing.
            if (hasBody) {
                Map<String, String> missing = new LinkedHashMap<>();
                names.forEach(n -> missing.put(n, noSuchValue(n)));
                String target = withQuery(fill(route, missing), requiredQuery(normalized(route)));
                for (String body : MALFORMED_BODIES) {
                    out.add(new Case(route, "malformed body", method, target, body, true));
                }
                for (String body : WRONG_BODIES) {
                    out.add(new Case(route, "wrong body", method, target, body, true));
                }
            }
        }
        for (String path : paths) {
            Map<String, String> values = new LinkedHashMap<>();
            params("X " + path).forEach(n -> values.put(n, noSuchValue(n)));
            out.add(new Case("PATCH " + path, "method", "PATCH", fill("X " + path, values), null, true));
        }
        return out;
    }

    static String problem(Case c, Response r) {
        if (r.status() >= 500 || r.status() < 200) {
            return "HTTP " + r.status();
        }
        if (c.strict() && r.status() < 400) {
            return "HTTP " + r.status() + " for a malformed request";
        }
        if (r.json() == null) {
            return "HTTP " + r.status() + " without a JSON body";
        }
        if (r.status() >= 400 && r.errorMessage().isBlank()) {
            return "HTTP " + r.status() + " without error.message";
        }
        if (LEAK.matcher(r.text()).find()) {
            return "HTTP " + r.status() + " leaks internals";
        }
        return null;
    }

    @Test
    void malformed_requests_to_every_route_get_a_json_4xx_and_change_nothing() {
        List<String> routes = server.server().endpoints();
        List<Case> cases = cases(routes);
        var database = server.server().database();
        var before = DbChecksum.of(database);
        var last = before;
        List<String> failures = new ArrayList<>();
        int strict = 0;
        long t0 = System.nanoTime();
        long sendNanos = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            strict += c.strict() ? 1 : 0;
            long ts = System.nanoTime();
            Response r = api.send(c.method(), c.path(), c.body());
            sendNanos += System.nanoTime() - ts;
            String problem = problem(c, r);
            if (problem != null) {
                failures.add(c.describe() + " -> " + problem + ": " + abbreviate(r.text()));
            }
            // The database is compared after every write that succeeded and after each route's
            // cases, which names the route of any change at little cost.
            boolean lastOfRoute = i + 1 == cases.size()
                    || !cases.get(i + 1).route().equals(c.route());
            if ((mutates(c.method()) && r.status() < 300) || lastOfRoute) {
                var now = DbChecksum.of(database);
                if (!now.equals(last)) {
                    String who = r.status() < 300 ? c.describe() : c.route() + " (some case)";
                    failures.add(who + " -> changed " + DbChecksum.changed(last, now));
                    last = now;
                }
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("API fuzz: %d cases over %d routes (%d must be 4xx, %d odd-but-legal) "
                + "in %d ms (%d ms in requests), %d failures%n", cases.size(), routes.size(),
                strict, cases.size() - strict, millis, sendNanos / 1_000_000, failures.size());
        api.get("/ping").expect(200);
        assertEquals(List.of(), failures.subList(0, Math.min(failures.size(), 60)),
                failures.size() + " failures");
        assertEquals(List.of(), DbChecksum.changed(before, DbChecksum.of(database)));
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 240 ? s.substring(0, 240) + "..." : s;
    }
}
