package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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

/** {@code torc events ...}: persisted workflow events, and the live stream. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "Event management commands.",
        subcommands = {
            EventsCommand.Create.class,
            EventsCommand.ListEvents.class,
            EventMonitor.class,
            EventsCommand.GetLatestEvent.class,
            EventsCommand.Delete.class
        })
public final class EventsCommand extends GroupCommand {
    private static final DateTimeFormatter LOCAL_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** Milliseconds since the epoch as local time with milliseconds (torc's event timestamps). */
    static String formatTimestamp(long millis) {
        return LOCAL_MILLIS.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }

    /** torc's event JSON: the event with a readable {@code timestamp_formatted} added. */
    static ObjectNode eventJson(JsonNode e) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.set("id", e.get("id"));
        o.set("workflow_id", e.get("workflow_id"));
        o.set("timestamp", e.get("timestamp"));
        o.put("timestamp_formatted", formatTimestamp(e.path("timestamp").asLong()));
        o.set("data", e.get("data"));
        return o;
    }

    private static String firstText(JsonNode data, String fallback, String... fields) {
        for (String f : fields) {
            JsonNode v = data.get(f);
            if (v != null && v.isTextual()) {
                return v.asText();
            }
        }
        return fallback;
    }

    /** {@code torc events create [WF] -d JSON}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new event.")
    static final class Create extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-d", "--data"}, required = true, paramLabel = "JSON",
                description = "JSON data for the event")
        String data;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode parsed = UserDataCommand.parseData(data);
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            ObjectNode event = Json.mapper().createObjectNode();
            event.put("workflow_id", wf);
            event.set("data", parsed);
            JsonNode created = ctx.during("creating event", () -> ctx.api().post("/events", event));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(eventJson(created));
            } else {
                out.println("Successfully created event:");
                out.println("  ID: " + created.path("id").asLong(-1));
                out.println("  Workflow ID: " + created.path("workflow_id").asLong());
                out.println("  Timestamp: " + formatTimestamp(created.path("timestamp").asLong()));
                out.println("  Data: " + Fields.pretty(created.get("data")));
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc events list [WF]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List events of a workflow.")
    static final class ListEvents extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-t", "--type", "--category"}, paramLabel = "TYPE",
                description = "Only events of this type or category")
        String type;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number of events to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = {"-o", "--offset"}, defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Option(names = {"-s", "--sort-by"}, paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = {"-r", "--reverse-sort"}, description = "Reverse sort order")
        boolean reverseSort;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            Map<String, Object> q = Queries.of("workflow_id", wf, "category", type, "sort_by", sortBy,
                    "reverse_sort", reverseSort, "offset", offset);
            List<JsonNode> events = ctx.during("listing events",
                    () -> ctx.api().listAll("/events", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                ArrayNode a = o.putArray("events");
                events.forEach(e -> a.add(eventJson(e)));
                out.printJson(o);
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("Timestamp", "Level", "Event Type", "Data"));
            for (JsonNode e : events) {
                JsonNode data = e.path("data");
                table.row(List.of(formatTimestamp(e.path("timestamp").asLong()),
                        firstText(data, "info", "severity", "level"),
                        firstText(data, "-", "category", "event_type", "type", "action"),
                        Fields.compact(data)));
            }
            out.printTable("Events for workflow " + wf + ":", table, "events",
                    "No events found for workflow " + wf);
            return ExitCode.OK;
        }
    }

    /** {@code torc events get-latest-event [WF]}. */
    @Command(name = "get-latest-event", mixinStandardHelpOptions = true,
            description = "Get the latest event of a workflow.")
    static final class GetLatestEvent extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode page = ctx.during("getting latest event", () -> ctx.api().get("/events?"
                    + "workflow_id=" + wf + "&limit=1&sort_by=timestamp&reverse_sort=true"));
            JsonNode latest = page.path("items").path(0);
            Output out = ctx.output();
            if (latest.isMissingNode()) {
                out.println("No events found for workflow " + wf);
                return ExitCode.OK;
            }
            if (out.json()) {
                out.printJson(eventJson(latest));
            } else {
                out.println("Latest event for workflow " + wf + ":");
                out.println("  ID: " + latest.path("id").asLong(-1));
                out.println("  Timestamp: " + formatTimestamp(latest.path("timestamp").asLong()));
                out.println("  Data: " + Fields.pretty(latest.get("data")));
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc events delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an event.")
    static final class Delete extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Event ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode removed = ctx.during("removing event", () -> ctx.api().delete("/events/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(eventJson(removed));
            } else {
                out.println("Successfully removed event:");
                out.println("  ID: " + removed.path("id").asLong(-1));
                out.println("  Workflow ID: " + removed.path("workflow_id").asLong());
            }
            return ExitCode.OK;
        }
    }
}
