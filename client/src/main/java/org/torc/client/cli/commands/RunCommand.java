package org.torc.client.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ClientSettings.RunDefaults;
import org.torc.client.cli.CliError;
import org.torc.client.cli.TorcMain;
import org.torc.client.run.JobRunner;
import org.torc.client.run.RunnerLauncher;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code torc run <SPEC_OR_ID>}: create (from a spec), initialize and run a workflow. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a workflow on this machine; a spec file is created first.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC_OR_ID", description = "Workflow spec file or workflow ID")
    String specOrId;

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--standalone",
            description = "Start an embedded server (database in the output directory) for this run")
    boolean standalone;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = TorcMain.context(spec);
        RunDefaults defaults = ctx.settings().run();
        Path outputDir = run.outputDir(defaults);
        TorcServer embedded = null;
        TorcApi api;
        if (standalone) {
            Files.createDirectories(outputDir);
            embedded = TorcServer.start(ServerConfig.defaults(outputDir.resolve("torc.db"))
                    .withPort(0).withHost("127.0.0.1").withCompletionCheckIntervalSecs(30));
            api = new TorcApi(embedded.baseUrl(), ctx.user(), null);
            ctx.err().println("Started an embedded torc server at " + embedded.baseUrl());
        } else {
            api = ctx.api();
        }
        try {
            long workflowId = WorkflowArgs.resolveSpecOrId(ctx, api, specOrId, false);
            JobRunner.Options options = run.toRunnerOptions(workflowId, defaults);
            RunnerLauncher.run(api, options, ctx.settings().logLevel(), run.skipChecks, ctx.err());
            return 0;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    static void requirePositive(Integer n, String option) {
        if (n != null && n < 1) {
            throw new CliError(option + " must be at least 1");
        }
    }
}
