package org.torc.client.tui;

import java.util.Locale;

/** An applied table filter: rows whose {@code column} contains {@code value} (case-insensitive). */
public record Filter(String column, String value) {
    public Filter {
        value = value.toLowerCase(Locale.ROOT);
    }

    public boolean matches(String text) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(value);
    }

    public String describe() {
        return column + " contains '" + value + "'";
    }
}
