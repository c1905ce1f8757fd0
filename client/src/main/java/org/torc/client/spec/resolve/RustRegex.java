package org.torc.client.spec.resolve;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the regular expressions of a spec so they behave like torc's Rust {@code regex}
 * patterns where it matters: matching is a search ({@link java.util.regex.Matcher#find()}, Rust's
 * {@code is_match}), {@code \d}, {@code \w}, {@code \s} and {@code \b} are Unicode-aware, and
 * Rust's {@code (?P<name>...)} group syntax is accepted. Known remaining differences: Java also
 * accepts look-around and back-references (Rust rejects them), and Java's {@code $} also matches
 * before a final line break.
 */
public final class RustRegex {
    private RustRegex() {
    }

    /** @throws IllegalArgumentException with a one-line description of the syntax error */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex.replace("(?P<", "(?<"), Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " at position " + e.getIndex() : "";
            throw new IllegalArgumentException("regex parse error: " + e.getDescription() + where);
        }
    }
}
