package faqbot.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** {@link LogQueries} over {@code core_interactions}. */
final class SqliteLogQueries implements LogQueries {
  private static final String COLUMNS = "id, at, platform, chat_type, user_key, text, outcome, "
      + "entry_id, external_id, confidence, latency_ms, triage_rule, feedback";

  private final SqliteCoreTables db;

  SqliteLogQueries(SqliteCoreTables db) {
    this.db = db;
  }

  @Override
  public List<Admin.LogRecord> logs(Admin.LogQuery q) {
    db.flushLog();
    List<Object> args = new ArrayList<>();
    String sql = "SELECT " + COLUMNS + " FROM core_interactions" + where(q, args)
        + " ORDER BY at DESC, id DESC" + (q.limit() > 0 ? " LIMIT " + q.limit() : "");
    List<Admin.LogRecord> out = new ArrayList<>();
    forEachRow(sql, args, out::add);
    return out;
  }

  @Override
  public void forEachOldestFirst(Admin.LogQuery q, Consumer<Admin.LogRecord> action) {
    db.flushLog();
    List<Object> args = new ArrayList<>();
    // the limit keeps the newest rows, so they are chosen newest first and then turned around
    String inner = "SELECT * FROM core_interactions" + where(q, args) + " ORDER BY at DESC, id DESC"
        + (q.limit() > 0 ? " LIMIT " + q.limit() : "");
    forEachRow("SELECT " + COLUMNS + " FROM (" + inner + ") AS recent ORDER BY at, id", args, action);
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

  private void forEachRow(String sql, List<Object> args, Consumer<Admin.LogRecord> action) {
    db.call("cannot read the interaction log", c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        bind(p, args);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            action.accept(record(r));
          }
        }
      }
      return null;
    });
  }

  private static Admin.LogRecord record(ResultSet r) throws SQLException {
    long entry = r.getLong(8);
    Long entryId = r.wasNull() ? null : entry;
    double conf = r.getDouble(10);
    Double confidence = r.wasNull() ? null : conf;
    int fb = r.getInt(13);
    Integer feedback = r.wasNull() ? null : fb;
    return new Admin.LogRecord(r.getLong(1), Instant.ofEpochMilli(r.getLong(2)),
        SqliteQuestionQueue.platformOf(r.getString(3)),
        ChatType.valueOf(r.getString(4).toUpperCase(Locale.ROOT)),
        r.getString(5), r.getString(6), Outcome.parse(r.getString(7)).orElse(Outcome.ERROR),
        entryId, r.getString(9), confidence, r.getLong(11), r.getString(12), feedback);
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
}
