package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc compute-nodes get|list}. */
@Command(name = "compute-nodes", mixinStandardHelpOptions = true,
        description = "Compute node management commands.",
        subcommands = {ComputeNodesCommand.Get.class, ComputeNodesCommand.ListNodes.class})
public final class ComputeNodesCommand extends GroupCommand {

    private static String active(JsonNode node, String unknown) {
        JsonNode a = node.get("is_active");
        return a == null || a.isNull() ? unknown : a.asBoolean() ? "Yes" : "No";
    }

    /** {@code torc compute-nodes get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a compute node by ID.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Compute node ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode n = ctx.during("getting compute node",
                    () -> ctx.api().get("/compute_nodes/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(n);
                return ExitCode.OK;
            }
            out.println("Compute Node Details:");
            out.println("  ID: " + n.path("id").asLong(-1));
            out.println("  Workflow ID: " + n.path("workflow_id").asLong());
            out.println("  Hostname: " + Fields.text(n, "hostname"));
            out.println("  PID: " + n.path("pid").asLong());
            out.println("  CPUs: " + n.path("num_cpus").asLong());
            out.println("  Memory: " + String.format(Locale.ROOT, "%.2f GB",
                    n.path("memory_gb").asDouble()));
            out.println("  GPUs: " + n.path("num_gpus").asLong());
            out.println("  Active: " + active(n, "Unknown"));
            out.println("  Start Time: " + Fields.text(n, "start_time"));
            if (n.hasNonNull("duration_seconds")) {
                out.println("  Duration: " + String.format(Locale.ROOT, "%.2f seconds",
                        n.get("duration_seconds").asDouble()));
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc compute-nodes list [WF]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the compute nodes of a workflow.")
    static final class ListNodes extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number of compute nodes to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = {"-o", "--offset"}, defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Option(names = {"-s", "--sort-by"}, paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = {"-r", "--reverse-sort"}, description = "Reverse sort order")
        boolean reverseSort;

        @Option(names = "--scheduled-compute-node", paramLabel = "ID",
                description = "Only nodes started by this scheduled compute node")
        Long scheduledComputeNode;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            Map<String, Object> q = Queries.of("workflow_id", wf, "scheduled_compute_node_id",
                    scheduledComputeNode, "sort_by", sortBy, "reverse_sort", reverseSort,
                    "offset", offset);
            List<JsonNode> nodes = ctx.during("listing compute nodes",
                    () -> ctx.api().listAll("/compute_nodes", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("compute_nodes", nodes));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Hostname", "PID", "CPUs", "Memory (GB)",
                    "GPUs", "Active", "Start Time", "Duration"));
            for (JsonNode n : nodes) {
                table.row(List.of(n.path("id").asLong(-1), Fields.text(n, "hostname"),
                        n.path("pid").asLong(), n.path("num_cpus").asLong(),
                        String.format(Locale.ROOT, "%.2f", n.path("memory_gb").asDouble()),
                        n.path("num_gpus").asLong(), active(n, "-"), Fields.text(n, "start_time"),
                        n.hasNonNull("duration_seconds") ? String.format(Locale.ROOT, "%.1fs",
                                n.get("duration_seconds").asDouble()) : "-"));
            }
            out.printTable(null, table, "compute nodes", "No compute nodes found for workflow "
                    + wf);
            return ExitCode.OK;
        }
    }
}
