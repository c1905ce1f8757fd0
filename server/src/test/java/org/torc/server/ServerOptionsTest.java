package org.torc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The authentication and access-control options of {@code torc-server run}. */
class ServerOptionsTest {
    @TempDir
    Path dir;

    /** {@code run} reconfigures logging for the process; put the test configuration back. */
    @AfterAll
    static void restoreLogging() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    record Run(int code, String err) {
    }

    static Run run(String... args) {
        CommandLine cli = new CommandLine(new TorcServerMain());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), err.toString());
    }

    @Test
    void require_auth_without_an_htpasswd_file_refuses_to_start_with_one_line() {
        Run r = run("run", "--require-auth", "--database", dir.resolve("db").toString(),
                "--port", "0", "--log-level", "error");
        assertEquals(1, r.code());
        assertEquals("Error: --require-auth needs an htpasswd file: give --auth-file or set "
                + "TORC_AUTH_FILE", r.err().strip());
    }

    @Test
    void an_unusable_htpasswd_file_refuses_to_start_with_one_line() throws Exception {
        Path users = Files.write(dir.resolve("users"), List.of("alice:plaintext"));
        Run r = run("run", "--auth-file", users.toString(), "--database",
                dir.resolve("db").toString(), "--port", "0", "--log-level", "error");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("Error: Invalid htpasswd file " + users), r.err());
    }

    @Test
    void bad_numbers_are_refused() {
        Run ttl = run("run", "--credential-cache-ttl-secs", "-1", "--database",
                dir.resolve("db").toString(), "--log-level", "error");
        assertEquals(1, ttl.code());
        assertTrue(ttl.err().contains("--credential-cache-ttl-secs cannot be negative"), ttl.err());
        Run mb = run("run", "--max-request-mb", "0", "--database", dir.resolve("db").toString(),
                "--log-level", "error");
        assertEquals(1, mb.code());
        assertTrue(mb.err().contains("--max-request-mb must be between 1 and"), mb.err());
    }

    @Test
    void admin_users_come_from_the_options_else_from_the_comma_separated_variable() {
        assertEquals(List.of("ann", "bo"),
                TorcServerMain.Run.adminUsers(List.of("ann", "bo", "ann"), "x,y"));
        assertEquals(List.of("x", "y"), TorcServerMain.Run.adminUsers(null, " x, ,y ,x"));
        assertEquals(List.of(), TorcServerMain.Run.adminUsers(null, null));
    }

    @Test
    void config_validation_names_each_problem() {
        ServerConfig c = ServerConfig.defaults(dir.resolve("db"))
                .withAuth(null, true, -5).withAccessControl(true, List.of(" "));
        var e = assertThrows(IllegalArgumentException.class, c::validate);
        assertTrue(e.getMessage().contains("--require-auth"), e.getMessage());
        assertTrue(e.getMessage().contains("--credential-cache-ttl-secs"), e.getMessage());
        assertTrue(e.getMessage().contains("--admin-user"), e.getMessage());
    }
}
