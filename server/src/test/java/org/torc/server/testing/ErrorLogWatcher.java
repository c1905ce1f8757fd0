package org.torc.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** Collects ERROR-level log events while attached, so tests can assert that none happened. */
public final class ErrorLogWatcher extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> errors = new CopyOnWriteArrayList<>();

    public static ErrorLogWatcher attach() {
        ErrorLogWatcher w = new ErrorLogWatcher();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        w.setContext(root.getLoggerContext());
        w.start();
        root.addAppender(w);
        return w;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            errors.add(event.getLoggerName() + ": " + event.getFormattedMessage());
        }
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }
}
