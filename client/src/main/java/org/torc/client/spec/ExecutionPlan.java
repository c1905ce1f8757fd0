package org.torc.client.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torc.client.spec.ResolvedSpec.ResolvedAction;
import org.torc.client.spec.ResolvedSpec.ResolvedJob;

/**
 * How a workflow will run ({@code torc workflows execution-plan}), from explicit dependencies and
 * file/user-data producer→consumer dependencies together: a DAG of events ("workflow start", "when
 * these jobs complete") with the jobs each one makes ready and the Slurm allocations it triggers, and
 * the same flattened into numbered stages.
 *
 * <p>As in torc, jobs become ready level by level; jobs of one level that wait for exactly the same
 * set of jobs form one event. Order is deterministic: events of a level follow their first job's
 * position in the spec.
 */
public record ExecutionPlan(String workflowName, String description, int totalJobs, List<Event> events,
        List<String> rootEvents, List<String> leafEvents, List<Stage> stages) {

    /** Slurm nodes a {@code schedule_nodes} action asks for when its event fires. */
    public record SchedulerAllocation(String scheduler, String schedulerType, long numAllocations,
            List<String> jobs) {
    }

    /** One event. {@code triggerJobs} is empty for the workflow start event. */
    public record Event(String id, boolean workflowStart, List<String> triggerJobs, String triggerDescription,
            List<SchedulerAllocation> schedulerAllocations, List<String> jobsBecomingReady,
            List<String> dependsOnEvents, List<String> unlocksEvents) {
    }

    /** A stage: the events whose prerequisites are all in earlier stages, merged. */
    public record Stage(int stageNumber, String triggerDescription, List<SchedulerAllocation> schedulerAllocations,
            List<String> jobsBecomingReady) {
    }

    /** Builds the plan of a resolved spec. */
    public static ExecutionPlan of(ResolvedSpec spec) {
        List<ResolvedJob> jobs = spec.jobs();
        int n = jobs.size();
        List<int[]> deps = new ArrayList<>(n);
        int[] waiting = new int[n];
        List<List<Integer>> dependents = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            dependents.add(new ArrayList<>());
        }
        for (ResolvedJob j : jobs) {
            LinkedHashSet<Integer> all = new LinkedHashSet<>(j.dependsOn());
            all.addAll(j.implicitDependsOn());
            all.remove(j.index());
            int[] d = all.stream().mapToInt(Integer::intValue).toArray();
            deps.add(d);
            waiting[j.index()] = d.length;
            for (int x : d) {
                dependents.get(x).add(j.index());
            }
        }
        Map<String, Event> events = new LinkedHashMap<>();
        Map<String, List<String>> dependsOnEvents = new LinkedHashMap<>();
        String[] completionEvent = new String[n];

        List<Integer> level = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (waiting[k] == 0) {
                level.add(k);
            }
        }
        List<SchedulerAllocation> startAllocations = new ArrayList<>();
        for (ResolvedAction a : spec.actions()) {
            if ("on_workflow_start".equals(a.triggerType()) && "schedule_nodes".equals(a.actionType())) {
                startAllocations.add(allocation(spec, a));
            }
        }
        events.put("start", new Event("start", true, List.of(), "Workflow Start", startAllocations,
                names(jobs, level), List.of(), List.of()));
        dependsOnEvents.put("start", List.of());
        for (int k : level) {
            completionEvent[k] = "start";
        }
        while (true) {
            List<Integer> next = new ArrayList<>();
            for (int k : level) {
                for (int d : dependents.get(k)) {
                    if (--waiting[d] == 0) {
                        next.add(d);
                    }
                }
            }
            if (next.isEmpty()) {
                break;
            }
            Collections.sort(next);
            Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
            for (int k : next) {
                List<String> depNames = new ArrayList<>();
                for (int d : deps.get(k)) {
                    depNames.add(jobs.get(d).name());
                }
                Collections.sort(depNames);
                groups.computeIfAbsent(depNames, x -> new ArrayList<>()).add(k);
            }
            for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
                String id = uniqueId(events, eventId(g.getKey()));
                LinkedHashSet<String> after = new LinkedHashSet<>();
                for (int d : deps.get(g.getValue().get(0))) {
                    after.add(completionEvent[d]);
                }
                List<String> ready = names(jobs, g.getValue());
                Set<Integer> readySet = new HashSet<>(g.getValue());
                List<SchedulerAllocation> allocations = new ArrayList<>();
                for (ResolvedAction a : spec.actions()) {
                    if ("on_jobs_ready".equals(a.triggerType()) && "schedule_nodes".equals(a.actionType())
                            && a.jobs() != null && a.jobs().stream().anyMatch(readySet::contains)) {
                        allocations.add(allocation(spec, a));
                    }
                }
                events.put(id, new Event(id, false, List.copyOf(g.getKey()), triggerDescription(g.getKey()),
                        allocations, ready, List.copyOf(after), List.of()));
                dependsOnEvents.put(id, List.copyOf(after));
                for (int k : g.getValue()) {
                    completionEvent[k] = id;
                }
            }
            level = next;
        }

        Map<String, List<String>> unlocks = new LinkedHashMap<>();
        events.keySet().forEach(id -> unlocks.put(id, new ArrayList<>()));
        dependsOnEvents.forEach((id, before) -> before.forEach(b -> unlocks.get(b).add(id)));
        List<Event> all = new ArrayList<>();
        for (Event e : events.values()) {
            all.add(new Event(e.id(), e.workflowStart(), e.triggerJobs(), e.triggerDescription(),
                    e.schedulerAllocations(), e.jobsBecomingReady(), e.dependsOnEvents(),
                    List.copyOf(unlocks.get(e.id()))));
        }
        List<String> roots = all.stream().filter(e -> e.dependsOnEvents().isEmpty()).map(Event::id).toList();
        List<String> leaves = all.stream().filter(e -> e.unlocksEvents().isEmpty()).map(Event::id).toList();
        return new ExecutionPlan(spec.name(), spec.spec().description(), n, List.copyOf(all), roots, leaves,
                stages(all, roots));
    }

    private static SchedulerAllocation allocation(ResolvedSpec spec, ResolvedAction a) {
        List<String> jobNames = a.jobs() == null ? List.of() : names(spec.jobs(), a.jobs());
        return new SchedulerAllocation(a.schedulerName(), a.schedulerType(), a.numAllocations(), jobNames);
    }

    private static List<String> names(List<ResolvedJob> jobs, List<Integer> idx) {
        List<String> out = new ArrayList<>(idx.size());
        idx.forEach(i -> out.add(jobs.get(i).name()));
        return List.copyOf(out);
    }

    /** Events in breadth-first order from the roots, merged per round into stages (torc's to_stages). */
    private static List<Stage> stages(List<Event> events, List<String> roots) {
        Map<String, Event> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        Set<String> shown = new HashSet<>();
        List<String> queue = new ArrayList<>(roots);
        List<Stage> stages = new ArrayList<>();
        while (!queue.isEmpty()) {
            List<String> nextQueue = new ArrayList<>();
            List<Event> now = new ArrayList<>();
            for (String id : queue) {
                if (shown.contains(id)) {
                    continue;
                }
                Event e = byId.get(id);
                if (shown.containsAll(e.dependsOnEvents())) {
                    now.add(e);
                } else if (!nextQueue.contains(id)) {
                    nextQueue.add(id);
                }
            }
            if (!now.isEmpty()) {
                List<SchedulerAllocation> allocations = new ArrayList<>();
                List<String> ready = new ArrayList<>();
                List<String> triggers = new ArrayList<>();
                for (Event e : now) {
                    allocations.addAll(e.schedulerAllocations());
                    ready.addAll(e.jobsBecomingReady());
                    triggers.add(e.triggerDescription());
                    shown.add(e.id());
                }
                for (Event e : now) {
                    for (String u : e.unlocksEvents()) {
                        if (!shown.contains(u) && !nextQueue.contains(u)) {
                            nextQueue.add(u);
                        }
                    }
                }
                stages.add(new Stage(stages.size(), String.join(" AND ", triggers), List.copyOf(allocations),
                        List.copyOf(ready)));
            }
            queue = nextQueue;
        }
        return List.copyOf(stages);
    }

    private static String triggerDescription(List<String> jobs) {
        if (jobs.size() == 1) {
            return "When job '" + jobs.get(0) + "' completes";
        }
        if (jobs.size() <= 3) {
            return "When jobs " + String.join(", ", jobs.stream().map(j -> "'" + j + "'").toList()) + " complete";
        }
        return "When " + jobs.size() + " jobs complete ('" + jobs.get(0) + "', '" + jobs.get(1) + "'...)";
    }

    /** A readable id: after_NAME, after_PREFIX_jobs for a family of jobs, else after_FIRST_and_N_more. */
    private static String eventId(List<String> jobs) {
        if (jobs.size() == 1) {
            return "after_" + jobs.get(0);
        }
        String first = jobs.get(0);
        int common = first.length();
        for (String j : jobs.subList(1, jobs.size())) {
            int m = 0;
            while (m < Math.min(first.length(), j.length()) && first.charAt(m) == j.charAt(m)) {
                m++;
            }
            common = Math.min(common, m);
        }
        if (common >= 3) {
            String prefix = first.substring(0, common).replaceAll("[_0-9]+$", "");
            if (prefix.length() >= 3) {
                return "after_" + prefix + "_jobs";
            }
        }
        return "after_" + first + "_and_" + (jobs.size() - 1) + "_more";
    }

    private static String uniqueId(Map<String, Event> events, String id) {
        if (!events.containsKey(id)) {
            return id;
        }
        int k = 2;
        while (events.containsKey(id + "_" + k)) {
            k++;
        }
        return id + "_" + k;
    }

    /** torc's JSON for a plan built from a spec file. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("status", "success");
        o.put("source", "spec_file");
        o.put("workflow_name", workflowName);
        o.put("total_events", events.size());
        o.put("total_jobs", totalJobs);
        ArrayNode r = o.putArray("root_events");
        rootEvents.forEach(r::add);
        ArrayNode l = o.putArray("leaf_events");
        leafEvents.forEach(l::add);
        ArrayNode ev = o.putArray("events");
        for (Event e : events) {
            ObjectNode j = ev.addObject();
            j.put("id", e.id());
            ObjectNode trigger = j.putObject("trigger");
            if (e.workflowStart()) {
                trigger.put("type", "WorkflowStart");
            } else {
                trigger.put("type", "JobsComplete");
                ArrayNode tj = trigger.putObject("data").putArray("jobs");
                e.triggerJobs().forEach(tj::add);
            }
            j.put("trigger_description", e.triggerDescription());
            ArrayNode allocs = j.putArray("scheduler_allocations");
            for (SchedulerAllocation a : e.schedulerAllocations()) {
                ObjectNode ao = allocs.addObject();
                ao.put("scheduler", a.scheduler());
                ao.put("scheduler_type", a.schedulerType());
                ao.put("num_allocations", a.numAllocations());
                ArrayNode jn = ao.putArray("job_names");
                a.jobs().forEach(jn::add);
            }
            ArrayNode ready = j.putArray("jobs_becoming_ready");
            e.jobsBecomingReady().forEach(ready::add);
            ArrayNode dep = j.putArray("depends_on_events");
            e.dependsOnEvents().forEach(dep::add);
            ArrayNode unl = j.putArray("unlocks_events");
            e.unlocksEvents().forEach(unl::add);
        }
        return o;
    }

    /** The human-readable plan, in the layout of torc's. */
    public void print(PrintStream out) {
        String rule = "=".repeat(80);
        out.println();
        out.println("Workflow: " + workflowName);
        if (description != null) {
            out.println("Description: " + description);
        }
        out.println("Total Jobs: " + totalJobs);
        out.println();
        out.println(rule);
        out.println("Workflow Execution Plan (DAG)");
        out.println(rule);
        out.println();
        out.println("Events: " + events.size() + " total");
        out.println("Root events: " + String.join(", ", rootEvents));
        out.println("Leaf events: " + String.join(", ", leafEvents));
        Map<String, Event> byId = new HashMap<>();
        events.forEach(e -> byId.put(e.id(), e));
        for (Stage stage : stages) {
            for (String triggerText : List.of(stage.triggerDescription())) {
                out.println();
                out.println((stage.stageNumber() == 0 ? "▶ " : "→ ") + triggerText);
                out.println("-".repeat(80));
            }
            if (!stage.schedulerAllocations().isEmpty()) {
                out.println();
                out.println("  Scheduler Allocations:");
                for (SchedulerAllocation a : stage.schedulerAllocations()) {
                    out.println("    • " + a.scheduler() + " (" + a.schedulerType() + ") - " + a.numAllocations()
                            + " allocation(s)");
                    out.println("      For jobs: " + String.join(", ", compact(a.jobs())));
                }
            }
            if (!stage.jobsBecomingReady().isEmpty()) {
                out.println();
                out.println("  Jobs Becoming Ready:");
                compact(stage.jobsBecomingReady()).forEach(x -> out.println("    • " + x));
            }
        }
        out.println();
        out.println(rule);
        out.println("Total Events: " + events.size());
        out.println(rule);
        out.println();
    }

    private static final Pattern NUMBERED = Pattern.compile("^(.+?)(\\d+)$");

    /** Collapses runs of four or more consecutive numbered names: job_001..job_100 → job_{001..100}. */
    static List<String> compact(List<String> names) {
        if (names.size() <= 3) {
            return names;
        }
        Map<String, TreeMap<Long, String>> groups = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (String name : names) {
            Matcher m = NUMBERED.matcher(name);
            if (m.matches() && m.group(2).length() < 18) {
                groups.computeIfAbsent(m.group(1), x -> new TreeMap<>()).put(Long.parseLong(m.group(2)), m.group(2));
            } else {
                others.add(name);
            }
        }
        List<String> out = new ArrayList<>();
        groups.forEach((prefix, numbers) -> {
            List<Map.Entry<Long, String>> run = new ArrayList<>();
            for (Map.Entry<Long, String> e : numbers.entrySet()) {
                if (!run.isEmpty() && e.getKey() != run.get(run.size() - 1).getKey() + 1) {
                    flush(prefix, run, out);
                    run.clear();
                }
                run.add(e);
            }
            flush(prefix, run, out);
        });
        out.addAll(others);
        return out;
    }

    private static void flush(String prefix, List<Map.Entry<Long, String>> run, List<String> out) {
        if (run.size() >= 4) {
            out.add(prefix + "{" + run.get(0).getValue() + ".." + run.get(run.size() - 1).getValue() + "}");
        } else {
            run.forEach(e -> out.add(prefix + e.getValue()));
        }
    }
}
