package org.torc.client.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;

/**
 * The outcome of a dry run ({@code torc workflows create --dry-run}), torc's
 * {@code ValidationResult}: every problem found, not just the first.
 */
public record ValidationResult(boolean valid, List<String> errors, List<String> warnings,
        ValidationSummary summary) {

    /** The JSON printed by {@code torc -f json workflows create --dry-run}. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("valid", valid);
        ArrayNode e = o.putArray("errors");
        errors.forEach(e::add);
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        o.set("summary", summary.toJson());
        return o;
    }

    /**
     * Prints the table-format report as torc does: the summary on {@code out}, errors, warnings and
     * a failed verdict on {@code err}, and {@code Validation: PASSED...} on {@code out}.
     */
    public void print(PrintStream out, PrintStream err) {
        ValidationSummary s = summary;
        out.println("Workflow Validation Results");
        out.println("===========================");
        out.println();
        out.println("Workflow: " + s.workflowName());
        if (s.workflowDescription() != null) {
            out.println("Description: " + s.workflowDescription());
        }
        out.println();
        out.println("Components to be created:");
        if (s.jobCount() != s.jobCountBeforeExpansion()) {
            out.println("  Jobs: " + s.jobCount() + " (expanded from " + s.jobCountBeforeExpansion()
                    + " parameterized job specs)");
        } else {
            out.println("  Jobs: " + s.jobCount());
        }
        if (s.fileCount() != s.fileCountBeforeExpansion()) {
            out.println("  Files: " + s.fileCount() + " (expanded from " + s.fileCountBeforeExpansion()
                    + " parameterized file specs)");
        } else {
            out.println("  Files: " + s.fileCount());
        }
        out.println("  User data records: " + s.userDataCount());
        out.println("  Resource requirements: " + s.resourceRequirementsCount());
        out.println("  Slurm schedulers: " + s.slurmSchedulerCount());
        out.println("  Workflow actions: " + s.actionCount());
        out.println();
        if (s.hasScheduleNodesAction()) {
            out.println("Submission: Ready for scheduler submission (has on_workflow_start schedule_nodes action)");
        } else {
            out.println("Submission: Local execution only (no on_workflow_start schedule_nodes action)");
        }
        out.println();
        out.flush();
        if (!errors.isEmpty()) {
            err.println("Errors (" + errors.size() + "):");
            errors.forEach(x -> err.println("  - " + x));
            err.println();
        }
        if (!warnings.isEmpty()) {
            err.println("Warnings (" + warnings.size() + "):");
            warnings.forEach(x -> err.println("  - " + x));
            err.println();
        }
        err.flush();
        if (valid) {
            out.println(warnings.isEmpty() ? "Validation: PASSED"
                    : "Validation: PASSED (with " + warnings.size() + " warning(s))");
        } else {
            err.println("Validation: FAILED");
        }
    }
}
