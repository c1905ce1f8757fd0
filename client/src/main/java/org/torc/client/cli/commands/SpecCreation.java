package org.torc.client.cli.commands;

import java.nio.file.Path;
import org.torc.client.api.TorcApi;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;

/** Creates a workflow from a spec file (the spec pipeline plus the API calls of torc's create). */
final class SpecCreation {
    private SpecCreation() {
    }

    static long create(TorcApi api, Path spec, boolean skipChecks, CliContext ctx) {
        throw new CliError("Creating workflows from spec files is not available in this build yet: "
                + spec);
    }
}
