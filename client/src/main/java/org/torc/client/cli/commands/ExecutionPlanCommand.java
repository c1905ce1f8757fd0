package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ExitCode;
import org.torc.client.spec.ExecutionPlan;
import org.torc.client.spec.ResolvedSpec;
import org.torc.client.spec.ResolvedSpec.ResolvedAction;
import org.torc.client.spec.ResolvedSpec.ResolvedJob;
import org.torc.client.spec.SpecException;
import org.torc.client.spec.SpecOptions;
import org.torc.client.spec.SpecPipeline;
import org.torc.client.spec.model.WorkflowSpec;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code torc workflows execution-plan SPEC_OR_ID}: the events and stages in which a workflow's
 * jobs become ready. An integer is a workflow in the database; anything else is a spec file.
 *
 * <p>Both use the spec pipeline's {@link ExecutionPlan}. A database workflow is described to it as a
 * resolved spec whose dependencies are the jobs' {@code depends_on_job_ids} together with the
 * producer→consumer edges of their files and user data (torc uses only the first kind when there
 * is any, so a workflow mixing both loses its file edges there).
 */
@Command(name = "execution-plan", mixinStandardHelpOptions = true,
        description = "Show the order in which a workflow's jobs become ready (spec file or ID).")
final class ExecutionPlanCommand extends ContextCommand {
    @Parameters(index = "0", paramLabel = "SPEC_OR_ID", description = "Spec file or workflow ID")
    String specOrId;

    @Override
    protected ExitCode execute(CliContext ctx) {
        Long id = parseId(specOrId);
        if (id == null) {
            ResolvedSpec spec;
            try {
                spec = SpecPipeline.resolve(Path.of(specOrId), SpecOptions.defaults());
            } catch (SpecException e) {
                throw new CliError("Error parsing workflow specification: " + e.getMessage());
            }
            ExecutionPlan plan = ExecutionPlan.of(spec);
            if (ctx.json()) {
                ctx.output().printJson(plan.toJson());
            } else {
                ctx.out().print(render(plan));
                ctx.out().flush();
            }
            return ExitCode.OK;
        }
        ExecutionPlan plan = ExecutionPlan.of(fromDatabase(ctx, id));
        if (ctx.json()) {
            ObjectNode json = plan.toJson();
            ObjectNode o = Json.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("source")) {
                    o.put("source", "database");
                    o.put("workflow_id", id);
                } else {
                    o.set(e.getKey(), e.getValue());
                }
            }
            ctx.output().printJson(o);
        } else {
            String text = render(plan);
            // torc names the workflow's id first: "\nWorkflow ID: N\nWorkflow: ..."
            ctx.out().print(text.startsWith("\n") ? "\nWorkflow ID: " + id + text
                    : "Workflow ID: " + id + "\n" + text);
            ctx.out().flush();
        }
        return ExitCode.OK;
    }

    private static Long parseId(String arg) {
        try {
            return Long.parseLong(arg.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String render(ExecutionPlan plan) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        plan.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** The workflow's jobs and actions as the resolved spec the plan is built from. */
    static ResolvedSpec fromDatabase(CliContext ctx, long workflowId) {
        JsonNode workflow = ctx.during("fetching workflow",
                () -> ctx.api().get("/workflows/" + workflowId));
        List<JsonNode> jobs = ctx.during("fetching jobs", () -> ctx.api().listAll("/jobs",
                Queries.of("workflow_id", workflowId, "include_relationships", true), Long.MAX_VALUE));
        JsonNode actions = ctx.during("fetching actions",
                () -> ctx.api().get("/workflows/" + workflowId + "/actions"));
        Map<Long, String> schedulerNames = new HashMap<>();
        ctx.during("fetching slurm schedulers", () -> ctx.api().listAll("/slurm_schedulers",
                Queries.of("workflow_id", workflowId), Long.MAX_VALUE))
                .forEach(s -> schedulerNames.put(s.path("id").asLong(), Fields.text(s, "name")));

        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            index.put(jobs.get(i).path("id").asLong(), i);
        }
        Map<Long, Set<Integer>> fileProducers = producers(jobs, "output_file_ids");
        Map<Long, Set<Integer>> dataProducers = producers(jobs, "output_user_data_ids");
        List<ResolvedJob> resolved = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            JsonNode j = jobs.get(i);
            List<Integer> explicit = new ArrayList<>();
            j.path("depends_on_job_ids").forEach(d -> {
                Integer k = index.get(d.asLong());
                if (k != null) {
                    explicit.add(k);
                }
            });
            Set<Integer> implicit = new LinkedHashSet<>();
            j.path("input_file_ids").forEach(f -> implicit.addAll(
                    fileProducers.getOrDefault(f.asLong(), Set.of())));
            j.path("input_user_data_ids").forEach(u -> implicit.addAll(
                    dataProducers.getOrDefault(u.asLong(), Set.of())));
            implicit.remove(i);
            resolved.add(new ResolvedJob(i, Fields.text(j, "name"), Fields.text(j, "command"), null,
                    null, null, null, null, null, explicit, List.of(), List.copyOf(implicit),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of(), 0));
        }
        List<ResolvedAction> resolvedActions = new ArrayList<>();
        for (JsonNode a : actions) {
            JsonNode config = a.path("action_config");
            String schedulerType = config.path("scheduler_type").asText(null);
            long schedulerId = config.path("scheduler_id").asLong(0);
            String schedulerName = schedulerNames.getOrDefault(schedulerId,
                    schedulerType + "_scheduler");
            List<Integer> actionJobs = null;
            if (a.path("job_ids").isArray()) {
                actionJobs = new ArrayList<>();
                for (JsonNode jid : a.path("job_ids")) {
                    Integer k = index.get(jid.asLong());
                    if (k != null) {
                        actionJobs.add(k);
                    }
                }
            }
            resolvedActions.add(new ResolvedAction(resolvedActions.size(),
                    Fields.text(a, "trigger_type"), Fields.text(a, "action_type"), actionJobs,
                    List.of(), schedulerType, schedulerName, null,
                    config.path("num_allocations").asLong(1), false, null, false));
        }
        WorkflowSpec spec = new WorkflowSpec(Fields.text(workflow, "name"),
                Fields.text(workflow, "user"), workflow.hasNonNull("description")
                        ? workflow.get("description").asText() : null,
                null, null, null, null, null, null, List.of(), null, null, null, null, null, null,
                null, null, null, null, null);
        return new ResolvedSpec(spec, List.of(), List.of(), List.of(), List.of(), List.of(),
                resolved, List.of(), resolvedActions, null, List.of(), jobs.size(), 0);
    }

    private static Map<Long, Set<Integer>> producers(List<JsonNode> jobs, String field) {
        Map<Long, Set<Integer>> out = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            int k = i;
            jobs.get(i).path(field).forEach(id -> out.computeIfAbsent(id.asLong(),
                    x -> new LinkedHashSet<>()).add(k));
        }
        return out;
    }
}
