package org.torc.client.spec.params;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholder substitution and format specs (client spec §2.5, "Template substitution"). */
class TemplatesTest {
    private static String sub(String template, String name, ParameterValue value) {
        return Templates.substitute(template, List.of(name), List.of(value));
    }

    private static final ParameterValue SEVEN = new ParameterValue.Int(7);

    @Test
    void zero_padded_integer_format() {
        assertEquals("job_007", sub("job_{i:03d}", "i", SEVEN));
        assertEquals("stage1_0042", sub("stage1_{i:04d}", "i", new ParameterValue.Int(42)));
        assertEquals("x_-07", sub("x_{i:03d}", "i", new ParameterValue.Int(-7)));
    }

    @Test
    void plain_placeholder_uses_the_display_form() {
        assertEquals("echo 'stage3 job 42'", sub("echo 'stage3 job {i}'", "i", new ParameterValue.Int(42)));
        assertEquals("lr=0.0001", sub("lr={lr}", "lr", new ParameterValue.Float(0.0001)));
        assertEquals("a=1", sub("a={a}", "a", new ParameterValue.Float(1.0)));
    }

    @Test
    void fixed_precision_float_format() {
        assertEquals("lr0.0010", sub("lr{lr:.4f}", "lr", new ParameterValue.Float(0.001)));
        assertEquals("x=0.30", sub("x={x:.2f}", "x", new ParameterValue.Float(0.1 + 0.2)));
    }

    @Test
    void all_occurrences_of_the_same_placeholder_are_replaced() {
        assertEquals("007/007", sub("{i:03d}/{i:03d}", "i", SEVEN));
        assertEquals("7-7", sub("{i}-{i}", "i", SEVEN));
    }

    @Test
    void formatted_placeholder_hides_plain_ones_of_the_same_parameter() {
        assertEquals("007_{i}", sub("{i:03d}_{i}", "i", SEVEN));
        assertEquals("{i}_007", sub("{i}_{i:03d}", "i", SEVEN));
    }

    @Test
    void only_the_first_format_spec_of_a_parameter_is_applied() {
        assertEquals("07_{i:03d}", sub("{i:02d}_{i:03d}", "i", SEVEN));
    }

    @Test
    void specs_that_do_not_fit_fall_back_to_plain_output() {
        assertEquals("7", sub("{i:3d}", "i", SEVEN));
        assertEquals("7", sub("{i:d}", "i", SEVEN));
        assertEquals("7", sub("{i:.2f}", "i", SEVEN));
        assertEquals("2.5", sub("{x:03d}", "x", new ParameterValue.Float(2.5)));
        assertEquals("adam", sub("{o:03d}", "o", new ParameterValue.Str("adam")));
        assertEquals("7", sub("{i:00d}", "i", SEVEN));
    }

    @Test
    void format_spec_runs_to_the_next_closing_brace() {
        // torc takes everything up to the next '}' as the spec; "03d {i" fits no format
        assertEquals("7", sub("{i:03d {i}", "i", SEVEN));
    }

    @Test
    void unclosed_format_placeholder_falls_back_to_plain_replacement() {
        assertEquals("{i:03d", sub("{i:03d", "i", SEVEN));
        assertEquals("7 {i:03d", sub("{i} {i:03d", "i", SEVEN));
    }

    @Test
    void parameters_are_substituted_in_the_given_order() {
        String out = Templates.substitute("train_lr{lr:.4f}_bs{batch_size}_opt{optimizer}",
                List.of("lr", "batch_size", "optimizer"),
                List.of(new ParameterValue.Float(0.0001), new ParameterValue.Int(16), new ParameterValue.Str("adam")));
        assertEquals("train_lr0.0001_bs16_optadam", out);
    }

    @Test
    void unknown_placeholders_are_left_alone() {
        assertEquals("{j}_7", sub("{j}_{i}", "i", SEVEN));
    }
}
