package faqbot.core;

import faqbot.knowledge.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link Retention} over the log, the queue and the audit trail's copies of patients' words. */
final class SqliteRetention implements Retention {
  private final SqliteCoreTables db;

  SqliteRetention(SqliteCoreTables db) {
    this.db = db;
  }

  @Override
  public int forget(String userKey) {
    db.flushLog();
    return db.inTransaction("cannot delete the user's data", c -> {
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
        forgetWords(c, queueId, userKey);
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
  }

  private void forgetWords(Connection c, long queueId, String userKey) throws SQLException {
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
      String text = replacement != null ? replacement : Retention.FORGOTTEN;
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
    String colon = db.dialect() == Database.Dialect.SQLITE
        ? "instr(detail, ':')" : "strpos(detail, ':')";
    try (PreparedStatement p = c.prepareStatement("UPDATE core_audit SET detail = CASE WHEN "
        + "action IN ('answer', 'link') AND " + colon + " > 0 THEN substr(detail, 1, "
        + colon + ") || ' ' || ? ELSE ? END WHERE target = ? AND action IN ('answer', "
        + "'dismiss', 'link')")) {
      p.setString(1, Retention.FORGOTTEN);
      p.setString(2, Retention.FORGOTTEN);
      p.setString(3, "Q" + queueId);
      p.executeUpdate();
    }
  }

  @Override
  public int purgeBefore(Instant cutoff) {
    db.flushLog();
    return db.call("cannot purge old interactions", c -> {
      int n;
      try (PreparedStatement p = c.prepareStatement("DELETE FROM core_interactions WHERE at < ?")) {
        p.setLong(1, cutoff.toEpochMilli());
        n = p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM core_queue WHERE status <> 'open' AND closed_at < ?")) {
        p.setLong(1, cutoff.toEpochMilli());
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM core_queue_askers WHERE at < ?")) {
        p.setLong(1, cutoff.toEpochMilli());
        p.executeUpdate();
      }
      return n;
    });
  }
}
