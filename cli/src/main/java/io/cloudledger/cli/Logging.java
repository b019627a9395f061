package io.cloudledger.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches log verbosity; logs always go to stderr so stdout stays clean for --output json. */
final class Logging {
  private Logging() {}

  static void setVerbose(boolean verbose) {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(verbose ? Level.INFO : Level.WARN);
    }
  }
}
