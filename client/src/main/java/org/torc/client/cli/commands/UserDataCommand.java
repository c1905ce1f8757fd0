package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc user-data ...}. */
@Command(name = "user-data", mixinStandardHelpOptions = true,
        description = "User data management commands.",
        subcommands = {
            UserDataCommand.Create.class,
            UserDataCommand.ListUserData.class,
            UserDataCommand.Get.class,
            UserDataCommand.Update.class,
            UserDataCommand.Delete.class,
            UserDataCommand.DeleteAll.class,
            UserDataCommand.ListMissing.class
        })
public final class UserDataCommand extends GroupCommand {

    static JsonNode parseData(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliError("Error parsing JSON data: " + e.getOriginalMessage());
        }
    }

    /** Rust's {@code {:?}} of an optional bool, as torc prints it. */
    private static String debugBool(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "None" : "Some(" + v.asBoolean() + ")";
    }

    private static void printRecord(Output out, JsonNode ud, boolean withData) {
        out.println("  ID: " + ud.path("id").asLong(-1));
        out.println("  Workflow ID: " + ud.path("workflow_id").asLong());
        out.println("  Name: " + Json.write(Fields.text(ud, "name")));
        if (withData) {
            out.println("  Is Ephemeral: " + debugBool(ud, "is_ephemeral"));
            if (ud.hasNonNull("data")) {
                out.println("  Data: " + Fields.pretty(ud.get("data")));
            }
        }
    }

    /** {@code torc user-data create [WF] -n NAME [-d JSON] [--ephemeral]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a new user data record.")
    static final class Create extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-n", "--name"}, required = true, description = "Name of the data object")
        String name;

        @Option(names = {"-d", "--data"}, paramLabel = "JSON", description = "JSON data content")
        String data;

        @Option(names = "--ephemeral", description = "Clear the data between runs")
        boolean ephemeral;

        @Option(names = "--consumer-job-id", paramLabel = "ID", description = "Job that consumes it")
        Long consumerJobId;

        @Option(names = "--producer-job-id", paramLabel = "ID", description = "Job that produces it")
        Long producerJobId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode parsed = data == null ? null : parseData(data);
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            ObjectNode ud = Json.mapper().createObjectNode();
            ud.put("workflow_id", wf);
            ud.put("name", name);
            if (parsed != null) {
                ud.set("data", parsed);
            }
            ud.put("is_ephemeral", ephemeral);
            String query = TorcApi.queryString(Queries.of("consumer_job_id", consumerJobId,
                    "producer_job_id", producerJobId));
            JsonNode created = ctx.during("creating user data",
                    () -> ctx.api().post("/user_data" + query, ud));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(created);
            } else {
                out.println("Successfully created user data:");
                printRecord(out, created, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc user-data list [WF]} (default limit 50, as torc). */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List user data records.")
    static final class ListUserData extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-l", "--limit"}, defaultValue = "50",
                description = "Maximum number of records to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = {"-o", "--offset"}, defaultValue = "0", description = "Records to skip")
        long offset;

        @Option(names = "--sort-by", paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = "--reverse-sort", description = "Reverse sort order")
        boolean reverseSort;

        @Option(names = "--name", description = "Only records with this name")
        String name;

        @Option(names = "--is-ephemeral", arity = "1", paramLabel = "BOOL",
                description = "Only ephemeral (true) or persistent (false) records")
        Boolean isEphemeral;

        @Option(names = "--consumer-job-id", paramLabel = "ID", description = "Only inputs of this job")
        Long consumerJobId;

        @Option(names = "--producer-job-id", paramLabel = "ID", description = "Only outputs of this job")
        Long producerJobId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            Map<String, Object> q = Queries.of("workflow_id", wf, "consumer_job_id", consumerJobId,
                    "producer_job_id", producerJobId, "name", name, "is_ephemeral", isEphemeral,
                    "sort_by", sortBy, "reverse_sort", reverseSort, "offset", offset);
            List<JsonNode> records = ctx.during("listing user data",
                    () -> ctx.api().listAll("/user_data", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("user_data", records));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Name", "Ephemeral", "Data Preview"));
            for (JsonNode ud : records) {
                table.row(List.of(ud.path("id").asLong(-1), Fields.text(ud, "name"),
                        Fields.text(ud, "is_ephemeral", "N/A"),
                        ud.hasNonNull("data") ? Fields.compact(ud.get("data")) : "N/A"));
            }
            out.printTable("User data for workflow ID " + wf + ":", table, "user data records",
                    "No user data found for workflow ID: " + wf);
            return ExitCode.OK;
        }
    }

    /** {@code torc user-data get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a user data record.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "User data ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode ud = ctx.during("getting user data", () -> ctx.api().get("/user_data/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(ud);
                return ExitCode.OK;
            }
            out.println("User data ID " + id + ":");
            out.println("  Workflow ID: " + ud.path("workflow_id").asLong());
            out.println("  Name: " + Fields.text(ud, "name"));
            out.println("  Is Ephemeral: " + debugBool(ud, "is_ephemeral"));
            out.println("  Data: " + (ud.hasNonNull("data") ? Fields.pretty(ud.get("data")) : "None"));
            return ExitCode.OK;
        }
    }

    /** {@code torc user-data update ID [-n NAME] [-d JSON] [--ephemeral BOOL]}. */
    @Command(name = "update", mixinStandardHelpOptions = true, description = "Update a user data record.")
    static final class Update extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "User data ID")
        long id;

        @Option(names = {"-n", "--name"}, description = "New name")
        String name;

        @Option(names = {"-d", "--data"}, paramLabel = "JSON", description = "New JSON data content")
        String data;

        @Option(names = "--ephemeral", arity = "1", paramLabel = "BOOL",
                description = "New ephemeral status")
        Boolean ephemeral;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode parsed = data == null ? null : parseData(data);
            ObjectNode ud = ctx.during("getting user data for update",
                    () -> ctx.api().get("/user_data/" + id)).deepCopy();
            if (name != null) {
                ud.put("name", name);
            }
            if (parsed != null) {
                ud.set("data", parsed);
            }
            if (ephemeral != null) {
                ud.put("is_ephemeral", ephemeral);
            }
            JsonNode updated = ctx.during("updating user data",
                    () -> ctx.api().put("/user_data/" + id, ud));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(updated);
            } else {
                out.println("Successfully updated user data:");
                printRecord(out, updated, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc user-data delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user data record.")
    static final class Delete extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "User data ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode removed = ctx.during("removing user data",
                    () -> ctx.api().delete("/user_data/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(removed);
            } else {
                out.println("Successfully removed user data:");
                printRecord(out, removed, false);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc user-data delete-all WF}. */
    @Command(name = "delete-all", mixinStandardHelpOptions = true,
            description = "Delete all user data records of a workflow.")
    static final class DeleteAll extends ContextCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ctx.during("deleting user data",
                    () -> ctx.api().delete("/user_data?workflow_id=" + workflowId));
            Output out = ctx.output();
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("message", "All user data deleted for workflow " + workflowId);
                out.printJson(o);
            } else {
                out.println("Successfully deleted all user data for workflow ID: " + workflowId);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc user-data list-missing WF}. */
    @Command(name = "list-missing", mixinStandardHelpOptions = true,
            description = "List user data a workflow still needs before it can start.")
    static final class ListMissing extends ContextCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode r = ctx.during("listing missing user data",
                    () -> ctx.api().get("/workflows/" + workflowId + "/missing_user_data"));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(r);
                return ExitCode.OK;
            }
            JsonNode ids = r.path("user_data");
            if (ids.isEmpty()) {
                out.println("No missing user data for workflow ID: " + workflowId);
                return ExitCode.OK;
            }
            out.println("Missing user data for workflow ID " + workflowId + ":");
            out.println(String.format("%-30s", "Missing User Data ID"));
            out.println("-".repeat(30));
            ids.forEach(id -> out.println(String.format("%-30s", id.asText())));
            return ExitCode.OK;
        }
    }
}
