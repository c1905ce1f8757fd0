package org.torc.client.spec.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Rust's number parsing and printing, which torc's expansion output depends on. */
class RustNumbersTest {
    @Test
    void integral_floats_print_without_a_decimal_point() {
        assertEquals("1", RustNumbers.display(1.0));
        assertEquals("100", RustNumbers.display(100.0));
        assertEquals("-3", RustNumbers.display(-3.0));
    }

    @Test
    void floats_print_as_the_shortest_round_trip_decimal() {
        assertEquals("0.1", RustNumbers.display(0.1));
        assertEquals("0.30000000000000004", RustNumbers.display(0.1 + 0.2));
        assertEquals("2.5", RustNumbers.display(2.5));
        assertEquals("0.0001", RustNumbers.display(0.0001));
        assertEquals("123456.789", RustNumbers.display(123456.789));
    }

    @Test
    void floats_never_use_exponent_notation() {
        assertEquals("0.0000001", RustNumbers.display(1e-7));
        assertEquals("1000000000000000000000", RustNumbers.display(1e21));
        assertEquals("0.000000000000000000001", RustNumbers.display(1e-21));
    }

    @Test
    void special_floats_print_as_rust_does() {
        assertEquals("NaN", RustNumbers.display(Double.NaN));
        assertEquals("inf", RustNumbers.display(Double.POSITIVE_INFINITY));
        assertEquals("-inf", RustNumbers.display(Double.NEGATIVE_INFINITY));
        assertEquals("0", RustNumbers.display(0.0));
        assertEquals("-0", RustNumbers.display(-0.0));
    }

    @Test
    void fixed_precision_pads_and_rounds_the_exact_value_half_to_even() {
        assertEquals("0.0010", RustNumbers.fixed(0.001, 4));
        assertEquals("0.0100", RustNumbers.fixed(0.01, 4));
        assertEquals("2.67", RustNumbers.fixed(2.675, 2)); // 2.675 is 2.67499999... in binary
        assertEquals("0.2", RustNumbers.fixed(0.25, 1)); // exact tie, to even
        assertEquals("0", RustNumbers.fixed(0.5, 0));
        assertEquals("2", RustNumbers.fixed(1.5, 0));
        assertEquals("3.0", RustNumbers.fixed(3.0, 1));
        assertEquals("0.100000000000000005551115123126", RustNumbers.fixed(0.1, 30));
    }

    @Test
    void fixed_precision_keeps_the_sign_of_small_negative_values() {
        assertEquals("-0.00", RustNumbers.fixed(-0.001, 2));
        assertEquals("-1.50", RustNumbers.fixed(-1.5, 2));
    }

    @Test
    void zero_padding_counts_the_sign() {
        assertEquals("007", RustNumbers.zeroPadded(7, 3));
        assertEquals("-05", RustNumbers.zeroPadded(-5, 3));
        assertEquals("12345", RustNumbers.zeroPadded(12345, 3));
        assertEquals("-9223372036854775808", RustNumbers.zeroPadded(Long.MIN_VALUE, 3));
    }

    @Test
    void integer_parsing_is_strict_like_rust() {
        assertEquals(5L, RustNumbers.parseI64("+5"));
        assertEquals(-5L, RustNumbers.parseI64("-5"));
        assertNull(RustNumbers.parseI64(" 5"));
        assertNull(RustNumbers.parseI64("5.0"));
        assertNull(RustNumbers.parseI64("9223372036854775808"));
        assertNull(RustNumbers.parseI64("\u0661")); // Arabic-Indic digit one: Java would accept it
    }

    @Test
    void float_parsing_is_strict_like_rust() {
        assertEquals(1.0, RustNumbers.parseF64("1."));
        assertEquals(0.5, RustNumbers.parseF64(".5"));
        assertEquals(1e5, RustNumbers.parseF64("1E5"));
        assertEquals(Double.POSITIVE_INFINITY, RustNumbers.parseF64("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, RustNumbers.parseF64("-inf"));
        assertNull(RustNumbers.parseF64("1d"));
        assertNull(RustNumbers.parseF64("0x1p3"));
        assertNull(RustNumbers.parseF64("1_0"));
        assertNull(RustNumbers.parseF64("."));
    }

    @Test
    void rust_trim_removes_unicode_white_space() {
        assertEquals("a b", RustNumbers.trim("\u00A0 a b\u3000\n"));
    }
}
