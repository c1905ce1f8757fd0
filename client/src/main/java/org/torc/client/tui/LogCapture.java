package org.torc.client.tui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torc.server.Logging;

/**
 * While the TUI owns the terminal nothing may print to it: this sends all logging (the in-process
 * server's included) into an {@link OutputBuffer}, which is what {@code O} shows.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {
    private final OutputBuffer buffer;
    private PatternLayoutEncoder encoder;

    private LogCapture(OutputBuffer buffer) {
        this.buffer = buffer;
    }

    /** Replaces the logging configuration: everything at INFO and above goes to {@code buffer}. */
    public static void install(OutputBuffer buffer) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        LogCapture appender = new LogCapture(buffer);
        appender.setContext(ctx);
        appender.setName("tui");
        appender.encoder = new PatternLayoutEncoder();
        appender.encoder.setContext(ctx);
        appender.encoder.setPattern(Logging.SERVER_PATTERN);
        appender.encoder.start();
        appender.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        for (String noisy : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari",
                "org.sqlite"}) {
            ctx.getLogger(noisy).setLevel(Level.WARN);
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        buffer.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
    }
}
