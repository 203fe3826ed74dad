package faqbot.core;

import faqbot.knowledge.Sqlite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The core's tables in the shared SQLite file (migration track "core"): roles, the moderators'
 * queue and who asked, the audit trail, settings, and reads of the interaction log (which
 * {@link InteractionLog} writes on its own connection). One connection, used under this object's
 * lock: these are low-volume staff and queue operations, off the answering hot path.
 *
 * <p>Raw platform ids are stored only where the product needs them: staff roles (to grant by id)
 * and queue askers who opted in to a notification (to deliver it; deleted once delivered).
 */
final class CoreStore implements AutoCloseable {
  static final String TRACK = "core";
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE core_interactions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        chat_type TEXT NOT NULL,
        user_key TEXT NOT NULL,
        text TEXT NOT NULL,
        outcome TEXT NOT NULL,
        entry_id INTEGER,
        external_id TEXT,
        confidence REAL,
        latency_ms INTEGER NOT NULL,
        triage_rule TEXT,
        feedback INTEGER
      );
      CREATE INDEX core_interactions_at ON core_interactions(at);
      CREATE INDEX core_interactions_user ON core_interactions(user_key);
      CREATE TABLE core_roles (
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        granted_by TEXT,
        granted_at INTEGER NOT NULL,
        PRIMARY KEY (platform, user_id)
      );
      CREATE TABLE core_queue (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        normalized TEXT NOT NULL,
        text TEXT NOT NULL,
        pending_entry_id INTEGER,
        asked_count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        answer_entry_id INTEGER,
        closed_at INTEGER,
        closed_by TEXT
      );
      CREATE INDEX core_queue_open ON core_queue(status, normalized);
      CREATE TABLE core_queue_askers (
        queue_id INTEGER NOT NULL REFERENCES core_queue(id) ON DELETE CASCADE,
        user_key TEXT NOT NULL,
        platform TEXT,
        user_id TEXT,
        chat_id TEXT,
        notify INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL,
        PRIMARY KEY (queue_id, user_key)
      );
      CREATE INDEX core_queue_askers_user ON core_queue_askers(user_key);
      CREATE TABLE core_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );
      CREATE TABLE core_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)
      """,
      // queue grouping looks up open items by pending entry; a subscription names its log row
      """
      CREATE INDEX core_queue_pending ON core_queue(status, pending_entry_id);
      ALTER TABLE core_queue_askers ADD COLUMN log_id INTEGER;
      CREATE INDEX core_queue_askers_log ON core_queue_askers(log_id)
      """,
      // care level of each message (urgent messages are answered, so the outcome cannot say it)
      """
      ALTER TABLE core_interactions ADD COLUMN triage_level TEXT
      """,
      // the embedding of an open item's question, so the queue groups questions by meaning
      """
      ALTER TABLE core_queue ADD COLUMN meaning BLOB
      """,
      // the dashboard: one-time sign-in links (only a hash of each token), and covering indexes so
      // the overview and the entries page read the log's index, not its rows (which hold the text)
      """
      CREATE TABLE core_dashboard_links (
        token_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX core_interactions_overview ON core_interactions(at, outcome, platform,
        latency_ms, feedback, triage_level, triage_rule);
      CREATE INDEX core_interactions_answers ON core_interactions(outcome, entry_id, at, feedback)
      """);

  static final String QUESTION_OUTCOMES = "('answered','no_match','emergency')";

  private final Connection c;
  /**
   * The dashboard's long reads (a second or so over months of log) run on their own connection
   * under their own lock, so staff commands and "Notify me" presses never wait for them.
   */
  private final Object readerLock = new Object();
  private Connection reader;
  private final Path databaseFile;
  private final Clock clock;
  private final int retentionDays;
  private final LongFunction<String> titles;
  private final InteractionLog log;

  CoreStore(Path databaseFile, Clock clock, int retentionDays, LongFunction<String> titles,
      InteractionLog log) {
    this.clock = clock;
    this.retentionDays = retentionDays;
    this.titles = titles;
    this.log = log;
    try {
      this.databaseFile = databaseFile;
      this.c = Sqlite.openForWriting(databaseFile);
      Sqlite.migrate(c, TRACK, MIGRATIONS);
    } catch (SQLException e) {
      throw failure("cannot open the core tables in " + databaseFile, e);
    }
  }

  static UncheckedIOException failure(String what, SQLException e) {
    return new UncheckedIOException(new IOException(what + ": " + e.getMessage(), e));
  }

  // ---- settings ------------------------------------------------------------------------------

  /** The pseudonymization key kept in the database, created on first use. */
  synchronized byte[] storedKey() {
    try {
      Optional<String> v = setting("pseudonymization_key");
      if (v.isPresent()) {
        return HexFormat.of().parseHex(v.get());
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      try (PreparedStatement p = c.prepareStatement(
          "INSERT OR IGNORE INTO core_settings(name, value) VALUES('pseudonymization_key', ?)")) {
        p.setString(1, HexFormat.of().formatHex(key));
        p.executeUpdate();
      }
      return HexFormat.of().parseHex(setting("pseudonymization_key").orElseThrow());
    } catch (SQLException e) {
      throw failure("cannot read the pseudonymization key", e);
    }
  }

  private Optional<String> setting(String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM core_settings WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }

  // ---- roles ---------------------------------------------------------------------------------

  /** All stored roles as "platform:userId" to role. */
  synchronized Map<String, Role> roles() {
    Map<String, Role> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT platform, user_id, role FROM core_roles")) {
      while (r.next()) {
        out.put(r.getString(1) + ":" + r.getString(2), Role.valueOf(r.getString(3)));
      }
    } catch (SQLException e) {
      throw failure("cannot read roles", e);
    }
    return out;
  }

  synchronized void setRole(String userRef, Role role, String actor) {
    int colon = userRef.indexOf(':');
    String platform = userRef.substring(0, colon);
    String userId = userRef.substring(colon + 1);
    try {
      if (role == Role.PATIENT) {
        try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM core_roles WHERE platform = ? AND user_id = ?")) {
          p.setString(1, platform);
          p.setString(2, userId);
          p.executeUpdate();
        }
      } else {
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO core_roles(platform, user_id, role, granted_by, granted_at) VALUES(?,?,?,?,?) "
                + "ON CONFLICT(platform, user_id) DO UPDATE SET role = excluded.role, "
                + "granted_by = excluded.granted_by, granted_at = excluded.granted_at")) {
          p.setString(1, platform);
          p.setString(2, userId);
          p.setString(3, role.name());
          p.setString(4, actor);
          p.setLong(5, clock.millis());
          p.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw failure("cannot store the role", e);
    }
  }

  // ---- audit ---------------------------------------------------------------------------------

  synchronized void audit(String actor, String action, String target, String detail) {
    try {
      audit(c, clock.millis(), actor, action, target, detail);
    } catch (SQLException e) {
      throw failure("cannot write the audit trail", e);
    }
  }

  /** An audit line written on {@code on}, in whatever transaction it is in. */
  static void audit(Connection on, long at, String actor, String action, String target,
      String detail) throws SQLException {
    try (PreparedStatement p = on.prepareStatement(
        "INSERT INTO core_audit(at, actor, action, target, detail) VALUES(?,?,?,?,?)")) {
      p.setLong(1, at);
      p.setString(2, actor);
      p.setString(3, action);
      p.setString(4, target);
      p.setString(5, detail);
      p.executeUpdate();
    }
  }

  synchronized List<Admin.AuditRecord> audit(int limit) {
    List<Admin.AuditRecord> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT id, at, actor, action, target, detail FROM core_audit ORDER BY id DESC LIMIT ?")) {
      p.setInt(1, limit <= 0 ? Integer.MAX_VALUE : limit);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Admin.AuditRecord(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
              r.getString(3), r.getString(4), r.getString(5), r.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read the audit trail", e);
    }
    return out;
  }

  // ---- queue ---------------------------------------------------------------------------------

  /** An open or closed queue item. */
  record QueueItem(long id, String text, Long pendingEntryId, int askedCount, Instant firstAt,
      Instant lastAt, String status, int subscribers) {}

  /** A subscriber to notify when a queue item is answered. */
  record Subscriber(String userKey, Platform platform, String userId, String chatId) {}

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

  /**
   * Records the asker's consent to be notified, with the ids needed to reach them. The button
   * names the no-match log row; only the user who asked it can subscribe, and only while the
   * question is open.
   */
  synchronized boolean subscribe(long logId, String userKey, Platform platform, String userId,
      String chatId) {
    log.flush();
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
    } catch (SQLException e) {
      throw failure("cannot record the notification request", e);
    }
  }

  synchronized List<QueueItem> openQueue(int offset, int limit) {
    log.flush();
    return queueItems("WHERE q.status = 'open' ORDER BY q.asked_count DESC, q.last_at DESC, q.id "
        + "LIMIT " + Math.max(1, limit) + " OFFSET " + Math.max(0, offset));
  }

  synchronized Optional<QueueItem> queueItem(long id) {
    log.flush();
    List<QueueItem> l = queueItems("WHERE q.id = " + id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /**
   * The words of a queue item: its text and each asker's own message (the item groups messages
   * with the same normalized text or the same best pending match), each once, oldest first.
   */
  synchronized List<String> queuePhrasings(long id) {
    log.flush();
    List<String> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT q.text FROM core_queue q WHERE q.id = ? "
        + "UNION ALL SELECT i.text FROM core_queue_askers a JOIN core_interactions i "
        + "ON i.id = a.log_id AND i.user_key = a.user_key WHERE a.queue_id = ?")) {
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
    } catch (SQLException e) {
      throw failure("cannot read the queue", e);
    }
    return out;
  }

  private List<QueueItem> queueItems(String where) {
    List<QueueItem> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT q.id, q.text, q.pending_entry_id, q.asked_count, "
            + "q.first_at, q.last_at, q.status, (SELECT COUNT(*) FROM core_queue_askers a "
            + "WHERE a.queue_id = q.id AND a.notify = 1) FROM core_queue q " + where)) {
      while (r.next()) {
        long pending = r.getLong(3);
        Long pendingId = r.wasNull() ? null : pending;
        out.add(new QueueItem(r.getLong(1), r.getString(2), pendingId, r.getInt(4),
            Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6)),
            r.getString(7), r.getInt(8)));
      }
    } catch (SQLException e) {
      throw failure("cannot read the queue", e);
    }
    return out;
  }

  /**
   * Closes an open item (answered or dismissed) and returns the subscribers to notify; their
   * contact details are deleted in the same transaction, as they are no longer needed.
   */
  synchronized List<Subscriber> closeQueueItem(long id, String status, Long answerEntryId,
      String actor) {
    log.flush();
    try {
      return Transactions.inTransaction(c, () -> {
        List<Subscriber> subs = closeQueueItem(c, clock.millis(), id, status, answerEntryId, actor);
        if (subs == null) {
          c.rollback();
          return List.of();
        }
        return subs;
      });
    } catch (SQLException e) {
      throw failure("cannot close the queue item", e);
    }
  }

  /** Makes sure every question queued so far is in the database (the log writer batches). */
  void flushLog() {
    log.flush();
  }

  /**
   * Closes an open queue item on {@code on}, inside the caller's transaction, and takes its askers'
   * notification requests (their platform ids are cleared). Null when the item is not open.
   */
  static List<Subscriber> closeQueueItem(Connection on, long now, long id, String status,
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

  private static Platform platformOf(String key) {
    for (Platform p : Platform.values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    return null;
  }

  // ---- forgetting and retention --------------------------------------------------------------

  /** What replaces a forgotten asker's words where the record itself must stay. */
  static final String FORGOTTEN = "[removed at the asker's request]";

  /**
   * Deletes what is stored about one user: log rows, notification requests (with the platform
   * ids they hold), and their words in queue items of any state. An item only they asked is
   * deleted; an item others asked too keeps its count but takes another asker's logged words
   * (the stored text is the first asker's, who may be this user), or a placeholder when none is
   * logged any more. The audit trail's copies of those words (answer, dismiss) go the same way.
   * Staff roles stay (they are not patient data and are needed for access).
   *
   * @return log rows deleted
   */
  synchronized int forget(String userKey) {
    log.flush();
    try {
      return Transactions.inTransaction(c, () -> {
        // a write first: the transaction then holds the write lock before it reads
        try (PreparedStatement p = c.prepareStatement(
            "UPDATE core_queue_askers SET notify = 0, platform = NULL, user_id = NULL, "
                + "chat_id = NULL WHERE user_key = ?")) {
          p.setString(1, userKey);
          p.executeUpdate();
        }
        List<Long> asked = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
            "SELECT queue_id FROM core_queue_askers WHERE user_key = ?")) {
          p.setString(1, userKey);
          try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
              asked.add(r.getLong(1));
            }
          }
        }
        for (long queueId : asked) {
          forgetWords(queueId, userKey);
        }
        try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM core_queue_askers WHERE user_key = ?")) {
          p.setString(1, userKey);
          p.executeUpdate();
        }
        int n;
        try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM core_interactions WHERE user_key = ?")) {
          p.setString(1, userKey);
          n = p.executeUpdate();
        }
        return n;
      });
    } catch (SQLException e) {
      throw failure("cannot delete the user's data", e);
    }
  }

  private void forgetWords(long queueId, String userKey) throws SQLException {
    boolean others;
    String replacement = null;
    try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM core_queue_askers "
        + "WHERE queue_id = ? AND user_key <> ?), (SELECT i.text FROM core_queue_askers a JOIN "
        + "core_interactions i ON i.id = a.log_id AND i.user_key = a.user_key WHERE a.queue_id = ? "
        + "AND a.user_key <> ? ORDER BY a.at LIMIT 1)")) {
      p.setLong(1, queueId);
      p.setString(2, userKey);
      p.setLong(3, queueId);
      p.setString(4, userKey);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        others = r.getBoolean(1);
        replacement = r.getString(2);
      }
    }
    if (!others) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM core_queue WHERE id = ?")) {
        p.setLong(1, queueId);
        p.executeUpdate();
      }
    } else {
      String text = replacement != null ? replacement : FORGOTTEN;
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE core_queue SET text = ?, normalized = ?, meaning = NULL WHERE id = ?")) {
        p.setString(1, text);
        // the placeholder's key is empty, which no question (it has words) ever matches
        p.setString(2, replacement != null ? Texts.normalizeQuestion(replacement) : "");
        p.setLong(3, queueId);
        p.executeUpdate();
      }
    }
    // "answer" details are "#<entry>: <question>"; the entry number is the moderator's, kept
    try (PreparedStatement p = c.prepareStatement("UPDATE core_audit SET detail = CASE WHEN "
        + "action IN ('answer', 'link') AND instr(detail, ':') > 0 THEN substr(detail, 1, "
        + "instr(detail, ':')) || ' ' || ? ELSE ? END WHERE target = ? AND action IN ('answer', "
        + "'dismiss', 'link')")) {
      p.setString(1, FORGOTTEN);
      p.setString(2, FORGOTTEN);
      p.setString(3, "Q" + queueId);
      p.executeUpdate();
    }
  }

  synchronized int purgeExpired() {
    log.flush();
    long cutoff = clock.instant().minus(Duration.ofDays(retentionDays)).toEpochMilli();
    try {
      int n;
      try (PreparedStatement p = c.prepareStatement("DELETE FROM core_interactions WHERE at < ?")) {
        p.setLong(1, cutoff);
        n = p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM core_queue WHERE status <> 'open' AND closed_at < ?")) {
        p.setLong(1, cutoff);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM core_queue_askers WHERE at < ?")) {
        p.setLong(1, cutoff);
        p.executeUpdate();
      }
      return n;
    } catch (SQLException e) {
      throw failure("cannot purge old interactions", e);
    }
  }

  // ---- interaction log reads -----------------------------------------------------------------

  /** The interaction's owner and entry, for feedback checks. */
  synchronized Optional<Admin.LogRecord> interaction(long id) {
    log.flush();
    List<Admin.LogRecord> l = select(" WHERE id = " + id, List.of(), "");
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  synchronized List<Admin.LogRecord> logs(Admin.LogQuery q) {
    log.flush();
    List<Object> args = new ArrayList<>();
    String where = where(q, args);
    String limit = q.limit() > 0 ? " LIMIT " + q.limit() : "";
    return select(where, args, " ORDER BY at DESC, id DESC" + limit);
  }

  /** Streams the rows oldest first, so an export of months of logs needs no memory for them. */
  synchronized void exportLogsCsv(Admin.LogQuery q, Writer out) throws IOException {
    log.flush();
    List<Object> args = new ArrayList<>();
    String where = where(q, args);
    String inner = "SELECT * FROM core_interactions" + where + " ORDER BY at DESC, id DESC"
        + (q.limit() > 0 ? " LIMIT " + q.limit() : "");
    Csv.row(out, "id", "time", "platform", "chat_type", "user_key", "outcome", "entry_id",
        "external_id", "confidence", "latency_ms", "triage_rule", "feedback", "text");
    try {
      forEachRow("SELECT id, at, platform, chat_type, user_key, text, outcome, entry_id, "
          + "external_id, confidence, latency_ms, triage_rule, feedback FROM (" + inner
          + ") ORDER BY at, id", args, r -> {
            try {
              Csv.row(out, r.id(), r.at(), r.platform().key(),
                  r.chatType().name().toLowerCase(java.util.Locale.ROOT), r.userKey(),
                  r.outcome().key(), r.entryId(), r.externalId(), r.confidence(), r.latencyMs(),
                  r.triageRule(), r.feedback(), r.text());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      // the writer's own failure is the caller's IOException; database failures stay unchecked
      if (!(e.getCause().getCause() instanceof SQLException)) {
        throw e.getCause();
      }
      throw e;
    }
    out.flush();
  }

  private static String where(Admin.LogQuery q, List<Object> args) {
    StringBuilder w = new StringBuilder(" WHERE 1=1");
    if (q.outcome() != null) {
      w.append(" AND outcome = ?");
      args.add(q.outcome().key());
    }
    if (q.from() != null) {
      w.append(" AND at >= ?");
      args.add(q.from().toEpochMilli());
    }
    if (q.to() != null) {
      w.append(" AND at < ?");
      args.add(q.to().toEpochMilli());
    }
    if (q.entryId() != null) {
      w.append(" AND entry_id = ?");
      args.add(q.entryId());
    }
    if (q.platform() != null) {
      w.append(" AND platform = ?");
      args.add(q.platform().key());
    }
    if (q.triageRule() != null) {
      w.append(" AND triage_rule = ?");
      args.add(q.triageRule());
    }
    return w.toString();
  }

  private List<Admin.LogRecord> select(String where, List<Object> args, String tail) {
    List<Admin.LogRecord> out = new ArrayList<>();
    forEachRow("SELECT id, at, platform, chat_type, user_key, text, outcome, entry_id, "
        + "external_id, confidence, latency_ms, triage_rule, feedback FROM core_interactions"
        + where + tail, args, out::add);
    return out;
  }

  private void forEachRow(String sql, List<Object> args,
      java.util.function.Consumer<Admin.LogRecord> action) {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long entry = r.getLong(8);
          Long entryId = r.wasNull() ? null : entry;
          double conf = r.getDouble(10);
          Double confidence = r.wasNull() ? null : conf;
          int fb = r.getInt(13);
          Integer feedback = r.wasNull() ? null : fb;
          action.accept(new Admin.LogRecord(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
              platformOf(r.getString(3)),
              ChatType.valueOf(r.getString(4).toUpperCase(java.util.Locale.ROOT)),
              r.getString(5), r.getString(6), Outcome.parse(r.getString(7)).orElse(Outcome.ERROR),
              entryId, r.getString(9), confidence, r.getLong(11), r.getString(12), feedback));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read the interaction log", e);
    }
  }

  private static void bind(PreparedStatement p, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      if (a instanceof Long l) {
        p.setLong(i + 1, l);
      } else {
        p.setString(i + 1, (String) a);
      }
    }
  }

  synchronized Admin.Stats stats(Instant from, Instant to) {
    log.flush();
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    String range = " at >= " + f + " AND at < " + t;
    try (Statement s = c.createStatement()) {
      Map<LocalDate, Integer> perDay = new LinkedHashMap<>();
      try (ResultSet r = s.executeQuery("SELECT date(at / 1000, 'unixepoch'), COUNT(*) FROM "
          + "core_interactions WHERE" + range + " AND outcome IN " + QUESTION_OUTCOMES
          + " GROUP BY 1 ORDER BY 1")) {
        while (r.next()) {
          perDay.put(LocalDate.parse(r.getString(1)), r.getInt(2));
        }
      }
      int answered = 0;
      int noMatch = 0;
      int emergencies = 0;
      try (ResultSet r = s.executeQuery("SELECT outcome, COUNT(*) FROM core_interactions WHERE"
          + range + " GROUP BY outcome")) {
        while (r.next()) {
          switch (r.getString(1)) {
            case "answered" -> answered = r.getInt(2);
            case "no_match" -> noMatch = r.getInt(2);
            case "emergency" -> emergencies = r.getInt(2);
            default -> { }
          }
        }
      }
      int questions = answered + noMatch + emergencies;
      int urgent = 0;
      try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM core_interactions WHERE" + range
          + " AND triage_level = 'urgent'")) {
        if (r.next()) {
          urgent = r.getInt(1);
        }
      }
      List<Admin.Count> top = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT entry_id, COUNT(*) FROM core_interactions WHERE"
          + range + " AND outcome = 'answered' AND entry_id IS NOT NULL GROUP BY entry_id "
          + "ORDER BY 2 DESC, 1 LIMIT 10")) {
        while (r.next()) {
          top.add(new Admin.Count(titles.apply(r.getLong(1)), r.getLong(1), r.getInt(2)));
        }
      }
      List<Admin.Count> unanswered = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT text, asked_count FROM core_queue WHERE "
          + "status = 'open' AND last_at >= " + f + " AND first_at < " + t
          + " ORDER BY asked_count DESC, id LIMIT 10")) {
        while (r.next()) {
          unanswered.add(new Admin.Count(r.getString(1), null, r.getInt(2)));
        }
      }
      List<Admin.EntryFeedback> feedback = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT entry_id, SUM(feedback = 1), SUM(feedback = -1) "
          + "FROM core_interactions WHERE" + range + " AND feedback IS NOT NULL AND entry_id IS "
          + "NOT NULL GROUP BY entry_id ORDER BY COUNT(*) DESC, entry_id LIMIT 50")) {
        while (r.next()) {
          feedback.add(new Admin.EntryFeedback(r.getLong(1), titles.apply(r.getLong(1)),
              r.getInt(2), r.getInt(3)));
        }
      }
      long median = 0;
      if (questions > 0) {
        try (ResultSet r = s.executeQuery("SELECT latency_ms FROM core_interactions WHERE" + range
            + " AND outcome IN " + QUESTION_OUTCOMES + " ORDER BY latency_ms LIMIT 1 OFFSET "
            + (questions - 1) / 2)) {
          if (r.next()) {
            median = r.getLong(1);
          }
        }
      }
      return new Admin.Stats(from, to, perDay, questions, answered, noMatch, emergencies, urgent,
          questions == 0 ? 0 : (double) answered / questions, top, unanswered, feedback, median);
    } catch (SQLException e) {
      throw failure("cannot compute statistics", e);
    }
  }

  // ---- dashboard -----------------------------------------------------------------------------

  /** Stores the hash of a sign-in link's token; links expired a day ago are deleted on the way. */
  synchronized void storeDashboardLink(String tokenHash, String actor, Instant expires) {
    try {
      Transactions.inTransaction(c, () -> {
        try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM core_dashboard_links WHERE expires_at < ?")) {
          p.setLong(1, clock.millis() - Duration.ofDays(1).toMillis());
          p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO core_dashboard_links(token_hash, "
            + "actor, created_at, expires_at) VALUES(?,?,?,?)")) {
          p.setString(1, tokenHash);
          p.setString(2, actor);
          p.setLong(3, clock.millis());
          p.setLong(4, expires.toEpochMilli());
          p.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      throw failure("cannot store the sign-in link", e);
    }
  }

  /**
   * Uses a sign-in link: marks it used and returns the staff member it was issued to, when it
   * exists, is unused and has not expired. One UPDATE decides, so two processes on the same
   * database (the bot and {@code faqbot dashboard}) cannot both accept it.
   */
  synchronized Optional<String> redeemDashboardLink(String tokenHash) {
    long now = clock.millis();
    try {
      return Transactions.inTransaction(c, () -> {
        try (PreparedStatement p = c.prepareStatement("UPDATE core_dashboard_links SET used_at = ? "
            + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
          p.setLong(1, now);
          p.setString(2, tokenHash);
          p.setLong(3, now);
          if (p.executeUpdate() == 0) {
            return Optional.<String>empty();
          }
        }
        try (PreparedStatement p = c.prepareStatement(
            "SELECT actor FROM core_dashboard_links WHERE token_hash = ?")) {
          p.setString(1, tokenHash);
          try (ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
          }
        }
      });
    } catch (SQLException e) {
      throw failure("cannot check the sign-in link", e);
    }
  }

  /** The role stored for "platform:userId" now (another process may have granted or revoked it). */
  synchronized Role storedRole(String userRef) {
    int colon = userRef.indexOf(':');
    if (colon <= 0) {
      return Role.PATIENT;
    }
    try (PreparedStatement p = c.prepareStatement(
        "SELECT role FROM core_roles WHERE platform = ? AND user_id = ?")) {
      p.setString(1, userRef.substring(0, colon));
      p.setString(2, userRef.substring(colon + 1));
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Role.valueOf(r.getString(1)) : Role.PATIENT;
      }
    } catch (SQLException e) {
      throw failure("cannot read the role", e);
    }
  }

  /** The largest latency the overview's packed number holds: 33 bits of milliseconds. */
  static final long MAX_PACKED_LATENCY = (1L << 33) - 1;

  /** Outcome codes of the overview scan, in {@link Outcome} order. */
  private static final String OUTCOME_CODE = "CASE outcome WHEN 'answered' THEN 0 "
      + "WHEN 'no_match' THEN 1 WHEN 'emergency' THEN 2 WHEN 'command' THEN 3 "
      + "WHEN 'other_language' THEN 4 WHEN 'refused' THEN 5 WHEN 'rate_limited' THEN 6 ELSE 7 END";

  /**
   * The dashboard's overview in one pass over the covering index {@code core_interactions_overview}
   * (the rows themselves, with the patients' words, are never read): SQL packs each row's bucket,
   * latency, outcome, urgency, platform and feedback into one number, so the JDBC cost per row is
   * two calls (a third for an emergency's rule). Latency percentiles come from a histogram of
   * whole milliseconds; a latency above {@link #MAX_PACKED_LATENCY} ms (99 days: never, in practice)
   * counts as that.
   */
  private Connection reader() throws SQLException {
    if (reader == null) {
      reader = Sqlite.open(databaseFile);
    }
    return reader;
  }

  Admin.Overview overview(Instant from, Instant to, Duration bucket) {
    log.flush();
    synchronized (readerLock) {
      return overviewOnReader(from, to, bucket);
    }
  }

  private Admin.Overview overviewOnReader(Instant from, Instant to, Duration bucket) {
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    long b = Math.max(1, bucket.toMillis());
    int buckets = (int) Math.max(1, (t - f + b - 1) / b);
    long[][] series = new long[Admin.Overview.SERIES.size()][buckets];
    int[] outcomes = new int[8];
    int urgent = 0;
    int helpful = 0;
    int notHelpful = 0;
    int[] platforms = new int[3];
    Map<String, Integer> emergencies = new java.util.TreeMap<>();
    LatencyHistogram latency = new LatencyHistogram();
    String sql = "SELECT ((at - ?) / ?) * 2199023255552 "
        + "+ MIN(MAX(latency_ms, 0), " + MAX_PACKED_LATENCY + ") * 256 "
        + "+ " + OUTCOME_CODE + " * 32 "
        + "+ (triage_level IS 'urgent') * 16 "
        + "+ CASE platform WHEN 'telegram' THEN 0 WHEN 'discord' THEN 1 ELSE 2 END * 4 "
        + "+ COALESCE(feedback, 0) + 1, triage_rule "
        + "FROM core_interactions WHERE at >= ? AND at < ?";
    try (PreparedStatement p = reader().prepareStatement(sql)) {
      p.setLong(1, f);
      p.setLong(2, b);
      p.setLong(3, f);
      p.setLong(4, t);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long packed = r.getLong(1);
          int at = (int) (packed >>> 41);
          long latencyMs = (packed >>> 8) & MAX_PACKED_LATENCY;
          int outcome = (int) (packed >>> 5) & 7;
          boolean isUrgent = (packed & 16) != 0;
          int platform = (int) (packed >>> 2) & 3;
          int feedback = (int) (packed & 3) - 1;
          outcomes[outcome]++;
          platforms[Math.min(platform, 2)]++;
          if (isUrgent) {
            urgent++;
          }
          if (feedback == 1) {
            helpful++;
          } else if (feedback == -1) {
            notHelpful++;
          }
          int s = Admin.Overview.series(outcome, isUrgent);
          if (s >= 0 && at < buckets) {
            series[s][at]++;
          }
          if (outcome <= 2) {
            latency.add(latencyMs);
          }
          if (outcome == 2) {
            emergencies.merge(emergencyFamily(r.getString(2)), 1, Integer::sum);
          }
        }
      }
    } catch (SQLException e) {
      throw failure("cannot compute the overview", e);
    }
    Map<String, Integer> perPlatform = new LinkedHashMap<>();
    for (Platform pf : Platform.values()) {
      if (platforms[pf.ordinal()] > 0) {
        perPlatform.put(pf.key(), platforms[pf.ordinal()]);
      }
    }
    Map<String, long[]> bySeries = new LinkedHashMap<>();
    for (int i = 0; i < series.length; i++) {
      bySeries.put(Admin.Overview.SERIES.get(i), series[i]);
    }
    return new Admin.Overview(from, to, bucket, bySeries, outcomes[0] + outcomes[1] + outcomes[2],
        outcomes[0], outcomes[1], outcomes[2], urgent, latency.percentile(0.5),
        latency.percentile(0.95), helpful, notHelpful, emergencies, perPlatform);
  }

  /**
   * The kind of emergency a rule id names: its first part after an optional language prefix
   * ("breathing.choking" and "es.breathing.x" are "breathing").
   */
  static String emergencyFamily(String ruleId) {
    if (ruleId == null || ruleId.isEmpty()) {
      return "unknown";
    }
    String r = ruleId;
    if (r.length() > 3 && r.charAt(2) == '.' && r.indexOf('.', 3) > 0) {
      r = r.substring(3);
    }
    int dot = r.indexOf('.');
    return dot > 0 ? r.substring(0, dot) : r;
  }

  /** Exact percentiles of whole-millisecond latencies: a counter per ms below 10 s, a list above. */
  private static final class LatencyHistogram {
    private final int[] low = new int[10_000];
    private final List<Long> high = new ArrayList<>();
    private long n;

    void add(long ms) {
      n++;
      if (ms >= 0 && ms < low.length) {
        low[(int) ms]++;
      } else {
        high.add(Math.max(0, ms));
      }
    }

    long percentile(double q) {
      if (n == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(q * n));
      long seen = 0;
      for (int ms = 0; ms < low.length; ms++) {
        seen += low[ms];
        if (seen >= rank) {
          return ms;
        }
      }
      high.sort(null);
      return high.get((int) Math.min(high.size() - 1, rank - seen - 1));
    }
  }

  /**
   * How often entries were shown as the answer since {@code since} and the feedback they got, the
   * most "not helpful" first; only the given entries when {@code entryIds} is not null. Reads the
   * covering index {@code core_interactions_answers} in entry order, so grouping needs no sort.
   */
  List<Admin.EntryUsage> entryUsage(Instant since, java.util.Collection<Long> entryIds,
      int limit) {
    log.flush();
    synchronized (readerLock) {
      return entryUsageOnReader(since, entryIds, limit);
    }
  }

  private List<Admin.EntryUsage> entryUsageOnReader(Instant since,
      java.util.Collection<Long> entryIds, int limit) {
    StringBuilder sql = new StringBuilder("SELECT entry_id, COUNT(*), SUM(feedback = 1), "
        + "SUM(feedback = -1) FROM core_interactions WHERE outcome = 'answered' "
        + "AND entry_id IS NOT NULL AND at >= ?");
    if (entryIds != null) {
      if (entryIds.isEmpty()) {
        return List.of();
      }
      sql.append(" AND entry_id IN (");
      for (int i = 0; i < entryIds.size(); i++) {
        sql.append(i == 0 ? "?" : ",?");
      }
      sql.append(')');
    }
    sql.append(" GROUP BY entry_id ORDER BY 4 DESC, 2 DESC, 1 LIMIT ?");
    List<Admin.EntryUsage> out = new ArrayList<>();
    try (PreparedStatement p = reader().prepareStatement(sql.toString())) {
      int i = 1;
      p.setLong(i++, since.toEpochMilli());
      if (entryIds != null) {
        for (long id : entryIds) {
          p.setLong(i++, id);
        }
      }
      p.setInt(i, Math.max(1, limit));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Admin.EntryUsage(r.getLong(1), titles.apply(r.getLong(1)), r.getInt(2),
              r.getInt(3), r.getInt(4)));
        }
      }
    } catch (SQLException e) {
      throw failure("cannot read how entries were used", e);
    }
    return out;
  }

  @Override
  public synchronized void close() {
    synchronized (readerLock) {
      if (reader != null) {
        try {
          reader.close();
        } catch (SQLException e) {
          // the main connection's close below reports what matters
        }
        reader = null;
      }
    }
    try {
      c.close();
    } catch (SQLException e) {
      throw failure("cannot close the core tables", e);
    }
  }
}
