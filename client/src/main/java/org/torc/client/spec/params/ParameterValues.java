package org.torc.client.spec.params;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one parameter, parsed from its spec string with torc's grammar
 * ({@code parse_parameter_value}). Integer ranges are not materialized, so their size can be
 * checked before anything large is built.
 */
public abstract sealed class ParameterValues {
    /** How many values there are. */
    public abstract long size();

    /** The value at {@code index} (0 ≤ index < size). */
    public abstract ParameterValue get(long index);

    /** All values (only for sizes that fit in memory). */
    public List<ParameterValue> toList() {
        List<ParameterValue> out = new ArrayList<>();
        for (long k = 0; k < size(); k++) {
            out.add(get(k));
        }
        return out;
    }

    /**
     * Parses a parameter value:
     * <ul>
     *   <li>the text is trimmed; if it is wrapped in {@code {...}} and has no comma, the braces go;</li>
     *   <li>{@code [a, b, ...]} is a list (split on commas, no quote awareness; each item is an i64,
     *       else an f64, else a string with surrounding {@code '} and {@code "} removed); {@code []}
     *       has no values;</li>
     *   <li>text containing {@code :} is a range {@code start:end[:step]}, inclusive: integers if
     *       start and end are integers (step defaults to 1, may be negative, not 0), else floats
     *       (values accumulate {@code current += step}, with 1e-10 tolerance at the end);</li>
     *   <li>anything else is one i64, else one f64, else one string.</li>
     * </ul>
     *
     * @param maxValues a float range that would produce more values than this is refused before it
     *     is built
     * @throws IllegalArgumentException with torc's message when the value is malformed
     */
    public static ParameterValues parse(String value, long maxValues) {
        String t = RustNumbers.trim(value);
        if (t.startsWith("{") && t.endsWith("}") && t.indexOf(',') < 0) {
            t = RustNumbers.trim(t.substring(1, t.length() - 1));
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            return parseList(t);
        }
        if (t.indexOf(':') >= 0) {
            return parseRange(t, maxValues);
        }
        return new Listed(List.of(scalar(t)));
    }

    private static ParameterValue scalar(String t) {
        Long i = RustNumbers.parseI64(t);
        if (i != null) {
            return new ParameterValue.Int(i);
        }
        Double d = RustNumbers.parseF64(t);
        if (d != null) {
            return new ParameterValue.Float(d);
        }
        return new ParameterValue.Str(t);
    }

    private static ParameterValues parseList(String t) {
        String inner = RustNumbers.trim(stripAll(t, '[', ']'));
        if (inner.isEmpty()) {
            return new Listed(List.of());
        }
        List<ParameterValue> values = new ArrayList<>();
        for (String raw : inner.split(",", -1)) {
            String item = RustNumbers.trim(raw);
            Long i = RustNumbers.parseI64(item);
            if (i != null) {
                values.add(new ParameterValue.Int(i));
                continue;
            }
            Double d = RustNumbers.parseF64(item);
            if (d != null) {
                values.add(new ParameterValue.Float(d));
                continue;
            }
            values.add(new ParameterValue.Str(stripAll(stripAll(item, '\'', '\''), '"', '"')));
        }
        return new Listed(values);
    }

    /** Removes every leading {@code open} and then every trailing {@code close} character. */
    private static String stripAll(String s, char open, char close) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == open) {
            start++;
        }
        int end = s.length();
        while (end > start && s.charAt(end - 1) == close) {
            end--;
        }
        return s.substring(start, end);
    }

    private static ParameterValues parseRange(String t, long maxValues) {
        String[] parts = t.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("Invalid range format: '" + t
                    + "'. Expected 'start:end' or 'start:end:step'");
        }
        String startText = RustNumbers.trim(parts[0]);
        String endText = RustNumbers.trim(parts[1]);
        String stepText = parts.length == 3 ? RustNumbers.trim(parts[2]) : "";
        Long start = RustNumbers.parseI64(startText);
        Long end = RustNumbers.parseI64(endText);
        if (start != null && end != null) {
            long step = 1;
            if (!stepText.isEmpty()) {
                Long s = RustNumbers.parseI64(stepText);
                if (s == null) {
                    throw new IllegalArgumentException("Invalid integer step in range: '" + stepText + "'");
                }
                step = s;
            }
            if (step == 0) {
                throw new IllegalArgumentException("Step cannot be zero");
            }
            return new IntRange(start, end, step);
        }
        Double fStart = RustNumbers.parseF64(startText);
        Double fEnd = RustNumbers.parseF64(endText);
        if (fStart != null && fEnd != null) {
            double step = 1.0;
            if (!stepText.isEmpty()) {
                Double s = RustNumbers.parseF64(stepText);
                if (s == null) {
                    throw new IllegalArgumentException("Invalid float step in range: '" + stepText + "'");
                }
                step = s;
            }
            if (step == 0.0) {
                throw new IllegalArgumentException("Step cannot be zero");
            }
            return floatRange(t, fStart, fEnd, step, maxValues);
        }
        throw new IllegalArgumentException("Invalid range values: '" + t
                + "'. Could not parse as integer or float range");
    }

    private static ParameterValues floatRange(String text, double start, double end, double step,
            long maxValues) {
        double estimate = (step > 0 ? (end - start) : (start - end)) / Math.abs(step) + 1;
        if (estimate > maxValues) {
            throw new IllegalArgumentException("Range '" + text + "' would produce about "
                    + String.format("%.0f", estimate) + " values, more than the limit of " + maxValues);
        }
        List<ParameterValue> values = new ArrayList<>();
        double current = start;
        // Same loop as torc: accumulate, so 0.0:1.0:0.1 gives 0.30000000000000004 and friends.
        while (step > 0 ? current <= end + 1e-10 : current >= end - 1e-10) {
            values.add(new ParameterValue.Float(current));
            double next = current + step;
            if (next == current) {
                throw new IllegalArgumentException("Range '" + text + "' does not advance: the step is too"
                        + " small for the start value");
            }
            current = next;
            if (values.size() > maxValues) {
                throw new IllegalArgumentException("Range '" + text + "' would produce more than " + maxValues
                        + " values");
            }
        }
        return new Listed(values);
    }

    /** Explicit values (lists, single values, float ranges). */
    static final class Listed extends ParameterValues {
        private final List<ParameterValue> values;

        Listed(List<ParameterValue> values) {
            this.values = values;
        }

        @Override
        public long size() {
            return values.size();
        }

        @Override
        public ParameterValue get(long index) {
            return values.get((int) index);
        }
    }

    /** An inclusive integer range, computed on demand. */
    static final class IntRange extends ParameterValues {
        private final long start;
        private final long step;
        private final long size;

        IntRange(long start, long end, long step) {
            this.start = start;
            this.step = step;
            BigInteger span = step > 0
                    ? BigInteger.valueOf(end).subtract(BigInteger.valueOf(start))
                    : BigInteger.valueOf(start).subtract(BigInteger.valueOf(end));
            if (span.signum() < 0) {
                this.size = 0;
            } else {
                BigInteger n = span.divide(BigInteger.valueOf(step).abs()).add(BigInteger.ONE);
                this.size = n.bitLength() < 63 ? n.longValue() : Long.MAX_VALUE;
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ParameterValue get(long index) {
            return new ParameterValue.Int(start + index * step);
        }
    }
}
