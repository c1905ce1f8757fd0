package org.torc.client.cli;

import org.torc.client.api.TorcApi;

/**
 * The client's settings after layering defaults, config files, environment and command line.
 * {@link #resolve} is the one place that decides precedence.
 */
public record ClientSettings(String url, String format, String logLevel, String password,
        boolean skipVersionCheck, RunDefaults run) {

    /** The {@code [client.run]} section. */
    public record RunDefaults(Double pollInterval, Integer maxParallelJobs, String outputDir,
            Long numCpus, Double memoryGb, Long numGpus) {
        public static final RunDefaults NONE = new RunDefaults(null, null, null, null, null, null);
    }

    static ClientSettings resolve(GlobalOptions o) {
        String url = firstNonBlank(o.url, System.getenv("TORC_API_URL"), TorcApi.DEFAULT_URL);
        String format = CliContext.normalizeFormat(firstNonBlank(o.format, "table"));
        String level = firstNonBlank(o.logLevel, System.getenv("RUST_LOG"), null);
        String password = firstNonBlank(o.password, System.getenv("TORC_PASSWORD"), null);
        if (o.promptPassword && password == null && System.console() != null) {
            char[] p = System.console().readPassword("Password: ");
            password = p == null ? null : new String(p);
        }
        return new ClientSettings(url, format, level, password, o.skipVersionCheck,
                RunDefaults.NONE);
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
