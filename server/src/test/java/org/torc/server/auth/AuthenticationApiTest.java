package org.torc.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torc.server.testing.ApiClient;
import org.torc.server.testing.ApiClient.Response;
import org.torc.server.testing.LogCapture;
import org.torc.server.testing.TestServer;
import org.torc.server.testing.TestUsers;

/**
 * HTTP Basic authentication through real HTTP: one server that requires it (bcrypt cost 12, as
 * torc-htpasswd writes by default) and one where it is optional, with access control enforced.
 */
class AuthenticationApiTest {
    static final String ALICE_PW = "correct horse battery staple";
    static Path users;
    static Path cheapUsers;
    static TestServer required;
    static TestServer optional;
    static List<String> startupLog;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("torc-auth");
        users = TestUsers.htpasswd(dir.resolve("required"), 12, "alice", ALICE_PW,
                "carl", "carl-pw", "dora", "dora-pw");
        try (LogCapture log = LogCapture.attach()) {
            required = TestServer.start(c -> c.withAuth(users, true, 60));
            startupLog = log.lines();
        }
        cheapUsers = TestUsers.htpasswd(dir.resolve("optional"), 4, "alice", ALICE_PW);
        optional = TestServer.start(c -> c.withAuth(cheapUsers, false, 60)
                .withAccessControl(true, List.of()));
    }

    @AfterAll
    static void stop() {
        required.close();
        optional.close();
    }

    static void assertChallenge(Response r, String message) {
        assertEquals(401, r.status(), r.text());
        assertEquals("Basic realm=\"Torc\"", r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(message, r.errorMessage(), r.text());
    }

    @Test
    void startup_logs_say_how_authentication_is_configured() {
        assertFalse(grep(startupLog, "Loaded 3 users from htpasswd file").isEmpty(),
                String.join("\n", startupLog));
        assertFalse(grep(startupLog, "Authentication is REQUIRED for all requests").isEmpty());
    }

    @Test
    void without_credentials_a_server_that_requires_them_answers_401_with_a_basic_challenge() {
        ApiClient anonymous = required.api();
        assertChallenge(anonymous.get("/workflows"), "Authentication required");
        assertChallenge(anonymous.post("/workflows", ApiClient.obj().put("name", "w")
                .put("user", "x")), "Authentication required");
        // Health checks and unknown paths too, as in torc: a 401 still shows the server is up.
        assertChallenge(anonymous.get("/ping"), "Authentication required");
        assertChallenge(anonymous.get("/version"), "Authentication required");
        assertChallenge(anonymous.get("/no/such/path"), "Authentication required");
        assertChallenge(anonymous.withAuthorization("Bearer abc").get("/ping"),
                "Authentication required");
    }

    @Test
    void valid_credentials_are_accepted() {
        ApiClient alice = required.api().as("alice", ALICE_PW);
        alice.get("/ping").expect(200);
        long wf = alice.post("/workflows", ApiClient.obj().put("name", "w").put("user", "alice"))
                .expect(200).id();
        alice.get("/workflows/" + wf).expect(200);
    }

    @Test
    void wrong_passwords_unknown_users_and_malformed_headers_are_refused() {
        assertChallenge(required.api().as("alice", "wrong").get("/ping"),
                "Invalid username or password");
        assertChallenge(required.api().as("alice", "").get("/ping"),
                "Invalid username or password");
        assertChallenge(required.api().as("mallory", ALICE_PW).get("/ping"),
                "Invalid username or password");
        assertChallenge(required.api().withAuthorization("Basic !!not-base64!!").get("/ping"),
                "Malformed Basic Authorization header");
        String noColon = Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8));
        assertChallenge(required.api().withAuthorization("Basic " + noColon).get("/ping"),
                "Malformed Basic Authorization header");
    }

    @Test
    void a_wrong_password_is_refused_even_where_authentication_is_optional() {
        assertChallenge(optional.api().as("alice", "wrong").get("/ping"),
                "Invalid username or password");
        optional.api().as("alice", ALICE_PW).get("/ping").expect(200);
    }

    @Test
    void without_credentials_an_optional_server_treats_the_caller_as_anonymous() {
        ApiClient alice = optional.api().as("alice", ALICE_PW);
        long wf = alice.post("/workflows", ApiClient.obj().put("name", "w").put("user", "alice"))
                .expect(200).id();
        ApiClient anonymous = optional.api();
        anonymous.get("/ping").expect(200);
        anonymous.withAuthorization("Bearer token").get("/ping").expect(200);
        // With access control on, anonymous callers see no workflows and may touch none.
        assertEquals(0, anonymous.get("/workflows").expect(200).json().get("total_count").asLong());
        assertEquals("Authentication is required to access workflow " + wf,
                anonymous.get("/workflows/" + wf).expect(403).errorMessage());
        assertEquals(1, alice.get("/workflows").expect(200).json().get("total_count").asLong());
    }

    @Test
    void the_credential_cache_makes_repeated_requests_skip_bcrypt() {
        ApiClient carl = required.api().as("carl", "carl-pw");
        long t0 = System.nanoTime();
        carl.get("/ping").expect(200);
        long firstMicros = (System.nanoTime() - t0) / 1000;
        long[] later = new long[5];
        for (int i = 0; i < later.length; i++) {
            long t = System.nanoTime();
            carl.get("/ping").expect(200);
            later[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(later);
        long medianMicros = later[later.length / 2];
        System.out.printf("Credential cache: first request %d us (bcrypt cost 12), "
                + "then median %d us%n", firstMicros, medianMicros);
        assertTrue(medianMicros * 5 < firstMicros, "first " + firstMicros + " us, then "
                + medianMicros + " us");
    }

    @Test
    void passwords_and_hashes_never_reach_the_log() throws Exception {
        String secret = "s3cret-Pa55word-in-the-header";
        String hashOfDora = Files.readAllLines(users).stream()
                .filter(l -> l.startsWith("dora:")).findFirst().orElseThrow().substring(5);
        String header = Base64.getEncoder().encodeToString(("dora:" + secret)
                .getBytes(StandardCharsets.UTF_8));
        try (LogCapture log = LogCapture.attach()) {
            assertChallenge(required.api().as("dora", secret).get("/workflows"),
                    "Invalid username or password");
            required.api().as("dora", "dora-pw").get("/workflows").expect(200);
            // The password typed where the user name belongs still shows up as a user name only.
            required.api().as("dora", secret + ":more").get("/ping");

            List<String> lines = log.lines();
            assertFalse(grep(lines, "Authentication failed for user 'dora'").isEmpty(),
                    "the failure is logged, so the capture works: " + lines);
            for (String forbidden : List.of(secret, "dora-pw", header, hashOfDora,
                    hashOfDora.substring(7))) {
                assertEquals(List.of(), grep(lines, forbidden), "must not log " + forbidden);
            }
        }
    }

    static List<String> grep(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }
}
