package org.torc.client.tui;

import java.nio.file.Path;
import org.torc.client.api.TorcApi;

/**
 * Creates a workflow from a spec file: the TUI's {@code n}. The spec-to-workflow code lives with
 * the CLI commands ({@code SpecCreation.create(api, path, skipChecks, ctx)}); {@link TuiCommand}
 * connects it through {@link TuiCommand#specCreator}, the one place to wire.
 */
@FunctionalInterface
public interface SpecCreator {
    /** @return the new workflow's id */
    long create(TorcApi api, Path spec) throws Exception;

    /** Used until the CLI's spec creation is wired in. */
    SpecCreator UNAVAILABLE = (api, spec) -> {
        throw new UnsupportedOperationException(
                "Creating workflows from spec files is not wired into the TUI in this build; "
                        + "use: torc workflows create " + spec);
    };
}
