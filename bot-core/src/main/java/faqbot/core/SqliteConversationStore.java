package faqbot.core;

import faqbot.knowledge.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ConversationStore} in the core's database (migration track "conversations"): SQLite, or
 * a PostgreSQL that replicas share. Every method is one statement (or one transaction),
 * committed before it returns, so the next message may be handled by another replica.
 */
final class SqliteConversationStore implements ConversationStore {
  /** Added after the first release: the topic a patient's follow-up refers to. */
  private static final String TOPICS = """
      CREATE TABLE core_topics (
        user_key TEXT PRIMARY KEY,
        topic TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX core_topics_expires ON core_topics(expires_at)
      """;
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE core_pending (
        token TEXT PRIMARY KEY,
        user_key TEXT NOT NULL,
        action TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX core_pending_user ON core_pending(user_key);
      CREATE INDEX core_pending_expires ON core_pending(expires_at);
      CREATE TABLE core_flows (
        user_key TEXT PRIMARY KEY,
        flow TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX core_flows_expires ON core_flows(expires_at);
      CREATE TABLE core_uploads (
        id TEXT PRIMARY KEY,
        user_key TEXT NOT NULL,
        content BLOB NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX core_uploads_expires ON core_uploads(expires_at)
      """,
      TOPICS);
  static final List<String> POSTGRESQL_MIGRATIONS = List.of(
      """
      CREATE TABLE core_pending (
        token TEXT PRIMARY KEY,
        user_key TEXT NOT NULL,
        action TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX core_pending_user ON core_pending(user_key);
      CREATE INDEX core_pending_expires ON core_pending(expires_at);
      CREATE TABLE core_flows (
        user_key TEXT PRIMARY KEY,
        flow TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX core_flows_expires ON core_flows(expires_at);
      CREATE TABLE core_uploads (
        id TEXT PRIMARY KEY,
        user_key TEXT NOT NULL,
        content BYTEA NOT NULL,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX core_uploads_expires ON core_uploads(expires_at)
      """,
      TOPICS.replace("INTEGER", "BIGINT"));
  static final Database.Track TRACK =
      new Database.Track("conversations", MIGRATIONS, POSTGRESQL_MIGRATIONS);

  private final SqliteStateConnections db;

  SqliteConversationStore(Database database) {
    try {
      this.db = new SqliteStateConnections(database, TRACK);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the conversation state in " + database, e);
    }
  }

  private interface Statement<T> {
    T run(PreparedStatement p) throws SQLException;
  }

  private <T> T one(String what, String sql, Statement<T> work) {
    try {
      return db.call(c -> {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          return work.run(p);
        }
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure(what, e);
    }
  }

  private static List<Pending> pendings(PreparedStatement p) throws SQLException {
    List<Pending> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(new Pending(r.getString(1), r.getString(2), r.getLong(3)));
      }
    }
    return out;
  }

  @Override
  public void putPending(String token, String userKey, String action, long expires) {
    one("cannot keep a confirmation", "INSERT INTO core_pending(token, user_key, action,"
        + " expires_at) VALUES (?, ?, ?, ?)", p -> {
          p.setString(1, token);
          p.setString(2, userKey);
          p.setString(3, action);
          p.setLong(4, expires);
          return p.executeUpdate();
        });
  }

  @Override
  public Pending takePending(String token, String userKey) {
    // one statement: of two replicas pressed the same button at once, one gets the action
    List<Pending> taken = one("cannot read a confirmation", "DELETE FROM core_pending"
        + " WHERE token = ? AND user_key = ? RETURNING user_key, action, expires_at", p -> {
          p.setString(1, token);
          p.setString(2, userKey);
          return pendings(p);
        });
    return taken.isEmpty() ? null : taken.get(0);
  }

  @Override
  public Pending removePending(String token) {
    List<Pending> taken = one("cannot withdraw a confirmation", "DELETE FROM core_pending"
        + " WHERE token = ? RETURNING user_key, action, expires_at", p -> {
          p.setString(1, token);
          return pendings(p);
        });
    return taken.isEmpty() ? null : taken.get(0);
  }

  @Override
  public List<Pending> removePendingOf(String userKey) {
    return one("cannot withdraw confirmations", "DELETE FROM core_pending WHERE user_key = ?"
        + " RETURNING user_key, action, expires_at", p -> {
          p.setString(1, userKey);
          return pendings(p);
        });
  }

  /**
   * One user's row of a per-user table (flows, topics): {@code kind} names both the table
   * ({@code core_<kind>s}) and its value column, constants of this class, never user input.
   */
  private String userValue(String kind, String userKey, long now) {
    return one("cannot read a " + kind, "SELECT " + kind + " FROM core_" + kind + "s"
        + " WHERE user_key = ? AND expires_at >= ?", p -> {
          p.setString(1, userKey);
          p.setLong(2, now);
          try (ResultSet r = p.executeQuery()) {
            return r.next() ? r.getString(1) : null;
          }
        });
  }

  private void putUserValue(String kind, String userKey, String value, long expires) {
    one("cannot keep a " + kind, "INSERT INTO core_" + kind + "s(user_key, " + kind
        + ", expires_at) VALUES (?, ?, ?) ON CONFLICT (user_key) DO UPDATE SET " + kind
        + " = excluded." + kind + ", expires_at = excluded.expires_at", p -> {
          p.setString(1, userKey);
          p.setString(2, value);
          p.setLong(3, expires);
          return p.executeUpdate();
        });
  }

  private boolean removeUserValue(String kind, String userKey) {
    return one("cannot drop a " + kind, "DELETE FROM core_" + kind + "s WHERE user_key = ?", p -> {
      p.setString(1, userKey);
      return p.executeUpdate() > 0;
    });
  }

  @Override
  public String flow(String userKey, long now) {
    return userValue("flow", userKey, now);
  }

  @Override
  public void putFlow(String userKey, String flow, long expires) {
    putUserValue("flow", userKey, flow, expires);
  }

  @Override
  public boolean removeFlow(String userKey) {
    return removeUserValue("flow", userKey);
  }

  @Override
  public String topic(String userKey, long now) {
    return userValue("topic", userKey, now);
  }

  @Override
  public void putTopic(String userKey, String topic, long expires) {
    putUserValue("topic", userKey, topic, expires);
  }

  @Override
  public void removeTopic(String userKey) {
    removeUserValue("topic", userKey);
  }

  @Override
  public void putUpload(String id, String userKey, Path file, long expires) throws IOException {
    // at most a platform's file limit (tens of MB); the SQLite driver reads a stream whole anyway
    byte[] content = Files.readAllBytes(file);
    one("cannot keep the file sent", "INSERT INTO core_uploads(id, user_key, content,"
        + " expires_at) VALUES (?, ?, ?, ?)", p -> {
          p.setString(1, id);
          p.setString(2, userKey);
          p.setBytes(3, content);
          p.setLong(4, expires);
          return p.executeUpdate();
        });
  }

  @Override
  public byte[] upload(String id) {
    return one("cannot read the file sent", "SELECT content FROM core_uploads WHERE id = ?", p -> {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getBytes(1) : null;
      }
    });
  }

  @Override
  public void removeUpload(String id) {
    one("cannot delete the file sent", "DELETE FROM core_uploads WHERE id = ?", p -> {
      p.setString(1, id);
      return p.executeUpdate();
    });
  }

  @Override
  public void deleteExpired(long now) {
    try {
      db.inTransaction(c -> {
        for (String table : List.of("core_pending", "core_flows", "core_topics",
            "core_uploads")) {
          try (PreparedStatement p = c.prepareStatement(
              "DELETE FROM " + table + " WHERE expires_at < ?")) {
            p.setLong(1, now);
            p.executeUpdate();
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot delete expired conversation state", e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
