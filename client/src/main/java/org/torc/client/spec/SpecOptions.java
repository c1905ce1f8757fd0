package org.torc.client.spec;

import org.torc.client.spec.params.ParameterExpander;

/**
 * Options of the spec pipeline.
 *
 * @param maxJobs refuse specs that expand to more jobs (or more files) than this; checked before
 *     anything is expanded (default 1,000,000)
 * @param skipChecks skip the scheduler node check on the create path ({@code --skip-checks}); the
 *     dry run always performs it, as torc does
 * @param resourceMonitoring inject torc's default resource monitor configuration when the spec has
 *     none ({@code false} for {@code --no-resource-monitoring})
 */
public record SpecOptions(long maxJobs, boolean skipChecks, boolean resourceMonitoring) {
    public static SpecOptions defaults() {
        return new SpecOptions(ParameterExpander.DEFAULT_MAX_ITEMS, false, true);
    }

    public SpecOptions withMaxJobs(long max) {
        return new SpecOptions(max, skipChecks, resourceMonitoring);
    }

    public SpecOptions withSkipChecks(boolean skip) {
        return new SpecOptions(maxJobs, skip, resourceMonitoring);
    }

    public SpecOptions withResourceMonitoring(boolean enabled) {
        return new SpecOptions(maxJobs, skipChecks, enabled);
    }
}
