package org.torc.client.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * torc's global options. Unlike torc they are inherited by every subcommand, so
 * {@code torc workflows list -f json} works as well as {@code torc -f json workflows list}.
 */
public final class GlobalOptions {
    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "torc server URL (default: env TORC_API_URL, else api_url in the "
                    + "config, else http://localhost:8080/torc-service/v1)")
    String url;

    @Option(names = {"-f", "--format"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Output format: table or json (default: format in the config, else "
                    + "table)")
    String format;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace (default: env RUST_LOG, else "
                    + "log_level in the config, else info)")
    String logLevel;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "Password for HTTP Basic auth as $USER (env TORC_PASSWORD)")
    String password;

    @Option(names = "--prompt-password", scope = ScopeType.INHERIT,
            description = "Read the password from the terminal")
    boolean promptPassword;

    @Option(names = "--skip-version-check", scope = ScopeType.INHERIT,
            description = "Do not compare the client and server versions")
    boolean skipVersionCheck;
}
