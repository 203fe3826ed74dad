package faqbot.core;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Knowledge-base writes that share the SQLite file with the interaction log's writer. */
final class KnowledgeWrites {
  private static final Logger LOG = LoggerFactory.getLogger(KnowledgeWrites.class);

  private KnowledgeWrites() {}

  /** A knowledge-base write; {@code X} is what else it may throw (an import's parse error). */
  interface KnowledgeWrite<T, X extends Exception> {
    T run() throws IOException, X;
  }

  /**
   * Runs a knowledge-base write, again when SQLite reports a lock conflict with another
   * connection to the same file (the interaction log writer commits all the time). The store
   * rolls a failed write back completely, so a retry cannot apply anything twice.
   */
  static <T, X extends Exception> T retrying(KnowledgeWrite<T, X> write) throws IOException, X {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.run();
      } catch (IOException e) {
        if (attempt >= 5 || !String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
          throw e;
        }
        LOG.info("knowledge write met a lock conflict (attempt {}), retrying", attempt);
        try {
          Thread.sleep(25L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
