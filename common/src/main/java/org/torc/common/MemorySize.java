package org.torc.common;

import java.util.Locale;

/** Memory strings as torc writes them: an integer with an optional binary unit k, m, g or t. */
public final class MemorySize {
    private MemorySize() {
    }

    /**
     * Parses {@code "1024"}, {@code "1k"}, {@code "2M"}, {@code "3g"}, {@code "4T"} (case-insensitive,
     * 1024-based) into bytes.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static long toBytes(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Memory string cannot be empty");
        }
        String s = text.trim();
        long multiplier = 1;
        String number = s;
        char last = s.charAt(s.length() - 1);
        if (Character.isLetter(last)) {
            multiplier = switch (Character.toLowerCase(last)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                case 't' -> 1L << 40;
                default -> throw new IllegalArgumentException("Invalid memory unit '" + last
                        + "' in '" + s + "'; expected an integer with optional k, m, g or t");
            };
            number = s.substring(0, s.length() - 1);
        }
        long value;
        try {
            value = Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number in memory string '" + s
                    + "'; expected an integer with optional k, m, g or t, e.g. 512m or 20g");
        }
        if (value < 0) {
            throw new IllegalArgumentException("Memory size cannot be negative: '" + s + "'");
        }
        try {
            return Math.multiplyExact(value, multiplier);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("Memory size too large: '" + s + "'");
        }
    }

    public static double toGigabytes(String text) {
        return toBytes(text) / (double) (1L << 30);
    }

    /** Formats bytes with the largest unit that divides them exactly, e.g. 1073741824 → "1g". */
    public static String format(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return Long.toString(bytes).toLowerCase(Locale.ROOT);
    }
}
