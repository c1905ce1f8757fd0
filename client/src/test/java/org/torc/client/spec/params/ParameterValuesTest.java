package org.torc.client.spec.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The value grammar of client spec §2.5 ({@code parse_parameter_value}). */
class ParameterValuesTest {
    private static final long MAX = 1_000_000;

    private static List<String> shown(String value) {
        return ParameterValues.parse(value, MAX).toList().stream().map(ParameterValue::display).toList();
    }

    private static String error(String value) {
        return assertThrows(IllegalArgumentException.class, () -> ParameterValues.parse(value, MAX)).getMessage();
    }

    @Test
    void inclusive_integer_range_has_one_value_per_integer() {
        ParameterValues v = ParameterValues.parse("0:999", MAX);
        assertEquals(1000, v.size());
        assertEquals(new ParameterValue.Int(0), v.get(0));
        assertEquals(new ParameterValue.Int(999), v.get(999));
    }

    @Test
    void integer_range_with_step_stops_at_or_before_the_end() {
        assertEquals(List.of("1", "3", "5", "7", "9"), shown("1:10:2"));
    }

    @Test
    void negative_step_counts_down() {
        assertEquals(List.of("10", "7", "4", "1"), shown("10:1:-3"));
    }

    @Test
    void range_pointing_the_wrong_way_is_empty() {
        assertEquals(List.of(), shown("5:1"));
        assertEquals(List.of(), shown("1:5:-1"));
    }

    @Test
    void negative_bounds_are_integers() {
        assertEquals(List.of("-2", "-1", "0"), shown("-2:0"));
    }

    @Test
    void zero_step_is_refused_with_torcs_message() {
        assertEquals("Step cannot be zero", error("1:10:0"));
        assertEquals("Step cannot be zero", error("0.0:1.0:0.0"));
    }

    @Test
    void non_integer_step_of_an_integer_range_is_refused() {
        assertEquals("Invalid integer step in range: '0.5'", error("1:10:0.5"));
    }

    @Test
    void non_numeric_step_of_a_float_range_is_refused() {
        assertEquals("Invalid float step in range: 'x'", error("0.5:1.0:x"));
    }

    @Test
    void more_than_three_parts_is_an_invalid_range_format() {
        assertEquals("Invalid range format: '1:2:3:4'. Expected 'start:end' or 'start:end:step'", error("1:2:3:4"));
    }

    @Test
    void plain_string_with_a_colon_is_an_error() {
        assertEquals("Invalid range values: 'a:b'. Could not parse as integer or float range", error("a:b"));
        assertEquals("Invalid range values: 'http://x'. Could not parse as integer or float range",
                error("http://x"));
    }

    @Test
    void float_range_accumulates_the_step_like_torc() {
        List<String> v = shown("0.0:1.0:0.1");
        assertEquals(11, v.size());
        assertEquals("0", v.get(0));
        assertEquals("0.1", v.get(1));
        assertEquals("0.2", v.get(2));
        assertEquals("0.30000000000000004", v.get(3));
        assertEquals("0.9999999999999999", v.get(10));
    }

    @Test
    void float_range_end_has_a_small_tolerance() {
        // 0.1 + 0.1 + 0.1 overshoots 0.3 by 5.5e-17, still within the 1e-10 tolerance
        assertEquals(List.of("0.1", "0.2", "0.30000000000000004"), shown("0.1:0.3:0.1"));
    }

    @Test
    void mixed_integer_and_float_bounds_make_a_float_range() {
        List<ParameterValue> v = ParameterValues.parse("1:2.5", MAX).toList();
        assertEquals(2, v.size());
        assertInstanceOf(ParameterValue.Float.class, v.get(0));
        assertEquals("1", v.get(0).display());
        assertEquals("2", v.get(1).display());
    }

    @Test
    void float_range_counting_down() {
        assertEquals(List.of("1", "0.5", "0"), shown("1.0:0.0:-0.5"));
    }

    @Test
    void bare_string_list_items() {
        assertEquals(List.of("a", "b"), shown("[a,b]"));
    }

    @Test
    void quoted_list_items_lose_their_quotes() {
        assertEquals(List.of("adam", "sgd"), shown("['adam','sgd']"));
        assertEquals(List.of("cifar10", "mnist", "imagenet"), shown("['cifar10', 'mnist', 'imagenet']"));
        assertEquals(List.of("x", "y"), shown("[\"x\", \"y\"]"));
    }

    @Test
    void list_items_are_typed_integer_then_float_then_string() {
        List<ParameterValue> v = ParameterValues.parse("[1, 2.5, x, 0.0001]", MAX).toList();
        assertEquals(new ParameterValue.Int(1), v.get(0));
        assertEquals(2.5, ((ParameterValue.Float) v.get(1)).value());
        assertEquals(new ParameterValue.Str("x"), v.get(2));
        assertEquals("0.0001", v.get(3).display());
    }

    @Test
    void empty_list_has_no_values() {
        assertEquals(0, ParameterValues.parse("[]", MAX).size());
        assertEquals(0, ParameterValues.parse("[  ]", MAX).size());
    }

    @Test
    void list_split_ignores_quotes() {
        assertEquals(List.of("a", "b"), shown("['a,b']"));
    }

    @Test
    void braces_around_a_value_are_stripped() {
        assertEquals(shown("1:5"), shown("{1:5}"));
        assertEquals(List.of("1", "2", "3", "4", "5"), shown(" { 1:5 } "));
    }

    @Test
    void braces_with_a_comma_are_kept() {
        assertEquals(List.of("{a,b}"), shown("{a,b}"));
    }

    @Test
    void single_values_are_integer_float_or_trimmed_string() {
        assertEquals(List.of(new ParameterValue.Int(5)), ParameterValues.parse(" 5 ", MAX).toList());
        assertInstanceOf(ParameterValue.Float.class, ParameterValues.parse("2.5", MAX).get(0));
        assertEquals(new ParameterValue.Str("hello world"), ParameterValues.parse("  hello world ", MAX).get(0));
        assertEquals(new ParameterValue.Int(7), ParameterValues.parse("+7", MAX).get(0));
    }

    @Test
    void rust_float_words_are_floats_but_java_suffixes_are_strings() {
        assertEquals("inf", ParameterValues.parse("inf", MAX).get(0).display());
        assertEquals("NaN", ParameterValues.parse("NaN", MAX).get(0).display());
        assertEquals(new ParameterValue.Str("1d"), ParameterValues.parse("1d", MAX).get(0));
        assertEquals(new ParameterValue.Str("0x10"), ParameterValues.parse("0x10", MAX).get(0));
    }

    @Test
    void huge_integer_range_is_counted_without_being_built() {
        ParameterValues v = ParameterValues.parse("0:9223372036854775806", MAX);
        assertEquals(Long.MAX_VALUE, v.size());
        assertEquals(new ParameterValue.Int(123), v.get(123));
    }

    @Test
    void float_range_with_too_many_values_is_refused_before_it_is_built() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> ParameterValues.parse("0.0:1.0:0.0000001", 1000)).getMessage();
        assertEquals(true, msg.contains("more than the limit of 1000"), msg);
    }
}
