package faqbot.knowledge;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a replica's index follower the moment another replica (or {@code faqbot import}) commits
 * a change to a shared PostgreSQL store: a {@code LISTEN} on the store's change channel
 * ({@link EntryStore#CHANGES_CHANNEL}), on a connection of its own from the PostgreSQL driver (a
 * pooled one would be held for good). While the connection is down the follower polls as it
 * always did ({@link #listening()} says which); the listener reconnects with a growing pause,
 * and wakes the follower once it listens again, for what was committed meanwhile.
 */
final class ChangeListener implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChangeListener.class.getName());
  /** One wait for notifications: how soon {@link #close} is noticed. */
  private static final int WAIT_MILLIS = 500;
  /** How often a quiet connection is checked: a wait ends quietly on a dead network. */
  private static final long CHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
  private static final long MAX_PAUSE_MILLIS = 30_000;

  private final Database database;
  private final Runnable wake;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean listening;

  ChangeListener(Database database, Runnable wake) {
    this.database = database;
    this.wake = wake;
    this.thread = new Thread(this::run, "faqbot-knowledge-listen");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether notifications arrive now; when not, the follower polls. */
  boolean listening() {
    return listening;
  }

  private void run() {
    long pause = 1_000;
    boolean reported = false;
    while (!closed) {
      try (Connection c = database.openDedicated()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + EntryStore.CHANGES_CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        listening = true;
        if (reported) {
          LOG.log(System.Logger.Level.INFO, "listening for changes in the store again");
        }
        reported = false;
        pause = 1_000;
        wake.run();
        long checked = System.nanoTime();
        while (!closed) {
          PGNotification[] got = pg.getNotifications(WAIT_MILLIS);
          if (got != null && got.length > 0) {
            wake.run();
            checked = System.nanoTime();
          } else if (System.nanoTime() - checked > CHECK_NANOS) {
            if (!c.isValid(5)) {
              throw new SQLException("the listening connection stopped answering");
            }
            checked = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (!closed && !reported) {
          LOG.log(System.Logger.Level.WARNING, "not listening for changes in the store ({0}); "
              + "polling four times a second until the connection is back", e.toString());
          reported = true;
        }
      } finally {
        listening = false;
      }
      if (!closed) {
        try {
          Thread.sleep(pause);
        } catch (InterruptedException e) {
          return;
        }
        pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    // a wait in progress ends within WAIT_MILLIS; the interrupt ends a pause between attempts
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
