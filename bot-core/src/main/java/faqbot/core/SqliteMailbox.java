package faqbot.core;

import faqbot.knowledge.Sqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@link Mailbox} in SQLite (migration track "mailbox"), in the core's database file. One
 * connection under this object's lock; every method is one transaction, committed before it
 * returns, so a caller may confirm to the platform as soon as {@link #receive} returns.
 *
 * <p>Patients' words are kept no longer than needed: a turn's payload is cleared when it is done
 * and a message's when it is delivered or refused. The bare rows stay for a week so that a
 * redelivered event is recognised, then they are deleted.
 */
final class SqliteMailbox implements Mailbox, AutoCloseable {
  static final String TRACK = "mailbox";
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
      """);
  private static final Duration KEEP_DONE = Duration.ofDays(7);

  private final Connection c;
  private final Clock clock;
  private long prunedAt;

  private SqliteMailbox(Connection c, Clock clock) throws SQLException {
    this.c = c;
    this.clock = clock;
    Sqlite.migrate(c, TRACK, MIGRATIONS);
    prune();
  }

  static SqliteMailbox open(Path databaseFile, Clock clock) {
    try {
      return new SqliteMailbox(Sqlite.openForWriting(databaseFile), clock);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the mailbox in " + databaseFile, e);
    }
  }

  /** Same tables in a private in-memory database, for cores that have no database file. */
  static SqliteMailbox inMemory(Clock clock) {
    try {
      return new SqliteMailbox(DriverManager.getConnection("jdbc:sqlite::memory:"), clock);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot create an in-memory mailbox", e);
    }
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
            "INSERT INTO mailbox_in(platform, source_id, lane, payload, received_at)"
                + " VALUES(?,?,?,?,?) ON CONFLICT(platform, source_id) DO NOTHING")) {
          long now = clock.millis();
          for (Arrival a : arrivals) {
            p.setString(1, platform.name());
            p.setString(2, a.sourceId());
            p.setString(3, a.lane());
            p.setString(4, a.payload());
            p.setLong(5, now);
            if (p.executeUpdate() == 1) {
              stored.add(new Turn(lastId(), a.lane(), a.payload()));
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
    List<Turn> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT id, lane, payload FROM mailbox_in"
        + " WHERE platform = ? AND done_at IS NULL ORDER BY id")) {
      p.setString(1, platform.name());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Turn(r.getLong(1), r.getString(2), r.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot read unfinished turns", e);
    }
    return out;
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
        + " lane, payload, created_at, state) VALUES(?,?,?,?,?,'pending')")) {
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
        p.executeUpdate();
        out.add(new Outgoing(lastId(), m.lane(), m.payload(), now));
      }
    }
    return out;
  }

  @Override
  public synchronized List<Outgoing> undelivered(Platform platform) {
    List<Outgoing> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT id, lane, payload, created_at"
        + " FROM mailbox_out WHERE platform = ? AND state = 'pending' ORDER BY id")) {
      p.setString(1, platform.name());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Outgoing(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot read undelivered messages", e);
    }
    return out;
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

  private long lastId() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT last_insert_rowid()")) {
      r.next();
      return r.getLong(1);
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
