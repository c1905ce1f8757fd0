package org.torc.client.spec.kdl;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.torc.client.spec.parse.SourcePos;

/**
 * A KDL value: a {@link String}, a {@link BigInteger} (numbers without fraction or exponent), a
 * {@link BigDecimal} (other finite numbers), a {@link Double} (#inf, #-inf, #nan), a
 * {@link Boolean}, or {@code null}. {@code type} is the optional type annotation.
 */
public record KdlValue(String type, Object value, SourcePos pos) {
    public boolean isString() {
        return value instanceof String;
    }

    public boolean isInteger() {
        return value instanceof BigInteger;
    }

    public boolean isNumber() {
        return value instanceof BigInteger || value instanceof BigDecimal || value instanceof Double;
    }

    public boolean isBoolean() {
        return value instanceof Boolean;
    }

    public boolean isNull() {
        return value == null;
    }

    /** How the value is written, for error messages. */
    public String describe() {
        if (value == null) {
            return "#null";
        }
        if (value instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (value instanceof Boolean b) {
            return "#" + b;
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "#nan" : d > 0 ? "#inf" : "#-inf";
        }
        return "number " + value;
    }
}
