package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torc job-dependencies job-job|job-file|job-user-data [WF]}: one page of the server's
 * relationship lists (torc does not page through them; JSON is the raw page).
 */
@Command(name = "job-dependencies", mixinStandardHelpOptions = true,
        description = "Job dependency and relationship queries.",
        subcommands = {
            JobDependenciesCommand.JobJob.class,
            JobDependenciesCommand.JobFile.class,
            JobDependenciesCommand.JobUserData.class
        })
public final class JobDependenciesCommand extends GroupCommand {

    /** The shared shape of the three queries. */
    abstract static class Query extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = "--offset", defaultValue = "0", description = "Offset for pagination")
        long offset;

        abstract String endpoint();

        abstract String items();

        abstract List<String> headers();

        abstract Function<JsonNode, List<Object>> row();

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode page = ctx.during("listing " + items(), () -> ctx.api().get("/workflows/" + wf
                    + "/" + endpoint() + "?offset=" + offset + "&limit=" + limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(page);
                return ExitCode.OK;
            }
            Table table = new Table(headers());
            page.path("items").forEach(item -> table.row(row().apply(item)));
            out.printTable(null, table, items(), "No " + items() + " found for workflow ID: " + wf);
            return ExitCode.OK;
        }
    }

    private static String idOrNone(JsonNode n, String field) {
        return Fields.text(n, field, "None");
    }

    @Command(name = "job-job", mixinStandardHelpOptions = true,
            description = "List job-to-job dependencies of a workflow.")
    static final class JobJob extends Query {
        String endpoint() {
            return "job_dependencies";
        }

        String items() {
            return "job dependencies";
        }

        List<String> headers() {
            return Output.headers("Job ID", "Job Name", "Blocked By Job ID", "Blocked By Job Name");
        }

        Function<JsonNode, List<Object>> row() {
            return d -> List.of(d.path("job_id").asLong(), Fields.text(d, "job_name"),
                    d.path("depends_on_job_id").asLong(), Fields.text(d, "depends_on_job_name"));
        }
    }

    @Command(name = "job-file", mixinStandardHelpOptions = true,
            description = "List job-file relationships of a workflow.")
    static final class JobFile extends Query {
        String endpoint() {
            return "job_file_relationships";
        }

        String items() {
            return "job-file relationships";
        }

        List<String> headers() {
            return Output.headers("File ID", "File Name", "Producer Job ID", "Producer Job Name",
                    "Consumer Job ID", "Consumer Job Name");
        }

        Function<JsonNode, List<Object>> row() {
            return r -> List.of(r.path("file_id").asLong(), Fields.text(r, "file_name"),
                    idOrNone(r, "producer_job_id"), Fields.text(r, "producer_job_name", "N/A"),
                    idOrNone(r, "consumer_job_id"), Fields.text(r, "consumer_job_name", "N/A"));
        }
    }

    @Command(name = "job-user-data", mixinStandardHelpOptions = true,
            description = "List job-user_data relationships of a workflow.")
    static final class JobUserData extends Query {
        String endpoint() {
            return "job_user_data_relationships";
        }

        String items() {
            return "job-user_data relationships";
        }

        List<String> headers() {
            return Output.headers("User Data ID", "User Data Name", "Producer Job ID",
                    "Producer Job Name", "Consumer Job ID", "Consumer Job Name");
        }

        Function<JsonNode, List<Object>> row() {
            return r -> List.of(r.path("user_data_id").asLong(), Fields.text(r, "user_data_name"),
                    idOrNone(r, "producer_job_id"), Fields.text(r, "producer_job_name", "N/A"),
                    idOrNone(r, "consumer_job_id"), Fields.text(r, "consumer_job_name", "N/A"));
        }
    }
}
