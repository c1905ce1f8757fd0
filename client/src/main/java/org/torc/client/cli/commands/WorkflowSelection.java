package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;

/**
 * torc's rule when a workflow id is omitted: the user's only (unarchived) workflow is chosen;
 * with several, the user picks one from a list on the terminal. Without a terminal that is an
 * error asking for the id (torc would block reading stdin).
 */
public final class WorkflowSelection {
    private WorkflowSelection() {
    }

    public static long resolve(CliContext ctx, Long given) {
        if (given != null) {
            return given;
        }
        String user = ctx.user();
        JsonNode page = ctx.during("listing workflows", () -> ctx.api().get("/workflows"
                + TorcApi.queryString(Queries.of("limit", 50, "user", user, "is_archived", false))));
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        if (items.isEmpty()) {
            throw new CliError("No workflows found for user: " + user);
        }
        if (items.size() == 1) {
            return items.get(0).path("id").asLong();
        }
        if (System.console() == null) {
            throw new CliError("User " + user + " has " + items.size()
                    + " workflows; give the workflow ID");
        }
        ctx.out().println("Available workflows:");
        ctx.out().printf("%-5s %-30s %-30s %-20s%n", "ID", "Name", "Description", "Created");
        ctx.out().println("-".repeat(105));
        for (JsonNode w : items) {
            ctx.out().printf("%-5d %-30s %-30s %-20s%n", w.path("id").asLong(),
                    truncate(Fields.text(w, "name"), 30), truncate(Fields.text(w, "description"), 30),
                    truncate(Fields.text(w, "timestamp"), 20));
        }
        ctx.out().println();
        ctx.out().println("Enter workflow ID: ");
        ctx.out().flush();
        String line = ctx.readLine();
        long id;
        try {
            id = Long.parseLong(line == null ? "" : line.trim());
        } catch (NumberFormatException e) {
            throw new CliError("Invalid input. Please enter a numeric workflow ID.");
        }
        for (JsonNode w : items) {
            if (w.path("id").asLong() == id) {
                return id;
            }
        }
        throw new CliError("Invalid workflow ID: " + id);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
