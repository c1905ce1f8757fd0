package org.torc.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        try {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliError("Cannot render JSON: " + e.getOriginalMessage());
        }
        out.flush();
    }

    /** A titled table followed by {@code Total: N <items>}, or {@code emptyMessage}. */
    public void printTable(String title, Table table, String items, String emptyMessage) {
        if (table.size() == 0) {
            out.println(emptyMessage);
            out.flush();
            return;
        }
        out.println(title);
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
