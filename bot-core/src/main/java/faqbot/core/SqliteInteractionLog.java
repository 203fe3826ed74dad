package faqbot.core;

import faqbot.knowledge.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InteractionLog} in SQLite: writes on one thread, batching rows into transactions, so a reply does not
 * wait for a disk sync; a row is committed at most about 50 ms after it is appended. The queue is bounded: when the disk falls behind, {@link #append} blocks
 * (back-pressure) rather than dropping rows. {@link #close()} writes everything queued before it
 * returns, and {@link #flush()} lets readers see every row appended before the call.
 *
 * <p>Row ids are assigned here, before the row is written, so a reply can carry its own log id in
 * its feedback buttons.
 */
final class SqliteInteractionLog implements InteractionLog {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteInteractionLog.class);
  private static final int CAPACITY = 16_384;
  private static final int BATCH = 1_000;
  private static final long MIN_WAIT_NANOS = 1_000_000;
  private static final long MAX_WAIT_NANOS = 50_000_000;

  private sealed interface Op permits Insert, Feedback, Barrier, Stop {}

  /** A row, and for a no-match the question to put in the moderators' queue. */
  private record Insert(Row row, Question question) implements Op {}

  private record Feedback(long id, String userKey, int value, CompletableFuture<Boolean> done)
      implements Op {}

  private record Barrier(CompletableFuture<Void> done) implements Op {}

  private record Stop() implements Op {}

  private final BlockingQueue<Op> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Connection c;
  private final AtomicLong nextId;
  private final Thread writer;
  private volatile boolean closed;

  SqliteInteractionLog(Database database) throws SQLException {
    this.database = database;
    c = database.openWriter();
    database.migrate(c, SqliteCoreTables.TRACK);
    shared = database.dialect() == Database.Dialect.POSTGRESQL;
    long max;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM core_interactions")) {
      r.next();
      max = r.getLong(1);
    }
    nextId = new AtomicLong(max);
    writer = new Thread(this::run, "faqbot-interaction-log");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public long nextId() {
    if (!shared) {
      return nextId.incrementAndGet();
    }
    synchronized (ids) {
      if (ids[0] >= ids[1]) {
        // replicas share the table: each takes its own block of a thousand from the sequence
        try (Statement s = idConnection().createStatement();
            ResultSet r = s.executeQuery("SELECT nextval('core_interactions_ids')")) {
          r.next();
          ids[0] = r.getLong(1);
          ids[1] = ids[0] + ID_BLOCK;
        } catch (SQLException e) {
          throw SqliteCoreTables.failure("cannot take log ids", e);
        }
      }
      return ids[0]++;
    }
  }

  /** The sequence's increment: ids handed out per database round trip. */
  private static final int ID_BLOCK = 1000;
  private final boolean shared;
  /** Next id to hand out, and the end of the block (exclusive); shared databases only. */
  private final long[] ids = new long[2];
  private Connection idConnection;
  private final Database database;

  /** Its own connection: the writer thread holds {@link #c} in long transactions. */
  private Connection idConnection() throws SQLException {
    if (idConnection == null) {
      idConnection = database.openWriter();
    }
    return idConnection;
  }

  @Override
  public void append(Row row, Question question) {
    if (closed) {
      throw new IllegalStateException("the interaction log is closed");
    }
    put(new Insert(row, question));
  }

  @Override
  public boolean feedback(long id, String userKey, int value) {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    put(new Feedback(id, userKey, value, done));
    return await(done);
  }

  @Override
  public void flush() {
    if (closed || Thread.currentThread() == writer) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    put(new Barrier(done));
    await(done);
  }

  private void put(Op op) {
    try {
      queue.put(op);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while logging", e);
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the log", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the interaction log writer failed", e);
    }
  }

  private void run() {
    List<Op> batch = new ArrayList<>(BATCH);
    boolean stop = false;
    long wait = MIN_WAIT_NANOS;
    while (!stop) {
      queue.drainTo(batch, BATCH);
      if (batch.isEmpty()) {
        // polling instead of blocking in take(): a writer parked on the queue would make every
        // append pay for waking it, and would commit one row per transaction. The wait doubles
        // while idle, so a quiet bot rarely wakes and a row waits at most MAX_WAIT_NANOS.
        LockSupport.parkNanos(wait);
        wait = Math.min(MAX_WAIT_NANOS, wait * 2);
        continue;
      }
      wait = MIN_WAIT_NANOS;
      stop = batch.stream().anyMatch(o -> o instanceof Stop);
      write(batch);
      batch.clear();
    }
  }

  private void write(List<Op> batch) {
    List<Runnable> after = new ArrayList<>();
    for (int attempt = 1; ; attempt++) {
      after.clear();
      try {
        c.setAutoCommit(false);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO core_interactions(id, at, "
                + "platform, chat_type, user_key, text, outcome, entry_id, external_id, confidence, "
                + "latency_ms, triage_rule, triage_level) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?) "
                + "ON CONFLICT(id) DO NOTHING");
            PreparedStatement insNoId = c.prepareStatement("INSERT INTO core_interactions(at, "
                + "platform, chat_type, user_key, text, outcome, entry_id, external_id, confidence, "
                + "latency_ms, triage_rule, triage_level) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
            PreparedStatement fb = c.prepareStatement("UPDATE core_interactions SET feedback = ? "
                + "WHERE id = ? AND user_key = ? AND outcome = 'answered'")) {
          List<Insert> rows = new ArrayList<>();
          for (Op op : batch) {
            if (op instanceof Insert i) {
              rows.add(i);
              continue;
            }
            // rows before feedback on them
            insert(rows, ins, insNoId);
            if (op instanceof Feedback f) {
              fb.setInt(1, f.value());
              fb.setLong(2, f.id());
              fb.setString(3, f.userKey());
              boolean ok = fb.executeUpdate() == 1;
              after.add(() -> f.done().complete(ok));
            } else if (op instanceof Barrier b) {
              after.add(() -> b.done().complete(null));
            }
          }
          insert(rows, ins, insNoId);
        }
        c.commit();
        c.setAutoCommit(true);
        after.forEach(Runnable::run);
        return;
      } catch (SQLException e) {
        try {
          c.rollback();
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // the retry below reports the real failure
        }
        if (attempt >= 5) {
          LOG.error("could not write {} interaction log operations: {}", batch.size(), e.toString());
          for (Op op : batch) {
            if (op instanceof Feedback f) {
              f.done().completeExceptionally(e);
            } else if (op instanceof Barrier b) {
              b.done().completeExceptionally(e);
            }
          }
          return;
        }
        LOG.warn("interaction log write failed (attempt {}), retrying: {}", attempt, e.toString());
        try {
          Thread.sleep(100L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * Writes the rows as one JDBC batch (one round trip to PostgreSQL instead of one per row), then
   * queues their questions in order, and empties {@code rows}.
   */
  private void insert(List<Insert> rows, PreparedStatement ins, PreparedStatement insNoId)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    for (Insert i : rows) {
      bind(ins, i.row(), true);
      ins.addBatch();
    }
    int[] counts = ins.executeBatch();
    for (int k = 0; k < rows.size(); k++) {
      Insert i = rows.get(k);
      if (counts[k] == 0) {
        // another process took the id (a CLI run beside the bot): keep the row anyway
        bind(insNoId, i.row(), false);
        insNoId.executeUpdate();
      }
      if (i.question() != null) {
        SqliteQuestionQueue.enqueue(c, i.row().id(), i.row().at(),
            i.question().queued(i.row().text()),
            i.question().pendingEntryId(), i.row().userKey(), i.question().meaning());
      }
    }
    rows.clear();
  }

  private static void bind(PreparedStatement p, Row r, boolean withId) throws SQLException {
    int i = 1;
    if (withId) {
      p.setLong(i++, r.id());
    }
    p.setLong(i++, r.at());
    p.setString(i++, r.platform().key());
    p.setString(i++, r.chatType().name().toLowerCase(java.util.Locale.ROOT));
    p.setString(i++, r.userKey());
    p.setString(i++, r.text());
    p.setString(i++, r.outcome().key());
    if (r.entryId() == null) {
      p.setNull(i++, Types.INTEGER);
    } else {
      p.setLong(i++, r.entryId());
    }
    p.setString(i++, r.externalId());
    if (r.confidence() == null) {
      p.setNull(i++, Types.REAL);
    } else {
      p.setDouble(i++, r.confidence());
    }
    p.setLong(i++, r.latencyMs());
    p.setString(i++, r.triageRule());
    p.setString(i, r.triageLevel());
  }

  /** Writes everything queued, stops the writer and closes its connection. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    put(new Stop());
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    // a handler that was already past its check may have appended behind the Stop
    List<Op> late = new ArrayList<>();
    queue.drainTo(late);
    if (!late.isEmpty()) {
      write(late);
    }
    try {
      c.close();
      synchronized (ids) {
        if (idConnection != null) {
          idConnection.close();
        }
      }
    } catch (SQLException e) {
      LOG.warn("closing the interaction log: {}", e.toString());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
