package org.torc.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
    static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parses_user_and_password_splitting_at_the_first_colon() {
        assertEquals(new BasicAuth.Credentials("ann", "a:b:c"), BasicAuth.parse(basic("ann:a:b:c")));
        assertEquals(new BasicAuth.Credentials("ann", ""), BasicAuth.parse(basic("ann:")));
        assertEquals(new BasicAuth.Credentials("jörg", "pä"), BasicAuth.parse(
                "basic " + Base64.getEncoder().encodeToString("jörg:pä".getBytes(
                        StandardCharsets.UTF_8))));
    }

    @Test
    void refuses_what_is_not_basic_credentials() {
        assertNull(BasicAuth.parse("Bearer abc"));
        assertNull(BasicAuth.parse("Basic ***"));
        assertNull(BasicAuth.parse(basic("no-colon")));
        assertNull(BasicAuth.parse(basic(":empty-user")));
    }

    @Test
    void credentials_print_without_the_password() {
        assertEquals("Credentials[user=ann]", new BasicAuth.Credentials("ann", "pw").toString());
    }

    @Test
    void user_names_are_made_safe_for_a_log_line() {
        assertEquals("ann?forged line", BasicAuth.printable("ann\nforged line"));
        assertEquals("x".repeat(64) + "...", BasicAuth.printable("x".repeat(100)));
    }
}
