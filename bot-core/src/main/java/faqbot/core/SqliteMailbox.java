package faqbot.core;

import faqbot.knowledge.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link Mailbox} in the core's database (migration track "mailbox"): SQLite, or a PostgreSQL
 * that several replicas share. One connection under this object's lock; every method is one
 * transaction, committed before it returns, so a caller may confirm to the platform as soon as
 * {@link #receive} returns.
 *
 * <p>Patients' words are kept no longer than needed: a turn's payload is cleared when it is done
 * and a message's when it is delivered or refused. The bare rows stay for a week so that a
 * redelivered event is recognised, then they are deleted.
 *
 * <p>Each process claims the turns it stores and the messages it is to send. On a database that
 * replicas share, a claim is a lease the process renews while it lives; the turns and messages of
 * a replica that died are adopted by another through {@link #unfinished} and
 * {@link #undelivered} once its lease ran out, and never while it lives, so nothing is lost and
 * nothing is handled twice. On SQLite one process owns the mailbox, and what an earlier process
 * left is adopted at once. An adapter takes up everything not under a live claim when it starts
 * ({@link #unfinished}, {@link #undelivered}) and only orphans in a periodic sweep.
 */
final class SqliteMailbox implements Mailbox, AutoCloseable {
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE mailbox_in (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        source_id TEXT NOT NULL,
        lane TEXT NOT NULL,
        payload TEXT,
        received_at INTEGER NOT NULL,
        done_at INTEGER,
        UNIQUE (platform, source_id)
      );
      CREATE INDEX mailbox_in_open ON mailbox_in(platform, done_at);
      CREATE TABLE mailbox_out (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        platform TEXT NOT NULL,
        turn_id INTEGER,
        lane TEXT NOT NULL,
        payload TEXT,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'refused')),
        done_at INTEGER
      );
      CREATE INDEX mailbox_out_pending ON mailbox_out(platform, state);
      CREATE TABLE mailbox_cursors (
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (platform, name)
      )
      """,
      // who handles a turn or sends a message, until when (see the class comment)
      """
      ALTER TABLE mailbox_in ADD COLUMN claimed_by TEXT;
      ALTER TABLE mailbox_in ADD COLUMN claimed_until INTEGER;
      ALTER TABLE mailbox_out ADD COLUMN claimed_by TEXT;
      ALTER TABLE mailbox_out ADD COLUMN claimed_until INTEGER
      """);
  static final List<String> POSTGRESQL_MIGRATIONS = List.of(
      """
      CREATE TABLE mailbox_in (
        id BIGSERIAL PRIMARY KEY,
        platform TEXT NOT NULL,
        source_id TEXT NOT NULL,
        lane TEXT NOT NULL,
        payload TEXT,
        received_at BIGINT NOT NULL,
        done_at BIGINT,
        UNIQUE (platform, source_id)
      );
      CREATE INDEX mailbox_in_open ON mailbox_in(platform, done_at);
      CREATE TABLE mailbox_out (
        id BIGSERIAL PRIMARY KEY,
        platform TEXT NOT NULL,
        turn_id BIGINT,
        lane TEXT NOT NULL,
        payload TEXT,
        created_at BIGINT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'refused')),
        done_at BIGINT
      );
      CREATE INDEX mailbox_out_pending ON mailbox_out(platform, state);
      CREATE TABLE mailbox_cursors (
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        value BIGINT NOT NULL,
        PRIMARY KEY (platform, name)
      )
      """,
      """
      ALTER TABLE mailbox_in ADD COLUMN claimed_by TEXT;
      ALTER TABLE mailbox_in ADD COLUMN claimed_until BIGINT;
      ALTER TABLE mailbox_out ADD COLUMN claimed_by TEXT;
      ALTER TABLE mailbox_out ADD COLUMN claimed_until BIGINT
      """);
  static final Database.Track TRACK =
      new Database.Track("mailbox", MIGRATIONS, POSTGRESQL_MIGRATIONS);
  private static final Duration KEEP_DONE = Duration.ofDays(7);
  /** How long a replica's claim lasts without renewal: how soon another adopts its work. */
  static final Duration LEASE = Duration.ofSeconds(30);

  private final Connection c;
  private final Clock clock;
  private final boolean shared;
  private final String owner = java.util.UUID.randomUUID().toString();
  private long prunedAt;

  private SqliteMailbox(Connection c, Database db, Clock clock) throws SQLException {
    this.c = c;
    this.clock = clock;
    this.shared = db.dialect() == Database.Dialect.POSTGRESQL;
    db.migrate(c, TRACK);
    prune();
  }

  static SqliteMailbox open(Path databaseFile, Clock clock) {
    return open(Database.sqlite(databaseFile), clock);
  }

  /** The mailbox in {@code db}, which the caller keeps open as long as the mailbox. */
  static SqliteMailbox open(Database db, Clock clock) {
    try {
      return new SqliteMailbox(db.openWriter(), db, clock);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the mailbox in " + db, e);
    }
  }

  /** Same tables in a private in-memory database, for cores that have no database file. */
  static SqliteMailbox inMemory(Clock clock) {
    try {
      return new SqliteMailbox(DriverManager.getConnection("jdbc:sqlite::memory:"),
          Database.sqlite(Path.of(":memory:")), clock);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot create an in-memory mailbox", e);
    }
  }

  /** Whether replicas share it: claims then are leases that {@link #renewClaims} keeps alive. */
  @Override
  public boolean shared() {
    return shared;
  }

  /**
   * Extends this process's claims on the turns and messages it still has to handle; a replica
   * calls it well within every {@link #LEASE}, or another replica adopts that work.
   */
  @Override
  public synchronized void renewClaims() {
    try {
      Transactions.inTransaction(c, () -> {
        long until = clock.millis() + LEASE.toMillis();
        for (String sql : List.of(
            "UPDATE mailbox_in SET claimed_until = ? WHERE claimed_by = ? AND done_at IS NULL",
            "UPDATE mailbox_out SET claimed_until = ? WHERE claimed_by = ? AND state = 'pending'")) {
          try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, until);
            p.setString(2, owner);
            p.executeUpdate();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot renew the mailbox's claims", e);
    }
  }

  /** A row adopted: its id and the columns asked for. */
  private interface Adopted<T> {
    T read(ResultSet r) throws SQLException;
  }

  /**
   * Claims the rows of {@code table} in {@code open} state that no live replica handles, and
   * returns them in id order: this process's own too when {@code ownToo} (an adapter starting, or
   * starting again after a failure, handles nothing yet), else only those of an earlier process
   * (SQLite) or of a replica whose lease ran out (shared).
   */
  private <T> List<T> adopt(String table, String open, String columns, Platform platform,
      boolean ownToo, Adopted<T> reader) throws SQLException {
    long now = clock.millis();
    List<long[]> order = new ArrayList<>();
    List<T> rows = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("UPDATE " + table
        + " SET claimed_by = ?, claimed_until = ? WHERE platform = ? AND " + open
        + " AND (claimed_by IS NULL OR claimed_by <> ? OR ?)"
        + (shared ? " AND (claimed_by = ? OR claimed_until IS NULL OR claimed_until < ?)" : "")
        + " RETURNING id, " + columns)) {
      p.setString(1, owner);
      p.setLong(2, now + LEASE.toMillis());
      p.setString(3, platform.name());
      p.setString(4, owner);
      p.setBoolean(5, ownToo);
      if (shared) {
        p.setString(6, owner);
        p.setLong(7, now);
      }
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          order.add(new long[] {r.getLong(1), rows.size()});
          rows.add(reader.read(r));
        }
      }
    }
    // RETURNING promises no order; a lane's turns and messages go in id order
    order.sort(java.util.Comparator.comparingLong(o -> o[0]));
    List<T> sorted = new ArrayList<>(rows.size());
    for (long[] o : order) {
      sorted.add(rows.get((int) o[1]));
    }
    return sorted;
  }

  /** At most daily, so that a bot that runs for months keeps only a week of rows. */
  private void pruneDaily() throws SQLException {
    if (clock.millis() - prunedAt > Duration.ofDays(1).toMillis()) {
      prune();
    }
  }

  private void prune() throws SQLException {
    prunedAt = clock.millis();
    long before = prunedAt - KEEP_DONE.toMillis();
    try (PreparedStatement in = c.prepareStatement(
            "DELETE FROM mailbox_in WHERE done_at IS NOT NULL AND done_at < ?");
        PreparedStatement out = c.prepareStatement(
            "DELETE FROM mailbox_out WHERE state <> 'pending' AND done_at < ?")) {
      in.setLong(1, before);
      in.executeUpdate();
      out.setLong(1, before);
      out.executeUpdate();
    }
  }

  @Override
  public synchronized List<Turn> receive(Platform platform, List<Arrival> arrivals,
      String cursorName, Long cursor) {
    List<Turn> stored = new ArrayList<>();
    try {
      pruneDaily();
      Transactions.inTransaction(c, () -> {
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO mailbox_in(platform, source_id, lane, payload, received_at,"
                + " claimed_by, claimed_until) VALUES(?,?,?,?,?,?,?)"
                + " ON CONFLICT(platform, source_id) DO NOTHING RETURNING id")) {
          long now = clock.millis();
          for (Arrival a : arrivals) {
            p.setString(1, platform.name());
            p.setString(2, a.sourceId());
            p.setString(3, a.lane());
            p.setString(4, a.payload());
            p.setLong(5, now);
            p.setString(6, owner);
            p.setLong(7, now + LEASE.toMillis());
            // a redelivered event, stored before by this or another replica, returns no row
            try (ResultSet r = p.executeQuery()) {
              if (r.next()) {
                stored.add(new Turn(r.getLong(1), a.lane(), a.payload()));
              }
            }
          }
          if (cursor != null) {
            try (PreparedStatement q = c.prepareStatement(
                "INSERT INTO mailbox_cursors(platform, name, value) VALUES(?,?,?)"
                    + " ON CONFLICT(platform, name) DO UPDATE SET value = excluded.value")) {
              q.setString(1, platform.name());
              q.setString(2, cursorName);
              q.setLong(3, cursor);
              q.executeUpdate();
            }
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot store received messages", e);
    }
    return stored;
  }

  @Override
  public synchronized OptionalLong cursor(Platform platform, String cursorName) {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT value FROM mailbox_cursors WHERE platform = ? AND name = ?")) {
      p.setString(1, platform.name());
      p.setString(2, cursorName);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? OptionalLong.of(r.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot read a mailbox cursor", e);
    }
  }

  @Override
  public synchronized List<Turn> unfinished(Platform platform) {
    return turns(platform, true);
  }

  @Override
  public synchronized List<Turn> orphanedTurns(Platform platform) {
    return turns(platform, false);
  }

  private List<Turn> turns(Platform platform, boolean ownToo) {
    try {
      return Transactions.inTransaction(c, () -> adopt("mailbox_in", "done_at IS NULL",
          "lane, payload", platform, ownToo,
          r -> new Turn(r.getLong(1), r.getString(2), r.getString(3))));
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot read unfinished turns", e);
    }
  }

  @Override
  public synchronized List<Outgoing> finish(long turnId, List<Outgoing> replies) {
    try {
      return Transactions.inTransaction(c, () -> {
        String platform = null;
        try (PreparedStatement p = c.prepareStatement(
            "SELECT platform FROM mailbox_in WHERE id = ? AND done_at IS NULL")) {
          p.setLong(1, turnId);
          try (ResultSet r = p.executeQuery()) {
            if (r.next()) {
              platform = r.getString(1);
            }
          }
        }
        if (platform == null) {
          c.rollback();
          return List.of();
        }
        long now = clock.millis();
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE mailbox_in SET done_at = ?, payload = NULL WHERE id = ?")) {
          p.setLong(1, now);
          p.setLong(2, turnId);
          p.executeUpdate();
        }
        List<Outgoing> out = insert(platform, turnId, replies, now);
        return out;
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot store a turn's replies", e);
    }
  }

  @Override
  public synchronized List<Outgoing> post(Platform platform, List<Outgoing> messages) {
    try {
      return Transactions.inTransaction(c, () -> {
        List<Outgoing> out = insert(platform.name(), null, messages, clock.millis());
        return out;
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot store outgoing messages", e);
    }
  }

  private List<Outgoing> insert(String platform, Long turnId, List<Outgoing> messages, long now)
      throws SQLException {
    List<Outgoing> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("INSERT INTO mailbox_out(platform, turn_id,"
        + " lane, payload, created_at, state, claimed_by, claimed_until)"
        + " VALUES(?,?,?,?,?,'pending',?,?) RETURNING id")) {
      for (Outgoing m : messages) {
        p.setString(1, platform);
        if (turnId == null) {
          p.setNull(2, java.sql.Types.INTEGER);
        } else {
          p.setLong(2, turnId);
        }
        p.setString(3, m.lane());
        p.setString(4, m.payload());
        p.setLong(5, now);
        p.setString(6, owner);
        p.setLong(7, now + LEASE.toMillis());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          out.add(new Outgoing(r.getLong(1), m.lane(), m.payload(), now));
        }
      }
    }
    return out;
  }

  @Override
  public synchronized List<Outgoing> undelivered(Platform platform) {
    return messages(platform, true);
  }

  @Override
  public synchronized List<Outgoing> orphanedMessages(Platform platform) {
    return messages(platform, false);
  }

  private List<Outgoing> messages(Platform platform, boolean ownToo) {
    try {
      return Transactions.inTransaction(c, () -> adopt("mailbox_out", "state = 'pending'",
          "lane, payload, created_at", platform, ownToo,
          r -> new Outgoing(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4))));
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot read undelivered messages", e);
    }
  }

  @Override
  public void delivered(long outgoingId) {
    close(outgoingId, "delivered");
  }

  @Override
  public void refused(long outgoingId) {
    close(outgoingId, "refused");
  }

  private synchronized void close(long outgoingId, String state) {
    try (PreparedStatement p = c.prepareStatement("UPDATE mailbox_out SET state = ?,"
        + " payload = NULL, done_at = ? WHERE id = ? AND state = 'pending'")) {
      p.setString(1, state);
      p.setLong(2, clock.millis());
      p.setLong(3, outgoingId);
      p.executeUpdate();
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot mark a message " + state, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // nothing is pending: every method committed before it returned
    }
  }
}
