package org.torc.client.spec.params;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Number parsing and printing with Rust's rules, which torc's parameter expansion relies on and
 * which differ from Java's: Rust accepts {@code "inf"}/{@code "nan"} but not {@code "1d"} or
 * surrounding spaces, and prints floats as the shortest round-trip decimal without exponent and
 * without a trailing {@code ".0"} ({@code 1.0} → {@code "1"}, {@code 1e-7} → {@code "0.0000001"}).
 */
public final class RustNumbers {
    private static final Pattern I64 = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern F64 =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern USIZE = Pattern.compile("\\+?[0-9]+");

    private RustNumbers() {
    }

    /** Rust's {@code str::trim()}: removes leading and trailing Unicode White_Space characters. */
    public static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isRustWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isRustWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isRustWhitespace(char c) {
        return (c >= '\t' && c <= '\r') || c == ' ' || c == '\u0085' || c == '\u00A0' || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200A') || c == '\u2028' || c == '\u2029' || c == '\u202F'
                || c == '\u205F' || c == '\u3000';
    }

    /** Rust's {@code str::parse::<i64>()}: the value, or {@code null} if it fails. */
    public static Long parseI64(String s) {
        if (!I64.matcher(s).matches()) {
            return null;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null; // out of range
        }
    }

    /** Rust's {@code str::parse::<f64>()}: the value, or {@code null} if it fails. */
    public static Double parseF64(String s) {
        if (F64.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String body = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        switch (body) {
            case "inf", "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                return null;
        }
    }

    /** Rust's {@code str::parse::<usize>()} for format widths; {@code null} if it fails. */
    public static Integer parseUsize(String s) {
        if (!USIZE.matcher(s).matches()) {
            return null;
        }
        try {
            return Integer.parseInt(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Rust's {@code Display} for {@code f64}. */
    public static String display(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        return shortest(d).stripTrailingZeros().toPlainString();
    }

    /** Rust's {@code format!("{:.N}", d)}: exact decimal value rounded half-to-even to N places. */
    public static String fixed(double d, int precision) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        if (negative && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** Rust's {@code format!("{:0W}", v)}: zero-padded to width W, the sign counting toward it. */
    public static String zeroPadded(long v, int width) {
        String digits = v < 0 ? Long.toString(v).substring(1) : Long.toString(v);
        String sign = v < 0 ? "-" : "";
        int pad = width - sign.length() - digits.length();
        if (pad <= 0) {
            return sign + digits;
        }
        return sign + "0".repeat(pad) + digits;
    }

    /**
     * The shortest decimal that reads back as {@code d}; among equally short ones, the closest to
     * {@code d}'s exact value (what Rust's float printing produces).
     */
    static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
                    RoundingMode.CEILING}) {
                BigDecimal c = exact.round(new MathContext(p, mode));
                if (c.doubleValue() != d) {
                    continue;
                }
                if (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                    best = c;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return exact;
    }
}
