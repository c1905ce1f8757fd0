package org.torc.client.spec.parse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torc.client.spec.SpecException;

/**
 * A JSON5 reader (https://spec.json5.org/). Jackson's lenient JSON options cover most of JSON5 but
 * silently misread {@code \x41}, {@code \v}, {@code \0} and line continuations and reject hex
 * numbers, so this small parser is used instead. Duplicate keys are an error.
 */
public final class Json5Reader {
    private static final int MAX_DEPTH = 1000;

    private final String s;
    private final TextPositions positions;
    private int i;
    private int depth;

    private Json5Reader(String text, String source) {
        this.s = text;
        this.positions = new TextPositions(text, source, false);
    }

    /**
     * @throws SpecException naming the file, line and column of the first syntax error
     */
    public static SpecNode read(String text, String source) {
        Json5Reader r = new Json5Reader(text, source);
        r.skipSpace();
        if (r.i >= r.s.length()) {
            throw new SpecException(source + ": the file is empty");
        }
        SpecNode value = r.value();
        r.skipSpace();
        if (r.i < r.s.length()) {
            throw r.error("unexpected " + r.describeHere() + " after the end of the JSON5 value");
        }
        return value;
    }

    private SpecNode value() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
        try {
            char c = peek();
            SourcePos pos = positions.at(i);
            switch (c) {
                case '{':
                    return object(pos);
                case '[':
                    return array(pos);
                case '"':
                case '\'':
                    return new SpecNode.Str(string(), pos);
                default:
                    break;
            }
            if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
                return number(pos);
            }
            if (isIdentStart(s.codePointAt(i)) || c == '\\') {
                String word = identifierName();
                switch (word) {
                    case "true":
                        return new SpecNode.Bool(true, pos);
                    case "false":
                        return new SpecNode.Bool(false, pos);
                    case "null":
                        return new SpecNode.Null(pos);
                    case "Infinity":
                        return new SpecNode.Flt(Double.POSITIVE_INFINITY, pos);
                    case "NaN":
                        return new SpecNode.Flt(Double.NaN, pos);
                    default:
                        i -= word.length();
                        throw error("unexpected identifier '" + word + "' (strings must be quoted)");
                }
            }
            throw error("expected a value but found " + describeHere());
        } finally {
            depth--;
        }
    }

    private SpecNode object(SourcePos pos) {
        i++; // {
        Map<String, SpecNode> fields = new LinkedHashMap<>();
        Map<String, SourcePos> keys = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                i++;
                return new SpecNode.Obj(fields, keys, pos);
            }
            SourcePos keyPos = positions.at(i);
            char c = peek();
            String key;
            if (c == '"' || c == '\'') {
                key = string();
            } else if (isIdentStart(codePoint()) || c == '\\') {
                key = identifierName();
            } else {
                throw error("expected a key or '}' but found " + describeHere());
            }
            if (fields.containsKey(key)) {
                throw new SpecException(keyPos + ": duplicate key '" + key + "'");
            }
            skipSpace();
            expect(':');
            skipSpace();
            fields.put(key, value());
            keys.put(key, keyPos);
            skipSpace();
            c = peek();
            if (c == ',') {
                i++;
            } else if (c == '}') {
                i++;
                return new SpecNode.Obj(fields, keys, pos);
            } else {
                throw error("expected ',' or '}' but found " + describeHere());
            }
        }
    }

    private SpecNode array(SourcePos pos) {
        i++; // [
        List<SpecNode> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == ']') {
                i++;
                return new SpecNode.Arr(items, pos);
            }
            items.add(value());
            skipSpace();
            char c = peek();
            if (c == ',') {
                i++;
            } else if (c == ']') {
                i++;
                return new SpecNode.Arr(items, pos);
            } else {
                throw error("expected ',' or ']' but found " + describeHere());
            }
        }
    }

    private String string() {
        char quote = s.charAt(i++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i);
            if (c == quote) {
                i++;
                return sb.toString();
            }
            if (c == '\n' || c == '\r') {
                throw error("line break inside a string (escape it as \\n)");
            }
            if (c != '\\') {
                sb.append(c);
                i++;
                continue;
            }
            int escPos = i;
            i++;
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> {
                    sb.append('\r');
                }
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000B');
                case '0' -> {
                    if (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i = escPos;
                        throw error("octal escapes are not allowed in JSON5 strings");
                    }
                    sb.append('\0');
                }
                case 'x' -> sb.append((char) hex(2, escPos));
                case 'u' -> sb.append((char) hex(4, escPos));
                case '\n', '\u2028', '\u2029' -> {
                    // line continuation: the escaped line break is dropped
                }
                case '\r' -> {
                    if (i < s.length() && s.charAt(i) == '\n') {
                        i++;
                    }
                }
                default -> {
                    if (e >= '1' && e <= '9') {
                        i = escPos;
                        throw error("invalid escape '\\" + e + "'");
                    }
                    sb.append(e);
                }
            }
        }
    }

    private int hex(int digits, int escPos) {
        if (i + digits > s.length()) {
            i = escPos;
            throw error("incomplete escape sequence");
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(s.charAt(i + k), 16);
            if (d < 0) {
                i = escPos;
                throw error("invalid hexadecimal digit in escape sequence");
            }
            v = v * 16 + d;
        }
        i += digits;
        return v;
    }

    private SpecNode number(SourcePos pos) {
        int start = i;
        boolean negative = false;
        char c = peek();
        if (c == '+' || c == '-') {
            negative = c == '-';
            i++;
        }
        if (s.startsWith("Infinity", i)) {
            i += "Infinity".length();
            return new SpecNode.Flt(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, pos);
        }
        if (s.startsWith("NaN", i)) {
            i += 3;
            return new SpecNode.Flt(Double.NaN, pos);
        }
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            i += 2;
            int digitsStart = i;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
            if (i == digitsStart) {
                throw error("expected hexadecimal digits");
            }
            BigInteger v = new BigInteger(s.substring(digitsStart, i), 16);
            checkNumberEnd();
            return new SpecNode.Int(negative ? v.negate() : v, pos);
        }
        int intStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && s.charAt(intStart) == '0') {
            i = intStart;
            throw error("numbers cannot have leading zeros");
        }
        boolean isFloat = false;
        if (i < s.length() && s.charAt(i) == '.') {
            isFloat = true;
            i++;
            int fracStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (intDigits == 0 && i == fracStart) {
                i = start;
                throw error("invalid number");
            }
        } else if (intDigits == 0) {
            i = start;
            throw error("invalid number");
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            isFloat = true;
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                throw error("expected digits in the exponent");
            }
        }
        checkNumberEnd();
        String text = s.substring(start, i);
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        if (isFloat) {
            return new SpecNode.Flt(Double.parseDouble(text), pos);
        }
        return new SpecNode.Int(new BigInteger(text), pos);
    }

    private void checkNumberEnd() {
        if (i < s.length() && (isIdentPart(codePoint()) || s.charAt(i) == '.')) {
            throw error("invalid character " + describeHere() + " in number");
        }
    }

    private String identifierName() {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        while (i < s.length()) {
            int cp = codePoint();
            if (cp == '\\') {
                int escPos = i;
                if (i + 1 >= s.length() || s.charAt(i + 1) != 'u') {
                    throw error("invalid escape in identifier");
                }
                i += 2;
                int v = hex(4, escPos);
                if (first ? !isIdentStart(v) : !isIdentPart(v)) {
                    i = escPos;
                    throw error("invalid character in identifier");
                }
                sb.appendCodePoint(v);
            } else if (first ? isIdentStart(cp) : isIdentPart(cp)) {
                sb.appendCodePoint(cp);
                i += Character.charCount(cp);
            } else {
                break;
            }
            first = false;
        }
        return sb.toString();
    }

    private static boolean isIdentStart(int cp) {
        return cp == '$' || cp == '_' || Character.isLetter(cp)
                || Character.getType(cp) == Character.LETTER_NUMBER;
    }

    private static boolean isIdentPart(int cp) {
        if (isIdentStart(cp) || cp == '\u200C' || cp == '\u200D') {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.DECIMAL_DIGIT_NUMBER || t == Character.CONNECTOR_PUNCTUATION;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                i += 2;
                while (i < s.length() && !isLineTerminator(s.charAt(i))) {
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int start = i;
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    i = start;
                    throw error("unterminated /* comment");
                }
                i = end + 2;
            } else if (isSpace(c)) {
                i++;
            } else {
                return;
            }
        }
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isSpace(char c) {
        return c == '\t' || c == '\u000B' || c == '\f' || c == ' ' || c == '\u00A0' || c == '\uFEFF'
                || isLineTerminator(c) || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end of file");
        }
        return s.charAt(i);
    }

    private int codePoint() {
        return s.codePointAt(i);
    }

    private void expect(char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw error("expected '" + c + "' but found " + describeHere());
        }
        i++;
    }

    private String describeHere() {
        if (i >= s.length()) {
            return "end of file";
        }
        int cp = s.codePointAt(i);
        if (cp == '\n' || cp == '\r') {
            return "end of line";
        }
        return "'" + new String(Character.toChars(cp)) + "'";
    }

    private SpecException error(String message) {
        return new SpecException(positions.at(i) + ": " + message);
    }
}
