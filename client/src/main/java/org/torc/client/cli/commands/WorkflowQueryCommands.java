package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read-only workflow commands: list, get, status, is-complete, list-actions. */
final class WorkflowQueryCommands {
    private WorkflowQueryCommands() {
    }

    /** {@code torc workflows list}: the current user's workflows (never anyone else's). */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List your workflows (unarchived unless asked otherwise).")
    static final class ListWorkflows extends ContextCommand {
        @Option(names = {"-l", "--limit"}, defaultValue = "10000", paramLabel = "N",
                description = "Maximum number of workflows to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = "--offset", defaultValue = "0", paramLabel = "N",
                description = "Offset for pagination (0-based)")
        long offset;

        @Option(names = "--sort-by", paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = "--reverse-sort", description = "Reverse sort order")
        boolean reverseSort;

        @Option(names = "--archived-only", description = "Show only archived workflows")
        boolean archivedOnly;

        @Option(names = "--include-archived", description = "Show archived and unarchived workflows")
        boolean includeArchived;

        @Override
        protected ExitCode execute(CliContext ctx) {
            String user = ctx.user();
            Map<String, Object> q = Queries.of("user", user,
                    "is_archived", includeArchived ? null : archivedOnly,
                    "sort_by", sortBy, "reverse_sort", reverseSort, "offset", offset);
            List<JsonNode> workflows = ctx.during("listing workflows",
                    () -> ctx.api().listAll("/workflows", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                ArrayNode array = Json.mapper().createArrayNode();
                workflows.forEach(w -> array.add(Fields.workflowForJson(w)));
                out.printJson(array);
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Name", "Description", "Timestamp"));
            for (JsonNode w : workflows) {
                table.row(List.of(w.path("id").asLong(), Fields.text(w, "name"),
                        Fields.text(w, "description"), Fields.text(w, "timestamp")));
            }
            out.printTable("Workflows for user " + user + ":", table, "workflows",
                    "No workflows found for user: " + user);
            return ExitCode.OK;
        }
    }

    /** {@code torc workflows get [ID]}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a specific workflow.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
                description = "Workflow ID (optional when you have a single workflow)")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode w = ctx.during("getting workflow", () -> ctx.api().get("/workflows/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.workflowForJson(w));
                return ExitCode.OK;
            }
            List<String> lines = new ArrayList<>();
            lines.add("Workflow ID " + id + ":");
            lines.add("  Name: " + Fields.text(w, "name"));
            lines.add("  User: " + Fields.text(w, "user"));
            optional(lines, w, "description", "Description");
            optional(lines, w, "project", "Project");
            optional(lines, w, "metadata", "Metadata");
            optional(lines, w, "timestamp", "Timestamp");
            section(lines, w, "slurm_defaults", "Slurm Defaults");
            section(lines, w, "resource_monitor_config", "Resource Monitor");
            lines.forEach(out::println);
            return ExitCode.OK;
        }

        private static void optional(List<String> lines, JsonNode w, String field, String label) {
            if (w.hasNonNull(field)) {
                lines.add("  " + label + ": " + w.get(field).asText());
            }
        }

        /** A JSON-object string field shown as indented key: value lines. */
        private static void section(List<String> lines, JsonNode w, String field, String label) {
            JsonNode parsed = Fields.workflowForJson(w).get(field);
            if (parsed == null || !parsed.isObject()) {
                return;
            }
            lines.add("  " + label + ":");
            for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                lines.add("    " + e.getKey() + ": " + (v.isValueNode() ? v.asText() : Json.write(v)));
            }
        }
    }

    /** {@code torc workflows status [ID]}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Get workflow status.")
    static final class Status extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode s = ctx.during("getting workflow status",
                    () -> ctx.api().get("/workflows/" + id + "/status"));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(s);
                return ExitCode.OK;
            }
            out.println("Workflow Status for ID " + id + ":");
            if (s.hasNonNull("id")) {
                out.println("  Status ID: " + s.get("id").asLong());
            }
            out.println("  Run ID: " + s.path("run_id").asLong());
            out.println("  Is Canceled: " + s.path("is_canceled").asBoolean());
            if (s.hasNonNull("is_archived")) {
                out.println("  Is Archived: " + s.get("is_archived").asBoolean());
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc workflows is-complete [ID]}: exits 0 whatever the answer. */
    @Command(name = "is-complete", mixinStandardHelpOptions = true,
            description = "Check if a workflow is complete (always exits 0 when the check works).")
    static final class IsComplete extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode r = ctx.during("checking workflow completion",
                    () -> ctx.api().get("/workflows/" + id + "/is_complete"));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(r);
            } else {
                out.println("Workflow " + id + " completion status:");
                out.println("  Is Complete: " + r.path("is_complete").asBoolean());
                out.println("  Is Canceled: " + r.path("is_canceled").asBoolean());
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc workflows list-actions [ID]}. */
    @Command(name = "list-actions", mixinStandardHelpOptions = true,
            description = "List workflow actions and how far each is from firing.")
    static final class ListActions extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode actions = ctx.during("getting workflow actions",
                    () -> ctx.api().get("/workflows/" + id + "/actions"));
            Output out = ctx.output();
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.set("actions", actions.isArray() ? actions : Json.mapper().createArrayNode());
                out.printJson(o);
                return ExitCode.OK;
            }
            if (actions.isEmpty()) {
                out.println("No workflow actions found for workflow " + id);
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Trigger", "Action", "Progress", "Status",
                    "Executed At", "Job IDs"));
            for (JsonNode a : actions) {
                long count = a.path("trigger_count").asLong();
                long required = a.path("required_triggers").asLong();
                String status = a.path("executed").asBoolean() ? "Executed"
                        : count >= required ? "Pending (ready to claim)" : "Waiting";
                table.row(List.of(a.path("id").asLong(-1), Fields.text(a, "trigger_type"),
                        Fields.text(a, "action_type"), count + "/" + required, status,
                        Fields.text(a, "executed_at", "-"), jobIds(a.get("job_ids"))));
            }
            out.println("Workflow Actions for workflow " + id + ":");
            out.println("");
            table.print(out.writer());
            out.println("");
            out.println("Total: " + table.size() + " actions");
            out.println("");
            out.println("Status legend:");
            out.println("  Waiting  - trigger_count < required_triggers (action not yet triggered)");
            out.println("  Pending  - trigger_count >= required_triggers (ready to be claimed and "
                    + "executed)");
            out.println("  Executed - action has been claimed and executed");
            return ExitCode.OK;
        }

        private static String jobIds(JsonNode ids) {
            if (ids == null || !ids.isArray() || ids.isEmpty()) {
                return "(all jobs)";
            }
            List<String> all = new ArrayList<>();
            ids.forEach(i -> all.add(i.asText()));
            if (all.size() <= 5) {
                return String.join(", ", all);
            }
            return String.join(", ", all.subList(0, 3)) + ", ... (+" + (all.size() - 3) + " more)";
        }
    }
}
