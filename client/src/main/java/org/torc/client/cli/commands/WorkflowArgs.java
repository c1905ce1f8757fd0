package org.torc.client.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;

/** Turning a SPEC_OR_ID argument into a workflow id. */
final class WorkflowArgs {
    private WorkflowArgs() {
    }

    /** torc's rule: a known spec extension or an existing file is a spec; otherwise an integer id. */
    static boolean isSpecFile(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")
                || lower.endsWith(".json5") || lower.endsWith(".kdl") || Files.isRegularFile(Path.of(arg));
    }

    static long resolveSpecOrId(CliContext ctx, TorcApi api, String arg, boolean skipChecks) {
        if (isSpecFile(arg)) {
            long id = SpecCreation.create(api, Path.of(arg), skipChecks, ctx);
            ctx.out().println("Created workflow " + id);
            ctx.out().flush();
            return id;
        }
        try {
            return Long.parseLong(arg.trim());
        } catch (NumberFormatException e) {
            throw new CliError("'" + arg + "' is neither a valid workflow spec file nor a workflow ID");
        }
    }
}
