package faqbot.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link DashboardLinkStore} in {@code core_dashboard_links}. */
final class SqliteDashboardLinks implements DashboardLinkStore {
  private final SqliteCoreTables db;
  private final Clock clock;

  SqliteDashboardLinks(SqliteCoreTables db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void store(String tokenHash, String actor, Instant expires) {
    db.inTransaction("cannot store the sign-in link", c -> {
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
  }

  /** One UPDATE decides, so the bot and {@code faqbot dashboard} cannot both accept a link. */
  @Override
  public Optional<String> redeem(String tokenHash) {
    long now = clock.millis();
    return db.inTransaction("cannot check the sign-in link", c -> {
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
  }
}
