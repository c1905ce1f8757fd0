package org.torc.client.tui;

import java.nio.file.Path;
import org.torc.client.api.TorcApi;

/**
 * Creates a workflow from a spec file: the TUI's {@code n}. {@link TuiCommand#specCreator} connects
 * it to the CLI's creation code; tests substitute their own.
 */
@FunctionalInterface
public interface SpecCreator {
    /** @return the new workflow's id */
    long create(TorcApi api, Path spec) throws Exception;

    /** For a TUI built without a creator (tests): tells the user how to create it instead. */
    SpecCreator UNAVAILABLE = (api, spec) -> {
        throw new IllegalStateException("Creating workflows is not available here; use: "
                + "torc workflows create " + spec);
    };
}
