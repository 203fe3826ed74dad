package faqbot.knowledge;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where faqbot keeps its tables: the embedded SQLite file in the home (one machine, the default),
 * or a PostgreSQL server shared by several replicas ({@code FAQBOT_DATABASE_URL}). Every store
 * opens its connections here and brings its schema up to date with {@link #migrate}, so the same
 * tracks and versions describe both databases.
 */
public final class Database implements AutoCloseable {
  /** The SQL the database speaks; stores pick the few statements that differ by it. */
  public enum Dialect { SQLITE, POSTGRESQL }

  /**
   * One module's released schema steps, for each database. Step i means the same tables in both,
   * so a home copied from one to the other (faqbot migrate) keeps its versions. Steps are never
   * edited once released; a change is a new step in both lists.
   */
  public record Track(String name, List<String> sqlite, List<String> postgresql) {
    public Track {
      if (sqlite.size() != postgresql.size()) {
        throw new IllegalArgumentException("schema track " + name + " has " + sqlite.size()
            + " SQLite steps but " + postgresql.size() + " PostgreSQL steps");
      }
      sqlite = List.copyOf(sqlite);
      postgresql = List.copyOf(postgresql);
    }

    List<String> steps(Dialect dialect) {
      return dialect == Dialect.SQLITE ? sqlite : postgresql;
    }
  }

  // any constant: every replica takes the same lock, so only one migrates at a time
  private static final long MIGRATION_LOCK = 0x66617162_6f740001L;

  private final Dialect dialect;
  private final Path sqliteFile;
  private final HikariDataSource pool;
  private final String description;
  /** For connections outside the pool ({@link #openDedicated}); null on SQLite. */
  private final java.util.Properties dedicated;
  private final String jdbcUrl;

  private Database(Dialect dialect, Path sqliteFile, HikariDataSource pool, String description,
      String jdbcUrl, java.util.Properties dedicated) {
    this.dialect = dialect;
    this.sqliteFile = sqliteFile;
    this.pool = pool;
    this.description = description;
    this.jdbcUrl = jdbcUrl;
    this.dedicated = dedicated;
  }

  /** The SQLite file {@code file}, created (owner only) when missing. */
  public static Database sqlite(Path file) {
    return new Database(Dialect.SQLITE, file, null, file.toString(), null, null);
  }

  /**
   * A pool of connections to the PostgreSQL database at {@code jdbcUrl}
   * ({@code jdbc:postgresql://host:port/db}); {@code user} and {@code password} may be null when
   * the URL or the server's authentication does without them.
   */
  public static Database postgresql(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host/db): "
          + redacted(jdbcUrl));
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("faqbot");
    // stores keep a writer and a reader each and borrow more for snapshots and exports
    config.setMaximumPoolSize(16);
    config.setMinimumIdle(2);
    config.setConnectionTimeout(10_000);
    // an unreachable server is reported when the pool is made, not at the first question
    config.setInitializationFailTimeout(10_000);
    java.util.Properties dedicated = new java.util.Properties();
    if (user != null) {
      dedicated.setProperty("user", user);
    }
    if (password != null) {
      dedicated.setProperty("password", password);
    }
    return new Database(Dialect.POSTGRESQL, null, new HikariDataSource(config), redacted(jdbcUrl),
        jdbcUrl, dedicated);
  }

  /**
   * A PostgreSQL connection of the caller's own, outside the pool, straight from the PostgreSQL
   * driver: for a session that lives as long as the process and must not hold a pooled connection
   * (a {@code LISTEN}). The caller closes it.
   *
   * @throws SQLException on SQLite, which has no server to listen to, or when the server is down
   */
  public Connection openDedicated() throws SQLException {
    if (dialect != Dialect.POSTGRESQL) {
      throw new SQLException("a dedicated connection needs PostgreSQL, not " + description);
    }
    java.util.Properties p = new java.util.Properties();
    p.putAll(dedicated);
    // a dead server or network is noticed within seconds, not at the operating system's timeout
    p.setProperty("connectTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "faqbot-listen");
    return new org.postgresql.Driver().connect(jdbcUrl, p);
  }

  /** The SQLite file; null on PostgreSQL. */
  public Path sqliteFile() {
    return sqliteFile;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * A connection for a store's writes. On SQLite each transaction begins IMMEDIATE, taking the
   * write lock up front (see {@link Sqlite#openForWriting}); on PostgreSQL stores lock the rows
   * they read before writing ({@link #forUpdate()}).
   */
  public Connection openWriter() throws SQLException {
    return dialect == Dialect.SQLITE ? Sqlite.openForWriting(sqliteFile) : pool.getConnection();
  }

  /**
   * A connection for reads. A transaction on it reads one snapshot, as SQLite's always do: on
   * PostgreSQL that takes REPEATABLE READ, since its default sees each statement's own commit.
   */
  public Connection openReader() throws SQLException {
    if (dialect == Dialect.SQLITE) {
      return Sqlite.open(sqliteFile);
    }
    Connection c = pool.getConnection();
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    return c;
  }

  /**
   * Appended to a SELECT in a write transaction that decides what it writes from what it read: on
   * PostgreSQL it locks the rows until the commit; SQLite's IMMEDIATE transactions already hold
   * the whole database.
   */
  public String forUpdate() {
    return dialect == Dialect.SQLITE ? "" : " FOR UPDATE";
  }

  /**
   * Brings {@code track} up to its last step: step i (0-based) is applied once, in its own
   * transaction, when the recorded version is i. On PostgreSQL replicas that start together wait
   * for each other, so each step runs once.
   *
   * @return the version the track was at before
   */
  public int migrate(Connection c, Track track) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      return Sqlite.migrate(c, track.name(), track.sqlite());
    }
    List<String> steps = track.steps(dialect);
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      lockMigrations(c);
      int before = Sqlite.version(c, track.name());
      if (before > steps.size()) {
        throw new SQLException("database schema '" + track.name() + "' is at version " + before
            + ", newer than this program knows (" + steps.size() + "); upgrade faqbot");
      }
      // each step commits, which releases the lock: another replica may apply the next steps
      // before this one has the lock again, so the version is read again under each lock
      for (int v = before; v < steps.size(); v = Sqlite.version(c, track.name())) {
        try (Statement s = c.createStatement()) {
          // whole: the driver splits it, and keeps dollar-quoted function bodies together
          s.execute(steps.get(v));
        }
        Sqlite.setVersion(c, track.name(), v + 1);
        c.commit();
        lockMigrations(c);
      }
      c.commit();
      return before;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static void lockMigrations(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      p.setLong(1, MIGRATION_LOCK);
      p.execute();
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version"
          + " (track TEXT PRIMARY KEY, version INTEGER NOT NULL)");
    }
  }

  /**
   * A lock that at most one process holds among all that use this database, until it is closed
   * or the process dies (its connection ends). SQLite has one process: it is always granted.
   */
  public interface ExclusiveLock extends AutoCloseable {
    /** False once the connection holding the lock broke: another process may hold it now. */
    boolean held();

    @Override
    void close();
  }

  /**
   * Takes the lock named {@code name} if nobody holds it (a PostgreSQL session advisory lock, on
   * a connection kept for it).
   *
   * @return empty when another process holds it
   */
  public java.util.Optional<ExclusiveLock> tryLock(String name) throws java.io.IOException {
    try {
      return lock(name);
    } catch (SQLException e) {
      throw new java.io.IOException("cannot ask " + description + " for the lock " + name + ": "
          + e.getMessage(), e);
    }
  }

  private java.util.Optional<ExclusiveLock> lock(String name) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      return java.util.Optional.of(new ExclusiveLock() {
        @Override
        public boolean held() {
          return true;
        }

        @Override
        public void close() {}
      });
    }
    Connection c = pool.getConnection();
    try {
      boolean got;
      try (PreparedStatement p = c.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
        p.setString(1, name);
        try (java.sql.ResultSet r = p.executeQuery()) {
          r.next();
          got = r.getBoolean(1);
        }
      }
      if (!got) {
        c.close();
        return java.util.Optional.empty();
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return java.util.Optional.of(new ExclusiveLock() {
      @Override
      public boolean held() {
        try {
          return c.isValid(2);
        } catch (SQLException e) {
          return false;
        }
      }

      @Override
      public void close() {
        try (c) {
          try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            p.setString(1, name);
            p.execute();
          }
        } catch (SQLException ignored) {
          // a broken connection released the lock already
        }
      }
    });
  }

  /**
   * Joins the processes that divide the numbered locks {@code name} among themselves (PostgreSQL
   * only: SQLite has one process, which needs no sharing out).
   *
   * @throws java.io.IOException on SQLite, or when the server cannot be reached
   */
  public NumberedLocks joinNumberedLocks(String name) throws java.io.IOException {
    if (dialect != Dialect.POSTGRESQL) {
      throw new java.io.IOException("numbered locks need PostgreSQL, not " + description);
    }
    return PostgresNumberedLocks.join(this, name);
  }

  /** Where the tables are, for messages: the file, or the URL without any password in it. */
  @Override
  public String toString() {
    return description;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** The URL for messages and logs, without any password in it. */
  public static String describe(String jdbcUrl) {
    return redacted(jdbcUrl);
  }

  static String redacted(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***")
        .replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
  }
}
