package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.List;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;

/**
 * torc's rule when a workflow id is omitted: the user's only (unarchived) workflow is chosen;
 * with several, the user picks one interactively.
 */
public final class WorkflowSelection {
    private WorkflowSelection() {
    }

    public static long resolve(CliContext ctx, Long given) {
        if (given != null) {
            return given;
        }
        String user = CliContext.user();
        JsonNode page = ctx.api().get("/workflows?limit=50&is_archived=false&user=" + user);
        List<JsonNode> items = new java.util.ArrayList<>();
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
        ctx.out().println("Workflows for user " + user + ":");
        for (JsonNode w : items) {
            ctx.out().printf("  %6d  %s%n", w.path("id").asLong(), w.path("name").asText());
        }
        ctx.out().print("Enter workflow ID: ");
        ctx.out().flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
            return Long.parseLong(line == null ? "" : line.trim());
        } catch (IOException | NumberFormatException e) {
            throw new CliError("Not a workflow ID");
        }
    }
}
