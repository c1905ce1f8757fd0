package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.torc.client.api.ApiError;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.workflow.WorkflowManager;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The workflow commands that change something: new, update, delete, archive, cancel, reset-status. */
final class WorkflowEditCommands {
    private WorkflowEditCommands() {
    }

    /** {@code torc workflows new -n NAME [-d TEXT]}: an empty workflow owned by you. */
    @Command(name = "new", mixinStandardHelpOptions = true, description = "Create a new empty workflow.")
    static final class New extends ContextCommand {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME",
                description = "Name of the workflow")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT",
                description = "Description of the workflow")
        String description;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("name", name);
            body.put("user", ctx.user());
            if (description != null) {
                body.put("description", description);
            }
            JsonNode created = ctx.during("creating workflow",
                    () -> ctx.api().post("/workflows", body));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.workflowForJson(created));
            } else {
                out.println("Successfully created workflow:");
                printSummary(out, created);
            }
            return ExitCode.OK;
        }
    }

    private static void printSummary(Output out, JsonNode w) {
        out.println("  ID: " + w.path("id").asLong(-1));
        out.println("  Name: " + Fields.text(w, "name"));
        out.println("  User: " + Fields.text(w, "user"));
        if (w.hasNonNull("description")) {
            out.println("  Description: " + w.get("description").asText());
        }
    }

    /** {@code torc workflows update [ID] ...}: read, change the given fields, write back. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Update workflow properties.")
    static final class Update extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "New name")
        String name;

        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "New description")
        String description;

        @Option(names = "--owner-user", paramLabel = "USER", description = "New owner")
        String ownerUser;

        @Option(names = "--project", paramLabel = "TEXT", description = "New project")
        String project;

        @Option(names = "--metadata", paramLabel = "TEXT", description = "New metadata (a string, "
                + "often JSON)")
        String metadata;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode current = ctx.during("getting workflow for update",
                    () -> ctx.api().get("/workflows/" + id));
            ObjectNode w = current.deepCopy();
            putIfGiven(w, "name", name);
            putIfGiven(w, "description", description);
            putIfGiven(w, "user", ownerUser);
            putIfGiven(w, "project", project);
            putIfGiven(w, "metadata", metadata);
            JsonNode updated = ctx.during("updating workflow",
                    () -> ctx.api().put("/workflows/" + id, w));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.workflowForJson(updated));
            } else {
                out.println("Successfully updated workflow:");
                printSummary(out, updated);
            }
            return ExitCode.OK;
        }

        private static void putIfGiven(ObjectNode o, String field, String value) {
            if (value != null) {
                o.put(field, value);
            }
        }
    }

    /**
     * {@code torc workflows delete [IDS...] [--no-prompts]}: refuses other users' workflows; fails
     * (exit 1) only when no workflow could be deleted.
     */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete one or more workflows with all their jobs, files and results.")
    static final class Delete extends ContextCommand {
        @Parameters(arity = "0..*", paramLabel = "ID", description = "Workflow IDs")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--no-prompts", description = "Do not ask for confirmation")
        boolean noPrompts;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<Long> targets = ids.isEmpty() ? List.of(WorkflowSelection.resolve(ctx, null)) : ids;
            String user = ctx.user();
            Output out = ctx.output();
            List<JsonNode> deleted = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (long id : targets) {
                JsonNode w;
                long jobCount;
                try {
                    w = ctx.api().get("/workflows/" + id);
                } catch (ApiError e) {
                    failures.add("ID " + id + ": Failed to get workflow: " + e.getMessage());
                    continue;
                }
                if (!Fields.text(w, "user").equals(user)) {
                    failures.add("ID " + id + ": Cannot delete workflow owned by user '"
                            + Fields.text(w, "user") + "' (you are '" + user + "').");
                    continue;
                }
                try {
                    jobCount = ctx.api().get("/jobs?workflow_id=" + id + "&limit=1")
                            .path("total_count").asLong();
                } catch (ApiError e) {
                    failures.add("ID " + id + ": Failed to count jobs: " + e.getMessage());
                    continue;
                }
                if (!noPrompts && !out.json() && !confirm(ctx, w, jobCount)) {
                    out.println("Deletion cancelled for workflow " + id + ".");
                    continue;
                }
                try {
                    deleted.add(ctx.api().delete("/workflows/" + id));
                } catch (ApiError e) {
                    failures.add("ID " + id + ": Failed to delete: " + e.getMessage());
                }
            }
            if (out.json()) {
                ArrayNode array = Json.mapper().createArrayNode();
                deleted.forEach(w -> array.add(Fields.workflowForJson(w)));
                out.printJson(array);
            } else if (!deleted.isEmpty()) {
                out.println("");
                out.println("Successfully deleted " + deleted.size() + " workflow(s):");
                for (JsonNode w : deleted) {
                    out.println("  - ID: " + w.path("id").asLong(-1) + ", Name: "
                            + Fields.text(w, "name") + ", User: " + Fields.text(w, "user"));
                }
            }
            if (!failures.isEmpty()) {
                ctx.note("");
                ctx.note("Failed to delete " + failures.size() + " workflow(s):");
                failures.forEach(f -> ctx.note("  - " + f));
            }
            return !failures.isEmpty() && deleted.isEmpty() ? ExitCode.ERROR : ExitCode.OK;
        }

        private static boolean confirm(CliContext ctx, JsonNode w, long jobCount) {
            Output out = ctx.output();
            out.println("");
            out.println("Warning: You are about to delete the following workflow:");
            printSummary(out, w);
            out.println("");
            out.println("This will also delete:");
            out.println("  - " + jobCount + " job(s)");
            out.println("  - All associated files, user data, and results");
            out.println("  - All job dependencies and relationships");
            out.println("");
            out.println("This action cannot be undone.");
            out.println("");
            return ctx.confirm("Are you sure you want to delete this workflow?");
        }
    }

    /** {@code torc workflows archive true|false [IDS...]}. */
    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Archive (true) or unarchive (false) workflows.")
    static final class Archive extends ContextCommand {
        @Parameters(index = "0", paramLabel = "IS_ARCHIVED", description = "true or false")
        String isArchived;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "ID", description = "Workflow IDs")
        List<Long> ids = new ArrayList<>();

        @Override
        protected ExitCode execute(CliContext ctx) {
            boolean archive = switch (isArchived.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw new CliError("is_archived must be 'true' or 'false'");
            };
            List<Long> targets = ids.isEmpty() ? List.of(WorkflowSelection.resolve(ctx, null)) : ids;
            String action = archive ? "archive" : "unarchive";
            Output out = ctx.output();
            List<Long> updated = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (long id : targets) {
                ObjectNode status;
                try {
                    status = ctx.api().get("/workflows/" + id + "/status").deepCopy();
                } catch (ApiError e) {
                    errors.add("Failed to get status for workflow " + id + ": " + e.getMessage());
                    continue;
                }
                status.put("is_archived", archive);
                try {
                    ctx.api().put("/workflows/" + id + "/status", status);
                    updated.add(id);
                    if (!out.json()) {
                        out.println("Successfully " + action + "d workflow " + id);
                    }
                } catch (ApiError e) {
                    errors.add("Failed to " + action + " workflow " + id + ": " + e.getMessage());
                }
            }
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("status", errors.isEmpty() ? "success"
                        : updated.isEmpty() ? "error" : "partial_success");
                ArrayNode ids = o.putArray("updated_workflows");
                updated.forEach(ids::add);
                o.put("is_archived", archive);
                if (!errors.isEmpty()) {
                    ArrayNode e = o.putArray("errors");
                    errors.forEach(e::add);
                }
                out.printJson(o);
            } else {
                errors.forEach(e -> ctx.note("Error: " + e));
            }
            return errors.isEmpty() ? ExitCode.OK : ExitCode.ERROR;
        }
    }

    /** {@code torc workflows cancel [ID]}. Slurm allocations are not cancelled (no Slurm here). */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a workflow.")
    static final class Cancel extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            Output out = ctx.output();
            try {
                ctx.api().put("/workflows/" + id + "/cancel", null);
            } catch (ApiError e) {
                if (out.json()) {
                    ObjectNode o = Json.mapper().createObjectNode();
                    o.put("status", "error");
                    o.put("message", "Failed to cancel workflow: " + e.getMessage());
                    o.put("workflow_id", id);
                    out.printJson(o);
                    return ExitCode.ERROR;
                }
                throw new CliError(CliContext.describe("canceling workflow", e));
            }
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("status", "success");
                o.put("workflow_id", id);
                o.putArray("canceled_slurm_jobs");
                o.putNull("errors");
                out.printJson(o);
            } else {
                ctx.note("Successfully canceled workflow " + id);
            }
            return ExitCode.OK;
        }
    }

    /**
     * {@code torc workflows reset-status [ID]}: reset the workflow's status, then its jobs (all, or
     * only failed ones), and optionally reinitialize it.
     */
    @Command(name = "reset-status", mixinStandardHelpOptions = true,
            description = "Reset workflow and job statuses.")
    static final class ResetStatus extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = "--failed-only", description = "Only reset failed jobs (and what follows them)")
        boolean failedOnly;

        @Option(names = {"-r", "--reinitialize"}, description = "Reinitialize the workflow after the "
                + "reset")
        boolean reinitialize;

        @Option(names = "--force", description = "Reset even if jobs are running or pending")
        boolean force;

        @Option(names = "--no-prompts", description = "Do not ask for confirmation")
        boolean noPrompts;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long id = WorkflowSelection.resolve(ctx, workflowId);
            Output out = ctx.output();
            if (!noPrompts && !out.json() && !confirm(ctx, id)) {
                ctx.note("Reset cancelled.");
                return ExitCode.OK;
            }
            List<String> messages = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            boolean workflowReset = step(ctx, "resetting workflow status",
                    "Successfully reset workflow status for workflow " + id, messages, errors,
                    () -> ctx.api().post("/workflows/" + id + "/reset_status"
                            + (force ? "?force=true" : ""), null));
            boolean jobReset = step(ctx, "resetting job status", "Successfully reset "
                            + (failedOnly ? "failed" : "all") + " job status for workflow " + id,
                    messages, errors, () -> ctx.api().post("/workflows/" + id
                            + "/reset_job_status?failed_only=" + failedOnly, null));
            Boolean reinitialized = null;
            if (reinitialize) {
                reinitialized = step(ctx, "reinitializing workflow",
                        "Successfully reinitialized workflow " + id, messages, errors,
                        () -> new WorkflowManager(ctx.api(), id).reinitialize(false, false));
            }
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("status", errors.isEmpty() ? "success" : "error");
                o.put("workflow_id", id);
                ObjectNode ops = o.putObject("operations");
                ops.put("workflow_reset", workflowReset);
                ops.put("job_reset", jobReset);
                if (reinitialized == null) {
                    ops.putNull("reinitialize");
                } else {
                    ops.put("reinitialize", reinitialized);
                }
                o.put("failed_only", failedOnly);
                ArrayNode m = o.putArray("messages");
                messages.forEach(m::add);
                if (!errors.isEmpty()) {
                    ArrayNode e = o.putArray("errors");
                    errors.forEach(e::add);
                }
                out.printJson(o);
            }
            return errors.isEmpty() ? ExitCode.OK : ExitCode.ERROR;
        }

        private static boolean step(CliContext ctx, String doing, String success,
                List<String> messages, List<String> errors, Runnable call) {
            try {
                call.run();
                messages.add(success);
                if (!ctx.json()) {
                    ctx.note(success);
                }
                return true;
            } catch (ApiError e) {
                errors.add(doing + ": " + e.getMessage());
                if (!ctx.json()) {
                    ctx.note(CliContext.describe(doing, e));
                }
            } catch (WorkflowManager.InitializationRefused | CliError e) {
                errors.add(doing + ": " + e.getMessage());
                if (!ctx.json()) {
                    ctx.note("Error " + doing + ": " + e.getMessage());
                }
            }
            return false;
        }

        private boolean confirm(CliContext ctx, long id) {
            ctx.note("");
            ctx.note("Warning: You are about to reset the status for workflow " + id + ".");
            ctx.note(failedOnly ? "This will reset the status of all failed jobs."
                    : "This will reset the status of all jobs as well as results of completed jobs.");
            if (reinitialize) {
                ctx.note("The workflow will be reinitialized after reset.");
            }
            if (force) {
                ctx.note("Force mode is enabled (will ignore running/pending jobs check).");
            }
            ctx.out().println();
            return ctx.confirm("Do you want to continue?");
        }
    }
}
