package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torc.client.api.ApiError;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.cli.Output;
import org.torc.client.cli.Table;
import org.torc.common.JobStatus;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code torc jobs ...}. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "Job management commands.",
        subcommands = {
            JobsCommand.Create.class,
            JobsCommand.CreateFromFile.class,
            JobsCommand.ListJobs.class,
            JobsCommand.Get.class,
            JobsCommand.Update.class,
            JobsCommand.Delete.class,
            JobsCommand.DeleteAll.class,
            JobsCommand.ListResourceRequirements.class,
            JobsCommand.ListFailureHandlers.class
        })
public final class JobsCommand extends GroupCommand {
    /** Jobs per {@code POST /bulk_jobs}; our server takes up to 10,000 (torc's client sends 1000). */
    static final int BULK_BATCH = 10_000;

    static final String VALID_STATUSES = "uninitialized, blocked, ready, pending, running, "
            + "completed, failed, canceled, terminated, disabled";

    /** A status filter as torc accepts it (any case, not pending_failed), else exit 1. */
    static String parseStatus(String text) {
        if (text == null) {
            return null;
        }
        try {
            JobStatus status = JobStatus.fromWire(text);
            if (status != JobStatus.PENDING_FAILED) {
                return status.wireName();
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw new CliError("Invalid status: " + text + ". Valid values are: " + VALID_STATUSES);
    }

    private static void printJob(Output out, JsonNode job, boolean withStatus,
            boolean withRequirements) {
        out.println("  ID: " + job.path("id").asLong(-1));
        out.println("  Name: " + Fields.text(job, "name"));
        out.println("  Command: " + Fields.text(job, "command"));
        out.println("  Workflow ID: " + job.path("workflow_id").asLong());
        if (withRequirements) {
            out.println("  Resource Requirements ID: " + Fields.text(job,
                    "resource_requirements_id", "None"));
        }
        if (withStatus) {
            out.println("  Status: " + Fields.text(job, "status", "None"));
        }
        out.println("  Blocking job IDs: " + Fields.idList(job, "depends_on_job_ids"));
        out.println("  Input file IDs: " + Fields.idList(job, "input_file_ids"));
        out.println("  Output file IDs: " + Fields.idList(job, "output_file_ids"));
    }

    /** {@code torc jobs create [WF] -n NAME -c COMMAND ...}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new job.")
    static final class Create extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID",
                description = "Create the job in this workflow")
        Long workflowId;

        @Option(names = {"-n", "--name"}, required = true, description = "Name of the job")
        String name;

        @Option(names = {"-c", "--command"}, required = true, description = "Command to execute")
        String command;

        @Option(names = {"-r", "--resource-requirements-id"}, paramLabel = "ID",
                description = "Resource requirements ID for this job")
        Long resourceRequirementsId;

        @Option(names = {"-b", "--blocking-job-ids"}, arity = "1..*", paramLabel = "ID",
                description = "Job IDs that block this job")
        List<Long> blockingJobIds = new ArrayList<>();

        @Option(names = {"-i", "--input-file-ids"}, arity = "1..*", paramLabel = "ID",
                description = "Input files needed by this job")
        List<Long> inputFileIds = new ArrayList<>();

        @Option(names = {"-o", "--output-file-ids"}, arity = "1..*", paramLabel = "ID",
                description = "Output files produced by this job")
        List<Long> outputFileIds = new ArrayList<>();

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            ObjectNode job = Json.mapper().createObjectNode();
            job.put("workflow_id", wf);
            job.put("name", name);
            job.put("command", command);
            if (resourceRequirementsId != null) {
                job.put("resource_requirements_id", resourceRequirementsId);
            }
            putIds(job, "depends_on_job_ids", blockingJobIds);
            putIds(job, "input_file_ids", inputFileIds);
            putIds(job, "output_file_ids", outputFileIds);
            JsonNode created = ctx.during("creating job", () -> ctx.api().post("/jobs", job));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(created);
            } else {
                out.println("Successfully created job:");
                printJob(out, created, false, false);
            }
            return ExitCode.OK;
        }

        private static void putIds(ObjectNode o, String field, List<Long> ids) {
            if (!ids.isEmpty()) {
                ArrayNode a = o.putArray(field);
                ids.forEach(a::add);
            }
        }
    }

    /**
     * {@code torc jobs create-from-file WF FILE}: one job per non-blank, non-comment line, named
     * {@code job<N>} after the jobs already there, sharing one new resource requirement.
     */
    @Command(name = "create-from-file", mixinStandardHelpOptions = true,
            description = "Create jobs from a text file with one command per line ('#' comments).")
    static final class CreateFromFile extends ContextCommand {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        long workflowId;

        @Parameters(index = "1", paramLabel = "FILE", description = "File with one command per line")
        Path file;

        @Option(names = "--cpus-per-job", defaultValue = "1", description = "CPUs per job "
                + "(default: ${DEFAULT-VALUE})")
        long cpusPerJob;

        @Option(names = "--memory-per-job", defaultValue = "1m", description = "Memory per job, "
                + "e.g. 1m, 2g (default: ${DEFAULT-VALUE})")
        String memoryPerJob;

        @Option(names = "--runtime-per-job", defaultValue = "P0DT1M", description = "Runtime per job "
                + "as an ISO 8601 duration (default: ${DEFAULT-VALUE})")
        String runtimePerJob;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<String> commands = readCommands();
            long existing = ctx.during("getting job count", () -> ctx.api()
                    .get("/jobs?workflow_id=" + workflowId + "&limit=1").path("total_count")
                    .asLong());
            Set<String> names = new HashSet<>();
            ctx.during("listing jobs", () -> ctx.api().listAll("/jobs",
                    Queries.of("workflow_id", workflowId), Long.MAX_VALUE))
                    .forEach(j -> names.add(j.path("name").asText()));
            ObjectNode rr = Json.mapper().createObjectNode();
            rr.put("workflow_id", workflowId);
            rr.put("name", "batch_jobs_req_" + Instant.now().getEpochSecond());
            rr.put("num_cpus", cpusPerJob);
            rr.put("memory", memoryPerJob);
            rr.put("runtime", runtimePerJob);
            long rrId = ctx.during("creating resource requirements",
                    () -> ctx.api().post("/resource_requirements", rr)).path("id").asLong();
            List<ObjectNode> jobs = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                long n = existing + i + 1;
                String name = "job" + n;
                for (int k = 1; names.contains(name); k++) {
                    name = "job" + n + "_" + k;
                }
                names.add(name);
                ObjectNode job = Json.mapper().createObjectNode();
                job.put("workflow_id", workflowId);
                job.put("name", name);
                job.put("command", commands.get(i));
                job.put("resource_requirements_id", rrId);
                jobs.add(job);
            }
            int created = 0;
            for (int from = 0; from < jobs.size(); from += BULK_BATCH) {
                ObjectNode body = Json.mapper().createObjectNode();
                body.putArray("jobs").addAll(jobs.subList(from, Math.min(jobs.size(),
                        from + BULK_BATCH)));
                created += ctx.during("creating jobs", () -> ctx.api().post("/bulk_jobs", body))
                        .path("jobs").size();
            }
            Output out = ctx.output();
            if (out.json()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("status", "success");
                o.put("message", "Successfully created " + created + " jobs from file");
                o.put("workflow_id", workflowId);
                o.put("jobs_created", created);
                out.printJson(o);
            } else {
                out.println("Successfully created " + created + " jobs from file:");
                out.println("  File: " + file);
                out.println("  Workflow ID: " + workflowId);
                out.println("  CPUs per job: " + cpusPerJob);
                out.println("  Memory per job: " + memoryPerJob);
                out.println("  Runtime per job: " + runtimePerJob);
            }
            return ExitCode.OK;
        }

        private List<String> readCommands() {
            if (!Files.exists(file)) {
                throw new CliError("Error creating jobs from file '" + file
                        + "': File does not exist: " + file);
            }
            List<String> commands = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String t = line.trim();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        commands.add(t);
                    }
                }
            } catch (IOException e) {
                throw new CliError("Error creating jobs from file '" + file + "': " + e.getMessage());
            }
            if (commands.isEmpty()) {
                throw new CliError("Error creating jobs from file '" + file
                        + "': No valid commands found in file");
            }
            return commands;
        }
    }

    /** {@code torc jobs list [WF]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs.")
    static final class ListJobs extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-s", "--status"}, paramLabel = "STATUS",
                description = "Only jobs with this status: " + VALID_STATUSES)
        String status;

        @Option(names = "--upstream-job-id", paramLabel = "ID",
                description = "Only jobs that depend on this job")
        Long upstreamJobId;

        @Option(names = {"-l", "--limit"}, defaultValue = "10000",
                description = "Maximum number of jobs to return (default: ${DEFAULT-VALUE})")
        long limit;

        @Option(names = "--offset", defaultValue = "0", description = "Offset for pagination")
        long offset;

        @Option(names = "--sort-by", paramLabel = "FIELD", description = "Field to sort by")
        String sortBy;

        @Option(names = "--reverse-sort", description = "Reverse sort order")
        boolean reverseSort;

        @Option(names = "--include-relationships", description = "Include dependency, file and "
                + "user data ids (slower)")
        boolean includeRelationships;

        @Override
        protected ExitCode execute(CliContext ctx) {
            String wire = parseStatus(status);
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            Map<String, Object> q = Queries.of("workflow_id", wf, "status", wire,
                    "upstream_job_id", upstreamJobId, "sort_by", sortBy, "reverse_sort",
                    reverseSort, "include_relationships", includeRelationships ? true : null,
                    "offset", offset);
            List<JsonNode> jobs = ctx.during("listing jobs",
                    () -> ctx.api().listAll("/jobs", q, limit));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(Fields.wrap("jobs", jobs));
                return ExitCode.OK;
            }
            Table table = new Table(Output.headers("ID", "Name", "Status", "Command"));
            for (JsonNode j : jobs) {
                table.row(List.of(j.path("id").asLong(-1), Fields.text(j, "name"),
                        Fields.text(j, "status"), Fields.text(j, "command")));
            }
            out.printTable("Jobs for workflow ID " + wf + ":", table, "jobs",
                    "No jobs found for workflow ID: " + wf);
            return ExitCode.OK;
        }
    }

    /** {@code torc jobs get ID}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Get a job by ID.")
    static final class Get extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Job ID")
        long id;

        @Override
        protected ExitCode execute(CliContext ctx) {
            JsonNode job = ctx.during("getting job", () -> ctx.api().get("/jobs/" + id));
            Output out = ctx.output();
            if (out.json()) {
                out.printJson(job);
                return ExitCode.OK;
            }
            out.println("Job ID " + id + ":");
            out.println("  Name: " + Fields.text(job, "name"));
            out.println("  Command: " + Fields.text(job, "command"));
            out.println("  Workflow ID: " + job.path("workflow_id").asLong());
            out.println("  Status: " + Fields.text(job, "status"));
            out.println("  Blocking job IDs: " + Fields.idList(job, "depends_on_job_ids"));
            out.println("  Input file IDs: " + Fields.idList(job, "input_file_ids"));
            out.println("  Output file IDs: " + Fields.idList(job, "output_file_ids"));
            return ExitCode.OK;
        }
    }

    /** {@code torc jobs update ID ...}: read, change, write back (the server checks the status). */
    @Command(name = "update", mixinStandardHelpOptions = true, description = "Update a job.")
    static final class Update extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Job ID")
        long id;

        @Option(names = {"-n", "--name"}, description = "New name")
        String name;

        @Option(names = {"-c", "--command"}, description = "New command")
        String command;

        @Option(names = "--runtime", paramLabel = "DURATION", description = "New runtime (ISO 8601, "
                + "e.g. PT30M) on the job's resource requirements")
        String runtime;

        @Option(names = "--resource-requirements-id", paramLabel = "ID",
                description = "Resource requirements to assign")
        Long resourceRequirementsId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            ObjectNode job = ctx.during("getting job for update", () -> ctx.api().get("/jobs/" + id))
                    .deepCopy();
            if (name != null) {
                job.put("name", name);
            }
            if (command != null) {
                job.put("command", command);
            }
            if (resourceRequirementsId != null) {
                job.put("resource_requirements_id", resourceRequirementsId);
            }
            Output out = ctx.output();
            if (runtime != null) {
                Long rrId = Fields.longOrNull(job, "resource_requirements_id");
                if (rrId == null) {
                    throw new CliError("Cannot update runtime - job " + id
                            + " has no resource requirements assigned.");
                }
                ObjectNode rr = ctx.during("getting resource requirements",
                        () -> ctx.api().get("/resource_requirements/" + rrId)).deepCopy();
                rr.put("runtime", runtime);
                ctx.during("updating resource requirements",
                        () -> ctx.api().put("/resource_requirements/" + rrId, rr));
                if (!out.json()) {
                    out.println("Updated runtime to " + runtime + " on resource requirements ID "
                            + rrId);
                }
            }
            JsonNode updated = ctx.during("updating job", () -> ctx.api().put("/jobs/" + id, job));
            if (out.json()) {
                out.printJson(updated);
            } else {
                out.println("Successfully updated job:");
                printJob(out, updated, true, true);
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc jobs delete IDS...}: deletes nothing unless every id exists. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete one or more jobs.")
    static final class Delete extends ContextCommand {
        @Parameters(arity = "1..*", paramLabel = "ID", description = "Job IDs")
        List<Long> ids;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<Long> missing = new ArrayList<>();
            for (long id : ids) {
                try {
                    ctx.api().get("/jobs/" + id);
                } catch (ApiError e) {
                    missing.add(id);
                }
            }
            Output out = ctx.output();
            if (!missing.isEmpty()) {
                if (out.json()) {
                    ObjectNode o = Json.mapper().createObjectNode();
                    o.put("error", "One or more job IDs do not exist");
                    ArrayNode m = o.putArray("missing_ids");
                    missing.forEach(m::add);
                    out.printJson(o);
                } else {
                    ctx.note("Error: The following job ID(s) do not exist:");
                    missing.forEach(m -> ctx.note("  " + m));
                    ctx.note("No jobs were deleted.");
                }
                return ExitCode.ERROR;
            }
            List<JsonNode> deleted = new ArrayList<>();
            for (long id : ids) {
                deleted.add(ctx.during("deleting job " + id, () -> ctx.api().delete("/jobs/" + id)));
            }
            if (out.json()) {
                out.printJson(Fields.wrap("jobs", deleted));
            } else {
                out.println("Successfully removed " + deleted.size() + " job(s):");
                for (JsonNode j : deleted) {
                    out.println("  ID: " + j.path("id").asLong(-1) + " - Name: "
                            + Fields.text(j, "name") + " - Command: " + Fields.text(j, "command"));
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc jobs delete-all [WF]}. */
    @Command(name = "delete-all", mixinStandardHelpOptions = true,
            description = "Delete all jobs of a workflow.")
    static final class DeleteAll extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = "--no-prompts", description = "Do not ask for confirmation")
        boolean noPrompts;

        @Override
        protected ExitCode execute(CliContext ctx) {
            long wf = WorkflowSelection.resolve(ctx, workflowId);
            long count = ctx.during("getting job count", () -> ctx.api()
                    .get("/jobs?workflow_id=" + wf + "&limit=1").path("total_count").asLong());
            Output out = ctx.output();
            if (count == 0) {
                if (out.json()) {
                    ObjectNode o = Json.mapper().createObjectNode();
                    o.put("deleted", 0);
                    o.put("message", "No jobs to delete");
                    out.printJson(o);
                } else {
                    out.println("No jobs found for workflow ID: " + wf);
                }
                return ExitCode.OK;
            }
            if (!out.json() && !noPrompts) {
                out.println("About to delete " + count + " job(s) from workflow ID: " + wf);
                if (!ctx.confirm("Are you sure?")) {
                    out.println("Deletion cancelled");
                    return ExitCode.OK;
                }
            }
            JsonNode result = ctx.during("deleting all jobs",
                    () -> ctx.api().delete("/jobs?workflow_id=" + wf));
            if (out.json()) {
                out.printJson(result);
            } else {
                out.println("Successfully deleted " + result.path("count").asLong()
                        + " job(s) from workflow ID: " + wf);
            }
            return ExitCode.OK;
        }
    }

    /** Jobs of a workflow, or the one given with {@code --job-id}. */
    private static List<JsonNode> selectJobs(CliContext ctx, Long workflowId, Long jobId) {
        if (jobId != null) {
            return List.of(ctx.during("getting job", () -> ctx.api().get("/jobs/" + jobId)));
        }
        long wf = WorkflowSelection.resolve(ctx, workflowId);
        return ctx.during("listing jobs", () -> ctx.api().listAll("/jobs",
                Queries.of("workflow_id", wf), Long.MAX_VALUE));
    }

    /** {@code torc jobs list-resource-requirements [WF] [-j ID]}. */
    @Command(name = "list-resource-requirements", mixinStandardHelpOptions = true,
            description = "List jobs with their resource requirements.")
    static final class ListResourceRequirements extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-j", "--job-id"}, paramLabel = "ID", description = "Only this job")
        Long jobId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<JsonNode> jobs = selectJobs(ctx, workflowId, jobId);
            Output out = ctx.output();
            if (jobs.isEmpty()) {
                out.println(out.json() ? "[]" : "No jobs found");
                return ExitCode.OK;
            }
            Map<Long, JsonNode> requirements = new LinkedHashMap<>();
            for (JsonNode j : jobs) {
                Long rr = Fields.longOrNull(j, "resource_requirements_id");
                if (rr != null && !requirements.containsKey(rr)) {
                    requirements.put(rr, ctx.during("getting resource requirements " + rr,
                            () -> ctx.api().get("/resource_requirements/" + rr)));
                }
            }
            ArrayNode json = Json.mapper().createArrayNode();
            Table table = new Table(Output.headers("Job ID", "Job Name", "RR ID", "RR Name", "CPUs",
                    "GPUs", "Nodes", "Memory", "Runtime"));
            for (JsonNode j : jobs) {
                Long rrId = Fields.longOrNull(j, "resource_requirements_id");
                JsonNode rr = rrId == null ? null : requirements.get(rrId);
                if (rr == null) {
                    continue;
                }
                ObjectNode o = json.addObject();
                o.set("job_id", j.get("id"));
                o.put("job_name", Fields.text(j, "name"));
                o.put("rr_id", rrId);
                o.put("rr_name", Fields.text(rr, "name"));
                o.set("workflow_id", rr.get("workflow_id"));
                o.set("num_cpus", rr.get("num_cpus"));
                o.set("num_gpus", rr.get("num_gpus"));
                o.set("num_nodes", rr.get("num_nodes"));
                o.put("memory", Fields.text(rr, "memory"));
                o.put("runtime", Fields.text(rr, "runtime"));
                table.row(List.of(j.path("id").asLong(-1), Fields.text(j, "name"), rrId,
                        Fields.text(rr, "name"), Fields.text(rr, "num_cpus"),
                        Fields.text(rr, "num_gpus"), Fields.text(rr, "num_nodes"),
                        Fields.text(rr, "memory"), Fields.text(rr, "runtime")));
            }
            if (out.json()) {
                out.printJson(json);
            } else {
                out.printTable(null, table, "jobs with resource requirements",
                        "No jobs with resource requirements found");
            }
            return ExitCode.OK;
        }
    }

    /** {@code torc jobs list-failure-handlers [WF] [-j ID]}. */
    @Command(name = "list-failure-handlers", mixinStandardHelpOptions = true,
            description = "List jobs with their failure handlers.")
    static final class ListFailureHandlers extends ContextCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
        Long workflowId;

        @Option(names = {"-j", "--job-id"}, paramLabel = "ID", description = "Only this job")
        Long jobId;

        @Override
        protected ExitCode execute(CliContext ctx) {
            List<JsonNode> jobs = selectJobs(ctx, workflowId, jobId);
            Output out = ctx.output();
            if (jobs.isEmpty()) {
                out.println(out.json() ? "[]" : "No jobs found");
                return ExitCode.OK;
            }
            Map<Long, JsonNode> handlers = new LinkedHashMap<>();
            for (JsonNode j : jobs) {
                Long fh = Fields.longOrNull(j, "failure_handler_id");
                if (fh != null && !handlers.containsKey(fh)) {
                    handlers.put(fh, ctx.during("getting failure handler " + fh,
                            () -> ctx.api().get("/failure_handlers/" + fh)));
                }
            }
            ArrayNode json = Json.mapper().createArrayNode();
            Table table = new Table(Output.headers("Job ID", "Job Name", "FH ID", "FH Name",
                    "Rules Summary"));
            for (JsonNode j : jobs) {
                Long fhId = Fields.longOrNull(j, "failure_handler_id");
                JsonNode fh = fhId == null ? null : handlers.get(fhId);
                if (fh == null) {
                    continue;
                }
                ObjectNode o = json.addObject();
                o.set("job_id", j.get("id"));
                o.put("job_name", Fields.text(j, "name"));
                o.put("failure_handler_id", fhId);
                o.put("failure_handler_name", Fields.text(fh, "name"));
                o.put("rules", Fields.text(fh, "rules"));
                table.row(List.of(j.path("id").asLong(-1), Fields.text(j, "name"), fhId,
                        Fields.text(fh, "name"), FailureHandlersCommand.rulesSummary(
                                Fields.text(fh, "rules"))));
            }
            if (out.json()) {
                out.printJson(json);
            } else {
                out.printTable(null, table, "jobs with failure handlers",
                        "No jobs with failure handlers found");
            }
            return ExitCode.OK;
        }
    }
}
