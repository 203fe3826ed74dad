package faqbot.core;

import faqbot.knowledge.Database;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Connections for the small, frequent statements of conversation and rate-limit state. On SQLite
 * one connection under this object's lock: SQLite takes one writer at a time anyway, and opening
 * a file connection per statement would cost more than the statement. On PostgreSQL a connection
 * borrowed from the pool per call, so that the turns of many users run side by side instead of
 * queueing behind one connection.
 */
final class SqliteStateConnections implements AutoCloseable {
  /** Work on a connection in auto-commit mode. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Database database;
  private final Connection sqlite;

  SqliteStateConnections(Database database, Database.Track track) throws SQLException {
    this.database = database;
    Connection c = database.openWriter();
    try {
      database.migrate(c, track);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    if (database.dialect() == Database.Dialect.SQLITE) {
      sqlite = c;
    } else {
      sqlite = null;
      c.close();
    }
  }

  /** Whether several replicas share the state (PostgreSQL). */
  boolean shared() {
    return sqlite == null;
  }

  Database.Dialect dialect() {
    return database.dialect();
  }

  <T> T call(Work<T> work) throws SQLException {
    if (sqlite != null) {
      synchronized (this) {
        return work.run(sqlite);
      }
    }
    try (Connection c = database.openWriter()) {
      return work.run(c);
    }
  }

  <T> T inTransaction(Work<T> work) throws SQLException {
    return call(c -> Transactions.inTransaction(c, () -> work.run(c)));
  }

  @Override
  public synchronized void close() {
    if (sqlite != null) {
      try {
        sqlite.close();
      } catch (SQLException ignored) {
        // nothing is pending on it: every call commits before it returns
      }
    }
  }
}
