package org.torc.client.spec.params;

/**
 * One value of a parameter: an integer, a float or a string, as torc's {@code ParameterValue}.
 * {@link #display()} is Rust's {@code Display}; {@link #format(String)} applies a format spec.
 */
public sealed interface ParameterValue {
    String display();

    /**
     * Formats with a spec from a {@code {name:spec}} placeholder, with torc's rules: {@code 0Nd}
     * zero-pads integers to width N, {@code .Nf} gives floats N decimals; anything else (including
     * {@code 3d}, {@code d}, or a spec that does not fit the value's kind) gives the plain display.
     */
    String format(String spec);

    record Int(long value) implements ParameterValue {
        @Override
        public String display() {
            return Long.toString(value);
        }

        @Override
        public String format(String spec) {
            if (spec.endsWith("d")) {
                String w = spec.substring(0, spec.length() - 1);
                if (w.startsWith("0")) {
                    Integer width = RustNumbers.parseUsize(w.substring(1));
                    if (width != null) {
                        return RustNumbers.zeroPadded(value, width);
                    }
                }
            }
            return display();
        }
    }

    record Float(double value, String display) implements ParameterValue {
        public Float(double value) {
            this(value, RustNumbers.display(value));
        }

        @Override
        public String format(String spec) {
            if (spec.endsWith("f")) {
                String p = spec.substring(0, spec.length() - 1);
                if (p.startsWith(".")) {
                    Integer precision = RustNumbers.parseUsize(p.substring(1));
                    if (precision != null) {
                        return RustNumbers.fixed(value, precision);
                    }
                }
            }
            return display;
        }
    }

    record Str(String value) implements ParameterValue {
        @Override
        public String display() {
            return value;
        }

        @Override
        public String format(String spec) {
            return value;
        }
    }
}
