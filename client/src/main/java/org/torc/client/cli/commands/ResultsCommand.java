package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc results ...}. */
@Command(name = "results", mixinStandardHelpOptions = true, description = "Result management commands.",
        subcommands = {
            ResultsCommand.ListResults.class,
            ResultsCommand.Get.class,
            ResultsCommand.Delete.class
        })
public final class ResultsCommand extends GroupCommand {

    /** torc prints a result's status with Rust's Debug form: {@code Completed}, {@code PendingFailed}. */
    static String debugStatus(String wire) {
        StringBuilder sb = new StringBuilder();
        for (String part : wire.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    /** {@code x.xMB} below a GiB, {@code x.xxGB} above, {@code -} when unknown. */
    static String formatMemory(JsonNode bytes) {
        if (bytes == null || bytes.isNull() || bytes.asLong() < 0) {
            return "-";
        }
        double mb = bytes.asLong() / (1024.0 * 1024.0);
        return mb < 1024.0 ? String.format(Locale.ROOT, "%.1fMB", mb)
                : String.format(Locale.ROOT, "%.2fGB", mb / 1024.0);
    }

    static String formatCpu(JsonNode percent) {
        if (percent == null || percent.isNull() || percent.asDouble() < 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", percent.asDouble());
    }

    /** {@code torc results list [WF]}: current results unless {@code --all-runs}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List results (of the latest run of each job unless --all-runs).")
    static final class ListResults extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-j", "--job-id"}, paramLabel = "ID", description = "Only this job")
        Long jobId;

        @Option(names = {"-r", "--run-id"}, paramLabel = "ID", description = "Only this run")
        Long runId;

        @Option(names = "--return-code", paramLabel = "N", description = "Only this return code")
        Long returnCode;

        @Option(names = "--failed", description = "Only failed jobs (non-zero return code)")
        boolean failed;

        @Option(names = {"-s", "--status"}, paramLabel = "STATUS",
                description = "Only this job status: " + JobsCommand.VALID_STATUSES)
        String status;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number of results to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = "--offset", defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Option(names = "--sort-by", paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = "--reverse-sort", description = "Reverse sort order")
        boolean reverseSort;

        @Option(names = "--all-runs", description = "Show results of every run, not only current ones")
        boolean allRuns;

        @Option(names = "--compute-node", paramLabel = "ID", description = "Only this compute node")
        Long computeNode;

        @Override
        protected ExitCode execute(CliContext ctx) {
            String wire = JobsCommand.parseStatus(status);
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            Map<String, Object> q = Queries.of("workflow_id", wf, "job_id", jobId, "run_id", runId,
                    "return_code", returnCode, "status", wire, "compute_node_id", computeNode,
                    "sort_by", sortBy, "reverse_sort", reverseSort, "all_runs", allRuns,
                    "offset", offset);
            List<JsonNode> results = ctx.during("listing results",
                    () -> ctx.api().listAll("/results", q, limit));
            if (failed) {
                results = results.stream().filter(r -> r.path("return_code").asLong() != 0)
                        .collect(Collectors.toList());
            }
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("results", results));
                return ExitCode.OK;
            }
            String scope = jobId == null ? "workflow ID " + wf
                    : "workflow ID " + wf + " and job ID " + jobId;
            if (results.isEmpty()) {
                out.println("No results found for " + (jobId == null ? "workflow ID: " + wf
                        : "workflow ID " + wf + " and job ID: " + jobId));
                return ExitCode.OK;
            }
            Map<Long, String> names = new HashMap<>();
            ctx.during("listing jobs", () -> ctx.api().listAll("/jobs",
                    Queries.of("workflow_id", wf), Long.MAX_VALUE))
                    .forEach(j -> names.put(j.path("id").asLong(), j.path("name").asText()));
            Table table = new Table(Output.headers("ID", "Job ID", "Job Name", "WF ID", "Run ID",
                    "Attempt", "Return Code", "Exec Time", "Peak Mem", "Peak CPU %",
                    "Completion Time", "Status"));
            for (JsonNode r : results) {
                long job = r.path("job_id").asLong();
                table.row(List.of(r.path("id").asLong(-1), job, names.getOrDefault(job, "-"),
                        r.path("workflow_id").asLong(), r.path("run_id").asLong(),
                        r.path("attempt_id").asLong(1), r.path("return_code").asLong(),
                        String.format(Locale.ROOT, "%.2f", r.path("exec_time_minutes").asDouble()),
                        formatMemory(r.get("peak_memory_bytes")),
                        formatCpu(r.get("peak_cpu_percent")), Fields.text(r, "completion_time"),
                        debugStatus(Fields.text(r, "status"))));
            }
            out.printTable("Results for " + scope + ":", table, "results", "");
            return ExitCode.OK;
        }
    }

    /** {@code torc results get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a result by ID.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Result ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode r = ctx.during("getting result", () -> ctx.api().get("/results/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(r);
                return ExitCode.OK;
            }
            out.println("Result ID " + id + ":");
            out.println("  Job ID: " + r.path("job_id").asLong());
            out.println("  Workflow ID: " + r.path("workflow_id").asLong());
            out.println("  Run ID: " + r.path("run_id").asLong());
            out.println("  Attempt ID: " + r.path("attempt_id").asLong(1));
            out.println("  Return Code: " + r.path("return_code").asLong());
            out.println("  Execution Time (minutes): " + String.format(Locale.ROOT, "%.2f",
                    r.path("exec_time_minutes").asDouble()));
            out.println("  Completion Time: " + Fields.text(r, "completion_time"));
            out.println("  Status: " + debugStatus(Fields.text(r, "status")));
            if (r.hasNonNull("peak_memory_bytes") || r.hasNonNull("avg_memory_bytes")
                    || r.hasNonNull("peak_cpu_percent") || r.hasNonNull("avg_cpu_percent")) {
                out.println("");
                out.println("  Resource Metrics:");
                if (r.hasNonNull("peak_memory_bytes")) {
                    out.println("    Peak Memory: " + formatMemory(r.get("peak_memory_bytes")));
                }
                if (r.hasNonNull("avg_memory_bytes")) {
                    out.println("    Avg Memory:  " + formatMemory(r.get("avg_memory_bytes")));
                }
                if (r.hasNonNull("peak_cpu_percent")) {
                    out.println("    Peak CPU:    " + formatCpu(r.get("peak_cpu_percent")));
                }
                if (r.hasNonNull("avg_cpu_percent")) {
                    out.println("    Avg CPU:     " + formatCpu(r.get("avg_cpu_percent")));
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc results delete ID}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a result.")
    static final class Delete extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Result ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode r = ctx.during("removing result", () -> ctx.api().delete("/results/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(r);
            } else {
                out.println("Successfully removed result:");
                out.println("  ID: " + r.path("id").asLong(-1));
                out.println("  Job ID: " + r.path("job_id").asLong());
                out.println("  Workflow ID: " + r.path("workflow_id").asLong());
            }
            return ExitCode.OK;
        }
    }
}
