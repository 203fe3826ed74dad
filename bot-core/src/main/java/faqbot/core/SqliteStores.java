package faqbot.core;

import faqbot.knowledge.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The core's stores in the knowledge base's database, SQLite or PostgreSQL: their tables (tracks
 * "core", "mailbox", "conversations" and "rate_limits") live beside the entries, so that one database holds a deployment's data
 * and a queued question can be closed in the same transaction as the entry that answers it.
 */
public final class SqliteStores {

  private SqliteStores() {}

  /** The core's schema (its tables and the mailbox's), for copying a database. */
  public static java.util.List<Database.Track> schema() {
    return java.util.List.of(SqliteCoreTables.TRACK, SqliteMailbox.TRACK,
        SqliteConversationStore.TRACK, SqliteRateLimits.TRACK, SqliteSendPacing.TRACK);
  }

  /**
   * The send pacing alone on {@code database}, as {@link #open} wires it: in this process on
   * SQLite (one replica), in the database on PostgreSQL (replicas). For tools and tests that pace
   * without a whole core.
   *
   * @throws java.io.UncheckedIOException when the database cannot be migrated
   */
  public static SendPacing sendPacing(Database database) {
    try {
      SqliteSendPacing.migrate(database);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the send pacing in " + database, e);
    }
    return database.dialect() == Database.Dialect.POSTGRESQL
        ? new SqliteSendPacing(database) : SendPacing.inProcess();
  }

  /**
   * Opens the stores in {@code databaseFile}, creating or migrating their tables.
   *
   * @throws java.io.UncheckedIOException when the database cannot be opened
   */
  public static CoreStores open(Path databaseFile, Clock clock) {
    return open(Database.sqlite(databaseFile), clock);
  }

  /**
   * Opens the stores in {@code database} (the knowledge base's: a queued question is closed in the
   * same transaction as the entry that answers it), creating or migrating their tables. The
   * caller keeps the database open as long as the stores.
   *
   * @throws java.io.UncheckedIOException when the database cannot be opened
   */
  public static CoreStores open(Database database, Clock clock) {
    SqliteInteractionLog log;
    try {
      log = new SqliteInteractionLog(database);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the interaction log in " + database, e);
    }
    SqliteCoreTables db = null;
    SqliteMailbox mailbox = null;
    SqliteConversationStore conversations = null;
    SqliteRateLimits rateLimits = null;
    try {
      db = new SqliteCoreTables(database, log);
      mailbox = SqliteMailbox.open(database, clock);
      conversations = new SqliteConversationStore(database);
      rateLimits = new SqliteRateLimits(database);
      SqliteSendPacing.migrate(database);
    } catch (SQLException | RuntimeException e) {
      RuntimeException failure = e instanceof RuntimeException r ? r
          : SqliteCoreTables.failure("cannot open the send pacing in " + database,
              (SQLException) e);
      for (AutoCloseable c : new AutoCloseable[] {rateLimits, conversations, mailbox, db, log}) {
        closeQuietly(c, failure);
      }
      throw failure;
    }
    SqliteCoreTables tables = db;
    SqliteMailbox box = mailbox;
    SqliteConversationStore state = conversations;
    SqliteRateLimits limits = rateLimits;
    return new CoreStores(log, new SqliteLogQueries(db), new SqliteStatistics(db),
        new SqliteQuestionQueue(db, clock), new SqliteRetention(db), new SqliteRoles(db, clock),
        new SqliteAuditTrail(db, clock), new SqliteDashboardLinks(db, clock),
        new SqliteDashboardSessions(db, clock),
        new SqlitePseudonymKeys(db), mailbox, conversations, rateLimits,
        // one replica paces in memory; replicas sharing a PostgreSQL pace together in it
        database.dialect() == Database.Dialect.POSTGRESQL
            ? new SqliteSendPacing(database) : SendPacing.inProcess(), () -> {
          // the log first: its last rows are written before the other connections go
          log.close();
          tables.close();
          box.close();
          state.close();
          limits.close();
        });
  }

  private static void closeQuietly(AutoCloseable c, RuntimeException failure) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
