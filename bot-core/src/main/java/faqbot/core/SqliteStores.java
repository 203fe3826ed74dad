package faqbot.core;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The core's stores in SQLite: its tables (tracks "core" and "mailbox") live in the knowledge
 * base's database file, so that one file holds a deployment's data and a queued question can be
 * closed in the same transaction as the entry that answers it.
 */
public final class SqliteStores {

  private SqliteStores() {}

  /**
   * Opens the stores in {@code databaseFile}, creating or migrating their tables.
   *
   * @throws java.io.UncheckedIOException when the database cannot be opened
   */
  public static CoreStores open(Path databaseFile, Clock clock) {
    SqliteInteractionLog log;
    try {
      log = new SqliteInteractionLog(databaseFile);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the interaction log in " + databaseFile, e);
    }
    SqliteCoreTables db;
    SqliteMailbox mailbox;
    try {
      db = new SqliteCoreTables(databaseFile, log);
      try {
        mailbox = SqliteMailbox.open(databaseFile, clock);
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    return new CoreStores(log, new SqliteLogQueries(db), new SqliteStatistics(db),
        new SqliteQuestionQueue(db, clock), new SqliteRetention(db), new SqliteRoles(db, clock),
        new SqliteAuditTrail(db, clock), new SqliteDashboardLinks(db, clock),
        new SqlitePseudonymKeys(db), mailbox, () -> {
          // the log first: its last rows are written before the other connections go
          log.close();
          db.close();
          mailbox.close();
        });
  }
}
