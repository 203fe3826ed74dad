package faqbot.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Copies every table of one database into another (SQLite to PostgreSQL and back), for
 * {@code faqbot migrate}. Both sides are first brought to the same schema versions; the target
 * must be empty. Rows keep their ids, sequences continue after them, and each table's rows are
 * compared afterwards by count and by a checksum over their values in key order, read back from
 * both sides, so a copy that lost or changed anything fails loudly.
 */
public final class DatabaseCopy {
  /** One table copied: its rows and the checksum both sides agreed on. */
  public record Table(String name, long rows, String checksum) {}

  private DatabaseCopy() {}

  /**
   * Copies {@code from} into {@code to} in one transaction on the target: all of it or nothing.
   *
   * @param tracks every schema track the product keeps in the database
   * @throws SQLException on any failure, the target left as it was (empty tables)
   */
  public static List<Table> copy(Database from, Database to, List<Database.Track> tracks)
      throws SQLException {
    try (Connection source = from.openReader(); Connection target = to.openWriter()) {
      try (Connection migrating = from.openWriter()) {
        for (Database.Track t : tracks) {
          from.migrate(migrating, t);
        }
      }
      if (hasSchema(target)) {
        throw new SQLException("the target " + to + " already holds faqbot's tables:"
            + " migrate copies into an empty database only");
      }
      for (Database.Track t : tracks) {
        to.migrate(target, t);
      }
      List<String> tables = tablesInCopyOrder(target, to);
      source.setAutoCommit(false);
      target.setAutoCommit(false);
      try {
        // the migrations seeded a few rows (counters, settings): the source's values replace them
        for (String table : reversed(tables)) {
          try (Statement s = target.createStatement()) {
            s.executeUpdate("DELETE FROM " + table);
          }
        }
        List<Table> copied = new ArrayList<>();
        for (String table : tables) {
          List<String> columns = commonColumns(source, target, table);
          List<String> key = orderKey(target, table, columns);
          copyRows(source, target, table, columns, key);
          if (to.dialect() == Database.Dialect.POSTGRESQL) {
            continueSequences(target, table, columns);
          }
          String sourceSum = checksum(source, table, columns, key);
          String targetSum = checksum(target, table, columns, key);
          long rows = count(source, table);
          long copiedRows = count(target, table);
          if (rows != copiedRows || !sourceSum.equals(targetSum)) {
            throw new SQLException("table " + table + " differs after the copy: " + rows
                + " rows, checksum " + sourceSum + " in the source; " + copiedRows
                + " rows, checksum " + targetSum + " in the target");
          }
          copied.add(new Table(table, rows, sourceSum));
        }
        target.commit();
        return copied;
      } catch (SQLException | RuntimeException e) {
        target.rollback();
        throw e;
      } finally {
        source.rollback();
      }
    }
  }

  private static boolean hasSchema(Connection c) throws SQLException {
    for (String name : List.of("schema_version", "SCHEMA_VERSION")) {
      try (ResultSet r = c.getMetaData().getTables(null, null, name, null)) {
        if (r.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> reversed(List<String> tables) {
    List<String> r = new ArrayList<>(tables);
    java.util.Collections.reverse(r);
    return r;
  }

  /** The product's tables, each after the tables its foreign keys point to. */
  private static List<String> tablesInCopyOrder(Connection c, Database db) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String schema = db.dialect() == Database.Dialect.POSTGRESQL ? "public" : null;
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    try (ResultSet r = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
      while (r.next()) {
        String name = r.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
        if (!name.startsWith("sqlite_") && !name.equals("schema_version")) {
          parents.put(name, new LinkedHashSet<>());
        }
      }
    }
    for (String table : parents.keySet()) {
      try (ResultSet r = meta.getImportedKeys(null, schema, table)) {
        while (r.next()) {
          String parent = r.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
          if (!parent.equals(table)) {
            parents.get(table).add(parent);
          }
        }
      }
    }
    List<String> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    List<String> names = new ArrayList<>(parents.keySet());
    java.util.Collections.sort(names);
    while (placed.size() < names.size()) {
      boolean progress = false;
      for (String t : names) {
        if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
          placed.add(t);
          ordered.add(t);
          progress = true;
        }
      }
      if (!progress) {
        throw new SQLException("the tables' foreign keys form a cycle: " + parents);
      }
    }
    return ordered;
  }

  private static List<String> commonColumns(Connection source, Connection target, String table)
      throws SQLException {
    List<String> targetColumns = columns(target, table);
    List<String> sourceColumns = columns(source, table);
    if (!new LinkedHashSet<>(sourceColumns).equals(new LinkedHashSet<>(targetColumns))) {
      throw new SQLException("table " + table + " has columns " + sourceColumns
          + " in the source but " + targetColumns + " in the target");
    }
    return targetColumns;
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData m = r.getMetaData();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        out.add(m.getColumnName(i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /** The primary key, else every column: a total order both databases agree on. */
  private static List<String> orderKey(Connection target, String table, List<String> columns)
      throws SQLException {
    Map<Integer, String> key = new java.util.TreeMap<>();
    try (ResultSet r = target.getMetaData().getPrimaryKeys(null, null, table)) {
      while (r.next()) {
        key.put(r.getInt("KEY_SEQ"), r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return key.isEmpty() ? columns : List.copyOf(key.values());
  }

  private static void copyRows(Connection source, Connection target, String table,
      List<String> columns, List<String> key) throws SQLException {
    String list = String.join(", ", columns);
    String insert = "INSERT INTO " + table + " (" + list + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    try (Statement s = source.createStatement();
        ResultSet r = s.executeQuery("SELECT " + list + " FROM " + table
            + " ORDER BY " + String.join(", ", key));
        PreparedStatement p = target.prepareStatement(insert)) {
      int batch = 0;
      while (r.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          p.setObject(i, r.getObject(i));
        }
        p.addBatch();
        if (++batch == 1000) {
          p.executeBatch();
          batch = 0;
        }
      }
      if (batch > 0) {
        p.executeBatch();
      }
    }
  }

  /** Serial columns go on after the copied ids, as SQLite's AUTOINCREMENT does. */
  private static void continueSequences(Connection target, String table, List<String> columns)
      throws SQLException {
    for (String column : columns) {
      String sequence;
      try (PreparedStatement p = target.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
        p.setString(1, table);
        p.setString(2, column);
        try (ResultSet r = p.executeQuery()) {
          sequence = r.next() ? r.getString(1) : null;
        }
      }
      if (sequence != null) {
        try (PreparedStatement p = target.prepareStatement("SELECT setval(?::regclass,"
            + " (SELECT coalesce(max(" + column + "), 0) + 1 FROM " + table + "), false)")) {
          p.setString(1, sequence);
          p.execute();
        }
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * SHA-256 over every value in key order, each written the same way whatever database it came
   * from: integers as decimal, bytes as hex, text as itself, null as a mark no text can be.
   */
  static String checksum(Connection c, String table, List<String> columns, List<String> key)
      throws SQLException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table
            + " ORDER BY " + String.join(", ", key))) {
      while (r.next()) {
        for (int i = 1; i <= columns.size(); i++) {
          digest.update(canonical(r.getObject(i)).getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0x1f);
        }
        digest.update((byte) 0x1e);
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static String canonical(Object value) {
    if (value == null) {
      return "\u0000null";
    }
    if (value instanceof byte[] bytes) {
      return "\u0000x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return Long.toString(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      return Double.toString(((Number) value).doubleValue());
    }
    return value.toString();
  }
}
