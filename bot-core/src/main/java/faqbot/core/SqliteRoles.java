package faqbot.core;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link RoleStore} in {@code core_roles}. Raw platform ids are stored here because staff roles
 * are granted by id.
 */
final class SqliteRoles implements RoleStore {
  private final SqliteCoreTables db;
  private final Clock clock;

  SqliteRoles(SqliteCoreTables db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public Map<String, Role> all() {
    return db.call("cannot read roles", c -> {
      Map<String, Role> out = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT platform, user_id, role FROM core_roles")) {
        while (r.next()) {
          out.put(r.getString(1) + ":" + r.getString(2), Role.valueOf(r.getString(3)));
        }
      }
      return out;
    });
  }

  @Override
  public Role roleOf(String userRef) {
    int colon = userRef.indexOf(':');
    if (colon <= 0) {
      return Role.PATIENT;
    }
    return db.call("cannot read the role", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT role FROM core_roles WHERE platform = ? AND user_id = ?")) {
        p.setString(1, userRef.substring(0, colon));
        p.setString(2, userRef.substring(colon + 1));
        try (ResultSet r = p.executeQuery()) {
          return r.next() ? Role.valueOf(r.getString(1)) : Role.PATIENT;
        }
      }
    });
  }

  @Override
  public void set(String userRef, Role role, String actor) {
    int colon = userRef.indexOf(':');
    String platform = userRef.substring(0, colon);
    String userId = userRef.substring(colon + 1);
    db.call("cannot store the role", c -> {
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
      return null;
    });
  }
}
