package faqbot.knowledge;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link NumberedLocks} as PostgreSQL session advisory locks with two int keys: (the name's
 * hash, number) for each number, and a shared lock on (the name's hash, -1) for taking part.
 * PostgreSQL keeps two-int keys apart from the one-bigint keys that {@link Database#tryLock} and
 * the migrations use, so these never collide with those whatever the hashes.
 */
final class PostgresNumberedLocks implements NumberedLocks {
  /** The member key: numbers are never negative. */
  private static final int MEMBER = -1;
  /** A query that gets no answer within this is a lost connection, not a wait. */
  private static final int NETWORK_TIMEOUT_MILLIS = 5_000;

  private final Connection connection;
  private final String name;
  private final int key;
  private final long self;

  private PostgresNumberedLocks(Connection connection, String name, int key, long self) {
    this.connection = connection;
    this.name = name;
    this.key = key;
    this.self = self;
  }

  static NumberedLocks join(Database database, String name) throws IOException {
    Connection c = null;
    try {
      c = database.openDedicated();
      c.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
      int key;
      long pid;
      // the server ends the session of a replica cut off by the network within about 25 s, and
      // with it the locks; by default it would wait for the system's keepalive, 2 hours
      try (java.sql.Statement s = c.createStatement()) {
        s.execute("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5;"
            + " SET tcp_keepalives_count = 3");
      }
      try (PreparedStatement p = c.prepareStatement(
          "SELECT hashtext(?), pg_backend_pid(), pg_try_advisory_lock_shared(hashtext(?), ?),"
              + " set_config('application_name', ?, false)")) {
        p.setString(1, name);
        p.setString(2, name);
        p.setInt(3, MEMBER);
        p.setString(4, "faqbot-locks");
        try (ResultSet r = p.executeQuery()) {
          r.next();
          key = r.getInt(1);
          pid = r.getLong(2);
          if (!r.getBoolean(3)) {
            throw new SQLException("the member lock of " + name + " is held exclusively");
          }
        }
      }
      return new PostgresNumberedLocks(c, name, key, pid);
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // already broken
        }
      }
      throw new IOException("cannot join the locks " + name + " in " + database + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public View look() throws IOException {
    Set<Long> members = new HashSet<>();
    Map<Integer, Long> holders = new HashMap<>();
    // pg_locks shows the keys as unsigned oids; it covers every database of the server
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT objid::bigint, pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2"
            + " AND granted AND classid::bigint = ?"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
      p.setLong(1, Integer.toUnsignedLong(key));
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          int number = (int) r.getLong(1);
          if (number == MEMBER) {
            members.add(r.getLong(2));
          } else {
            holders.put(number, r.getLong(2));
          }
        }
      }
    } catch (SQLException e) {
      throw lost(e);
    }
    if (!members.contains(self)) {
      throw new IOException("this process no longer takes part in the locks " + name);
    }
    return new View(self, members, holders);
  }

  @Override
  public boolean tryTake(int number) throws IOException {
    return call("pg_try_advisory_lock", number);
  }

  @Override
  public void release(int number) throws IOException {
    call("pg_advisory_unlock", number);
  }

  private boolean call(String function, int number) throws IOException {
    if (number < 0) {
      throw new IllegalArgumentException("lock numbers are not negative: " + number);
    }
    try (PreparedStatement p = connection.prepareStatement("SELECT " + function + "(?, ?)")) {
      p.setInt(1, key);
      p.setInt(2, number);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    } catch (SQLException e) {
      throw lost(e);
    }
  }

  private IOException lost(SQLException e) {
    return new IOException("lost the connection holding the locks " + name + ": "
        + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      // ending the session frees every lock it holds
      connection.close();
    } catch (SQLException ignored) {
      // a broken connection holds nothing any more
    }
  }
}
