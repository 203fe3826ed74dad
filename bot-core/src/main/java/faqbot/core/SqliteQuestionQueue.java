package faqbot.core;

import faqbot.knowledge.KnowledgeBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link QuestionQueue} in {@code core_queue} and {@code core_queue_askers}. Questions are put in
 * by {@link SqliteInteractionLog}'s writer ({@link #enqueue}), on its connection and in the
 * transaction of their log row. Raw platform ids are stored only for askers who opted in to a
 * notification, and deleted once it is delivered.
 */
final class SqliteQuestionQueue implements QuestionQueue {
  /**
   * Two questions whose embeddings are at least this close (cosine) ask the same thing in other
   * words ("which vitamins help hair grow" and "what vitamins make my hair grow faster"); below
   * it, questions about the same subject ask different things (see {@code QueueGroupingTest}).
   */
  static final double SAME_MEANING = 0.85;

  /**
   * Puts a question in the queue, or counts it on the open item with the same normalized text,
   * the same pending entry, or the closest meaning at least {@link #SAME_MEANING}. Runs on the
   * log writer's connection, inside its transaction, so a no-match reply does not wait for the
   * database.
   */
  static void enqueue(Connection c, long logId, long at, String text, Long pendingEntryId,
      String userKey, float[] meaning) throws SQLException {
    String normalized = Texts.normalizeQuestion(text);
    Long id = null;
    try (PreparedStatement p = c.prepareStatement(
        "SELECT id FROM core_queue WHERE status = 'open' AND normalized = ? ORDER BY id LIMIT 1")) {
      p.setString(1, normalized);
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          id = r.getLong(1);
        }
      }
    }
    if (id == null && pendingEntryId != null) {
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM core_queue WHERE status = "
          + "'open' AND pending_entry_id = ? ORDER BY id LIMIT 1")) {
        p.setLong(1, pendingEntryId);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            id = r.getLong(1);
          }
        }
      }
    }
    if (id == null && meaning != null && meaning.length > 0) {
      id = closestInMeaning(c, meaning);
    }
    if (id == null) {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO core_queue(normalized, text, pending_entry_id, asked_count, first_at, "
              + "last_at, status, meaning) VALUES(?,?,?,1,?,?,'open',?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setBytes(6, meaning == null || meaning.length == 0 ? null : encode(meaning));
        p.setString(1, normalized);
        p.setString(2, text);
        if (pendingEntryId == null) {
          p.setNull(3, Types.INTEGER);
        } else {
          p.setLong(3, pendingEntryId);
        }
        p.setLong(4, at);
        p.setLong(5, at);
        p.executeUpdate();
        try (ResultSet k = p.getGeneratedKeys()) {
          k.next();
          id = k.getLong(1);
        }
      }
    } else {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE core_queue SET asked_count = asked_count + 1, last_at = ? WHERE id = ?")) {
        p.setLong(1, at);
        p.setLong(2, id);
        p.executeUpdate();
      }
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO core_queue_askers(queue_id, user_key, at, log_id) VALUES(?,?,?,?) "
            + "ON CONFLICT(queue_id, user_key) DO UPDATE SET at = excluded.at, "
            + "log_id = excluded.log_id")) {
      p.setLong(1, id);
      p.setString(2, userKey);
      p.setLong(3, at);
      p.setLong(4, logId);
      p.executeUpdate();
    }
  }

  /** The open item closest in meaning, when at least {@link #SAME_MEANING}; the open queue is small. */
  private static Long closestInMeaning(Connection c, float[] meaning) throws SQLException {
    Long best = null;
    double bestCosine = SAME_MEANING;
    try (PreparedStatement p = c.prepareStatement(
        "SELECT id, meaning FROM core_queue WHERE status = 'open' AND meaning IS NOT NULL");
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        float[] other = decode(r.getBytes(2));
        if (other.length != meaning.length) {
          continue;
        }
        double dot = 0;
        for (int i = 0; i < other.length; i++) {
          dot += other[i] * meaning[i];
        }
        if (dot >= bestCosine) {
          bestCosine = dot;
          best = r.getLong(1);
        }
      }
    }
    return best;
  }

  private static byte[] encode(float[] v) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  private static float[] decode(byte[] bytes) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
    float[] v = new float[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }

  private final SqliteCoreTables db;
  private final Clock clock;

  SqliteQuestionQueue(SqliteCoreTables db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public boolean subscribe(long logId, String userKey, Platform platform, String userId,
      String chatId) {
    db.flushLog();
    return db.call("cannot record the notification request", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE core_queue_askers SET notify = 1, platform = ?, user_id = ?, chat_id = ? "
              + "WHERE log_id = ? AND user_key = ? AND EXISTS "
              + "(SELECT 1 FROM core_queue q WHERE q.id = queue_id AND q.status = 'open')")) {
        p.setString(1, platform.key());
        p.setString(2, userId);
        p.setString(3, chatId);
        p.setLong(4, logId);
        p.setString(5, userKey);
        return p.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<Item> open(int offset, int limit) {
    db.flushLog();
    return items("WHERE q.status = 'open' ORDER BY q.asked_count DESC, q.last_at DESC, q.id "
        + "LIMIT " + Math.max(1, limit) + " OFFSET " + Math.max(0, offset));
  }

  @Override
  public Optional<Item> item(long id) {
    db.flushLog();
    List<Item> l = items("WHERE q.id = " + id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** The item groups messages with the same normalized text, pending match or meaning. */
  @Override
  public List<String> phrasings(long id) {
    db.flushLog();
    return db.call("cannot read the queue", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT q.text FROM core_queue q "
          + "WHERE q.id = ? UNION ALL SELECT i.text FROM core_queue_askers a "
          + "JOIN core_interactions i ON i.id = a.log_id AND i.user_key = a.user_key "
          + "WHERE a.queue_id = ?")) {
        p.setLong(1, id);
        p.setLong(2, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            String t = r.getString(1);
            if (t != null && !t.isBlank() && !out.contains(t)) {
              out.add(t);
            }
          }
        }
      }
      return out;
    });
  }

  private List<Item> items(String where) {
    return db.call("cannot read the queue", c -> {
      List<Item> out = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT q.id, q.text, q.pending_entry_id, q.asked_count, "
              + "q.first_at, q.last_at, q.status, (SELECT COUNT(*) FROM core_queue_askers a "
              + "WHERE a.queue_id = q.id AND a.notify = 1) FROM core_queue q " + where)) {
        while (r.next()) {
          long pending = r.getLong(3);
          Long pendingId = r.wasNull() ? null : pending;
          out.add(new Item(r.getLong(1), r.getString(2), pendingId, r.getInt(4),
              Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6)),
              r.getString(7), r.getInt(8)));
        }
      }
      return out;
    });
  }

  @Override
  public List<Subscriber> close(long id, String status, Long answerEntryId, String actor) {
    db.flushLog();
    return db.inTransaction("cannot close the queue item", c -> {
      List<Subscriber> subs = close(c, clock.millis(), id, status, answerEntryId, actor);
      if (subs == null) {
        c.rollback();
        return List.of();
      }
      return subs;
    });
  }

  @Override
  public KnowledgeBase.InSameTransaction closeAnsweredBy(long id, String actor,
      Consumer<List<Subscriber>> subscribers) {
    return (connection, written) -> {
      List<Subscriber> subs = close(connection, clock.millis(), id, "answered", written.id(),
          actor);
      if (subs == null) {
        throw new NotOpen();
      }
      subscribers.accept(subs);
    };
  }

  /**
   * Closes an open queue item on {@code on}, inside the caller's transaction, and takes its askers'
   * notification requests (their platform ids are cleared). Null when the item is not open.
   */
  private static List<Subscriber> close(Connection on, long now, long id, String status,
      Long answerEntryId, String actor) throws SQLException {
    // the write comes first so this transaction holds the write lock before it reads: a read
    // first would fail (SQLITE_BUSY_SNAPSHOT) if the log writer committed in between
    int n;
    try (PreparedStatement p = on.prepareStatement(
        "UPDATE core_queue SET status = ?, answer_entry_id = ?, closed_at = ?, closed_by = ? "
            + "WHERE id = ? AND status = 'open'")) {
      p.setString(1, status);
      if (answerEntryId == null) {
        p.setNull(2, Types.INTEGER);
      } else {
        p.setLong(2, answerEntryId);
      }
      p.setLong(3, now);
      p.setString(4, actor);
      p.setLong(5, id);
      n = p.executeUpdate();
    }
    if (n == 0) {
      return null;
    }
    List<Subscriber> subs = new ArrayList<>();
    try (PreparedStatement p = on.prepareStatement(
        "SELECT user_key, platform, user_id, chat_id FROM core_queue_askers "
            + "WHERE queue_id = ? AND notify = 1")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          Platform pf = platformOf(r.getString(2));
          if (pf != null) {
            subs.add(new Subscriber(r.getString(1), pf, r.getString(3), r.getString(4)));
          }
        }
      }
    }
    try (PreparedStatement p = on.prepareStatement(
        "UPDATE core_queue_askers SET notify = 0, platform = NULL, user_id = NULL, "
            + "chat_id = NULL WHERE queue_id = ?")) {
      p.setLong(1, id);
      p.executeUpdate();
    }
    return subs;
  }

  /** The platform of a stored key, null for one this version does not know. */
  static Platform platformOf(String key) {
    for (Platform p : Platform.values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    return null;
  }
}
