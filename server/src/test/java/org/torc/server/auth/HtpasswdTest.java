package org.torc.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtpasswdTest {
    static final String HASH = Htpasswd.hash("pw", 4);

    @Test
    void reads_entries_skipping_comments_and_blank_lines() {
        String a = HASH.replace("$2b$", "$2a$");
        String y = HASH.replace("$2b$", "$2y$");
        Htpasswd h = Htpasswd.parse(List.of("# users", "", "  alice:" + HASH + "  ", "bob:" + a,
                "\t# indented comment", "carol : " + y + "\r"));
        assertEquals(List.of("alice", "bob", "carol"), h.users());
        assertTrue(h.verify("alice", "pw"));
        assertTrue(h.verify("bob", "pw"), "$2a$ hashes verify");
        assertTrue(h.verify("carol", "pw"), "$2y$ hashes verify");
        assertFalse(h.verify("alice", "PW"));
        assertFalse(h.verify("nobody", "pw"));
    }

    @Test
    void verifies_hashes_made_by_another_implementation() {
        // Made with glibc's crypt(3) (libxcrypt), salt Gf3nq2Ll0JcXvDn1z9kHwe.
        String tail = "$05$Gf3nq2Ll0JcXvDn1z9kHwercwgN0j/mWf5IYuVqWzGXtj0MDGAmuO";
        for (String version : List.of("$2a", "$2b", "$2y")) {
            assertTrue(Htpasswd.matches("secret", version + tail), version);
            assertFalse(Htpasswd.matches("Secret", version + tail), version);
        }
        assertTrue(Htpasswd.matches("p\u00e4ssw\u00f6rd",
                "$2b$04$Gf3nq2Ll0JcXvDn1z9kHweuZ68Sf3bUsFt0ooWASyilbbFP/QCtSa"), "UTF-8 passwords");
        assertFalse(Htpasswd.matches("pw", "$2b$04$tooShort"));
    }

    @Test
    void malformed_files_are_refused_with_the_line() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Htpasswd.parse(List.of("# c", "alice")));
        assertEquals("line 2 is not of the form user:hash", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Htpasswd.parse(List.of(":" + HASH)));
        assertEquals("line 1 has an empty user name", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Htpasswd.parse(List.of("alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=")));
        assertTrue(e.getMessage().contains("user 'alice' (line 1) is not a bcrypt hash"),
                e.getMessage());
        assertFalse(e.getMessage().contains("W6ph5"), "the hash is not repeated");
        e = assertThrows(IllegalArgumentException.class,
                () -> Htpasswd.parse(List.of("alice:" + HASH, "alice:" + HASH)));
        assertEquals("user 'alice' is listed twice (lines 1 and 2)", e.getMessage());
    }

    @Test
    void loading_names_the_file_and_refuses_one_without_users(@TempDir Path dir) throws Exception {
        Path empty = Files.write(dir.resolve("empty"), List.of("# nobody here"));
        var e = assertThrows(IllegalArgumentException.class, () -> Htpasswd.load(empty));
        assertEquals("Invalid htpasswd file " + empty + ": it lists no users", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Htpasswd.load(dir.resolve("none")));
        assertTrue(e.getMessage().startsWith("Cannot read htpasswd file "), e.getMessage());
        Path ok = Files.write(dir.resolve("ok"), List.of("u:" + HASH));
        assertEquals(1, Htpasswd.load(ok).size());
    }

    @Test
    void hashes_are_2b_with_the_requested_cost_and_salted() {
        String one = Htpasswd.hash("pw", 5);
        assertTrue(one.startsWith("$2b$05$"), one);
        assertFalse(one.equals(Htpasswd.hash("pw", 5)), "a fresh salt each time");
        assertThrows(IllegalArgumentException.class, () -> Htpasswd.hash("pw", 3));
        assertThrows(IllegalArgumentException.class, () -> Htpasswd.hash("pw", 32));
        assertThrows(IllegalArgumentException.class, () -> Htpasswd.hash("x".repeat(72), 4));
        assertTrue(Htpasswd.matches("x".repeat(71), Htpasswd.hash("x".repeat(71), 4)));
    }
}
