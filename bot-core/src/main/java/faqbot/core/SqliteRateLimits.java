package faqbot.core;

import faqbot.knowledge.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link RateLimitStore} in the core's database (migration track "rate_limits"): SQLite, or a
 * PostgreSQL that replicas share. Each message is one upsert that refills, takes and answers in
 * the database itself, so two replicas taking tokens of one bucket at once never both get the last.
 */
final class SqliteRateLimits implements RateLimitStore {
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE core_rate_limits (
        user_key TEXT PRIMARY KEY,
        tokens REAL NOT NULL,
        updated INTEGER NOT NULL,
        verdict INTEGER NOT NULL
      );
      CREATE INDEX core_rate_limits_updated ON core_rate_limits(updated)
      """);
  static final List<String> POSTGRESQL_MIGRATIONS = List.of(
      """
      CREATE TABLE core_rate_limits (
        user_key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        updated BIGINT NOT NULL,
        verdict INTEGER NOT NULL
      );
      CREATE INDEX core_rate_limits_updated ON core_rate_limits(updated)
      """);
  static final Database.Track TRACK =
      new Database.Track("rate_limits", MIGRATIONS, POSTGRESQL_MIGRATIONS);

  private static final RateLimiter.Verdict[] VERDICTS = RateLimiter.Verdict.values();

  private final SqliteStateConnections db;
  private final String upsert;

  SqliteRateLimits(Database database) {
    try {
      this.db = new SqliteStateConnections(database, TRACK);
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot open the rate limits in " + database, e);
    }
    String least = db.dialect() == Database.Dialect.SQLITE ? "min" : "LEAST";
    String greatest = db.dialect() == Database.Dialect.SQLITE ? "max" : "GREATEST";
    // the refill: replicas' clocks differ a little, so time never runs backwards for a bucket
    String refilled = least + "(?, core_rate_limits.tokens + " + greatest
        + "(0, excluded.updated - core_rate_limits.updated) * ?)";
    // verdict: 0 ALLOW, 1 WARN, 2 DROP (RateLimiter.Verdict's order); WARN only right after ALLOW
    this.upsert = "INSERT INTO core_rate_limits(user_key, tokens, updated, verdict)"
        + " VALUES (?, ?, ?, 0) ON CONFLICT (user_key) DO UPDATE SET"
        + " tokens = CASE WHEN " + refilled + " >= 1 THEN " + refilled + " - 1 ELSE "
        + refilled + " END,"
        + " verdict = CASE WHEN " + refilled + " >= 1 THEN 0"
        + " WHEN core_rate_limits.verdict = 0 THEN 1 ELSE 2 END,"
        + " updated = " + greatest + "(excluded.updated, core_rate_limits.updated)"
        + " RETURNING verdict, tokens, updated";
  }

  @Override
  public Bucket acquire(String key, int capacity, long now) {
    double perMilli = capacity / 60_000.0;
    try {
      return db.call(c -> {
        try (PreparedStatement p = c.prepareStatement(upsert)) {
          p.setString(1, key);
          p.setDouble(2, capacity - 1);
          p.setLong(3, now);
          for (int i = 0; i < 4; i++) {
            p.setDouble(4 + 2 * i, capacity);
            p.setDouble(5 + 2 * i, perMilli);
          }
          try (ResultSet r = p.executeQuery()) {
            r.next();
            return new Bucket(VERDICTS[r.getInt(1)], r.getDouble(2), r.getLong(3));
          }
        }
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot read the rate limit", e);
    }
  }

  @Override
  public void forgetIdle(long before) {
    try {
      db.call(c -> {
        try (PreparedStatement p = c.prepareStatement(
            "DELETE FROM core_rate_limits WHERE updated < ?")) {
          p.setLong(1, before);
          return p.executeUpdate();
        }
      });
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot forget idle rate limits", e);
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
