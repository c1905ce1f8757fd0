package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

/** Exit codes, error lines, global options, help and completions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliBasicsTest {
    private TestCli cli;

    @BeforeAll
    void start() {
        cli = TestCli.start();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void every_command_and_subcommand_has_help() {
        List<String> paths = new ArrayList<>();
        collect(TorcMain.commandLine(CliEnvironment.of(Map.of(), cli.configPaths())), List.of(),
                paths);
        assertTrue(paths.size() > 80, "expected the whole command tree, got " + paths.size());
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.removeIf(String::isEmpty);
            args.add("--help");
            TestCli.Result r = cli.raw(Map.of(), args.toArray(String[]::new));
            assertEquals(0, r.code(), "torc " + String.join(" ", args) + "\n" + r);
            assertTrue(r.out().startsWith("Usage: torc"), "torc " + path + " --help\n" + r);
        }
    }

    private static void collect(CommandLine cmd, List<String> prefix, List<String> out) {
        out.add(String.join(" ", prefix));
        for (var e : cmd.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(prefix);
            next.add(e.getKey());
            collect(e.getValue(), next, out);
        }
    }

    @Test
    void usage_errors_exit_2_and_point_to_help() {
        for (String[] args : new String[][] {
            {"jobs", "list", "--no-such-option"},
            {"jobs", "get"},
            {"jobs", "get", "abc"},
            {"workflows", "new"},
            {"no-such-command"},
            {"workflows"},
        }) {
            TestCli.Result r = cli.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r);
            assertEquals("", r.out());
        }
        TestCli.Result r = cli.run("jobs", "get", "abc");
        assertTrue(r.err().contains("'abc' is not a long"), r.toString());
        assertTrue(r.err().contains("Try 'torc jobs get --help'"), r.toString());
    }

    @Test
    void a_server_error_is_one_line_on_stderr_with_exit_1() {
        TestCli.Result r = cli.run("jobs", "get", "987654");
        assertEquals(1, r.code(), r.toString());
        assertEquals("", r.out());
        assertEquals(List.of("Error: API error while getting job (status: 404): Job not found with ID: "
                + "987654"), lines(r.err()));
    }

    @Test
    void an_unreachable_server_is_reported_in_one_line_with_its_url() {
        String url = "http://127.0.0.1:9/torc-service/v1";
        TestCli.Result r = cli.raw(Map.of(), "--url", url, "workflows", "list");
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("Error: Cannot reach the torc server at " + url
                + ": connection refused"), lines(r.err()));
    }

    @Test
    void global_options_work_before_and_after_the_subcommand() {
        cli.workflow("global-options", "gopt");
        for (String[] args : new String[][] {
            {"-f", "json", "workflows", "list"},
            {"workflows", "-f", "json", "list"},
            {"workflows", "list", "-f", "json"},
            {"workflows", "list", "--format=json"},
        }) {
            TestCli.Result r = cli.runAs("gopt", args);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.json().isArray(), String.join(" ", args) + "\n" + r);
            assertEquals("global-options", r.json().get(0).path("name").asText());
        }
        TestCli.Result r = cli.raw(Map.of("USER", "gopt"), "workflows", "list", "--url", cli.url());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("Workflows for user gopt:"), r.toString());
    }

    @Test
    void an_unknown_format_is_an_error() {
        TestCli.Result r = cli.run("-f", "xml", "workflows", "list");
        assertEquals(1, r.code());
        assertEquals(List.of("Error: format must be either 'table' or 'json'"), lines(r.err()));
    }

    @Test
    void ping_reports_a_running_server_in_both_formats() {
        TestCli.Result table = cli.run("ping");
        assertEquals(0, table.code());
        assertEquals("Server is running\n", table.out());
        TestCli.Result json = cli.run("-f", "json", "ping");
        assertEquals("Server is running", json.json().path("status").asText());
    }

    @Test
    void completions_are_generated_for_bash_and_zsh() {
        TestCli.Result bash = cli.raw(Map.of(), "completions", "bash");
        assertEquals(0, bash.code(), bash.toString());
        assertTrue(bash.out().contains("complete -F"), bash.out());
        assertTrue(bash.out().contains("reset-status"), "subcommands are completed");
        TestCli.Result zsh = cli.raw(Map.of(), "completions", "zsh");
        assertEquals(0, zsh.code());
        assertTrue(zsh.out().contains("bashcompinit"));
        assertEquals(2, cli.raw(Map.of(), "completions", "tcsh").code());
    }

    @Test
    void version_names_torc_and_the_port() {
        TestCli.Result r = cli.raw(Map.of(), "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("torc 0."), r.out());
    }
}
