package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** {@code torc resource-requirements ...}. */
@Command(name = "resource-requirements", mixinStandardHelpOptions = true,
        description = "Resource requirements management commands.",
        subcommands = {
            ResourceRequirementsCommand.Create.class,
            ResourceRequirementsCommand.ListRequirements.class,
            ResourceRequirementsCommand.Get.class,
            ResourceRequirementsCommand.Update.class,
            ResourceRequirementsCommand.Delete.class
        })
public final class ResourceRequirementsCommand extends GroupCommand {

    private static void printRequirements(Output out, JsonNode rr, boolean full) {
        out.println("  Workflow ID: " + rr.path("workflow_id").asLong());
        out.println("  Name: " + Fields.text(rr, "name"));
        if (full) {
            out.println("  Number of CPUs: " + Fields.text(rr, "num_cpus"));
            out.println("  Number of GPUs: " + Fields.text(rr, "num_gpus"));
            out.println("  Number of nodes: " + Fields.text(rr, "num_nodes"));
            out.println("  Memory: " + Fields.text(rr, "memory"));
            out.println("  Runtime: " + Fields.text(rr, "runtime"));
        }
    }

    /** {@code torc resource-requirements create [WF] -n NAME ...}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create resource requirements ('default' is reserved).")
    static final class Create extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-n", "--name"}, required = true, description = "Name of the requirements")
        String name;

        @Option(names = "--num-cpus", defaultValue = "1", description = "CPUs (default: ${DEFAULT-VALUE})")
        long numCpus;

        @Option(names = "--num-gpus", defaultValue = "0", description = "GPUs (default: ${DEFAULT-VALUE})")
        long numGpus;

        @Option(names = "--num-nodes", defaultValue = "1",
                description = "Nodes (default: ${DEFAULT-VALUE})")
        long numNodes;

        @Option(names = {"-m", "--memory"}, defaultValue = "1m",
                description = "Memory, e.g. 20g (default: ${DEFAULT-VALUE})")
        String memory;

        @Option(names = {"-r", "--runtime"}, defaultValue = "P0DT1M",
                description = "Maximum runtime as an ISO 8601 duration (default: ${DEFAULT-VALUE})")
        String runtime;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            ObjectNode rr = Json.mapper().createObjectNode();
            rr.put("workflow_id", wf);
            rr.put("name", name);
            rr.put("num_cpus", numCpus);
            rr.put("num_gpus", numGpus);
            rr.put("num_nodes", numNodes);
            rr.put("memory", memory);
            rr.put("runtime", runtime);
            JsonNode created = ctx.during("creating resource requirements",
                    () -> ctx.api().post("/resource_requirements", rr));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(created);
            } else {
                out.println("Successfully created resource requirements:");
                out.println("  ID: " + created.path("id").asLong(-1));
                printRequirements(out, created, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc resource-requirements list [WF]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List resource requirements.")
    static final class ListRequirements extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = "--offset", defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Option(names = "--sort-by", paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = "--reverse-sort", description = "Reverse sort order")
        boolean reverseSort;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            Map<String, Object> q = Queries.of("workflow_id", wf, "sort_by", sortBy, "reverse_sort",
                    reverseSort, "offset", offset);
            List<JsonNode> items = ctx.during("listing resource requirements",
                    () -> ctx.api().listAll("/resource_requirements", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("resource_requirements", items));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Name", "CPUs", "GPUs", "Nodes", "Memory",
                    "Runtime"));
            for (JsonNode rr : items) {
                table.row(List.of(rr.path("id").asLong(-1), Fields.text(rr, "name"),
                        Fields.text(rr, "num_cpus"), Fields.text(rr, "num_gpus"),
                        Fields.text(rr, "num_nodes"), Fields.text(rr, "memory"),
                        Fields.text(rr, "runtime")));
            }
            out.printTable("Resource requirements for workflow ID " + wf + ":", table,
                    "resource requirements", "No resource requirements found for workflow ID: " + wf);
            return ExitCode.OK;
        }
    }

    /** {@code torc resource-requirements get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get resource requirements.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Resource requirements ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode rr = ctx.during("getting resource requirements",
                    () -> ctx.api().get("/resource_requirements/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(rr);
            } else {
                out.println("Resource requirements ID " + id + ":");
                printRequirements(out, rr, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc resource-requirements update ID ...}. */
    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Update resource requirements.")
    static final class Update extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Resource requirements ID")
        long id;

        @Option(names = {"-n", "--name"}, description = "New name")
        String name;

        @Option(names = "--num-cpus", description = "CPUs")
        Long numCpus;

        @Option(names = "--num-gpus", description = "GPUs")
        Long numGpus;

        @Option(names = "--num-nodes", description = "Nodes")
        Long numNodes;

        @Option(names = "--memory", description = "Memory, e.g. 20g")
        String memory;

        @Option(names = "--runtime", description = "Maximum runtime (ISO 8601 duration)")
        String runtime;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ObjectNode rr = ctx.during("getting resource requirements for update",
                    () -> ctx.api().get("/resource_requirements/" + id)).deepCopy();
            if (name != null) {
                rr.put("name", name);
            }
            if (numCpus != null) {
                rr.put("num_cpus", numCpus);
            }
            if (numGpus != null) {
                rr.put("num_gpus", numGpus);
            }
            if (numNodes != null) {
                rr.put("num_nodes", numNodes);
            }
            if (memory != null) {
                rr.put("memory", memory);
            }
            if (runtime != null) {
                rr.put("runtime", runtime);
            }
            JsonNode updated = ctx.during("updating resource requirements",
                    () -> ctx.api().put("/resource_requirements/" + id, rr));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(updated);
            } else {
                out.println("Successfully updated resource requirements:");
                out.println("  ID: " + updated.path("id").asLong(-1));
                printRequirements(out, updated, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc resource-requirements delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete resource requirements.")
    static final class Delete extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Resource requirements ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode removed = ctx.during("removing resource requirements",
                    () -> ctx.api().delete("/resource_requirements/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(removed);
            } else {
                out.println("Successfully removed resource requirements:");
                out.println("  ID: " + removed.path("id").asLong(-1));
                printRequirements(out, removed, false);
            }
            return ExitCode.OK;
        }
    }
}
