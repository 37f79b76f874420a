package io.ssehub.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Every log event of the process while it is attached (at the levels the loggers let through), for assertions. */
public final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  public LogCapture() {
    events.start();
    root.addAppender(events);
  }

  /** The formatted lines so far, with their level and any exception's text. */
  public List<String> lines() {
    synchronized (events) {
      List<String> lines = new ArrayList<>();
      for (ILoggingEvent event : events.list) {
        lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getClassName() + ": "
            + event.getThrowableProxy().getMessage()));
      }
      return lines;
    }
  }

  /** The lines at ERROR. */
  public List<String> errors() {
    return lines().stream().filter(line -> line.startsWith(Level.ERROR + " ")).toList();
  }

  @Override
  public void close() {
    root.detachAppender(events);
  }
}
