package dev.switchgear.adapter.billing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures what one class logs (its formatted messages and any throwable's messages), for asserting on. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Class<?> type) {
        logger = (Logger) LoggerFactory.getLogger(type);
        appender.start();
        logger.addAppender(appender);
    }

    /** Each event as "LEVEL message" followed by the messages of its throwable chain, if any. */
    synchronized List<String> lines() {
        return List.copyOf(appender.list).stream().map(e -> {
            StringBuilder line = new StringBuilder(e.getLevel() + " " + e.getFormattedMessage());
            for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            return line.toString();
        }).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
