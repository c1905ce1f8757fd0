package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.torc.client.api.ApiError;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.common.JobStatus;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc reports summary|results}. */
@Command(name = "reports", mixinStandardHelpOptions = true,
        description = "Generate reports about a workflow's jobs and results.",
        subcommands = {ReportsCommand.Summary.class, ReportsCommand.Results.class})
public final class ReportsCommand extends GroupCommand {

    /** torc's durations: {@code 1h 2m 3s}, {@code 2m 3s} or {@code 4.5s}. */
    static String formatDuration(double seconds) {
        double hours = Math.floor(seconds / 3600);
        double minutes = Math.floor((seconds % 3600) / 60);
        double secs = Math.floor(seconds % 60);
        if (hours > 0) {
            return String.format(Locale.ROOT, "%.0fh %.0fm %.0fs", hours, minutes, secs);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%.0fm %.0fs", minutes, secs);
        }
        return String.format(Locale.ROOT, "%.1fs", seconds);
    }

    /**
     * {@code torc reports summary [WF]}: jobs per status, completion, run id, the failed jobs and
     * the execution time of the current results.
     */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Summarize a workflow: job counts per status, completion, failures.")
    static final class Summary extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode workflow = ctx.during("fetching workflow", () -> ctx.api().get("/workflows/"
                    + wf));
            JsonNode completion = null;
            try {
                completion = ctx.api().get("/workflows/" + wf + "/is_complete");
            } catch (ApiError e) {
                ctx.note("Warning: could not check workflow completion status: " + e.getMessage());
            }
            long runId = ctx.during("getting workflow status", () -> ctx.api()
                    .get("/workflows/" + wf + "/status")).path("run_id").asLong();
            long activeNodes = count(ctx, "/compute_nodes?workflow_id=" + wf + "&is_active=true");
            long pendingAllocations = count(ctx, "/scheduled_compute_nodes?workflow_id=" + wf
                    + "&status=pending");
            long activeAllocations = count(ctx, "/scheduled_compute_nodes?workflow_id=" + wf
                    + "&status=active");
            List<JsonNode> jobs = ctx.during("fetching jobs", () -> ctx.api().listAll("/jobs",
                    Queries.of("workflow_id", wf), Long.MAX_VALUE));
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (JobStatus s : JobStatus.values()) {
                byStatus.put(s.wireName(), 0L);
            }
            List<JsonNode> failedJobs = new ArrayList<>();
            for (JsonNode j : jobs) {
                byStatus.merge(Fields.text(j, "status"), 1L, Long::sum);
                if ("failed".equals(Fields.text(j, "status"))) {
                    failedJobs.add(j);
                }
            }
            List<JsonNode> results = ctx.during("fetching results", () -> ctx.api()
                    .listAll("/results", Queries.of("workflow_id", wf), Long.MAX_VALUE));
            double execMinutes = 0;
            OffsetDateTime first = null;
            OffsetDateTime last = null;
            Map<Long, Long> returnCodes = new HashMap<>();
            for (JsonNode r : results) {
                double minutes = r.path("exec_time_minutes").asDouble();
                execMinutes += minutes;
                returnCodes.put(r.path("job_id").asLong(), r.path("return_code").asLong());
                try {
                    OffsetDateTime end = OffsetDateTime.parse(Fields.text(r, "completion_time"));
                    OffsetDateTime start = end.minusNanos(Math.round(minutes * 60e9));
                    first = first == null || start.isBefore(first) ? start : first;
                    last = last == null || end.isAfter(last) ? end : last;
                } catch (DateTimeParseException ignored) {
                    // a result without a parseable time does not count toward the walltime
                }
            }
            Double walltime = first == null ? null
                    : java.time.Duration.between(first, last).toMillis() / 1000.0;

            Output out = ctx.output();
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("workflow_id", wf);
                o.put("workflow_name", Fields.text(workflow, "name"));
                o.put("workflow_user", Fields.text(workflow, "user"));
                o.put("run_id", runId);
                o.put("total_jobs", jobs.size());
                ObjectNode counts = o.putObject("jobs_by_status");
                byStatus.forEach(counts::put);
                o.put("total_exec_time_minutes", execMinutes);
                o.put("total_exec_time_formatted", formatDuration(execMinutes * 60));
                o.put("active_compute_nodes", activeNodes);
                o.put("pending_scheduled_nodes", pendingAllocations);
                o.put("active_scheduled_nodes", activeAllocations);
                if (completion != null) {
                    o.put("is_complete", completion.path("is_complete").asBoolean());
                    o.put("is_canceled", completion.path("is_canceled").asBoolean());
                }
                if (walltime != null) {
                    o.put("walltime_seconds", walltime);
                    o.put("walltime_formatted", formatDuration(walltime));
                }
                ArrayNode failed = o.putArray("failed_jobs");
                for (JsonNode j : failedJobs) {
                    ObjectNode f = failed.addObject();
                    f.put("id", j.path("id").asLong());
                    f.put("name", Fields.text(j, "name"));
                    Long rc = returnCodes.get(j.path("id").asLong());
                    if (rc != null) {
                        f.put("return_code", rc);
                    }
                }
                out.printJson(o);
                return ExitCode.OK;
            }
            out.println("Workflow Summary");
            out.println("================");
            out.println("");
            out.println("Workflow ID: " + wf);
            out.println("Name: " + Fields.text(workflow, "name"));
            out.println("User: " + Fields.text(workflow, "user"));
            out.println("Run ID: " + runId);
            out.println("");
            out.println("Job Status (total: " + jobs.size() + "):");
            statusLine(out, "Uninitialized", byStatus.get("uninitialized"), "");
            statusLine(out, "Blocked", byStatus.get("blocked"), "");
            statusLine(out, "Ready", byStatus.get("ready"), "");
            statusLine(out, "Pending", byStatus.get("pending"), "");
            statusLine(out, "Running", byStatus.get("running"), "");
            statusLine(out, "Completed", byStatus.get("completed"), " ✓");
            statusLine(out, "Failed", byStatus.get("failed"), " ✗");
            statusLine(out, "Canceled", byStatus.get("canceled"), "");
            statusLine(out, "Terminated", byStatus.get("terminated"), " ✗");
            statusLine(out, "Disabled", byStatus.get("disabled"), "");
            statusLine(out, "PendingFailed", byStatus.get("pending_failed"), " ⏳");
            out.println("");
            out.println("Total Execution Time: " + formatDuration(execMinutes * 60));
            if (walltime != null) {
                out.println("Walltime:             " + formatDuration(walltime));
            }
            if (activeNodes > 0 || pendingAllocations > 0 || activeAllocations > 0) {
                out.println("");
                out.println("Compute Resources:");
                if (activeNodes > 0) {
                    out.println("  Active workers:           " + activeNodes);
                }
                if (activeAllocations > 0) {
                    out.println("  Active Slurm allocations: " + activeAllocations);
                }
                if (pendingAllocations > 0) {
                    out.println("  Pending Slurm allocations: " + pendingAllocations);
                }
            }
            if (!failedJobs.isEmpty()) {
                out.println("");
                out.println("Failed Jobs:");
                for (JsonNode j : failedJobs) {
                    Long rc = returnCodes.get(j.path("id").asLong());
                    out.println("  " + j.path("id").asLong() + "  " + Fields.text(j, "name")
                            + (rc == null ? "" : " (return code " + rc + ")"));
                }
            }
            out.println("");
            long failed = byStatus.get("failed");
            long terminated = byStatus.get("terminated");
            long canceled = byStatus.get("canceled");
            if (completion != null) {
                if (completion.path("is_complete").asBoolean()) {
                    out.println(failed + terminated + canceled > 0
                            ? "✗ Workflow complete with failures (" + failed + " failed, "
                                    + terminated + " terminated, " + canceled + " canceled)"
                            : "✓ Workflow complete - all jobs finished successfully!");
                } else if (completion.path("is_canceled").asBoolean()) {
                    out.println("⊘ Workflow was canceled");
                } else {
                    out.println("◷ Workflow in progress...");
                }
            } else if (byStatus.get("completed") == jobs.size()) {
                out.println("✓ All jobs completed successfully!");
            }
            return ExitCode.OK;
        }

        private static void statusLine(Output out, String label, long count, String mark) {
            if (count > 0) {
                out.println("  " + String.format("%-15s", label + ":") + count + mark);
            }
        }

        private static long count(CliContext ctx, String path) {
            try {
                return ctx.api().get(path + "&limit=1").path("total_count").asLong();
            } catch (ApiError e) {
                return 0;
            }
        }
    }

    /**
     * {@code torc reports results [WF] [-o DIR]}: a JSON report of results with the paths of each
     * job's stdout/stderr files and of its runner's log under the output directory.
     */
    @Command(name = "results", mixinStandardHelpOptions = true,
            description = "JSON report of job results with the paths of their log files.")
    static final class Results extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-o", "--output-dir"}, defaultValue = "output", paramLabel = "DIR",
                description = "Output directory the jobs ran with (default: ${DEFAULT-VALUE})")
        Path outputDir;

        @Option(names = "--all-runs", description = "Include every run of each job, not only the "
                + "latest")
        boolean allRuns;

        @Option(names = {"-j", "--job-id"}, paramLabel = "ID", description = "Only these jobs "
                + "(repeatable)")
        List<Long> jobIds = new ArrayList<>();

        @Override
        protected ExitCode execute(CliContext ctx) {
            if (!Files.exists(outputDir)) {
                throw new CliError("Output directory does not exist: " + outputDir);
            }
            if (!Files.isDirectory(outputDir)) {
                throw new CliError("Output path is not a directory: " + outputDir);
            }
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            JsonNode workflow = ctx.during("fetching workflow", () -> ctx.api().get("/workflows/"
                    + wf));
            Map<Long, JsonNode> jobs = new HashMap<>();
            ctx.during("fetching jobs", () -> ctx.api().listAll("/jobs",
                    Queries.of("workflow_id", wf), Long.MAX_VALUE))
                    .forEach(j -> jobs.put(j.path("id").asLong(), j));
            List<JsonNode> results = ctx.during("fetching results", () -> ctx.api()
                    .listAll("/results", Queries.of("workflow_id", wf, "all_runs", allRuns),
                            Long.MAX_VALUE));
            if (!jobIds.isEmpty()) {
                results = results.stream().filter(r -> jobIds.contains(r.path("job_id").asLong()))
                        .toList();
            }
            if (results.isEmpty()) {
                ctx.note(jobIds.isEmpty() ? "No results found for workflow " + wf
                        : "No results found for workflow " + wf + " with job IDs " + jobIds);
                return ExitCode.OK;
            }
            Map<Long, JsonNode> nodes = new HashMap<>();
            ArrayNode records = Json.mapper().createArrayNode();
            for (JsonNode r : results) {
                long jobId = r.path("job_id").asLong();
                JsonNode job = jobs.get(jobId);
                if (job == null) {
                    ctx.note("Warning: Job " + jobId + " not found in job list");
                    continue;
                }
                long runId = r.path("run_id").asLong();
                long attempt = r.path("attempt_id").asLong(1);
                String stdout = stdio(wf, jobId, runId, attempt, "o");
                String stderr = stdio(wf, jobId, runId, attempt, "e");
                warnIfMissing(ctx, stdout, "job stdout", jobId);
                warnIfMissing(ctx, stderr, "job stderr", jobId);
                ObjectNode rec = records.addObject();
                rec.put("job_id", jobId);
                rec.put("job_name", Fields.text(job, "name"));
                rec.put("status", ResultsCommand.debugStatus(Fields.text(r, "status")));
                rec.put("run_id", runId);
                rec.put("return_code", r.path("return_code").asLong());
                rec.put("completion_time", Fields.text(r, "completion_time"));
                rec.put("exec_time_minutes", r.path("exec_time_minutes").asDouble());
                long nodeId = r.path("compute_node_id").asLong();
                rec.put("compute_node_id", nodeId);
                rec.put("job_stdout", stdout);
                rec.put("job_stderr", stderr);
                JsonNode node = nodes.computeIfAbsent(nodeId, id -> {
                    try {
                        return ctx.api().get("/compute_nodes/" + id);
                    } catch (ApiError e) {
                        ctx.note("Warning: Could not fetch compute node " + id + ": "
                                + e.getMessage());
                        return Json.mapper().missingNode();
                    }
                });
                if (!node.isMissingNode()) {
                    addRunnerLogs(ctx, rec, node, wf, runId, jobId);
                }
            }
            ObjectNode report = Json.mapper().createObjectNode();
            report.put("workflow_id", wf);
            report.put("workflow_name", Fields.text(workflow, "name"));
            report.put("workflow_user", Fields.text(workflow, "user"));
            report.put("all_runs", allRuns);
            report.put("total_results", records.size());
            report.set("results", records);
            ctx.output().printJson(report);
            return ExitCode.OK;
        }

        private String stdio(long wf, long job, long run, long attempt, String ext) {
            return outputDir + "/job_stdio/job_wf" + wf + "_j" + job + "_r" + run + "_a" + attempt
                    + "." + ext;
        }

        private void addRunnerLogs(CliContext ctx, ObjectNode rec, JsonNode node, long wf,
                long runId, long jobId) {
            String type = Fields.text(node, "compute_node_type");
            rec.put("compute_node_type", type);
            if (type.equals("local")) {
                String log = outputDir + "/job_runner_" + Fields.text(node, "hostname") + "_wf" + wf
                        + "_r" + runId + ".log";
                warnIfMissing(ctx, log, "job runner", jobId);
                rec.put("job_runner_log", log);
            } else if (type.equals("slurm") && node.path("scheduler").path("slurm_job_id")
                    .isTextual()) {
                String slurmJob = node.path("scheduler").path("slurm_job_id").asText();
                rec.put("job_runner_log", outputDir + "/job_runner_slurm_wf" + wf + "_sl" + slurmJob
                        + "_n" + Fields.text(node, "hostname") + "_pid" + node.path("pid").asLong()
                        + ".log");
                rec.put("slurm_job_id", slurmJob);
                rec.put("slurm_stdout", outputDir + "/slurm_output_wf" + wf + "_sl" + slurmJob + ".o");
                rec.put("slurm_stderr", outputDir + "/slurm_output_wf" + wf + "_sl" + slurmJob + ".e");
            }
        }

        private static void warnIfMissing(CliContext ctx, String path, String kind, long jobId) {
            if (!Files.exists(Path.of(path))) {
                ctx.note("Warning: " + kind + " log file does not exist for job " + jobId + ": "
                        + path);
            }
        }
    }
}
