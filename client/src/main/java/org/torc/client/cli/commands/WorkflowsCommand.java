package org.torc.client.cli.commands;

import java.util.List;
import java.util.concurrent.Callable;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.TorcMain;
import org.torc.client.run.JobRunner;
import org.torc.client.run.RunnerLauncher;
import org.torc.client.workflow.WorkflowManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torc workflows ...}. */
@Command(name = "workflows", mixinStandardHelpOptions = true,
        description = "Workflow management commands.",
        subcommands = {
            WorkflowCreateCommand.class,
            WorkflowEditCommands.New.class,
            WorkflowQueryCommands.ListWorkflows.class,
            WorkflowQueryCommands.Get.class,
            WorkflowEditCommands.Update.class,
            WorkflowEditCommands.Delete.class,
            WorkflowEditCommands.Archive.class,
            WorkflowEditCommands.Cancel.class,
            WorkflowsCommand.Run.class,
            WorkflowsCommand.Initialize.class,
            WorkflowsCommand.Reinitialize.class,
            WorkflowQueryCommands.Status.class,
            WorkflowEditCommands.ResetStatus.class,
            WorkflowQueryCommands.IsComplete.class,
            ExecutionPlanCommand.class,
            WorkflowQueryCommands.ListActions.class,
            WorkflowExportCommand.class,
            WorkflowImportCommand.class,
            SyncStatusCommand.class
        })
public final class WorkflowsCommand extends GroupCommand {

    /** {@code torc workflows run [ID]}: join a workflow as one more worker. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run ready jobs of a workflow on this machine (start several to share it).")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
        Long workflowId;

        @Mixin
        RunOptions run = new RunOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CliContext ctx = TorcMain.context(spec);
            long id = WorkflowSelection.resolve(ctx, workflowId);
            JobRunner.Options options = run.toRunnerOptions(id, ctx.settings().run());
            RunnerLauncher.run(ctx.api(), options, ctx.settings().logLevel(), run.skipChecks,
                    ctx.err());
            return 0;
        }
    }

    /** {@code torc workflows initialize [ID]}. */
    @Command(name = "initialize", mixinStandardHelpOptions = true,
            description = "Start a new run: reset the workflow and mark jobs ready or blocked.")
    static final class Initialize implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
        Long workflowId;

        @Option(names = "--force", description = "Initialize even if required input files are missing")
        boolean force;

        @Option(names = "--no-prompts", description = "Do not ask for confirmation")
        boolean noPrompts;

        @Option(names = "--dry-run", description = "Only check that the workflow can be initialized")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CliContext ctx = TorcMain.context(spec);
            long id = WorkflowSelection.resolve(ctx, workflowId);
            if (dryRun) {
                ctx.output().println("Workflow " + id + " can be initialized (dry run)");
                return 0;
            }
            new WorkflowManager(ctx.api(), id).initialize(force);
            if (ctx.output().json()) {
                ctx.output().printJson(java.util.Map.of("status", "success", "workflow_id", id,
                        "message", "Successfully started workflow " + id));
            } else {
                ctx.output().println("Successfully started workflow:\n  Workflow ID: " + id);
            }
            return 0;
        }
    }

    /** {@code torc workflows reinitialize [ID]}. */
    @Command(name = "reinitialize", mixinStandardHelpOptions = true,
            description = "Start a new run that re-runs only jobs whose inputs changed.")
    static final class Reinitialize implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
        Long workflowId;

        @Option(names = "--force", description = "Continue even if required input files are missing")
        boolean force;

        @Option(names = "--dry-run", description = "Show what would be re-run, change nothing")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CliContext ctx = TorcMain.context(spec);
            long id = WorkflowSelection.resolve(ctx, workflowId);
            List<String> changes = new WorkflowManager(ctx.api(), id).reinitialize(force, dryRun);
            if (ctx.output().json()) {
                ctx.output().printJson(java.util.Map.of("workflow_id", id, "dry_run", dryRun,
                        "changes", changes));
            } else {
                changes.forEach(c -> ctx.output().println((dryRun ? "Would reset: " : "Reset: ") + c));
                ctx.output().println((dryRun ? "Dry run complete" : "Reinitialized workflow " + id));
            }
            return 0;
        }
    }
}
