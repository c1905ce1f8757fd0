package org.torc.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures logback in code, so the server and the CLI (which share one jar) each get their own
 * format without competing configuration files.
 */
public final class Logging {
    public static final String SERVER_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{0}: %msg%n";

    private Logging() {
    }

    /**
     * Resolves the level from {@code --log-level}, else torc's {@code RUST_LOG} (its EnvFilter
     * syntax: the plain level or the last {@code target=level} directive), else {@code info}.
     */
    public static Level resolveLevel(String cliLevel, String rustLog) {
        String candidate = cliLevel;
        if (candidate == null && rustLog != null && !rustLog.isBlank()) {
            String last = null;
            for (String part : rustLog.split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                String level = eq >= 0 ? p.substring(eq + 1) : p;
                if (!level.isBlank()) {
                    last = level;
                }
            }
            candidate = last;
        }
        if (candidate == null) {
            return Level.INFO;
        }
        return switch (candidate.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.ERROR;
            case "warn", "warning" -> Level.WARN;
            case "info" -> Level.INFO;
            case "debug" -> Level.DEBUG;
            case "trace" -> Level.TRACE;
            case "off" -> Level.OFF;
            default -> throw new IllegalArgumentException("Invalid log level '" + candidate
                    + "'; expected error, warn, info, debug or trace");
        };
    }

    /** Sends everything at {@code level} and above to stdout (and {@code logFile} when given). */
    public static void configure(Level level, String pattern, boolean toStderr, Path logFile) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(console(ctx, pattern, toStderr));
        if (logFile != null) {
            root.addAppender(file(ctx, pattern, logFile));
        }
        // Third-party chatter stays at WARN unless the user asks for trace.
        Level libraries = level == Level.TRACE ? Level.DEBUG
                : level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        for (String noisy : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari",
                "org.sqlite"}) {
            ctx.getLogger(noisy).setLevel(libraries);
        }
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext ctx, String pattern,
            boolean toStderr) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(ctx);
        appender.setName("console");
        appender.setTarget(toStderr ? "System.err" : "System.out");
        appender.setEncoder(encoder(ctx, pattern));
        appender.start();
        return appender;
    }

    private static FileAppender<ILoggingEvent> file(LoggerContext ctx, String pattern, Path path) {
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("file");
        appender.setFile(path.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder(ctx, pattern));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
