package faqbot.knowledge;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Opens the one SQLite database that every module keeps its tables in, and applies each module's
 * schema migrations. Each module names its own migration track, so modules evolve their tables
 * independently in the same file.
 */
public final class Sqlite {
  private Sqlite() {}

  /** Opens (creating if needed) the database file in WAL mode with foreign keys on. */
  public static Connection open(Path file) throws SQLException {
    return open(file, false);
  }

  /**
   * Opens a connection whose transactions write: each begins IMMEDIATE, taking the write lock up
   * front. A deferred transaction that reads and then writes would instead fail with
   * SQLITE_BUSY_SNAPSHOT when another connection (the log writer, say) commits in between; this
   * way it waits for the lock (busy_timeout) and then sees the latest data. Only for connections
   * that switch auto-commit off per transaction: one that keeps a transaction always open would
   * hold the write lock all the time. Read-only snapshots use {@link #open(Path)}.
   */
  public static Connection openForWriting(Path file) throws SQLException {
    return open(file, true);
  }

  private static Connection open(Path file, boolean immediate) throws SQLException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        PrivateFiles.createPrivateDirectory(parent);
      }
      // patients' questions and staff ids: owner only, and SQLite gives the WAL and shared-memory
      // files the database's mode; files from older installs are tightened here too
      PrivateFiles.createPrivateFile(file);
      PrivateFiles.restrict(Path.of(file + "-wal"));
      PrivateFiles.restrict(Path.of(file + "-shm"));
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create " + file + ": " + e.getMessage(), e);
    }
    java.util.Properties props = new java.util.Properties();
    if (immediate) {
      props.setProperty("transaction_mode", "IMMEDIATE");
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA foreign_keys=ON");
      // other connections (the bot's log writer, a CLI import) may hold the write lock briefly
      s.execute("PRAGMA busy_timeout=10000");
    }
    return c;
  }

  /**
   * Brings track {@code track} up to {@code steps.size()}: step i (0-based) is applied once, in
   * its own transaction, when the recorded version is i. Steps are never edited once released;
   * a schema change is a new step.
   *
   * @return the version the track was at before
   */
  public static int migrate(Connection c, String track, List<String> steps) throws SQLException {
    boolean auto = c.getAutoCommit();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (track TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    }
    int before = version(c, track);
    if (before > steps.size()) {
      throw new SQLException("database schema '" + track + "' is at version " + before
          + ", newer than this program knows (" + steps.size() + "); upgrade faqbot");
    }
    c.setAutoCommit(false);
    try {
      for (int v = before; v < steps.size(); v++) {
        try (Statement s = c.createStatement()) {
          for (String sql : steps.get(v).split(";\\s*(\\n|$)")) {
            if (!sql.isBlank()) {
              s.execute(sql);
            }
          }
        }
        setVersion(c, track, v + 1);
        c.commit();
      }
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
    return before;
  }

  static void setVersion(Connection c, String track, int version) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO schema_version(track, version) VALUES(?, ?) "
            + "ON CONFLICT(track) DO UPDATE SET version = excluded.version")) {
      p.setString(1, track);
      p.setInt(2, version);
      p.executeUpdate();
    }
  }

  static int version(Connection c, String track) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT version FROM schema_version WHERE track = ?")) {
      p.setString(1, track);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getInt(1) : 0;
      }
    }
  }
}
