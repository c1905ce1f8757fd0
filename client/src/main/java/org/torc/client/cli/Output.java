package org.torc.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.torc.common.Json;

/** Renders a command's result once, as a table or as JSON (2-space pretty print, as torc). */
public final class Output {
    private final PrintWriter out;
    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    public PrintWriter writer() {
        return out;
    }

    public void printJson(Object value) {
        out.println(pretty(value));
        out.flush();
    }

    /**
     * serde_json's pretty layout, which torc prints: two-space indent, {@code "key": value},
     * every array element on its own line, {@code []} and {@code {}} when empty.
     */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CliError("Cannot render JSON: " + e.getOriginalMessage());
        }
    }

    private static final ObjectWriter PRETTY = Json.mapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
            .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));

    /**
     * torc's list layout: an optional title line, the table, a blank line and
     * {@code Total: N <items>}; an empty table prints {@code emptyMessage} instead.
     */
    public void printTable(String title, Table table, String items, String emptyMessage) {
        if (table.size() == 0) {
            out.println(emptyMessage);
            out.flush();
            return;
        }
        if (title != null) {
            out.println(title);
        }
        table.print(out);
        out.println();
        out.println("Total: " + table.size() + " " + items);
        out.flush();
    }

    /** Key/value lines for single objects in table mode. */
    public void printFields(String title, Map<String, ?> fields) {
        if (title != null) {
            out.println(title);
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (var e : fields.entrySet()) {
            out.printf("  %-" + width + "s : %s%n", e.getKey(), e.getValue() == null ? "" : e.getValue());
        }
        out.flush();
    }

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public static List<String> headers(String... names) {
        return List.of(names);
    }
}
