package org.torc.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** torc-htpasswd, run in-process with captured output. */
class HtpasswdMainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = HtpasswdMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void add_creates_a_private_file_whose_entries_the_server_accepts() throws Exception {
        Path file = dir.resolve("htpasswd");
        Run r = run("add", "--file", file.toString(), "alice", "--password", "pw-a", "--cost", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Hashing password (cost=4)..."), r.out());
        assertTrue(r.out().contains("Added user 'alice' to " + file), r.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.readString(file).contains("pw-a"));

        assertEquals(0, run("add", "-f", file.toString(), "bob", "-p", "pw-b", "-c", "4").code());
        Htpasswd users = Htpasswd.load(file);
        assertEquals(List.of("alice", "bob"), users.users());
        assertTrue(users.verify("alice", "pw-a"));
        assertTrue(users.verify("bob", "pw-b"));
    }

    @Test
    void add_changes_an_existing_password_keeping_comments_and_order() throws Exception {
        Path file = dir.resolve("htpasswd");
        run("add", "-f", file.toString(), "alice", "-p", "old", "-c", "4");
        Files.writeString(file, Files.readString(file) + "# ops team\n");
        run("add", "-f", file.toString(), "bob", "-p", "pw-b", "-c", "4");
        Run r = run("add", "-f", file.toString(), "alice", "-p", "new", "-c", "4");
        assertTrue(r.out().contains("Updated user 'alice' in " + file), r.out());
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("# ops team"), lines.toString());
        assertTrue(lines.indexOf("# ops team") < lines.size() - 1, "bob stays after the comment");
        Htpasswd users = Htpasswd.load(file);
        assertEquals(List.of("alice", "bob"), users.users());
        assertTrue(users.verify("alice", "new"));
        assertFalse(users.verify("alice", "old"));
    }

    @Test
    void verify_exits_0_for_the_right_password_and_1_otherwise() {
        Path file = dir.resolve("htpasswd");
        run("add", "-f", file.toString(), "alice", "-p", "pw-a", "-c", "4");
        Run ok = run("verify", "-f", file.toString(), "alice", "-p", "pw-a");
        assertEquals(0, ok.code());
        assertEquals("Password is correct for user 'alice'", ok.out().strip());
        Run bad = run("verify", "-f", file.toString(), "alice", "-p", "nope");
        assertEquals(1, bad.code());
        assertEquals("Password is incorrect for user 'alice'", bad.out().strip());
        assertEquals(1, run("verify", "-f", file.toString(), "nobody", "-p", "pw-a").code());
        Run missing = run("verify", "-f", dir.resolve("none").toString(), "alice", "-p", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().startsWith("Error: file "), missing.err());
    }

    @Test
    void remove_list_and_hash() throws Exception {
        Path file = dir.resolve("htpasswd");
        run("add", "-f", file.toString(), "alice", "-p", "a", "-c", "4");
        run("add", "-f", file.toString(), "bob", "-p", "b", "-c", "4");
        assertEquals("Users in " + file + ":\n  - alice\n  - bob", run("list", "-f",
                file.toString()).out().strip());
        assertEquals(0, run("remove", "-f", file.toString(), "alice").code());
        assertEquals(List.of("bob"), Htpasswd.load(file).users());
        Run gone = run("remove", "-f", file.toString(), "alice");
        assertEquals(1, gone.code());
        assertEquals("Error: user 'alice' not found in " + file, gone.err().strip());

        Run hash = run("hash", "carol", "-p", "c", "-c", "4");
        assertEquals(0, hash.code());
        String line = hash.out().strip();
        assertTrue(line.startsWith("carol:$2b$04$"), line);
        assertTrue(Htpasswd.parse(List.of(line)).verify("carol", "c"));
    }

    @Test
    void bad_input_is_refused_with_one_line() {
        Path file = dir.resolve("htpasswd");
        Run cost = run("add", "-f", file.toString(), "alice", "-p", "x", "-c", "3");
        assertEquals(1, cost.code());
        assertEquals("Error: cost must be between 4 and 31", cost.err().strip());
        Run colon = run("add", "-f", file.toString(), "a:b", "-p", "x", "-c", "4");
        assertEquals(1, colon.code());
        assertTrue(colon.err().contains("not allowed"), colon.err());
        Run tooLong = run("add", "-f", file.toString(), "alice", "-p", "x".repeat(80), "-c", "4");
        assertEquals(1, tooLong.code());
        assertFalse(Files.exists(file), "nothing written on failure");
        assertEquals(2, run("add", "alice").code(), "usage error: --file missing");
    }
}
