package org.torc.client.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.torc.client.spec.Specs.job;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ${files...} and ${user_data...} in commands and invocation scripts (§2.6). */
class VariableSubstitutionTest {
    @Test
    void file_variables_become_paths_and_declare_inputs_and_outputs() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files: [{name: in, path: /data/in.csv}, {name: out, path: /data/out.csv}]
                jobs:
                  - {name: j, command: "tool ${files.input.in} > ${files.output.out}"}
                """);
        ResolvedSpec.ResolvedJob j = r.jobs().get(0);
        assertEquals("tool /data/in.csv > /data/out.csv", j.command());
        assertEquals(List.of("in"), j.inputFileNames());
        assertEquals(List.of("out"), j.outputFileNames());
    }

    @Test
    void names_found_in_the_command_replace_the_explicit_list() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files: [{name: a, path: pa}, {name: b, path: pb}, {name: c, path: pc}]
                jobs:
                  - {name: j, command: "x ${files.input.a}", input_files: [b], output_files: [c]}
                """);
        assertEquals(List.of("a"), r.jobs().get(0).inputFileNames(), "torc's quirk: b is dropped");
        assertEquals(List.of("c"), r.jobs().get(0).outputFileNames(), "nothing found, explicit list kept");
    }

    @Test
    void names_found_in_the_invocation_script_are_merged_sorted() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files: [{name: z, path: pz}, {name: a, path: pa}, {name: m, path: pm}]
                jobs:
                  - name: j
                    command: "run ${files.input.z}"
                    invocation_script: "source ${files.input.m} ${files.input.a}"
                    input_files: [m]
                """);
        ResolvedSpec.ResolvedJob j = r.jobs().get(0);
        assertEquals("source pm pa", j.invocationScript());
        assertEquals(List.of("a", "m", "z"), j.inputFileNames());
    }

    @Test
    void user_data_variables_become_compact_json_with_sorted_keys() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                user_data:
                  - {name: cfg, data: {zeta: 1, alpha: [true, null], mid: {b: 2, a: "x"}}}
                  - {name: label, data: "hello"}
                  - {name: empty}
                jobs:
                  - {name: j, command: "run '${user_data.input.cfg}' ${user_data.output.label} ${user_data.input.empty}"}
                """);
        ResolvedSpec.ResolvedJob j = r.jobs().get(0);
        assertEquals("run '{\"alpha\":[true,null],\"mid\":{\"a\":\"x\",\"b\":2},\"zeta\":1}' \"hello\""
                + " ${user_data.input.empty}", j.command());
        assertEquals(List.of("cfg"), j.inputUserDataNames());
        assertEquals(List.of("label"), j.outputUserDataNames());
    }

    @Test
    void unknown_names_are_left_verbatim() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files: [{name: a, path: pa}]
                jobs:
                  - {name: j, command: "x ${files.input.nope} ${files.inputs.a} ${files.input.a}"}
                """);
        assertEquals("x ${files.input.nope} ${files.inputs.a} pa", r.jobs().get(0).command());
    }

    @Test
    void expansion_happens_before_substitution() {
        ResolvedSpec r = Specs.resolveYaml("""
                name: w
                files:
                  - {name: "out_{i}", path: "/o/{i}.txt", parameters: {i: "1:2"}}
                jobs:
                  - {name: "make_{i}", command: "gen > ${files.output.out_{i}}", parameters: {i: "1:2"}}
                """);
        assertEquals("gen > /o/2.txt", job(r, "make_2").command());
        assertEquals(List.of("out_2"), job(r, "make_2").outputFileNames());
    }
}
