package org.torc.client.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.torc.client.spec.ResolvedSpec.ResolvedAction;
import org.torc.client.spec.ResolvedSpec.ResolvedFile;
import org.torc.client.spec.ResolvedSpec.ResolvedJob;
import org.torc.client.spec.ResolvedSpec.ResolvedUserData;
import org.torc.client.spec.model.FailureHandlerSpec;
import org.torc.client.spec.model.FileSpec;
import org.torc.client.spec.model.JobSpec;
import org.torc.client.spec.model.ResourceMonitorConfig;
import org.torc.client.spec.model.ResourceRequirementsSpec;
import org.torc.client.spec.model.SlurmSchedulerSpec;
import org.torc.client.spec.model.UserDataSpec;
import org.torc.client.spec.model.WorkflowActionSpec;
import org.torc.client.spec.model.WorkflowSpec;
import org.torc.client.spec.params.ParameterExpander;
import org.torc.client.spec.resolve.Digraph;
import org.torc.client.spec.resolve.RustRegex;
import org.torc.client.spec.resolve.VariableSubstitution;
import org.torc.common.IsoDuration;
import org.torc.common.MemorySize;

/**
 * Expands, substitutes, checks and resolves a spec in one pass, collecting every problem with the
 * two wordings torc uses: the dry run's ({@code validate_spec}) and the create path's (which stops
 * at the first). A problem may exist in only one of them (for example duplicate job names are a dry
 * run error but torc still creates such workflows).
 */
final class SpecAnalyzer {
    /** One problem; {@code dryRun} or {@code create} is null when that path does not report it. */
    record Problem(String dryRun, String create) {
        static Problem both(String message) {
            return new Problem(message, message);
        }
    }

    /** Everything the analysis found. {@code resolved} is null when the create path would fail. */
    record Analysis(WorkflowSpec original, WorkflowSpec spec, boolean expanded, List<Problem> problems,
            List<String> warnings, ResolvedSpec resolved) {
        List<String> createErrors() {
            return problems.stream().map(Problem::create).filter(Objects::nonNull).toList();
        }

        List<String> dryRunErrors() {
            return problems.stream().map(Problem::dryRun).filter(Objects::nonNull).toList();
        }
    }

    static final List<String> TRIGGER_TYPES = List.of("on_workflow_start", "on_workflow_complete",
            "on_jobs_ready", "on_jobs_complete", "on_worker_start", "on_worker_complete");

    private final WorkflowSpec original;
    private final SpecOptions options;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Warnings for the create path only (the dry run reports these as errors). */
    private final List<String> createWarnings = new ArrayList<>();
    private final Map<String, List<Integer>> regexCache = new HashMap<>();

    private SpecAnalyzer(WorkflowSpec original, SpecOptions options) {
        this.original = original;
        this.options = options;
    }

    static Analysis analyze(WorkflowSpec spec, SpecOptions options) {
        return new SpecAnalyzer(spec, options).run();
    }

    private Analysis run() {
        ParameterExpander.Expansion ex = ParameterExpander.expand(original, options.maxJobs());
        for (String e : ex.errors()) {
            problems.add(new Problem("Parameter expansion failed: " + e, e));
        }
        WorkflowSpec spec = ex.spec();
        validateActionStructure(spec);
        String nodeCheck = schedulerNodeCheck(spec);
        if (nodeCheck != null) {
            problems.add(new Problem(nodeCheck, options.skipChecks() ? null : nodeCheck));
        }
        if (ex.ok()) {
            spec = VariableSubstitution.apply(spec);
        }
        checkSlurmDefaults(spec);
        checkDuplicateEntities(spec);
        checkResourceRequirementValues(spec);
        warnAboutUseParameters(original);
        warnAboutHeterogeneousSchedulers(spec);
        warnAboutTriggerTypes(spec);
        if (!ex.ok()) {
            return new Analysis(original, spec, false, List.copyOf(problems), List.copyOf(warnings), null);
        }
        ResolvedSpec resolved = resolve(spec);
        boolean fatal = problems.stream().anyMatch(p -> p.create() != null);
        return new Analysis(original, spec, true, List.copyOf(problems), List.copyOf(warnings),
                fatal ? null : resolved);
    }

    // ---------------------------------------------------------------- checks that need no resolution

    private void validateActionStructure(WorkflowSpec spec) {
        if (spec.actions() == null) {
            return;
        }
        for (WorkflowActionSpec a : spec.actions()) {
            if (!"schedule_nodes".equals(a.actionType())) {
                continue;
            }
            String msg = null;
            if (a.schedulerType() == null) {
                msg = "schedule_nodes action requires scheduler_type";
            } else if (a.scheduler() == null) {
                msg = "schedule_nodes action requires scheduler";
            } else if ("slurm".equals(a.schedulerType())) {
                if (spec.slurmSchedulers() == null) {
                    msg = "schedule_nodes action with scheduler_type=slurm requires slurm_schedulers to be defined";
                } else if (spec.slurmSchedulers().stream().noneMatch(s -> a.scheduler().equals(s.name()))) {
                    msg = "schedule_nodes action references slurm_scheduler '" + a.scheduler()
                            + "' which does not exist";
                }
            }
            if (msg != null) {
                problems.add(new Problem("Action validation failed: " + msg, msg));
            }
        }
    }

    /** torc's {@code validate_scheduler_node_requirements}; null when there is nothing to report. */
    static String schedulerNodeCheck(WorkflowSpec spec) {
        Map<String, ResourceRequirementsSpec> rrs = new HashMap<>();
        if (spec.resourceRequirements() != null) {
            spec.resourceRequirements().forEach(r -> rrs.put(r.name(), r));
        }
        Map<String, SlurmSchedulerSpec> schedulers = new HashMap<>();
        if (spec.slurmSchedulers() != null) {
            spec.slurmSchedulers().stream().filter(s -> s.name() != null).forEach(s -> schedulers.put(s.name(), s));
        }
        if (schedulers.isEmpty() || spec.actions() == null) {
            return null;
        }
        List<String> errors = new ArrayList<>();
        for (WorkflowActionSpec a : spec.actions()) {
            if (!"schedule_nodes".equals(a.actionType()) || a.scheduler() == null
                    || !"slurm".equals(a.schedulerType())) {
                continue;
            }
            SlurmSchedulerSpec s = schedulers.get(a.scheduler());
            if (s == null || s.nodes() <= 1 || Boolean.TRUE.equals(a.startOneWorkerPerNode())) {
                continue;
            }
            List<JobSpec> users = spec.jobs().stream().filter(j -> a.scheduler().equals(j.scheduler())).toList();
            if (users.isEmpty()) {
                continue;
            }
            boolean matching = users.stream().anyMatch(j -> {
                ResourceRequirementsSpec rr = j.resourceRequirements() == null ? null : rrs.get(j.resourceRequirements());
                return (rr == null ? 1 : rr.numNodes()) == s.nodes();
            });
            if (!matching) {
                String names = String.join(", ", users.stream().map(JobSpec::name).toList());
                errors.add("Scheduler '" + a.scheduler() + "' allocates " + s.nodes() + " nodes but none of the jobs"
                        + " using it (" + names + ") have num_nodes=" + s.nodes() + " in their resource requirements."
                        + " Either set num_nodes=" + s.nodes() + " on job resource requirements, or set"
                        + " start_one_worker_per_node=true on the schedule_nodes action to run independent workers"
                        + " on each node.");
            }
        }
        if (errors.isEmpty()) {
            return null;
        }
        return "Scheduler node validation failed:\n  - " + String.join("\n  - ", errors);
    }

    private void checkSlurmDefaults(WorkflowSpec spec) {
        if (spec.slurmDefaults() == null) {
            return;
        }
        List<String> excluded = new ArrayList<>();
        for (String key : spec.slurmDefaults().keySet()) {
            if (WorkflowSpec.SLURM_EXCLUDED_PARAMS.contains(key.toLowerCase(java.util.Locale.ROOT))) {
                excluded.add(key);
            }
        }
        if (!excluded.isEmpty()) {
            problems.add(Problem.both("slurm_defaults contains excluded parameters managed by torc: "
                    + String.join(", ", excluded) + ". These cannot be set as defaults."));
        }
    }

    private void checkDuplicateEntities(WorkflowSpec spec) {
        duplicates(names(spec.files(), FileSpec::name), "file", "file");
        duplicates(names(spec.userData(), UserDataSpec::name), "user_data", "user data");
        duplicates(names(spec.resourceRequirements(), ResourceRequirementsSpec::name), "resource_requirements",
                "resource requirements");
        duplicates(names(spec.slurmSchedulers(), SlurmSchedulerSpec::name), "slurm_scheduler", "slurm scheduler");
        duplicates(names(spec.failureHandlers(), FailureHandlerSpec::name), "failure_handler", "failure handler");
    }

    private void duplicates(List<String> names, String dryKind, String createKind) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                problems.add(new Problem("Duplicate " + dryKind + " name: '" + n + "'",
                        "Duplicate " + createKind + " name: " + n));
            }
        }
    }

    private static <T> List<String> names(List<T> items, java.util.function.Function<T, String> name) {
        if (items == null) {
            return List.of();
        }
        return items.stream().map(name).filter(Objects::nonNull).toList();
    }

    private void checkResourceRequirementValues(WorkflowSpec spec) {
        if (spec.resourceRequirements() == null) {
            return;
        }
        for (ResourceRequirementsSpec rr : spec.resourceRequirements()) {
            if ("default".equals(rr.name())) {
                problems.add(Problem.both("Resource requirements name 'default' is reserved: the server creates it"
                        + " for every workflow; choose another name"));
            }
            try {
                MemorySize.toBytes(rr.memory());
            } catch (IllegalArgumentException e) {
                problems.add(Problem.both("Resource requirements '" + rr.name() + "' has invalid memory '"
                        + rr.memory() + "': " + e.getMessage()));
            }
            try {
                IsoDuration.toSeconds(rr.runtime());
            } catch (IllegalArgumentException e) {
                problems.add(Problem.both("Resource requirements '" + rr.name() + "' has invalid runtime '"
                        + rr.runtime() + "': " + e.getMessage()));
            }
            if (rr.numCpus() < 0 || rr.numGpus() < 0 || rr.numNodes() < 0) {
                problems.add(Problem.both("Resource requirements '" + rr.name()
                        + "' has a negative num_cpus, num_gpus or num_nodes"));
            }
        }
    }

    private void warnAboutUseParameters(WorkflowSpec spec) {
        Map<String, String> wf = spec.parameters() == null ? Map.of() : spec.parameters();
        for (JobSpec j : spec.jobs()) {
            warnUnknownParameters("Job", j.name(), j.parameters(), j.useParameters(), wf);
        }
        if (spec.files() != null) {
            for (FileSpec f : spec.files()) {
                warnUnknownParameters("File", f.name(), f.parameters(), f.useParameters(), wf);
            }
        }
    }

    private void warnUnknownParameters(String kind, String name, Map<String, String> local, List<String> use,
            Map<String, String> wf) {
        if (use == null) {
            return;
        }
        if (local != null) {
            warnings.add(kind + " '" + name + "' has its own parameters, so its use_parameters is ignored");
            return;
        }
        for (String p : use) {
            if (!wf.containsKey(p)) {
                warnings.add(kind + " '" + name + "' use_parameters names '" + p
                        + "', which is not a workflow parameter; it is ignored");
            }
        }
    }

    /** torc's warning about heterogeneous schedulers without an explicit jobs_sort_method. */
    private void warnAboutHeterogeneousSchedulers(WorkflowSpec spec) {
        List<SlurmSchedulerSpec> schedulers = spec.slurmSchedulers();
        if (schedulers == null || schedulers.size() <= 1 || spec.jobsSortMethod() != null) {
            return;
        }
        boolean gres = distinct(schedulers, SlurmSchedulerSpec::gres);
        boolean mem = distinct(schedulers, SlurmSchedulerSpec::mem);
        boolean walltime = distinct(schedulers, SlurmSchedulerSpec::walltime);
        boolean partition = distinct(schedulers, SlurmSchedulerSpec::partition);
        long withoutScheduler = spec.jobs().stream().filter(j -> j.scheduler() == null).count();
        if (!(gres || mem || walltime || partition) || withoutScheduler == 0) {
            return;
        }
        List<String> differences = new ArrayList<>();
        if (gres) {
            differences.add("GPUs (gres)");
        }
        if (mem) {
            differences.add("memory (mem)");
        }
        if (walltime) {
            differences.add("walltime");
        }
        if (partition) {
            differences.add("partition");
        }
        warnings.add("Workflow has " + schedulers.size() + " schedulers with different " + String.join(", ", differences)
                + " but " + withoutScheduler + " job(s) have no explicit scheduler assignment and jobs_sort_method is"
                + " not set. The default sort method 'gpus_runtime_memory' will be used (jobs sorted by GPUs, then"
                + " runtime, then memory). If this doesn't match your workload, consider setting jobs_sort_method"
                + " explicitly to 'gpus_memory_runtime' (prioritize memory over runtime) or 'none' (no sorting).");
    }

    private static boolean distinct(List<SlurmSchedulerSpec> s, java.util.function.Function<SlurmSchedulerSpec, ?> f) {
        Set<Object> values = new HashSet<>();
        s.forEach(x -> values.add(f.apply(x)));
        return values.size() > 1;
    }

    private void warnAboutTriggerTypes(WorkflowSpec spec) {
        if (spec.actions() == null) {
            return;
        }
        for (int k = 0; k < spec.actions().size(); k++) {
            String t = spec.actions().get(k).triggerType();
            if (!TRIGGER_TYPES.contains(t)) {
                warnings.add("Action #" + (k + 1) + " has unknown trigger_type '" + t + "' (known: "
                        + String.join(", ", TRIGGER_TYPES) + "); it will never fire");
            }
        }
    }

    // ---------------------------------------------------------------- resolution

    private ResolvedSpec resolve(WorkflowSpec spec) {
        List<JobSpec> jobs = spec.jobs();
        int nJobs = jobs.size();
        List<String> jobNames = jobs.stream().map(JobSpec::name).toList();
        Map<String, List<Integer>> jobsByName = new HashMap<>();
        for (int k = 0; k < nJobs; k++) {
            jobsByName.computeIfAbsent(jobNames.get(k), x -> new ArrayList<>()).add(k);
        }
        for (int k = 0; k < nJobs; k++) {
            List<Integer> same = jobsByName.get(jobNames.get(k));
            if (same.size() > 1 && same.get(0) == k) {
                createWarnings.add("Duplicate job name: '" + jobNames.get(k) + "' (" + same.size() + " jobs; a"
                        + " dependency on this name waits for all of them)");
            } else if (same.get(0) != k) {
                problems.add(new Problem("Duplicate job name: '" + jobNames.get(k) + "'", null));
            }
        }

        List<FileSpec> fileSpecs = spec.files() == null ? List.of() : spec.files();
        List<ResolvedFile> files = new ArrayList<>();
        Map<String, Integer> fileIdx = new LinkedHashMap<>();
        for (int k = 0; k < fileSpecs.size(); k++) {
            files.add(new ResolvedFile(k, fileSpecs.get(k).name(), fileSpecs.get(k).path()));
            fileIdx.put(fileSpecs.get(k).name(), k);
        }
        List<ResolvedUserData> userData = new ArrayList<>();
        Map<String, Integer> udIdx = new LinkedHashMap<>();
        if (spec.userData() != null) {
            for (UserDataSpec u : spec.userData()) {
                if (u.name() != null) {
                    udIdx.put(u.name(), userData.size());
                    userData.add(new ResolvedUserData(userData.size(), u.name(), u.data(), u.isEphemeral()));
                }
            }
        }
        List<ResourceRequirementsSpec> rrs = spec.resourceRequirements() == null ? List.of()
                : spec.resourceRequirements();
        Map<String, Integer> rrIdx = indexOf(rrs, ResourceRequirementsSpec::name);
        List<SlurmSchedulerSpec> schedulers = spec.slurmSchedulers() == null ? List.of()
                : spec.slurmSchedulers().stream().filter(s -> s.name() != null).toList();
        Map<String, Integer> schedIdx = indexOf(schedulers, SlurmSchedulerSpec::name);
        List<FailureHandlerSpec> handlers = spec.failureHandlers() == null ? List.of() : spec.failureHandlers();
        Map<String, Integer> handlerIdx = indexOf(handlers, FailureHandlerSpec::name);

        List<Problem> depProblems = new ArrayList<>();
        List<Problem> refProblems = new ArrayList<>();
        List<List<Integer>> deps = new ArrayList<>(nJobs);
        List<List<Integer>> inFiles = new ArrayList<>(nJobs);
        List<List<Integer>> outFiles = new ArrayList<>(nJobs);
        List<List<Integer>> inData = new ArrayList<>(nJobs);
        List<List<Integer>> outData = new ArrayList<>(nJobs);
        for (int k = 0; k < nJobs; k++) {
            JobSpec j = jobs.get(k);
            deps.add(resolveJobDependencies(j, jobNames, jobsByName, depProblems));
            inFiles.add(resolveRefs(j, j.inputFiles(), j.inputFileRegexes(), fileIdx, RefKind.INPUT_FILE, refProblems));
            outFiles.add(resolveRefs(j, j.outputFiles(), j.outputFileRegexes(), fileIdx, RefKind.OUTPUT_FILE,
                    refProblems));
            inData.add(resolveRefs(j, j.inputUserData(), j.inputUserDataRegexes(), udIdx, RefKind.INPUT_USER_DATA,
                    refProblems));
            outData.add(resolveRefs(j, j.outputUserData(), j.outputUserDataRegexes(), udIdx,
                    RefKind.OUTPUT_USER_DATA, refProblems));
            checkNamedRef(j, j.resourceRequirements(), rrIdx, "resource_requirements", "Resource requirements",
                    refProblems);
            checkNamedRef(j, j.scheduler(), schedIdx, "scheduler", "Scheduler", refProblems);
            checkNamedRef(j, j.failureHandler(), handlerIdx, "failure_handler", "Failure handler", refProblems);
        }
        problems.addAll(depProblems);

        // The full dependency graph: jobs, then files, then user data. A consumer depends on the
        // resource (weight 1), the resource on its producers (weight 0), so a job's level is one more
        // than the level of the jobs it waits for, whichever way it waits.
        int nFiles = files.size();
        Digraph full = new Digraph(nJobs + nFiles + userData.size());
        List<List<Integer>> producersOfFile = producers(outFiles, nFiles);
        List<List<Integer>> producersOfData = producers(outData, userData.size());
        for (int k = 0; k < nJobs; k++) {
            for (int d : deps.get(k)) {
                full.addEdge(k, d, 1);
            }
            for (int f : inFiles.get(k)) {
                full.addEdge(k, nJobs + f, 1);
            }
            for (int f : outFiles.get(k)) {
                full.addEdge(nJobs + f, k, 0);
            }
            for (int u : inData.get(k)) {
                full.addEdge(k, nJobs + nFiles + u, 1);
            }
            for (int u : outData.get(k)) {
                full.addEdge(nJobs + nFiles + u, k, 0);
            }
        }
        List<int[]> cycles = full.cycles();
        for (int[] cycle : cycles) {
            problems.add(cycleProblem(cycle, nJobs, jobNames, files, userData));
        }
        problems.addAll(refProblems);

        List<ResolvedAction> actions = resolveActions(spec, jobNames, jobsByName, schedIdx);

        if (!cycles.isEmpty()) {
            return null;
        }
        Digraph explicit = new Digraph(nJobs);
        for (int k = 0; k < nJobs; k++) {
            for (int d : deps.get(k)) {
                explicit.addEdge(k, d);
            }
        }
        int[] level = explicit.levels();
        int maxLevel = -1;
        for (int l : level) {
            maxLevel = Math.max(maxLevel, l);
        }
        List<List<Integer>> levels = new ArrayList<>();
        for (int l = 0; l <= maxLevel; l++) {
            levels.add(new ArrayList<>());
        }
        for (int k = 0; k < nJobs; k++) {
            levels.get(level[k]).add(k);
        }

        List<ResolvedJob> resolvedJobs = new ArrayList<>(nJobs);
        for (int k = 0; k < nJobs; k++) {
            JobSpec j = jobs.get(k);
            LinkedHashSet<Integer> implicit = new LinkedHashSet<>();
            for (int f : inFiles.get(k)) {
                implicit.addAll(producersOfFile.get(f));
            }
            for (int u : inData.get(k)) {
                implicit.addAll(producersOfData.get(u));
            }
            implicit.remove(k);
            resolvedJobs.add(new ResolvedJob(k, j.name(), j.command(), j.invocationScript(),
                    j.cancelOnBlockingJobFailure(), j.supportsTermination(),
                    j.resourceRequirements() == null ? null : rrIdx.get(j.resourceRequirements()),
                    j.scheduler() == null ? null : schedIdx.get(j.scheduler()),
                    j.failureHandler() == null ? null : handlerIdx.get(j.failureHandler()),
                    deps.get(k), namesOf(deps.get(k), jobNames), List.copyOf(implicit),
                    inFiles.get(k), namesOf(inFiles.get(k), fileNames(files)),
                    outFiles.get(k), namesOf(outFiles.get(k), fileNames(files)),
                    inData.get(k), namesOf(inData.get(k), userDataNames(userData)),
                    outData.get(k), namesOf(outData.get(k), userDataNames(userData)),
                    level[k]));
        }
        ResourceMonitorConfig monitor = spec.resourceMonitor() != null ? spec.resourceMonitor()
                : options.resourceMonitoring() ? ResourceMonitorConfig.injectedDefault() : null;
        return new ResolvedSpec(spec, List.copyOf(files), List.copyOf(userData), List.copyOf(rrs),
                List.copyOf(schedulers), List.copyOf(handlers), Collections.unmodifiableList(resolvedJobs),
                levels.stream().map(List::copyOf).toList(), actions, monitor, allWarnings(),
                original.jobs().size(), original.files() == null ? 0 : original.files().size());
    }

    private List<String> allWarnings() {
        List<String> all = new ArrayList<>(createWarnings);
        all.addAll(warnings);
        return List.copyOf(all);
    }

    private static <T> Map<String, Integer> indexOf(List<T> items, java.util.function.Function<T, String> name) {
        Map<String, Integer> m = new HashMap<>();
        for (int k = 0; k < items.size(); k++) {
            m.put(name.apply(items.get(k)), k);
        }
        return m;
    }

    private static List<List<Integer>> producers(List<List<Integer>> outputs, int n) {
        List<List<Integer>> p = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            p.add(new ArrayList<>());
        }
        for (int job = 0; job < outputs.size(); job++) {
            for (int r : outputs.get(job)) {
                p.get(r).add(job);
            }
        }
        return p;
    }

    private List<Integer> resolveJobDependencies(JobSpec j, List<String> jobNames, Map<String, List<Integer>> byName,
            List<Problem> out) {
        LinkedHashSet<Integer> deps = new LinkedHashSet<>();
        if (j.dependsOn() != null) {
            for (String name : j.dependsOn()) {
                List<Integer> found = byName.get(name);
                if (found == null) {
                    out.add(new Problem("Job '" + j.name() + "' depends_on non-existent job '" + name + "'",
                            "Blocking job '" + name + "' not found for job '" + j.name() + "'"));
                } else {
                    deps.addAll(found);
                }
            }
        }
        if (j.dependsOnRegexes() != null) {
            for (String regex : j.dependsOnRegexes()) {
                List<Integer> found;
                try {
                    found = matches("job:" + regex, regex, jobNames);
                } catch (IllegalArgumentException e) {
                    out.add(new Problem("Job '" + j.name() + "' has invalid depends_on_regexes '" + regex + "': "
                            + e.getMessage(), "Invalid regex '" + regex + "' in job '" + j.name() + "': "
                            + e.getMessage()));
                    continue;
                }
                if (found.isEmpty()) {
                    out.add(new Problem("Job '" + j.name() + "' depends_on_regexes '" + regex + "' did not match any jobs",
                            "Blocking job regex '" + regex + "' did not match any jobs for job '" + j.name() + "'"));
                }
                deps.addAll(found);
            }
        }
        return List.copyOf(deps);
    }

    /** Indices of the names {@code regex} finds a match in (a search, not a full match), cached. */
    private List<Integer> matches(String cacheKey, String regex, List<String> names) {
        List<Integer> cached = regexCache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        Pattern p = RustRegex.compile(regex);
        List<Integer> found = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            if (p.matcher(names.get(k)).find()) {
                found.add(k);
            }
        }
        List<Integer> result = List.copyOf(found);
        regexCache.put(cacheKey, result);
        return result;
    }

    private enum RefKind {
        INPUT_FILE("input_files", "input_file_regexes", "file", "files", "Input file"),
        OUTPUT_FILE("output_files", "output_file_regexes", "file", "files", "Output file"),
        INPUT_USER_DATA("input_user_data", "input_user_data_regexes", "user_data", "user_data", "Input user data"),
        OUTPUT_USER_DATA("output_user_data", "output_user_data_regexes", "user_data", "user_data",
                "Output user data");

        final String field;
        final String regexField;
        final String noun;
        final String plural;
        final String label;

        RefKind(String field, String regexField, String noun, String plural, String label) {
            this.field = field;
            this.regexField = regexField;
            this.noun = noun;
            this.plural = plural;
            this.label = label;
        }
    }

    private List<Integer> resolveRefs(JobSpec j, List<String> names, List<String> regexes, Map<String, Integer> index,
            RefKind kind, List<Problem> out) {
        if (names == null && regexes == null) {
            return List.of();
        }
        LinkedHashSet<Integer> ids = new LinkedHashSet<>();
        if (names != null) {
            for (String n : names) {
                Integer i = index.get(n);
                if (i == null) {
                    out.add(new Problem("Job '" + j.name() + "' " + kind.field + " references non-existent " + kind.noun
                            + " '" + n + "'", kind.label + " '" + n + "' not found for job '" + j.name() + "'"));
                } else {
                    ids.add(i);
                }
            }
        }
        if (regexes != null) {
            List<String> keys = new ArrayList<>(index.keySet());
            for (String regex : regexes) {
                List<Integer> found;
                try {
                    found = matches(kind.noun + ":" + regex, regex, keys);
                } catch (IllegalArgumentException e) {
                    out.add(new Problem("Job '" + j.name() + "' has invalid " + kind.regexField + " '" + regex + "': "
                            + e.getMessage(), "Invalid regex '" + regex + "' for "
                            + kind.label.toLowerCase(java.util.Locale.ROOT) + " in job '" + j.name() + "': "
                            + e.getMessage()));
                    continue;
                }
                if (found.isEmpty()) {
                    out.add(new Problem("Job '" + j.name() + "' " + kind.regexField + " '" + regex
                            + "' did not match any " + kind.plural,
                            kind.label + " regex '" + regex + "' did not match any names for job '" + j.name() + "'"));
                }
                for (int f : found) {
                    ids.add(index.get(keys.get(f)));
                }
            }
        }
        return List.copyOf(ids);
    }

    private static void checkNamedRef(JobSpec j, String name, Map<String, Integer> index, String field, String label,
            List<Problem> out) {
        if (name != null && !index.containsKey(name)) {
            out.add(new Problem("Job '" + j.name() + "' references non-existent " + field + " '" + name + "'",
                    label + " '" + name + "' not found for job '" + j.name() + "'"));
        }
    }

    private static Problem cycleProblem(int[] cycle, int nJobs, List<String> jobNames, List<ResolvedFile> files,
            List<ResolvedUserData> userData) {
        List<String> jobs = new ArrayList<>();
        List<String> via = new ArrayList<>();
        for (int node : cycle) {
            if (node < nJobs) {
                jobs.add("'" + jobNames.get(node) + "'");
            } else if (node < nJobs + files.size()) {
                via.add("file '" + files.get(node - nJobs).name() + "'");
            } else {
                via.add("user_data '" + userData.get(node - nJobs - files.size()).name() + "'");
            }
        }
        String jobList = abbreviate(jobs);
        String through = via.isEmpty() ? "" : " (through " + abbreviate(via) + ")";
        return new Problem("Circular dependency detected involving jobs: " + jobList + through,
                "Circular dependency detected in job graph, involving jobs: " + jobList + through);
    }

    private static String abbreviate(List<String> items) {
        int max = 20;
        if (items.size() <= max) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, max)) + " and " + (items.size() - max) + " more";
    }

    private List<ResolvedAction> resolveActions(WorkflowSpec spec, List<String> jobNames,
            Map<String, List<Integer>> jobsByName, Map<String, Integer> schedIdx) {
        List<ResolvedAction> out = new ArrayList<>();
        if (spec.actions() == null) {
            return out;
        }
        for (int k = 0; k < spec.actions().size(); k++) {
            WorkflowActionSpec a = spec.actions().get(k);
            String desc = "Action #" + (k + 1) + " (" + a.actionType() + ")";
            List<Integer> selected = null;
            if (a.jobs() != null || a.jobNameRegexes() != null) {
                LinkedHashSet<Integer> sel = new LinkedHashSet<>();
                boolean failed = false;
                if (a.jobs() != null) {
                    for (String name : a.jobs()) {
                        List<Integer> found = jobsByName.get(name);
                        if (found == null) {
                            problems.add(new Problem(desc + " references non-existent job '" + name + "'",
                                    "Action references job '" + name + "' which does not exist"));
                            failed = true;
                        } else {
                            sel.addAll(found);
                        }
                    }
                }
                if (a.jobNameRegexes() != null) {
                    for (String regex : a.jobNameRegexes()) {
                        try {
                            sel.addAll(matches("job:" + regex, regex, jobNames));
                        } catch (IllegalArgumentException e) {
                            problems.add(new Problem(desc + " has invalid job_name_regexes '" + regex + "': "
                                    + e.getMessage(), "Invalid regex '" + regex + "': " + e.getMessage()));
                            failed = true;
                        }
                    }
                }
                if (sel.isEmpty() && !failed) {
                    problems.add(new Problem(desc + " did not match any jobs", "Action did not match any jobs"));
                }
                selected = List.copyOf(sel);
            }
            Integer scheduler = null;
            switch (a.actionType()) {
                case "run_commands" -> {
                    if (a.commands() == null) {
                        problems.add(new Problem(desc + " requires 'commands' field",
                                "run_commands action requires 'commands' field"));
                    }
                }
                case "schedule_nodes" -> {
                    if ("slurm".equals(a.schedulerType()) && a.scheduler() != null) {
                        scheduler = schedIdx.get(a.scheduler());
                        if (scheduler == null) {
                            // The create path already reports this through the action structure check.
                            problems.add(new Problem(desc + " references non-existent slurm scheduler '"
                                    + a.scheduler() + "'", null));
                        }
                    }
                }
                default -> problems.add(new Problem(desc + " has unknown action_type '" + a.actionType()
                        + "' (expected run_commands or schedule_nodes)", "Unknown action_type: " + a.actionType()));
            }
            out.add(new ResolvedAction(k, a.triggerType(), a.actionType(), selected,
                    a.commands() == null ? null : List.copyOf(a.commands()), a.schedulerType(), a.scheduler(),
                    scheduler, a.numAllocations() == null ? 1 : a.numAllocations(),
                    Boolean.TRUE.equals(a.startOneWorkerPerNode()), a.maxParallelJobs(),
                    Boolean.TRUE.equals(a.persistent())));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> namesOf(List<Integer> indices, List<String> names) {
        List<String> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(names.get(i));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> fileNames(List<ResolvedFile> files) {
        return new java.util.AbstractList<>() {
            @Override
            public String get(int i) {
                return files.get(i).name();
            }

            @Override
            public int size() {
                return files.size();
            }
        };
    }

    private static List<String> userDataNames(List<ResolvedUserData> data) {
        return new java.util.AbstractList<>() {
            @Override
            public String get(int i) {
                return data.get(i).name();
            }

            @Override
            public int size() {
                return data.size();
            }
        };
    }
}
