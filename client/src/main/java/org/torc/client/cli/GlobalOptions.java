package org.torc.client.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * torc's global options. Unlike torc they are inherited by every subcommand, so
 * {@code torc workflows list -f json} works as well as {@code torc -f json workflows list}.
 */
public final class GlobalOptions {
    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "torc server URL (env TORC_API_URL; default "
                    + "http://localhost:8080/torc-service/v1)")
    String url;

    @Option(names = {"-f", "--format"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "Output format: table or json (default table)")
    String format;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "error, warn, info, debug or trace (env RUST_LOG)")
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
