package org.torc.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO-8601 durations as torc reads them ({@code P0DT1M}, {@code PT1H30M}, {@code P2W}), converted to
 * whole seconds with torc's approximations: a year is 365.25 days, a month 30.44 days.
 */
public final class IsoDuration {
    private static final long YEAR = 31_557_600L;
    private static final long MONTH = 2_629_800L;
    private static final long WEEK = 604_800L;
    private static final long DAY = 86_400L;

    private static final Pattern WEEKS = Pattern.compile("P(\\d+)W");
    private static final Pattern FULL = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
                    + "(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)(?:[.,](\\d+))?S)?)?");

    private IsoDuration() {
    }

    /**
     * @throws IllegalArgumentException when the text is not an ISO-8601 duration
     */
    public static long toSeconds(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Duration string cannot be empty");
        }
        String s = text.trim().toUpperCase(java.util.Locale.ROOT);
        Matcher w = WEEKS.matcher(s);
        if (w.matches()) {
            return Math.multiplyExact(parse(w.group(1), text), WEEK);
        }
        Matcher m = FULL.matcher(s);
        if (!m.matches() || s.equals("P") || s.endsWith("T")) {
            throw new IllegalArgumentException("Invalid ISO 8601 duration '" + text
                    + "'; expected e.g. PT30M, PT2H, P1DT12H or P0DT1M");
        }
        try {
            long total = 0;
            total = Math.addExact(total, Math.multiplyExact(parse(m.group(1), text), YEAR));
            total = Math.addExact(total, Math.multiplyExact(parse(m.group(2), text), MONTH));
            total = Math.addExact(total, Math.multiplyExact(parse(m.group(3), text), WEEK));
            total = Math.addExact(total, Math.multiplyExact(parse(m.group(4), text), DAY));
            total = Math.addExact(total, Math.multiplyExact(parse(m.group(5), text), 3600));
            total = Math.addExact(total, Math.multiplyExact(parse(m.group(6), text), 60));
            total = Math.addExact(total, parse(m.group(7), text));
            return total;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Duration too large: '" + text + "'");
        }
    }

    private static long parse(String digits, String original) {
        if (digits == null) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Duration too large: '" + original + "'");
        }
    }

    /** Formats seconds the way torc's specs write runtimes, e.g. 5400 → "PT1H30M", 0 → "PT0S". */
    public static String format(long seconds) {
        if (seconds == 0) {
            return "PT0S";
        }
        StringBuilder sb = new StringBuilder("P");
        long days = seconds / DAY;
        long rest = seconds % DAY;
        if (days > 0) {
            sb.append(days).append('D');
        }
        if (rest > 0) {
            sb.append('T');
            long h = rest / 3600;
            long min = (rest % 3600) / 60;
            long sec = rest % 60;
            if (h > 0) {
                sb.append(h).append('H');
            }
            if (min > 0) {
                sb.append(min).append('M');
            }
            if (sec > 0) {
                sb.append(sec).append('S');
            }
        }
        return sb.toString();
    }
}
