package faqbot.core;

import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@link AuditTrail} in {@code core_audit}. */
final class SqliteAuditTrail implements AuditTrail {
  private final SqliteCoreTables db;
  private final Clock clock;

  SqliteAuditTrail(SqliteCoreTables db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void record(String actor, String action, String target, String detail) {
    db.call("cannot write the audit trail", c -> {
      insert(c, clock.millis(), actor, action, target, detail);
      return null;
    });
  }

  @Override
  public KnowledgeBase.InSameTransaction recordWith(String actor, String action, String target,
      Function<Entry, String> detail) {
    return (connection, written) -> insert(connection, clock.millis(), actor, action, target,
        detail.apply(written));
  }

  private static void insert(Connection on, long at, String actor, String action, String target,
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

  @Override
  public List<Admin.AuditRecord> recent(int limit) {
    return db.call("cannot read the audit trail", c -> {
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
      }
      return out;
    });
  }
}
