package org.torc.client.spec;

import java.nio.file.Path;
import java.util.List;
import org.torc.client.spec.model.WorkflowActionSpec;
import org.torc.client.spec.model.WorkflowSpec;

/**
 * The spec pipeline, from file to something the create step can send: load → expand parameters →
 * substitute {@code ${files...}}/{@code ${user_data...}} → validate → resolve names to indices and
 * order jobs into creation levels.
 *
 * <ul>
 *   <li>{@link #resolve} is the create path ({@code torc workflows create}): it fails on the first
 *       problem torc's create would fail on, with torc's message;</li>
 *   <li>{@link #validate} is the dry run ({@code torc workflows create --dry-run}): it reports every
 *       problem, with torc's dry-run messages, and never throws;</li>
 *   <li>{@link ExecutionPlan#of} gives the stages of {@code torc workflows execution-plan}.</li>
 * </ul>
 */
public final class SpecPipeline {
    private SpecPipeline() {
    }

    /** Loads and resolves a spec file. @throws SpecException for any problem, worded for the user */
    public static ResolvedSpec resolve(Path path, SpecOptions options) {
        return resolve(SpecLoader.load(path), options);
    }

    /** Resolves a loaded spec. @throws SpecException for the first problem (and how many more there are) */
    public static ResolvedSpec resolve(WorkflowSpec spec, SpecOptions options) {
        SpecAnalyzer.Analysis a = SpecAnalyzer.analyze(spec, options);
        List<String> errors = a.createErrors();
        if (!errors.isEmpty()) {
            String more = errors.size() == 1 ? "" : "\n(" + (errors.size() - 1) + " more problem"
                    + (errors.size() == 2 ? "" : "s") + "; 'torc workflows create --dry-run' lists them all)";
            throw new SpecException(errors.get(0) + more);
        }
        return a.resolved();
    }

    /** The dry run of a spec file; a file that cannot be parsed gives one "Failed to parse" error. */
    public static ValidationResult validate(Path path, SpecOptions options) {
        WorkflowSpec spec;
        try {
            spec = SpecLoader.load(path);
        } catch (SpecException e) {
            return new ValidationResult(false, List.of("Failed to parse specification file: " + e.getMessage()),
                    List.of(), ValidationSummary.empty());
        }
        return validate(spec, options);
    }

    /** The dry run of a loaded spec. */
    public static ValidationResult validate(WorkflowSpec spec, SpecOptions options) {
        SpecAnalyzer.Analysis a = SpecAnalyzer.analyze(spec, options);
        List<String> errors = a.dryRunErrors();
        WorkflowSpec s = a.spec();
        ValidationSummary summary = new ValidationSummary(
                s.name(),
                s.description(),
                s.jobs().size(),
                spec.jobs().size(),
                s.files() == null ? 0 : s.files().size(),
                spec.files() == null ? 0 : spec.files().size(),
                s.userData() == null ? 0 : s.userData().size(),
                s.resourceRequirements() == null ? 0 : s.resourceRequirements().size(),
                s.slurmSchedulers() == null ? 0 : s.slurmSchedulers().size(),
                s.actions() == null ? 0 : s.actions().size(),
                hasScheduleNodesAction(s),
                s.jobs().stream().map(j -> j.name()).toList(),
                s.slurmSchedulers() == null ? List.of()
                        : s.slurmSchedulers().stream().map(x -> x.name()).filter(n -> n != null).toList());
        return new ValidationResult(errors.isEmpty(), errors, a.warnings(), summary);
    }

    /** Whether the spec has an {@code on_workflow_start} {@code schedule_nodes} action. */
    public static boolean hasScheduleNodesAction(WorkflowSpec spec) {
        if (spec.actions() == null) {
            return false;
        }
        for (WorkflowActionSpec a : spec.actions()) {
            if ("on_workflow_start".equals(a.triggerType()) && "schedule_nodes".equals(a.actionType())) {
                return true;
            }
        }
        return false;
    }
}
