package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torc.client.spec.model.ResourceMonitorConfig;
import org.torc.client.spec.model.WorkflowSpec;

/** Reading specs: formats, YAML 1.2 scalars, JSON5, strict binding and error messages (§2.1). */
class SpecFormatsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void unquoted_range_in_yaml_is_a_string_as_in_yaml_1_2() {
        // C18: YAML 1.1 (SnakeYAML's default resolver) would read 1:10 as the sexagesimal integer 70.
        WorkflowSpec spec = Specs.yaml("""
                name: oom
                jobs:
                  - name: "job_{i}"
                    command: "echo {i}"
                    parameters:
                      i: 1:10
                """);
        assertEquals("1:10", spec.jobs().get(0).parameters().get("i"));
        ValidationResult v = SpecPipeline.validate(spec, SpecOptions.defaults());
        assertTrue(v.valid(), v.errors().toString());
        assertEquals(10, v.summary().jobCount());
    }

    @Test
    void yaml_1_1_booleans_and_octals_are_not_special() {
        WorkflowSpec spec = Specs.yaml("""
                name: yes
                description: on
                jobs: []
                """);
        assertEquals("yes", spec.name());
        assertEquals("on", spec.description());
        String err = Specs.parseError("name: w\nuser: 012\njobs: []\n", SpecFormat.YAML);
        assertEquals("bad.yaml:2:7: user: invalid type: integer `12`, expected a string", err);
        assertTrue(Specs.parseError("name: w\nuser: 0o17\njobs: []\n", SpecFormat.YAML).endsWith("integer `15`, expected a string"));
        assertEquals("1_000", Specs.yaml("name: w\nuser: 1_000\njobs: []\n").user());
    }

    @Test
    void yaml_anchors_and_aliases_are_expanded() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                jobs:
                  - &base {name: a, command: echo, resource_requirements: small}
                  - {name: b, command: echo, depends_on: [a]}
                resource_requirements:
                  - {name: small, num_cpus: 1, memory: 1g}
                """);
        assertEquals("small", spec.jobs().get(0).resourceRequirements());
    }

    @Test
    void parameter_values_must_be_strings() {
        String err = Specs.parseError("""
                name: w
                jobs:
                  - name: j
                    command: c
                    parameters:
                      i: 5
                """, SpecFormat.YAML);
        assertEquals("bad.yaml:6:10: jobs[0].parameters.i: invalid type: integer `5`, expected a string"
                + " (parameter values must be strings: quote them, e.g. \"1:10\" or \"[1,2,3]\")", err);
        String list = Specs.parseError("{\"name\":\"w\",\"jobs\":[],\"parameters\":{\"i\":[1,2]}}", SpecFormat.JSON);
        assertTrue(list.contains("parameters.i: invalid type: sequence, expected a string"), list);
    }

    @Test
    void unknown_field_names_the_key_and_lists_the_allowed_ones() {
        String err = Specs.parseError("""
                name: w
                jobs:
                  - name: j
                    comand: c
                """, SpecFormat.YAML);
        assertTrue(err.startsWith("bad.yaml:4:5: jobs[0]: unknown field 'comand' in job, expected one of: name,"
                + " command, invocation_script,"), err);
        String top = Specs.parseError("{\"name\": \"w\", \"jobs\": [], \"config\": {}}", SpecFormat.JSON);
        assertTrue(top.startsWith("bad.json:1:27: unknown field 'config' in the workflow spec, expected one of:"),
                top);
        assertTrue(top.endsWith("use_pending_failed, project, metadata"), top);
    }

    @Test
    void compute_node_min_time_is_not_a_spec_field_in_torc() {
        String err = Specs.parseError("name: w\ncompute_node_min_time_for_new_jobs_seconds: 5\njobs: []\n",
                SpecFormat.YAML);
        assertTrue(err.contains("unknown field 'compute_node_min_time_for_new_jobs_seconds'"), err);
    }

    @Test
    void missing_required_fields_are_named() {
        assertEquals("bad.yaml:1:1: missing field 'jobs'", Specs.parseError("name: w\n", SpecFormat.YAML));
        assertEquals("bad.yaml:3:5: jobs[0]: missing field 'command'",
                Specs.parseError("name: w\njobs:\n  - name: j\n", SpecFormat.YAML));
        assertTrue(Specs.parseError("name: w\njobs: []\nresource_requirements:\n  - {name: r, num_cpus: 1}\n",
                SpecFormat.YAML).endsWith("resource_requirements[0]: missing field 'memory'"));
    }

    @Test
    void wrong_scalar_types_are_not_coerced() {
        assertTrue(Specs.parseError("name: w\njobs: []\nresource_requirements:\n  - {name: r, num_cpus: 1, memory: 100}\n",
                SpecFormat.YAML).endsWith("resource_requirements[0].memory: invalid type: integer `100`, expected a string"));
        assertTrue(Specs.parseError("name: w\njobs: []\nresource_requirements:\n  - {name: r, num_cpus: \"2\", memory: 1g}\n",
                SpecFormat.YAML).endsWith("num_cpus: invalid type: string \"2\", expected an integer (i64)"));
        assertTrue(Specs.parseError("{\"name\":\"w\",\"jobs\":[],\"use_pending_failed\":1}", SpecFormat.JSON)
                .endsWith("use_pending_failed: invalid type: integer `1`, expected a boolean"));
        assertTrue(Specs.parseError("{\"name\":\"w\",\"jobs\":[{\"name\":\"j\",\"command\":\"c\",\"depends_on\":\"a\"}]}",
                SpecFormat.JSON).endsWith("jobs[0].depends_on: invalid type: string \"a\", expected a sequence"));
    }

    @Test
    void null_means_absent_for_optional_fields_only() {
        WorkflowSpec spec = SpecLoader.parse("{\"name\":\"w\",\"description\":null,\"jobs\":[{\"name\":\"j\","
                + "\"command\":\"c\",\"depends_on\":null,\"invocation_script\":null}]}", SpecFormat.JSON, "t.json");
        assertNull(spec.description());
        assertNull(spec.jobs().get(0).dependsOn());
        assertTrue(Specs.parseError("{\"name\":\"w\",\"jobs\":null}", SpecFormat.JSON)
                .endsWith("jobs: invalid type: null, expected a sequence"));
    }

    @Test
    void defaults_of_resource_requirements_schedulers_and_rules() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                jobs: []
                resource_requirements: [{name: r, num_cpus: 2, memory: 4g}]
                slurm_schedulers: [{account: acct}]
                failure_handlers: [{name: h, rules: [{exit_codes: [10]}]}]
                """);
        var rr = spec.resourceRequirements().get(0);
        assertEquals(0, rr.numGpus());
        assertEquals(1, rr.numNodes());
        assertEquals("PT1H", rr.runtime());
        assertEquals(1, spec.slurmSchedulers().get(0).nodes());
        assertEquals("01:00:00", spec.slurmSchedulers().get(0).walltime());
        assertNull(spec.slurmSchedulers().get(0).name());
        assertEquals(3, spec.failureHandlers().get(0).rules().get(0).maxRetries());
    }

    @Test
    void resource_monitor_is_read_leniently() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                jobs: []
                resource_monitor: {granularity: time_series, whatever: 1}
                """);
        assertEquals(new ResourceMonitorConfig(false, "time_series", 5, false), spec.resourceMonitor());
        assertTrue(Specs.parseError("name: w\njobs: []\nresource_monitor: {granularity: TimeSeries}\n", SpecFormat.YAML)
                .endsWith("resource_monitor.granularity: unknown variant 'TimeSeries', expected one of 'summary',"
                        + " 'time_series'"));
    }

    @Test
    void jobs_sort_method_must_be_one_of_torcs_values() {
        assertTrue(Specs.parseError("name: w\njobs: []\njobs_sort_method: fastest\n", SpecFormat.YAML)
                .endsWith("jobs_sort_method: unknown variant 'fastest', expected one of 'gpus_runtime_memory',"
                        + " 'gpus_memory_runtime', 'none'"));
    }

    @Test
    void project_metadata_and_slurm_defaults_are_read() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                project: p1
                metadata: '{"k": 1}'
                jobs: []
                slurm_defaults: {qos: high, mail-type: END, exclusive: true, nice: 5}
                """);
        assertEquals("p1", spec.project());
        assertEquals("{\"k\": 1}", spec.metadata());
        assertEquals(List.of("qos", "mail-type", "exclusive", "nice"), List.copyOf(spec.slurmDefaults().keySet()));
        assertTrue(spec.slurmDefaults().get("exclusive").asBoolean());
    }

    @Test
    void user_data_holds_any_json() {
        WorkflowSpec spec = Specs.yaml("""
                name: w
                jobs: []
                user_data:
                  - {name: a, data: {x: [1, 2.5, "s", null, true]}, is_ephemeral: true}
                  - {name: b}
                  - {data: 5}
                """);
        assertEquals("{\"x\":[1,2.5,\"s\",null,true]}", spec.userData().get(0).data().toString());
        assertNull(spec.userData().get(1).data());
        assertNull(spec.userData().get(2).name());
    }

    @Test
    void json5_supports_comments_unquoted_keys_trailing_commas_and_single_quotes() {
        WorkflowSpec spec = Specs.json5("""
                // a comment
                {
                  name: 'w', /* block comment */
                  jobs: [
                    {name: "j", command: 'it\\'s', },
                  ],
                  compute_node_expiration_buffer_seconds: 0x10,
                  compute_node_wait_for_new_jobs_seconds: +5,
                }
                """);
        assertEquals("it's", spec.jobs().get(0).command());
        assertEquals(16L, spec.computeNodeExpirationBufferSeconds());
        assertEquals(5L, spec.computeNodeWaitForNewJobsSeconds());
    }

    @Test
    void json5_escapes_and_line_continuations_are_exact() {
        WorkflowSpec spec = Specs.json5("{name: 'a\\x41\\u0042\\v\\0', description: 'one \\\ntwo', jobs: []}");
        assertEquals("aAB\u000B\0", spec.name());
        assertEquals("one two", spec.description());
    }

    @Test
    void json5_errors_name_line_and_column() {
        assertEquals("bad.json5:3:3: expected ',' or '}' but found 'j'",
                Specs.parseError("{\n  name: 'w'\n  jobs: []\n}", SpecFormat.JSON5));
        assertEquals("bad.json5:1:13: duplicate key 'name'",
                Specs.parseError("{name: 'a', name: 'b', jobs: []}", SpecFormat.JSON5));
    }

    @Test
    void strict_json_rejects_json5_syntax_with_a_position() {
        String err = Specs.parseError("{\n  // comment\n  \"name\": \"w\", \"jobs\": []\n}", SpecFormat.JSON);
        assertTrue(err.startsWith("bad.json:2:3: "), err);
        assertEquals(1, err.lines().count());
    }

    @Test
    void yaml_syntax_errors_name_line_and_column_in_one_line() {
        String err = Specs.parseError("name: w\njobs:\n  - name: [unclosed\n", SpecFormat.YAML);
        assertTrue(err.startsWith("bad.yaml:4:1: "), err);
        assertEquals(1, err.lines().count());
        assertEquals("bad.yaml:2:1: duplicate key 'name'", Specs.parseError("name: a\nname: b\njobs: []\n",
                SpecFormat.YAML));
    }

    @Test
    void format_follows_the_extension_case_insensitively() throws IOException {
        String yaml = "name: w\njobs: []\n";
        assertEquals("w", SpecLoader.load(write("spec.YAML", yaml)).name());
        assertEquals("w", SpecLoader.load(write("spec.Yml", yaml)).name());
        assertEquals("w", SpecLoader.load(write("spec.KDL", "name w\n")).name());
        assertEquals("w", SpecLoader.load(write("spec.JSON5", "{name:'w',jobs:[]}")).name());
        SpecException e = assertThrows(SpecException.class,
                () -> SpecLoader.load(write("spec.json", "{name:'w',jobs:[]}")));
        assertTrue(e.getMessage().startsWith(dir.resolve("spec.json") + ":1:2: "), e.getMessage());
        assertEquals(Optional.of(SpecFormat.YAML), SpecFormat.fromFileName("a.b.yml"));
        assertEquals(Optional.empty(), SpecFormat.fromFileName("spec"));
    }

    @Test
    void other_extensions_try_json_json5_yaml_then_kdl() throws IOException {
        assertEquals("j", SpecLoader.load(write("a.txt", "{\"name\":\"j\",\"jobs\":[]}")).name());
        assertEquals("j5", SpecLoader.load(write("b.txt", "{name:'j5',jobs:[]}")).name());
        assertEquals("y", SpecLoader.load(write("c.spec", "name: y\njobs: []\n")).name());
        assertEquals("k", SpecLoader.load(write("d", "name \"k\"\njob \"a\" { command \"echo\"; }\n")).name());
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(write("e.txt", "name = {{\n")));
        assertTrue(e.getMessage().contains("not a workflow spec in any supported format"), e.getMessage());
        assertTrue(e.getMessage().contains("as KDL: "), e.getMessage());
    }

    @Test
    void unreadable_files_are_reported_without_a_stack_trace() {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(dir.resolve("missing.yaml")));
        assertEquals(dir.resolve("missing.yaml") + ": no such file", e.getMessage());
    }

    @Test
    void dry_run_reports_parse_errors_as_torc_does() throws IOException {
        ValidationResult v = SpecPipeline.validate(write("bad.yaml", "name: w\n"), SpecOptions.defaults());
        assertEquals(false, v.valid());
        assertEquals(List.of("Failed to parse specification file: " + dir.resolve("bad.yaml") + ":1:1: missing field"
                + " 'jobs'"), v.errors());
        assertEquals("", v.summary().workflowName());
    }
}
