package faqbot.core;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * {@link Statistics} in SQL over {@code core_interactions} and {@code core_queue}. The dashboard's
 * reads ({@link #overview}, {@link #entryUsage}) run on the reading connection, so staff commands
 * never wait for them.
 */
final class SqliteStatistics implements Statistics {
  static final String QUESTION_OUTCOMES = "('answered','no_match','emergency')";

  /** The largest latency the overview's packed number holds: 33 bits of milliseconds. */
  static final long MAX_PACKED_LATENCY = (1L << 33) - 1;

  /** Outcome codes of the overview scan, in {@link Outcome} order. */
  private static final String HELPFUL = "SUM(CASE WHEN feedback = 1 THEN 1 ELSE 0 END)";
  private static final String NOT_HELPFUL = "SUM(CASE WHEN feedback = -1 THEN 1 ELSE 0 END)";
  private static final String OUTCOME_CODE = "CASE outcome WHEN 'answered' THEN 0 "
      + "WHEN 'no_match' THEN 1 WHEN 'emergency' THEN 2 WHEN 'command' THEN 3 "
      + "WHEN 'other_language' THEN 4 WHEN 'refused' THEN 5 WHEN 'rate_limited' THEN 6 ELSE 7 END";

  private final SqliteCoreTables db;

  SqliteStatistics(SqliteCoreTables db) {
    this.db = db;
  }

  @Override
  public Admin.Stats stats(Instant from, Instant to, LongFunction<String> titles) {
    db.flushLog();
    return db.call("cannot compute statistics", c -> stats(c, from, to, titles));
  }

  private static Admin.Stats stats(Connection c, Instant from, Instant to,
      LongFunction<String> titles) throws SQLException {
    long f = from.toEpochMilli();
    long t = to.toEpochMilli();
    String range = " at >= " + f + " AND at < " + t;
    try (Statement s = c.createStatement()) {
      Map<LocalDate, Integer> perDay = new LinkedHashMap<>();
      // the UTC day as a number: the same SQL in SQLite and PostgreSQL
      try (ResultSet r = s.executeQuery("SELECT at / 86400000, COUNT(*) FROM "
          + "core_interactions WHERE" + range + " AND outcome IN " + QUESTION_OUTCOMES
          + " GROUP BY 1 ORDER BY 1")) {
        while (r.next()) {
          perDay.put(LocalDate.ofEpochDay(r.getLong(1)), r.getInt(2));
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
      try (ResultSet r = s.executeQuery("SELECT entry_id, " + HELPFUL + ", " + NOT_HELPFUL + " "
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
    }
  }

  /**
   * The dashboard's overview in one pass over the covering index {@code core_interactions_overview}
   * (the rows themselves, with the patients' words, are never read): SQL packs each row's bucket,
   * latency, outcome, urgency, platform and feedback into one number, so the JDBC cost per row is
   * two calls (a third for an emergency's rule). Latency percentiles come from a histogram of
   * whole milliseconds; a latency above {@link #MAX_PACKED_LATENCY} ms (99 days: never, in practice)
   * counts as that.
   */
  @Override
  public Admin.Overview overview(Instant from, Instant to, Duration bucket) {
    db.flushLog();
    return db.read("cannot compute the overview", c -> overview(c, from, to, bucket));
  }

  private static Admin.Overview overview(Connection c, Instant from, Instant to, Duration bucket)
      throws SQLException {
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
    Map<String, Integer> emergencies = new TreeMap<>();
    LatencyHistogram latency = new LatencyHistogram();
    String sql = "SELECT ((at - ?) / ?) * 2199023255552 "
        + "+ CASE WHEN latency_ms < 0 THEN 0 WHEN latency_ms > " + MAX_PACKED_LATENCY
        + " THEN " + MAX_PACKED_LATENCY + " ELSE latency_ms END * 256 "
        + "+ " + OUTCOME_CODE + " * 32 "
        + "+ CASE WHEN triage_level = 'urgent' THEN 16 ELSE 0 END "
        + "+ CASE platform WHEN 'telegram' THEN 0 WHEN 'discord' THEN 1 ELSE 2 END * 4 "
        + "+ COALESCE(feedback, 0) + 1, triage_rule "
        + "FROM core_interactions WHERE at >= ? AND at < ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
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
            emergencies.merge(Statistics.emergencyFamily(r.getString(2)), 1, Integer::sum);
          }
        }
      }
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

  @Override
  public List<Admin.EntryUsage> entryUsage(Instant since, Collection<Long> entryIds, int limit,
      LongFunction<String> titles) {
    db.flushLog();
    return db.read("cannot read how entries were used",
        c -> entryUsage(c, since, entryIds, limit, titles));
  }

  private static List<Admin.EntryUsage> entryUsage(Connection c, Instant since,
      Collection<Long> entryIds, int limit, LongFunction<String> titles) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT entry_id, COUNT(*), " + HELPFUL + ", "
        + NOT_HELPFUL + " FROM core_interactions WHERE outcome = 'answered' "
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
    try (PreparedStatement p = c.prepareStatement(sql.toString())) {
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
    }
    return out;
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

}
