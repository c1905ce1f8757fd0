package org.torc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torc.client.cli.config.ConfigPaths;

/**
 * Config layering: defaults, /etc, user, ./torc.toml, TORC_CLIENT__ variables, torc's option
 * variables, command line; strict errors for broken files; the {@code config} commands. Every file
 * lives in a temporary directory given to the CLI as its config paths.
 */
class ConfigTest {
    private TestCli cli;

    @BeforeEach
    void start() {
        cli = TestCli.start();
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private JsonNode effective(Map<String, String> env) {
        TestCli.Result r = cli.raw(env, "config", "show", "-f", "json");
        assertEquals(0, r.code(), r.toString());
        return r.json().path("client");
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void without_files_the_defaults_are_torcs() {
        JsonNode c = effective(Map.of());
        assertEquals("http://localhost:8080/torc-service/v1", c.path("api_url").asText());
        assertEquals("table", c.path("format").asText());
        assertEquals("info", c.path("log_level").asText());
        assertEquals(5.0, c.path("run").path("poll_interval").asDouble());
        assertEquals("output", c.path("run").path("output_dir").asText());
        assertEquals(30, c.path("slurm").path("poll_interval").asInt());
    }

    @Test
    void later_layers_override_earlier_ones_key_by_key() {
        cli.write(cli.etcConfig(), """
                [client]
                api_url = "http://etc:1/v1"
                log_level = "warn"
                [client.run]
                poll_interval = 1.5
                num_cpus = 2
                """);
        cli.write(cli.userConfig(), """
                [client]
                api_url = "http://user:2/v1"
                [client.run]
                poll_interval = 2
                """);
        cli.write(cli.localConfig(), """
                [client.run]
                output_dir = "local-out"
                """);
        JsonNode c = effective(Map.of());
        assertEquals("http://user:2/v1", c.path("api_url").asText());
        assertEquals("warn", c.path("log_level").asText());
        assertEquals(2.0, c.path("run").path("poll_interval").asDouble());
        assertEquals(2, c.path("run").path("num_cpus").asInt());
        assertEquals("local-out", c.path("run").path("output_dir").asText());

        JsonNode withEnv = effective(Map.of("TORC_CLIENT__RUN__POLL_INTERVAL", "0.25",
                "TORC_CLIENT__API_URL", "http://env:3/v1", "TORC_CLIENT__RUN__MAX_PARALLEL_JOBS", "7",
                "TORC_SERVER__PORT", "9999"));
        assertEquals(0.25, withEnv.path("run").path("poll_interval").asDouble());
        assertEquals("http://env:3/v1", withEnv.path("api_url").asText());
        assertEquals(7, withEnv.path("run").path("max_parallel_jobs").asInt());
        assertEquals("local-out", withEnv.path("run").path("output_dir").asText());
    }

    @Test
    void the_config_files_api_url_is_used_and_the_command_line_and_TORC_API_URL_win() {
        cli.write(cli.localConfig(), "[client]\napi_url = \"" + cli.url() + "\"\n");
        cli.workflow("from-config", TestCli.USER);
        TestCli.Result fromFile = cli.raw(Map.of(), "workflows", "list");
        assertEquals(0, fromFile.code(), fromFile.toString());
        assertTrue(fromFile.out().contains("from-config"));

        cli.write(cli.localConfig(), "[client]\napi_url = \"http://127.0.0.1:9/nothing\"\n");
        assertEquals(1, cli.raw(Map.of(), "workflows", "list").code());
        assertEquals(0, cli.raw(Map.of("TORC_API_URL", cli.url()), "workflows", "list").code());
        assertEquals(0, cli.raw(Map.of(), "--url", cli.url(), "workflows", "list").code());
        assertEquals(1, cli.raw(Map.of("TORC_API_URL", cli.url()), "--url",
                "http://127.0.0.1:9/nothing", "workflows", "list").code());
    }

    @Test
    void format_table_on_the_command_line_overrides_json_in_a_config_file() {
        cli.workflow("fmt", TestCli.USER);
        cli.write(cli.userConfig(), "[client]\nformat = \"json\"\n");
        TestCli.Result fromConfig = cli.run("workflows", "list");
        assertTrue(fromConfig.json().isArray(), fromConfig.toString());
        TestCli.Result table = cli.run("-f", "table", "workflows", "list");
        assertTrue(table.out().startsWith("Workflows for user alice:"), table.toString());
        TestCli.Result envTable = cli.runWith(Map.of("TORC_CLIENT__FORMAT", "table"), "workflows",
                "list");
        assertTrue(envTable.out().startsWith("Workflows for user alice:"), envTable.toString());
    }

    @Test
    void run_defaults_come_from_the_config_and_yield_to_options() {
        cli.write(cli.localConfig(), """
                [client.run]
                poll_interval = 0.5
                max_parallel_jobs = 3
                output_dir = "cfg-out"
                num_cpus = 4
                memory_gb = 8.5
                num_gpus = 1
                """);
        GlobalOptions none = new GlobalOptions();
        ClientSettings s = ClientSettings.resolve(none, CliEnvironment.of(Map.of(),
                cli.configPaths()));
        assertEquals(new ClientSettings.RunDefaults(0.5, 3, "cfg-out", 4L, 8.5, 1L), s.run());
        ClientSettings bare = ClientSettings.resolve(none, CliEnvironment.of(Map.of(),
                new ConfigPaths(cli.dir().resolve("none1"), null, cli.dir().resolve("none2"))));
        assertEquals(5.0, bare.run().pollInterval());
        assertEquals("output", bare.run().outputDir());
        assertNull(bare.run().maxParallelJobs());
    }

    @Test
    void a_syntax_error_names_the_file_and_line_and_exits_1() {
        cli.write(cli.userConfig(), "[client]\napi_url = \n");
        TestCli.Result r = cli.run("workflows", "list");
        assertEquals(1, r.code());
        List<String> err = lines(r.err());
        assertEquals(1, err.size(), r.toString());
        assertTrue(err.get(0).startsWith("Error: Invalid configuration file " + cli.userConfig()),
                r.toString());
        assertTrue(err.get(0).contains("line 2"), r.toString());
    }

    @Test
    void a_wrong_type_or_unknown_key_is_an_error_naming_file_and_key() {
        cli.write(cli.localConfig(), "[client.run]\npoll_interval = \"fast\"\n");
        TestCli.Result wrongType = cli.run("workflows", "list");
        assertEquals(1, wrongType.code());
        assertEquals(List.of("Error: Invalid configuration file " + cli.localConfig()
                + ": client.run.poll_interval must be a number, got the string \"fast\""),
                lines(wrongType.err()));

        cli.write(cli.localConfig(), "[client]\nfromat = \"json\"\n");
        TestCli.Result unknown = cli.run("workflows", "list");
        assertEquals(1, unknown.code());
        assertEquals(List.of("Error: Invalid configuration file " + cli.localConfig()
                + ": unknown key client.fromat (did you mean client.format?)"), lines(unknown.err()));

        cli.write(cli.localConfig(), "[client.run]\nnum_cpus = 2.5\n");
        assertTrue(cli.run("workflows", "list").err().contains(
                "client.run.num_cpus must be an integer, got the number 2.5"));

        cli.write(cli.localConfig(), "[client]\nformat = \"xml\"\n");
        assertTrue(cli.run("workflows", "list").err().contains(
                "client.format must be 'table' or 'json', got 'xml'"));
    }

    @Test
    void a_bad_environment_variable_is_an_error_naming_it() {
        TestCli.Result r = cli.runWith(Map.of("TORC_CLIENT__RUN__POLL_INTERVAL", "soon"),
                "workflows", "list");
        assertEquals(1, r.code());
        assertEquals(List.of("Error: Invalid environment variable TORC_CLIENT__RUN__POLL_INTERVAL: "
                + "client.run.poll_interval must be a number, got 'soon'"), lines(r.err()));
        TestCli.Result unknown = cli.runWith(Map.of("TORC_CLIENT__COLOUR", "red"), "workflows",
                "list");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("TORC_CLIENT__COLOUR: unknown setting client.colour"));
    }

    @Test
    void sections_of_other_programs_are_accepted() {
        cli.write(cli.etcConfig(), """
                [server]
                port = 8080
                completion_check_interval_secs = 30.0
                [server.logging]
                json_logs = false
                [dash]
                port = 8090
                [client.hpc]
                default_account = "proj"
                [client.slurm]
                keep_submission_scripts = true
                """);
        JsonNode all = cli.raw(Map.of(), "config", "show", "-f", "json").json();
        assertEquals(8080, all.path("server").path("port").asInt());
        assertTrue(all.path("client").path("slurm").path("keep_submission_scripts").asBoolean());
        assertEquals(0, cli.run("workflows", "list").code());
    }

    @Test
    void config_show_prints_toml_sections() {
        TestCli.Result r = cli.raw(Map.of("TORC_CLIENT__RUN__NUM_GPUS", "2"), "config", "show");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("[client]\napi_url = \"http://localhost:8080/torc-service/v1\"\n"),
                r.out());
        assertTrue(r.out().contains("[client.run]\npoll_interval = 5.0\noutput_dir = \"output\"\n"
                + "num_gpus = 2\n"), r.out());
        assertEquals(1, cli.raw(Map.of(), "config", "show", "-f", "yaml").code());
    }

    @Test
    void config_init_writes_a_valid_file_and_refuses_to_overwrite_without_force() throws IOException {
        TestCli.Result created = cli.raw(Map.of(), "config", "init", "--local");
        assertEquals(0, created.code(), created.toString());
        assertTrue(Files.isRegularFile(cli.localConfig()));
        assertTrue(created.out().contains("Created configuration file: " + cli.localConfig()));
        TestCli.Result again = cli.raw(Map.of(), "config", "init", "--local");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.toString());
        assertEquals(0, cli.raw(Map.of(), "config", "init", "--local", "--force").code());
        TestCli.Result user = cli.raw(Map.of(), "config", "init");
        assertEquals(0, user.code());
        assertTrue(Files.isRegularFile(cli.userConfig()), "the user file is the default");
        TestCli.Result valid = cli.raw(Map.of(), "config", "validate");
        assertEquals(0, valid.code(), valid.toString());
        assertTrue(valid.out().contains("Configuration is valid."));
        assertTrue(valid.out().contains("  - " + cli.userConfig()));
        assertEquals(2, cli.raw(Map.of(), "config", "init", "--local", "--user").code());
    }

    @Test
    void config_validate_lists_every_problem_and_exits_1() {
        cli.write(cli.userConfig(), "[client]\nformat = 1\n[client.run]\nmemory_gb = -2\n");
        cli.write(cli.localConfig(), "[client]\nbogus = true\n");
        TestCli.Result r = cli.raw(Map.of(), "config", "validate");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Configuration has 3 error(s):"), r.toString());
        assertTrue(r.err().contains("client.format must be a string"));
        assertTrue(r.err().contains("client.run.memory_gb must be positive"));
        assertTrue(r.err().contains("unknown key client.bogus"));
    }

    @Test
    void config_paths_lists_the_three_files_and_which_exist() {
        cli.write(cli.etcConfig(), "");
        TestCli.Result r = cli.raw(Map.of(), "config", "paths");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("System:  " + cli.etcConfig() + " (exists)"), r.out());
        assertTrue(r.out().contains("User:    " + cli.userConfig() + " (not found)"), r.out());
        assertTrue(r.out().contains("Local:   " + cli.localConfig() + " (not found)"), r.out());
        assertTrue(r.out().contains("Active configuration files: " + cli.etcConfig()));
        assertFalse(r.out().contains(System.getProperty("user.home") + "/.config"));
    }

    @Test
    void standard_paths_follow_xdg_then_home() {
        assertEquals("/x/torc/config.toml", ConfigPaths.standard(Map.of("XDG_CONFIG_HOME", "/x",
                "HOME", "/h")).user().toString());
        assertEquals("/h/.config/torc/config.toml", ConfigPaths.standard(Map.of("HOME", "/h"))
                .user().toString());
        assertNull(ConfigPaths.standard(Map.of()).user());
    }
}
