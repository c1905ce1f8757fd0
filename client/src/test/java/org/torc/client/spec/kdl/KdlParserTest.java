package org.torc.client.spec.kdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torc.client.spec.SpecException;

/** The KDL 2.0 syntax this port reads. */
class KdlParserTest {
    private static List<KdlNode> parse(String text) {
        return KdlParser.parse(text, "t.kdl");
    }

    private static KdlNode one(String text) {
        List<KdlNode> nodes = parse(text);
        assertEquals(1, nodes.size(), () -> "nodes: " + nodes);
        return nodes.get(0);
    }

    private static Object arg(String text) {
        return one("n " + text).args().get(0).value();
    }

    private static String error(String text) {
        return assertThrows(SpecException.class, () -> parse(text)).getMessage();
    }

    @Test
    void nodes_have_arguments_properties_and_children() {
        KdlNode n = one("job \"a\" 1 key=\"v\" 2 {\n  command \"echo\"\n  other; third\n}\n");
        assertEquals("job", n.name());
        assertEquals(List.of("a", BigInteger.ONE, BigInteger.TWO), n.args().stream().map(KdlValue::value).toList());
        assertEquals("v", n.props().get("key").value());
        assertEquals(List.of("command", "other", "third"), n.children().stream().map(KdlNode::name).toList());
        assertNull(one("leaf").children());
        assertEquals(List.of(), one("empty {}").children());
    }

    @Test
    void later_properties_override_earlier_ones() {
        assertEquals(BigInteger.TWO, one("n a=1 a=2").props().get("a").value());
    }

    @Test
    void keywords_need_a_hash() {
        assertEquals(Boolean.TRUE, arg("#true"));
        assertEquals(Boolean.FALSE, arg("#false"));
        assertNull(arg("#null"));
        assertEquals(Double.POSITIVE_INFINITY, arg("#inf"));
        assertEquals(Double.NEGATIVE_INFINITY, arg("#-inf"));
        assertTrue(((Double) arg("#nan")).isNaN());
        assertEquals("t.kdl:1:3: bare 'true' is not allowed in KDL 2; write #true or \"true\"", error("n true"));
        assertTrue(error("n #yes").contains("unknown keyword '#yes'"));
    }

    @Test
    void numbers_in_every_radix_with_underscores() {
        assertEquals(BigInteger.valueOf(255), arg("0xff"));
        assertEquals(BigInteger.valueOf(-8), arg("-0o10"));
        assertEquals(BigInteger.valueOf(5), arg("0b101"));
        assertEquals(BigInteger.valueOf(1000000), arg("1_000_000"));
        assertEquals(new BigDecimal("2.5"), arg("+2.5"));
        assertEquals(new BigDecimal("1.5E+3"), arg("1.5e3"));
        assertEquals(new BigDecimal("1E-10"), arg("1E-10"));
        assertTrue(error("n 1.0v2").contains("invalid number '1.0v2'"));
        assertTrue(error("n .5").contains("looks like a number"));
    }

    @Test
    void identifier_strings() {
        assertEquals("bare-word", arg("bare-word"));
        assertEquals("-", arg("-"));
        assertEquals("--flag", arg("--flag"));
        assertEquals(".md", arg(".md"));
        assertEquals("日本", arg("日本"));
        assertEquals("node-name", one("node-name").name());
        assertEquals("quoted name", one("\"quoted name\"").name());
    }

    @Test
    void quoted_string_escapes() {
        assertEquals("a\nb\t\"c\\ \u0008\u000C", arg("\"a\\nb\\t\\\"c\\\\\\s\\b\\f\""));
        assertEquals("\uD83D\uDE00!", arg("\"\\u{1F600}!\""));
        assertEquals("Hello World", arg("\"Hello \\    World\""));
        assertEquals("Hello\nWorld", arg("\"Hello\\n\\\n    World\""));
        assertTrue(error("n \"\\q\"").contains("invalid escape '\\q'"));
        assertTrue(error("n \"\\u{D800}\"").contains("not a Unicode scalar value"));
        assertTrue(error("n \"line\nbreak\"").contains("line break inside a quoted string"));
    }

    @Test
    void raw_strings_keep_backslashes() {
        assertEquals("\\n will be literal", arg("#\"\\n will be literal\"#"));
        assertEquals("hello\\n\"#world", arg("##\"hello\\n\"#world\"##"));
        assertEquals("", arg("#\"\"#"));
    }

    @Test
    void multi_line_strings_are_dedented_by_the_closing_line() {
        String text = "n \"\"\"\n        foo\n    This is the base indentation\n            bar\n    \"\"\"\n";
        assertEquals("    foo\nThis is the base indentation\n        bar", arg(text.substring(2)));
        assertEquals("a\n\nb", arg("\"\"\"\n  a\n     \n  b\n  \"\"\""));
        assertEquals("", arg("\"\"\"\n\"\"\""));
        assertEquals("tab\there", arg("\"\"\"\n  tab\\there\n  \"\"\""));
        assertEquals("foo bar\nbaz", arg("\"\"\"\n  foo \\\nbar\n  baz\n  \\   \"\"\""));
        assertEquals("raw \\n\n  indented", arg("#\"\"\"\n    raw \\n\n      indented\n    \"\"\"#"));
    }

    @Test
    void malformed_multi_line_strings_are_errors() {
        assertTrue(error("n \"\"\"one line\"\"\"").contains("must start with a line break"));
        assertTrue(error("n \"\"\"\n  text\"\"\"").contains("must be on its own line"));
        assertTrue(error("n \"\"\"\n  a\n b\n  \"\"\"").contains("does not start with the indentation"));
    }

    @Test
    void comments_of_every_kind() {
        List<KdlNode> nodes = parse("""
                // line comment
                a /* inline */ 1 /* nested /* deeper */ still */ 2
                /-b 3
                c /-4 5 /-key=6 {
                    /-d
                    e
                }
                f /-{ ignored } { kept }
                /-
                  g
                """);
        assertEquals(List.of("a", "c", "f"), nodes.stream().map(KdlNode::name).toList());
        assertEquals(List.of(BigInteger.ONE, BigInteger.TWO), nodes.get(0).args().stream().map(KdlValue::value).toList());
        assertEquals(List.of(BigInteger.valueOf(5)), nodes.get(1).args().stream().map(KdlValue::value).toList());
        assertTrue(nodes.get(1).props().isEmpty());
        assertEquals(List.of("e"), nodes.get(1).children().stream().map(KdlNode::name).toList());
        assertEquals(List.of("kept"), nodes.get(2).children().stream().map(KdlNode::name).toList());
    }

    @Test
    void line_continuations_join_lines() {
        KdlNode n = one("n 1 \\ // comment\n  2 \\\n  3\n");
        assertEquals(3, n.args().size());
    }

    @Test
    void semicolons_separate_nodes_on_one_line() {
        assertEquals(3, parse("a; b; c").size());
        assertEquals(2, one("p { a 1; b 2 }").children().size());
    }

    @Test
    void type_annotations_are_read_and_kept() {
        KdlNode n = one("(tag)node (u8)1 key=(date)\"2024-01-01\"");
        assertEquals("tag", n.type());
        assertEquals("u8", n.args().get(0).type());
        assertEquals("date", n.props().get("key").type());
    }

    @Test
    void a_byte_order_mark_may_start_the_document() {
        assertEquals("n", one("\uFEFFn").name());
        assertTrue(error("n \uFEFF").contains("U+FEFF is not allowed"));
    }

    @Test
    void syntax_errors_give_line_and_column() {
        assertEquals("t.kdl:2:6: expected whitespace before '\"'", error("a 1\nb \"x\"\"y\""));
        assertEquals("t.kdl:1:3: children block '{' is never closed", error("a {\n  b\n"));
        assertTrue(error("a\nb \"x\n").startsWith("t.kdl:2:5: line break inside a quoted string"));
        assertEquals("t.kdl:1:3: unterminated string", error("a \"x"));
        assertTrue(error("a }").startsWith("t.kdl:1:3: "));
        assertTrue(error("a { b } c").contains("arguments and properties must come before the children block"));
        assertTrue(error("a\u0007").contains("U+0007 is not allowed"));
    }

    @Test
    void crlf_and_other_newlines_end_nodes() {
        assertEquals(4, parse("a\r\nb\rc\u2028d").size());
    }
}
