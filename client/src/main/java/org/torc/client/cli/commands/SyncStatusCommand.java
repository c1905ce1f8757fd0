package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.TorcMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code torc workflows sync-status [ID]}: torc's orphan recovery, for every kind of runner (torc
 * does it only for Slurm). Runners that stopped sending heartbeats are declared dead: their pending
 * jobs become ready again and their running jobs fail with return code -128.
 */
@Command(name = "sync-status", mixinStandardHelpOptions = true,
        description = "Recover the jobs of runners that stopped sending heartbeats.")
public final class SyncStatusCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
    Long workflowId;

    @Option(names = "--timeout-secs", paramLabel = "SECONDS",
            description = "A runner silent this long is dead (default: the server's "
                    + "--orphan-timeout-secs, else 60)")
    Long timeoutSecs;

    @Option(names = "--dry-run", description = "Report what would change, change nothing")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliContext ctx = TorcMain.context(spec);
        long id = WorkflowSelection.resolve(ctx, workflowId);
        String query = "?dry_run=" + dryRun + (timeoutSecs == null ? "" : "&timeout_secs=" + timeoutSecs);
        JsonNode report = ctx.api().post("/workflows/" + id + "/sync_status" + query, null);
        if (ctx.output().json()) {
            ctx.output().printJson(report);
            return 0;
        }
        int nodes = report.path("compute_node_ids").size();
        int requeued = report.path("requeued_job_ids").size();
        int failed = report.path("failed_job_ids").size();
        if (nodes == 0) {
            ctx.output().println("No silent runners found for workflow " + id);
        } else {
            ctx.output().println((dryRun ? "Would recover" : "Recovered") + " jobs of " + nodes
                    + " silent runner(s): " + requeued + " back to ready, " + failed
                    + " failed with return code -128 (rerun them with: torc workflows reset-status "
                    + id + " --failed-only --reinitialize)");
        }
        return 0;
    }
}
