package faqbot.core;

import java.sql.Connection;
import java.sql.SQLException;

/** One write transaction on a connection that is otherwise in auto-commit mode. */
final class Transactions {

  /** Work done inside the transaction. */
  interface Work<T> {
    T run() throws SQLException;
  }

  private Transactions() {}

  /**
   * Runs the work and commits, or rolls back and rethrows when it fails, a runtime failure
   * included (auto-commit coming back on would otherwise commit half of it).
   */
  static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }
}
