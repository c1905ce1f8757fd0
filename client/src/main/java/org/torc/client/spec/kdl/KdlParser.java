package org.torc.client.spec.kdl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.torc.client.spec.SpecException;
import org.torc.client.spec.parse.SourcePos;
import org.torc.client.spec.parse.TextPositions;

/**
 * A recursive-descent parser for KDL 2.0 documents: nodes with type annotations, arguments,
 * properties and children blocks; identifier, quoted, raw and multi-line (dedented) strings with all
 * escapes including whitespace escapes; decimal, hex, octal and binary numbers with underscores;
 * {@code #true}, {@code #false}, {@code #null}, {@code #inf}, {@code #-inf}, {@code #nan};
 * {@code //}, nested {@code /* *}{@code /} and {@code /-} slashdash comments; line continuations.
 * Errors name the file, line and column.
 */
public final class KdlParser {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?[0-9][0-9_]*(\\.[0-9][0-9_]*)?([eE][+-]?[0-9][0-9_]*)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0x[0-9a-fA-F][0-9a-fA-F_]*");
    private static final Pattern OCTAL = Pattern.compile("[+-]?0o[0-7][0-7_]*");
    private static final Pattern BINARY = Pattern.compile("[+-]?0b[01][01_]*");

    private final String s;
    private final TextPositions positions;
    private int i;
    private int depth;

    private KdlParser(String text, String source) {
        this.s = text;
        this.positions = new TextPositions(text, source, true);
    }

    /**
     * Parses a whole document.
     *
     * @throws SpecException naming the file, line and column of the first syntax error
     */
    public static List<KdlNode> parse(String text, String source) {
        KdlParser p = new KdlParser(text, source);
        p.checkCodePoints();
        if (text.startsWith("\uFEFF")) {
            p.i = 1;
        }
        return p.nodes(false);
    }

    // ---------------------------------------------------------------- structure

    private List<KdlNode> nodes(boolean inBlock) {
        List<KdlNode> out = new ArrayList<>();
        while (true) {
            skipLineSpace();
            if (eof() || (inBlock && peek() == '}')) {
                return out;
            }
            boolean dashed = false;
            if (s.startsWith("/-", i)) {
                i += 2;
                skipLineSpace();
                if (eof() || peek() == '}') {
                    throw error("'/-' must be followed by the node it comments out");
                }
                dashed = true;
            }
            KdlNode node = node(inBlock);
            if (!dashed) {
                out.add(node);
            }
        }
    }

    private KdlNode node(boolean inBlock) {
        SourcePos pos = here();
        String type = null;
        if (peek() == '(') {
            type = typeAnnotation();
            skipNodeSpace();
        }
        if (eof() || !startsString()) {
            throw error("expected a node name but found " + describeHere());
        }
        String name = string();
        List<KdlValue> args = new ArrayList<>();
        Map<String, KdlValue> props = new LinkedHashMap<>();
        Map<String, SourcePos> propPos = new LinkedHashMap<>();
        List<KdlNode> children = null;
        boolean blockSeen = false;
        while (true) {
            boolean spaced = skipNodeSpace();
            if (atTerminator(inBlock)) {
                break;
            }
            if (s.startsWith("/-", i)) {
                i += 2;
                skipLineSpace();
                if (!eof() && peek() == '{') {
                    childrenBlock();
                    blockSeen = true;
                } else {
                    if (blockSeen) {
                        throw error("arguments and properties must come before the children block");
                    }
                    if (eof() || atTerminator(inBlock)) {
                        throw error("'/-' must be followed by the value, property or block it comments out");
                    }
                    entry(new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
                }
                continue;
            }
            if (peek() == '{') {
                if (children != null) {
                    throw error("a node can have only one children block");
                }
                children = childrenBlock();
                blockSeen = true;
                continue;
            }
            if (blockSeen) {
                throw error("arguments and properties must come before the children block");
            }
            if (!spaced) {
                throw error("expected whitespace before " + describeHere());
            }
            entry(args, props, propPos);
        }
        terminate(inBlock);
        return new KdlNode(type, name, args, props, propPos, children, pos);
    }

    private List<KdlNode> childrenBlock() {
        SourcePos open = here();
        i++; // {
        if (++depth > 500) {
            throw error("children blocks nested too deeply");
        }
        List<KdlNode> kids = nodes(true);
        depth--;
        if (eof()) {
            throw new SpecException(open + ": children block '{' is never closed");
        }
        i++; // }
        return kids;
    }

    private void entry(List<KdlValue> args, Map<String, KdlValue> props, Map<String, SourcePos> propPos) {
        SourcePos pos = here();
        if (peek() == '(') {
            String type = typeAnnotation();
            skipNodeSpace();
            args.add(value(type, here()));
            return;
        }
        if (startsString()) {
            String str = string();
            int after = i;
            skipNodeSpace();
            if (!eof() && peek() == '=') {
                i++;
                skipNodeSpace();
                String type = null;
                if (!eof() && peek() == '(') {
                    type = typeAnnotation();
                    skipNodeSpace();
                }
                props.put(str, value(type, here()));
                propPos.put(str, pos);
                return;
            }
            i = after;
            args.add(new KdlValue(null, str, pos));
            return;
        }
        args.add(value(null, pos));
    }

    private KdlValue value(String type, SourcePos pos) {
        if (eof()) {
            throw error("expected a value but found end of file");
        }
        char c = peek();
        if (c == '#' && !(i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '#'))) {
            i++;
            String word = rawIdentifierChars();
            Object v = switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> throw new SpecException(pos + ": unknown keyword '#" + word
                        + "' (expected #true, #false, #null, #inf, #-inf or #nan)");
            };
            return new KdlValue(type, v, pos);
        }
        if (looksLikeNumber()) {
            return new KdlValue(type, number(pos), pos);
        }
        if (startsString()) {
            return new KdlValue(type, string(), pos);
        }
        throw error("expected a value but found " + describeHere());
    }

    private String typeAnnotation() {
        i++; // (
        skipNodeSpace();
        if (eof() || !startsString()) {
            throw error("expected a type name but found " + describeHere());
        }
        String t = string();
        skipNodeSpace();
        if (eof() || peek() != ')') {
            throw error("expected ')' to close the type annotation but found " + describeHere());
        }
        i++;
        return t;
    }

    private boolean atTerminator(boolean inBlock) {
        if (eof()) {
            return true;
        }
        char c = peek();
        return c == ';' || isNewline(c) || s.startsWith("//", i) || (inBlock && c == '}');
    }

    private void terminate(boolean inBlock) {
        if (eof()) {
            return;
        }
        char c = peek();
        if (c == ';') {
            i++;
        } else if (isNewline(c)) {
            newline();
        } else if (s.startsWith("//", i)) {
            lineComment();
        } else if (!(inBlock && c == '}')) {
            throw error("expected the end of the node but found " + describeHere());
        }
    }

    // ---------------------------------------------------------------- whitespace and comments

    /** node-space: whitespace, block comments and line continuations; true if anything was skipped. */
    private boolean skipNodeSpace() {
        int start = i;
        while (!eof()) {
            char c = peek();
            if (isUnicodeSpace(c)) {
                i++;
            } else if (s.startsWith("/*", i)) {
                blockComment();
            } else if (c == '\\') {
                i++;
                while (!eof() && (isUnicodeSpace(peek()) || s.startsWith("/*", i))) {
                    if (isUnicodeSpace(peek())) {
                        i++;
                    } else {
                        blockComment();
                    }
                }
                if (eof()) {
                    break;
                }
                if (s.startsWith("//", i)) {
                    lineComment();
                } else if (isNewline(peek())) {
                    newline();
                } else {
                    throw error("expected a newline after the '\\' line continuation but found "
                            + describeHere());
                }
            } else {
                break;
            }
        }
        return i > start;
    }

    /** line-space: node-space, newlines and line comments. */
    private void skipLineSpace() {
        while (true) {
            skipNodeSpace();
            if (eof()) {
                return;
            }
            if (isNewline(peek())) {
                newline();
            } else if (s.startsWith("//", i)) {
                lineComment();
            } else {
                return;
            }
        }
    }

    private void lineComment() {
        i += 2;
        while (!eof() && !isNewline(peek())) {
            i++;
        }
        if (!eof()) {
            newline();
        }
    }

    private void blockComment() {
        SourcePos open = here();
        i += 2;
        int nesting = 1;
        while (nesting > 0) {
            if (eof()) {
                throw new SpecException(open + ": comment '/*' is never closed");
            }
            if (s.startsWith("/*", i)) {
                nesting++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                nesting--;
                i += 2;
            } else {
                i++;
            }
        }
    }

    private void newline() {
        if (s.charAt(i) == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
            i += 2;
        } else {
            i++;
        }
    }

    // ---------------------------------------------------------------- strings

    private boolean startsString() {
        char c = peek();
        if (c == '"') {
            return true;
        }
        if (c == '#') {
            return i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '#');
        }
        return isIdentifierChar(s.codePointAt(i)) && !looksLikeNumber();
    }

    private String string() {
        char c = peek();
        if (c == '"') {
            return s.startsWith("\"\"\"", i) ? multiLineString(false, 0) : quotedString();
        }
        if (c == '#') {
            int hashes = 0;
            while (!eof() && peek() == '#') {
                hashes++;
                i++;
            }
            if (eof() || peek() != '"') {
                throw error("expected '\"' after '#' to start a raw string");
            }
            return s.startsWith("\"\"\"", i) ? multiLineString(true, hashes) : rawString(hashes);
        }
        return identifier();
    }

    private String identifier() {
        SourcePos pos = here();
        String word = rawIdentifierChars();
        if (word.isEmpty()) {
            throw error("expected a string but found " + describeHere());
        }
        char first = word.charAt(0);
        boolean signed = first == '+' || first == '-';
        String rest = signed ? word.substring(1) : word;
        if (!rest.isEmpty() && rest.charAt(0) == '.' && rest.length() > 1 && Character.isDigit(rest.charAt(1))) {
            throw new SpecException(pos + ": '" + word + "' looks like a number without a leading digit;"
                    + " write 0" + rest + " or quote it");
        }
        switch (word) {
            case "true", "false", "null" -> throw new SpecException(pos + ": bare '" + word
                    + "' is not allowed in KDL 2; write #" + word + " or \"" + word + "\"");
            case "inf", "-inf", "nan" -> throw new SpecException(pos + ": bare '" + word
                    + "' is not allowed in KDL 2; write #" + word + " or \"" + word + "\"");
            default -> {
                return word;
            }
        }
    }

    private String rawIdentifierChars() {
        int start = i;
        while (!eof()) {
            int cp = s.codePointAt(i);
            if (!isIdentifierChar(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(start, i);
    }

    private String quotedString() {
        SourcePos open = here();
        i++; // "
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (eof()) {
                throw new SpecException(open + ": unterminated string");
            }
            char c = peek();
            if (c == '"') {
                i++;
                return sb.toString();
            }
            if (isNewline(c)) {
                throw error("line break inside a quoted string (use \\n, a whitespace escape or a \"\"\" string)");
            }
            if (c == '\\') {
                if (i + 1 < s.length() && (isUnicodeSpace(s.charAt(i + 1)) || isNewline(s.charAt(i + 1)))) {
                    i++;
                    skipEscapedWhitespace();
                } else {
                    escape(sb);
                }
                continue;
            }
            sb.append(c);
            i++;
        }
    }

    private void skipEscapedWhitespace() {
        while (!eof() && (isUnicodeSpace(peek()) || isNewline(peek()))) {
            i++;
        }
    }

    /** Resolves one escape at {@code i} (which is at the backslash) into {@code sb}. */
    private void escape(StringBuilder sb) {
        int escStart = i;
        i++;
        if (eof()) {
            throw error("unterminated string");
        }
        char e = peek();
        i++;
        switch (e) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case '\\' -> sb.append('\\');
            case '"' -> sb.append('"');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 's' -> sb.append(' ');
            case 'u' -> {
                if (eof() || peek() != '{') {
                    i = escStart;
                    throw error("a unicode escape is written \\u{1F600}");
                }
                int close = s.indexOf('}', i);
                String hex = close < 0 ? "" : s.substring(i + 1, close);
                if (hex.isEmpty() || hex.length() > 6 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    i = escStart;
                    throw error("invalid unicode escape (expected 1 to 6 hex digits in \\u{...})");
                }
                int cp = Integer.parseInt(hex, 16);
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    i = escStart;
                    throw error("\\u{" + hex + "} is not a Unicode scalar value");
                }
                sb.appendCodePoint(cp);
                i = close + 1;
            }
            default -> {
                i = escStart;
                throw error("invalid escape '\\" + e + "'");
            }
        }
    }

    private String rawString(int hashes) {
        SourcePos open = here();
        i++; // "
        String close = "\"" + "#".repeat(hashes);
        int start = i;
        while (true) {
            if (eof()) {
                throw new SpecException(open + ": unterminated raw string");
            }
            if (s.startsWith(close, i)) {
                String body = s.substring(start, i);
                i += close.length();
                return body;
            }
            if (isNewline(peek())) {
                throw error("line break inside a raw string (use a #\"\"\" multi-line raw string)");
            }
            i++;
        }
    }

    private String multiLineString(boolean raw, int hashes) {
        SourcePos open = here();
        i += 3;
        if (eof() || !isNewline(peek())) {
            throw error("a \"\"\" string must start with a line break right after the opening quotes");
        }
        newline();
        String close = "\"\"\"" + "#".repeat(hashes);
        StringBuilder body = new StringBuilder();
        while (true) {
            if (eof()) {
                throw new SpecException(open + ": multi-line string is never closed");
            }
            if (s.startsWith(close, i)) {
                i += close.length();
                break;
            }
            char c = peek();
            if (!raw && c == '\\') {
                if (i + 1 < s.length() && (isUnicodeSpace(s.charAt(i + 1)) || isNewline(s.charAt(i + 1)))) {
                    i++;
                    skipEscapedWhitespace();
                    continue;
                }
                body.append(c);
                i++;
                if (!eof()) {
                    body.append(peek());
                    i++;
                }
                continue;
            }
            if (isNewline(c)) {
                newline();
                body.append('\n');
                continue;
            }
            body.append(c);
            i++;
        }
        String dedented = dedent(body.toString(), open);
        if (raw) {
            return dedented;
        }
        StringBuilder out = new StringBuilder();
        KdlParser sub = new KdlParser(dedented, open.source());
        while (sub.i < dedented.length()) {
            char c = dedented.charAt(sub.i);
            if (c == '\\') {
                try {
                    sub.escape(out);
                } catch (SpecException e) {
                    String msg = e.getMessage();
                    throw new SpecException(open + ": in multi-line string: " + msg.substring(msg.indexOf(": ") + 2));
                }
            } else {
                out.append(c);
                sub.i++;
            }
        }
        return out.toString();
    }

    private static String dedent(String body, SourcePos open) {
        String[] lines = body.split("\n", -1);
        String prefix = lines[lines.length - 1];
        if (!prefix.chars().allMatch(c -> isUnicodeSpace((char) c))) {
            throw new SpecException(open + ": the closing \"\"\" of a multi-line string must be on its own line");
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.length - 1; k++) {
            String line = lines[k];
            if (k > 0) {
                out.append('\n');
            }
            if (line.chars().allMatch(c -> isUnicodeSpace((char) c))) {
                continue;
            }
            if (!line.startsWith(prefix)) {
                throw new SpecException(open + ": line " + (k + 1) + " of the multi-line string does not start"
                        + " with the indentation of its closing \"\"\"");
            }
            out.append(line, prefix.length(), line.length());
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- numbers

    private boolean looksLikeNumber() {
        char c = peek();
        if (c >= '0' && c <= '9') {
            return true;
        }
        return (c == '+' || c == '-') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))
                && s.charAt(i + 1) <= '9';
    }

    private Object number(SourcePos pos) {
        String token = rawIdentifierChars();
        boolean negative = token.startsWith("-");
        String unsigned = token.startsWith("-") || token.startsWith("+") ? token.substring(1) : token;
        try {
            if (HEX.matcher(token).matches()) {
                return signed(new BigInteger(unsigned.substring(2).replace("_", ""), 16), negative);
            }
            if (OCTAL.matcher(token).matches()) {
                return signed(new BigInteger(unsigned.substring(2).replace("_", ""), 8), negative);
            }
            if (BINARY.matcher(token).matches()) {
                return signed(new BigInteger(unsigned.substring(2).replace("_", ""), 2), negative);
            }
            if (DECIMAL.matcher(token).matches()) {
                String clean = token.replace("_", "");
                if (clean.startsWith("+")) {
                    clean = clean.substring(1);
                }
                if (clean.indexOf('.') < 0 && clean.indexOf('e') < 0 && clean.indexOf('E') < 0) {
                    return new BigInteger(clean);
                }
                return new BigDecimal(clean);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new SpecException(pos + ": invalid number '" + token + "' (quote it if it is meant as a string)");
    }

    private static BigInteger signed(BigInteger v, boolean negative) {
        return negative ? v.negate() : v;
    }

    // ---------------------------------------------------------------- characters

    private void checkCodePoints() {
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            boolean bad = cp <= 0x08 || (cp >= 0x0E && cp <= 0x1F) || cp == 0x7F
                    || (cp >= 0xD800 && cp <= 0xDFFF)
                    || (cp >= 0x200E && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                    || (cp >= 0x2066 && cp <= 0x2069) || (cp == 0xFEFF && k != 0);
            if (bad) {
                throw new SpecException(positions.at(k) + ": character U+"
                        + String.format("%04X", cp) + " is not allowed in a KDL document");
            }
            k += Character.charCount(cp);
        }
    }

    static boolean isNewline(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u000B' || c == '\u000C'
                || c == '\u2028' || c == '\u2029';
    }

    static boolean isUnicodeSpace(char c) {
        return c == '\t' || c == ' ' || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A')
                || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    private static boolean isIdentifierChar(int cp) {
        if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT && (isUnicodeSpace((char) cp) || isNewline((char) cp))) {
            return false;
        }
        return "\\/(){};[]\"#=".indexOf(cp) < 0;
    }

    private boolean eof() {
        return i >= s.length();
    }

    private char peek() {
        return s.charAt(i);
    }

    private SourcePos here() {
        return positions.at(i);
    }

    private String describeHere() {
        if (eof()) {
            return "end of file";
        }
        char c = peek();
        if (isNewline(c)) {
            return "end of line";
        }
        return "'" + new String(Character.toChars(s.codePointAt(i))) + "'";
    }

    private SpecException error(String message) {
        return new SpecException(here() + ": " + message);
    }
}
