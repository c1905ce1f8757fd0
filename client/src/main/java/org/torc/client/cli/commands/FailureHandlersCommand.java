package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc failure-handlers list|get}. */
@Command(name = "failure-handlers", mixinStandardHelpOptions = true,
        description = "Failure handler management commands.",
        subcommands = {FailureHandlersCommand.ListHandlers.class, FailureHandlersCommand.Get.class})
public final class FailureHandlersCommand extends GroupCommand {

    /** The stored rules (a JSON array) parsed, or {@code null} when they are not a JSON array. */
    private static JsonNode parseRules(String rules) {
        try {
            JsonNode n = Json.mapper().readTree(rules);
            return n != null && n.isArray() ? n : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** torc's one-line summary: {@code [1,2]: 3 retries+script; ...}. */
    static String rulesSummary(String rules) {
        JsonNode parsed = parseRules(rules);
        if (parsed == null) {
            return rules;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode rule : parsed) {
            JsonNode codes = rule.get("exit_codes");
            if (codes == null) {
                continue;
            }
            long retries = rule.path("max_retries").canConvertToLong()
                    ? rule.path("max_retries").asLong(3) : 3;
            parts.add(Json.write(codes) + ": " + retries + " retries"
                    + (rule.has("recovery_script") ? "+script" : ""));
        }
        return parts.isEmpty() ? rules : String.join("; ", parts);
    }

    /** {@code torc failure-handlers list [WF]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the failure handlers of a workflow.")
    static final class ListHandlers extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number of failure handlers to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = "--offset", defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            List<JsonNode> handlers = ctx.during("listing failure handlers", () -> ctx.api()
                    .listAll("/workflows/" + wf + "/failure_handlers", Queries.of("offset", offset),
                            limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("failure_handlers", handlers));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Name", "Rules"));
            for (JsonNode h : handlers) {
                table.row(List.of(h.path("id").asLong(-1), Fields.text(h, "name"),
                        rulesSummary(Fields.text(h, "rules"))));
            }
            out.printTable("Failure handlers for workflow ID " + wf + ":", table, "failure handlers",
                    "No failure handlers found for workflow ID: " + wf);
            return ExitCode.OK;
        }
    }

    /** {@code torc failure-handlers get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a failure handler by ID.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Failure handler ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode h = ctx.during("getting failure handler",
                    () -> ctx.api().get("/failure_handlers/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(h);
                return ExitCode.OK;
            }
            out.println("Failure handler ID " + id + ":");
            out.println("  Workflow ID: " + h.path("workflow_id").asLong());
            out.println("  Name: " + Fields.text(h, "name"));
            out.println("  Rules:");
            JsonNode rules = parseRules(Fields.text(h, "rules"));
            if (rules == null) {
                out.println("    (raw JSON): " + Fields.text(h, "rules"));
                return ExitCode.OK;
            }
            int k = 1;
            for (JsonNode rule : rules) {
                out.println("    Rule " + k++ + ":");
                if (rule.has("exit_codes")) {
                    out.println("      Exit codes: " + Json.write(rule.get("exit_codes")));
                }
                if (rule.has("max_retries")) {
                    out.println("      Max retries: " + Json.write(rule.get("max_retries")));
                }
                if (rule.has("recovery_script")) {
                    out.println("      Recovery script: " + Json.write(rule.get("recovery_script")));
                }
            }
            return ExitCode.OK;
        }
    }
}
