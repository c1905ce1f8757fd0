package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** {@code torc files ...}. */
@Command(name = "files", mixinStandardHelpOptions = true, description = "File management commands.",
        subcommands = {
            FilesCommand.Create.class,
            FilesCommand.ListFiles.class,
            FilesCommand.Get.class,
            FilesCommand.Update.class,
            FilesCommand.Delete.class,
            FilesCommand.ListRequiredExisting.class
        })
public final class FilesCommand extends GroupCommand {
    private static final DateTimeFormatter MTIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** torc's {@code st_mtime} column: whole seconds in UTC, or N/A. */
    static String formatMtime(JsonNode file) {
        JsonNode m = file.get("st_mtime");
        if (m == null || m.isNull() || !m.isNumber()) {
            return "N/A";
        }
        return MTIME.format(Instant.ofEpochSecond((long) m.asDouble()));
    }

    private static void printFile(Output out, JsonNode f, boolean withWorkflow) {
        out.println("  ID: " + f.path("id").asLong(-1));
        out.println("  Name: " + Fields.text(f, "name"));
        out.println("  Path: " + Fields.text(f, "path"));
        if (withWorkflow) {
            out.println("  Workflow ID: " + f.path("workflow_id").asLong());
        }
    }

    /** {@code torc files create [WF] -n NAME -p PATH}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new file.")
    static final class Create extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-n", "--name"}, required = true, description = "Name of the file")
        String name;

        @Option(names = {"-p", "--path"}, required = true, description = "Path of the file")
        String path;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            ObjectNode file = Json.mapper().createObjectNode();
            file.put("workflow_id", wf);
            file.put("name", name);
            file.put("path", path);
            JsonNode created = ctx.during("creating file", () -> ctx.api().post("/files", file));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(created);
            } else {
                out.println("Successfully created file:");
                printFile(out, created, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc files list [WF]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List files.")
    static final class ListFiles extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = "--produced-by-job-id", paramLabel = "ID",
                description = "Only files produced by this job")
        Long producedByJobId;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number of files to return (default: ${DEFAULT-VALUE})")
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
            Map<String, Object> q = Queries.of("workflow_id", wf, "produced_by_job_id",
                    producedByJobId, "sort_by", sortBy, "reverse_sort", reverseSort, "offset", offset);
            List<JsonNode> files = ctx.during("listing files",
                    () -> ctx.api().listAll("/files", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("files", files));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Name", "Path", "Modified Time"));
            for (JsonNode f : files) {
                table.row(List.of(f.path("id").asLong(-1), Fields.text(f, "name"),
                        Fields.text(f, "path"), formatMtime(f)));
            }
            out.printTable("Files for workflow ID " + wf + ":", table, "files",
                    "No files found for workflow ID: " + wf);
            return ExitCode.OK;
        }
    }

    /** {@code torc files get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a file by ID.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "File ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode f = ctx.during("getting file", () -> ctx.api().get("/files/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(f);
            } else {
                out.println("File ID " + id + ":");
                out.println("  Name: " + Fields.text(f, "name"));
                out.println("  Path: " + Fields.text(f, "path"));
                out.println("  Workflow ID: " + f.path("workflow_id").asLong());
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc files update ID [-n NAME] [-p PATH]}. */
    @Command(name = "update", mixinStandardHelpOptions = true, description = "Update a file.")
    static final class Update extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "File ID")
        long id;

        @Option(names = {"-n", "--name"}, description = "New name")
        String name;

        @Option(names = {"-p", "--path"}, description = "New path")
        String path;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ObjectNode f = ctx.during("getting file for update", () -> ctx.api().get("/files/" + id))
                    .deepCopy();
            if (name != null) {
                f.put("name", name);
            }
            if (path != null) {
                f.put("path", path);
            }
            JsonNode updated = ctx.during("updating file", () -> ctx.api().put("/files/" + id, f));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(updated);
            } else {
                out.println("Successfully updated file:");
                printFile(out, updated, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc files delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a file.")
    static final class Delete extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "File ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode removed = ctx.during("removing file", () -> ctx.api().delete("/files/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(removed);
            } else {
                out.println("Successfully removed file:");
                printFile(out, removed, false);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc files list-required-existing [WF]}. */
    @Command(name = "list-required-existing", mixinStandardHelpOptions = true,
            description = "List files that must exist before the workflow can start.")
    static final class ListRequiredExisting extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode r = ctx.during("listing required existing files",
                    () -> ctx.api().get("/workflows/" + wf + "/required_existing_files"));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(r);
                return ExitCode.OK;
            }
            JsonNode files = r.path("files");
            if (files.isEmpty()) {
                out.println("No missing required files found for workflow ID: " + wf);
                return ExitCode.OK;
            }
            out.println("Missing required files for workflow ID " + wf + ":");
            out.println("These files are needed by jobs but do not exist:");
            out.println("-".repeat(50));
            files.forEach(id -> out.println("File ID: " + id.asText()));
            out.println("");
            out.println("Total missing files: " + files.size());
            out.println("");
            out.println("Note: This includes:");
            out.println("- Files needed by jobs but not produced by any job (user-provided)");
            out.println("- Files that should have been produced by completed jobs but are missing");
            return ExitCode.OK;
        }
    }
}
