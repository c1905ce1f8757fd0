package org.torc.client.cli;

import org.torc.client.cli.config.TorcConfig;

/**
 * The client's settings after layering defaults, config files, environment and command line.
 * {@link #resolve} is the one place that decides precedence, lowest first:
 * built-in defaults, {@code /etc/torc/config.toml}, {@code ~/.config/torc/config.toml},
 * {@code ./torc.toml}, {@code TORC_CLIENT__*} variables (all in {@link TorcConfig}), then torc's
 * option variables ({@code TORC_API_URL}, {@code RUST_LOG}, {@code TORC_PASSWORD}), then the
 * command line. Unlike torc, {@code -f table} wins over a config file that says json.
 */
public record ClientSettings(String url, String format, String logLevel, String password,
        boolean skipVersionCheck, RunDefaults run, String user) {

    /** The {@code [client.run]} section: defaults for {@code torc run} and {@code workflows run}. */
    public record RunDefaults(Double pollInterval, Integer maxParallelJobs, String outputDir,
            Long numCpus, Double memoryGb, Long numGpus) {
        public static final RunDefaults NONE = new RunDefaults(null, null, null, null, null, null);

        static RunDefaults from(TorcConfig config) {
            Long maxParallel = config.integer("client.run.max_parallel_jobs");
            return new RunDefaults(config.number("client.run.poll_interval"),
                    maxParallel == null ? null : Math.toIntExact(maxParallel),
                    config.string("client.run.output_dir"), config.integer("client.run.num_cpus"),
                    config.number("client.run.memory_gb"), config.integer("client.run.num_gpus"));
        }
    }

    static ClientSettings resolve(GlobalOptions o, CliEnvironment env) {
        TorcConfig config = TorcConfig.load(env.configPaths(), env.variables());
        String url = firstNonBlank(o.url, env.get("TORC_API_URL"), config.string("client.api_url"));
        String format = CliContext.normalizeFormat(firstNonBlank(o.format,
                config.string("client.format")));
        String level = firstNonBlank(o.logLevel, env.get("RUST_LOG"),
                config.string("client.log_level"));
        String password = firstNonBlank(o.password, env.get("TORC_PASSWORD"));
        if (o.promptPassword && password == null && System.console() != null) {
            char[] p = System.console().readPassword("Password: ");
            password = p == null ? null : new String(p);
        }
        return new ClientSettings(url, format, level, password, o.skipVersionCheck,
                RunDefaults.from(config), env.user());
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
