package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.spec.SpecOptions;
import org.torc.client.spec.SpecPipeline;
import org.torc.client.spec.ValidationResult;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torc workflows create FILE}: create a workflow from a YAML, JSON, JSON5 or KDL spec, or
 * with {@code --dry-run} only validate it and report what would be created (exit 1 when invalid).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a workflow from a specification file (YAML, JSON, JSON5 or KDL).")
final class WorkflowCreateCommand extends ContextCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Workflow spec file")
    Path file;

    @Option(names = "--no-resource-monitoring",
            description = "Do not add torc's default resource monitor when the spec has none")
    boolean noResourceMonitoring;

    @Option(names = "--skip-checks",
            description = "Skip the check that scheduler nodes can fit the jobs' requirements")
    boolean skipChecks;

    @Option(names = "--dry-run", description = "Validate the spec and show what would be created")
    boolean dryRun;

    @Override
    protected ExitCode execute(CliContext ctx) {
        SpecOptions options = SpecOptions.defaults().withSkipChecks(skipChecks)
                .withResourceMonitoring(!noResourceMonitoring);
        if (dryRun) {
            return dryRun(ctx, SpecPipeline.validate(file, options));
        }
        long id = SpecCreation.create(ctx.api(), file, options, ctx);
        if (ctx.json()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("workflow_id", id);
            o.put("status", "success");
            o.put("message", "Workflow created successfully with ID: " + id);
            ctx.output().printJson(o);
        } else {
            ctx.output().println("Created workflow " + id);
        }
        return ExitCode.OK;
    }

    private static ExitCode dryRun(CliContext ctx, ValidationResult result) {
        if (ctx.json()) {
            ctx.output().printJson(result.toJson());
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            result.print(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            ctx.out().print(out.toString(StandardCharsets.UTF_8));
            ctx.out().flush();
            ctx.err().print(err.toString(StandardCharsets.UTF_8));
            ctx.err().flush();
        }
        return result.valid() ? ExitCode.OK : ExitCode.ERROR;
    }
}
