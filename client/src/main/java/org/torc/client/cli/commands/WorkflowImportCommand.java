package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torc workflows import FILE|-}: recreates an exported workflow under new ids, owned by
 * you, with every job uninitialized.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a workflow from an exported JSON file ('-' reads stdin).")
final class WorkflowImportCommand extends ContextCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Exported workflow JSON, or -")
    String file;

    @Option(names = "--name", paramLabel = "NAME", description = "Name for the imported workflow")
    String name;

    @Option(names = "--skip-results", description = "Do not import results")
    boolean skipResults;

    @Option(names = "--skip-events", description = "Do not import events")
    boolean skipEvents;

    @Override
    protected ExitCode execute(CliContext ctx) {
        String text;
        try {
            text = file.equals("-") ? new String(ctx.environment().stdin().readAllBytes(),
                    StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliError(file.equals("-") ? "Error reading from stdin: " + e.getMessage()
                    : "Error reading file '" + file + "': " + e);
        }
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new CliError("Error parsing export file: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        String version = doc.path("export_version").asText("");
        if (!version.equals(WorkflowTransfer.EXPORT_VERSION)) {
            ctx.note("Warning: Export version " + version + " differs from current version "
                    + WorkflowTransfer.EXPORT_VERSION);
        }
        WorkflowTransfer.Imported result = WorkflowTransfer.importDocument(ctx.api(), doc, name,
                ctx.user(), skipResults, skipEvents);
        if (result.resultsSkipped() > 0) {
            ctx.note("Warning: " + result.resultsSkipped() + " result(s) were not imported: the "
                    + "export has no compute node for them");
        }
        WorkflowTransfer.Counts n = WorkflowTransfer.Counts.of(doc);
        if (ctx.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("success", true);
            o.put("workflow_id", result.workflowId());
            o.put("workflow_name", result.workflowName());
            o.put("jobs", n.jobs());
            o.put("files", n.files());
            o.put("user_data", n.userData());
            ctx.output().printJson(o);
        } else {
            ctx.note("Imported workflow '" + result.workflowName() + "' as ID " + result.workflowId()
                    + " (" + n.jobs() + " jobs, " + n.files() + " files, status reset)");
        }
        return ExitCode.OK;
    }
}
