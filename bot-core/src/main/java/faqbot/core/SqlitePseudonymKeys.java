package faqbot.core;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/** {@link PseudonymKeys} in {@code core_settings}. */
final class SqlitePseudonymKeys implements PseudonymKeys {
  private static final String NAME = "pseudonymization_key";

  private final SqliteCoreTables db;

  SqlitePseudonymKeys(SqliteCoreTables db) {
    this.db = db;
  }

  @Override
  public byte[] pseudonymizationKey() {
    return db.call("cannot read the pseudonymization key", c -> {
      Optional<String> stored = stored(c);
      if (stored.isEmpty()) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        // when two processes start at once, the first key stored wins for both
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO core_settings(name, value) VALUES(?, ?) ON CONFLICT DO NOTHING")) {
          p.setString(1, NAME);
          p.setString(2, HexFormat.of().formatHex(key));
          p.executeUpdate();
        }
        stored = stored(c);
      }
      return HexFormat.of().parseHex(stored.orElseThrow());
    });
  }

  private static Optional<String> stored(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT value FROM core_settings WHERE name = ?")) {
      p.setString(1, NAME);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    }
  }
}
