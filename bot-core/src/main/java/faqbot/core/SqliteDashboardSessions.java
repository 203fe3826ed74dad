package faqbot.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link DashboardSessionStore} in {@code core_dashboard_sessions} (SQLite, or the PostgreSQL the
 * replicas share). Staff sessions are few and their requests slow compared with chat: they take
 * turns on the core tables' connection like the sign-in links.
 */
final class SqliteDashboardSessions implements DashboardSessionStore {
  private final SqliteCoreTables db;
  private final Clock clock;

  SqliteDashboardSessions(SqliteCoreTables db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void create(String tokenHash, String actor, Instant expires) {
    db.inTransaction("cannot store the dashboard session", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM core_dashboard_sessions WHERE expires_at <= ?")) {
        p.setLong(1, clock.millis());
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO core_dashboard_sessions("
          + "token_hash, actor, created_at, expires_at) VALUES(?,?,?,?)")) {
        p.setString(1, tokenHash);
        p.setString(2, actor);
        p.setLong(3, clock.millis());
        p.setLong(4, expires.toEpochMilli());
        p.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<Stored> find(String tokenHash, Instant now) {
    return db.call("cannot read the dashboard session", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT actor, expires_at FROM "
          + "core_dashboard_sessions WHERE token_hash = ? AND expires_at > ?")) {
        p.setString(1, tokenHash);
        p.setLong(2, now.toEpochMilli());
        try (ResultSet r = p.executeQuery()) {
          return r.next()
              ? Optional.of(new Stored(r.getString(1), Instant.ofEpochMilli(r.getLong(2))))
              : Optional.<Stored>empty();
        }
      }
    });
  }

  @Override
  public void notice(String tokenHash, String text, String offer) {
    db.call("cannot store the dashboard notice", c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE core_dashboard_sessions SET "
          + "notice = ?, offer = ? WHERE token_hash = ?")) {
        p.setString(1, text);
        p.setString(2, offer);
        p.setString(3, tokenHash);
        return p.executeUpdate();
      }
    });
  }

  @Override
  public void notice(String tokenHash, String text) {
    db.call("cannot store the dashboard notice", c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE core_dashboard_sessions SET "
          + "notice = ? WHERE token_hash = ?")) {
        p.setString(1, text);
        p.setString(2, tokenHash);
        return p.executeUpdate();
      }
    });
  }

  /** Read and cleared in one transaction, the row locked, so two replicas never both show it. */
  @Override
  public Optional<Notice> takeNotice(String tokenHash) {
    return db.inTransaction("cannot read the dashboard notice", c -> {
      Notice notice;
      try (PreparedStatement p = c.prepareStatement("SELECT notice, offer FROM "
          + "core_dashboard_sessions WHERE token_hash = ? AND notice IS NOT NULL"
          + forUpdate())) {
        p.setString(1, tokenHash);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.<Notice>empty();
          }
          notice = new Notice(r.getString(1), r.getString(2));
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE core_dashboard_sessions SET notice = NULL WHERE token_hash = ?")) {
        p.setString(1, tokenHash);
        p.executeUpdate();
      }
      return Optional.of(notice);
    });
  }

  @Override
  public String takeOffer(String tokenHash) {
    return db.inTransaction("cannot read the dashboard offer", c -> {
      String offer;
      try (PreparedStatement p = c.prepareStatement("SELECT offer FROM core_dashboard_sessions"
          + " WHERE token_hash = ? AND offer IS NOT NULL" + forUpdate())) {
        p.setString(1, tokenHash);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return null;
          }
          offer = r.getString(1);
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE core_dashboard_sessions SET offer = NULL WHERE token_hash = ?")) {
        p.setString(1, tokenHash);
        p.executeUpdate();
      }
      return offer;
    });
  }

  @Override
  public void remove(String tokenHash) {
    db.call("cannot end the dashboard session", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "DELETE FROM core_dashboard_sessions WHERE token_hash = ?")) {
        p.setString(1, tokenHash);
        return p.executeUpdate();
      }
    });
  }

  private String forUpdate() {
    return db.dialect() == faqbot.knowledge.Database.Dialect.SQLITE ? "" : " FOR UPDATE";
  }
}
