package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc workflows export [ID] [-o FILE]}: the workflow as a portable JSON document. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a workflow (with its jobs, files, user data, ...) to portable JSON.")
final class WorkflowExportCommand extends ContextCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "Workflow ID")
    Long workflowId;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE instead of stdout")
    Path output;

    @Option(names = "--include-results", description = "Include results of all runs")
    boolean includeResults;

    @Option(names = "--include-events", description = "Include the workflow's events")
    boolean includeEvents;

    @Override
    protected ExitCode execute(CliContext ctx) throws IOException {
        long id = WorkflowSelection.resolve(ctx, workflowId);
        ObjectNode doc = ctx.during("exporting workflow",
                () -> WorkflowTransfer.export(ctx.api(), id, includeResults, includeEvents));
        String text = Output.pretty(doc);
        if (output == null) {
            ctx.out().println(text);
            ctx.out().flush();
            return ExitCode.OK;
        }
        try {
            Files.writeString(output, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliError("Error writing to file " + output + ": " + e.getMessage());
        }
        String name = doc.path("workflow").path("name").asText();
        WorkflowTransfer.Counts n = WorkflowTransfer.Counts.of(doc);
        if (ctx.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("success", true);
            o.put("workflow_id", id);
            o.put("workflow_name", name);
            o.put("output_file", output.toString());
            o.put("jobs", n.jobs());
            o.put("files", n.files());
            o.put("user_data", n.userData());
            o.put("results", n.results());
            o.put("events", n.events());
            ctx.output().printJson(o);
        } else {
            ctx.note("Exported workflow '" + name + "' (" + n.jobs() + " jobs, " + n.files()
                    + " files) to " + output);
        }
        return ExitCode.OK;
    }
}
