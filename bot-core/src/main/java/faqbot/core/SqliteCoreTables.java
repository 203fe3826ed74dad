package faqbot.core;

import faqbot.knowledge.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The core's tables (migration track "core") in the knowledge base's database, SQLite or a
 * PostgreSQL that replicas share, and the connections the stores share. The staff-side stores (roles, audit, queue, retention, log reads, sign-in
 * links) take turns on one connection under this object's lock: they are low-volume operations,
 * off the answering hot path, and one connection keeps their transactions from contending with
 * each other. The interaction log writes on its own connection ({@link SqliteInteractionLog}).
 */
final class SqliteCoreTables implements AutoCloseable {
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE core_interactions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        platform TEXT NOT NULL,
        chat_type TEXT NOT NULL,
        user_key TEXT NOT NULL,
        text TEXT NOT NULL,
        outcome TEXT NOT NULL,
        entry_id INTEGER,
        external_id TEXT,
        confidence REAL,
        latency_ms INTEGER NOT NULL,
        triage_rule TEXT,
        feedback INTEGER
      );
      CREATE INDEX core_interactions_at ON core_interactions(at);
      CREATE INDEX core_interactions_user ON core_interactions(user_key);
      CREATE TABLE core_roles (
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        granted_by TEXT,
        granted_at INTEGER NOT NULL,
        PRIMARY KEY (platform, user_id)
      );
      CREATE TABLE core_queue (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        normalized TEXT NOT NULL,
        text TEXT NOT NULL,
        pending_entry_id INTEGER,
        asked_count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        answer_entry_id INTEGER,
        closed_at INTEGER,
        closed_by TEXT
      );
      CREATE INDEX core_queue_open ON core_queue(status, normalized);
      CREATE TABLE core_queue_askers (
        queue_id INTEGER NOT NULL REFERENCES core_queue(id) ON DELETE CASCADE,
        user_key TEXT NOT NULL,
        platform TEXT,
        user_id TEXT,
        chat_id TEXT,
        notify INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL,
        PRIMARY KEY (queue_id, user_key)
      );
      CREATE INDEX core_queue_askers_user ON core_queue_askers(user_key);
      CREATE TABLE core_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );
      CREATE TABLE core_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)
      """,
      // queue grouping looks up open items by pending entry; a subscription names its log row
      """
      CREATE INDEX core_queue_pending ON core_queue(status, pending_entry_id);
      ALTER TABLE core_queue_askers ADD COLUMN log_id INTEGER;
      CREATE INDEX core_queue_askers_log ON core_queue_askers(log_id)
      """,
      // care level of each message (urgent messages are answered, so the outcome cannot say it)
      """
      ALTER TABLE core_interactions ADD COLUMN triage_level TEXT
      """,
      // the embedding of an open item's question, so the queue groups questions by meaning
      """
      ALTER TABLE core_queue ADD COLUMN meaning BLOB
      """,
      // the dashboard: one-time sign-in links (only a hash of each token), and covering indexes so
      // the overview and the entries page read the log's index, not its rows (which hold the text)
      """
      CREATE TABLE core_dashboard_links (
        token_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX core_interactions_overview ON core_interactions(at, outcome, platform,
        latency_ms, feedback, triage_level, triage_rule);
      CREATE INDEX core_interactions_answers ON core_interactions(outcome, entry_id, at, feedback)
      """,
      // dashboard sessions in the database (only a hash of each token), so that every replica
      // behind a load balancer knows a sign-in another one accepted
      """
      CREATE TABLE core_dashboard_sessions (
        token_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        notice TEXT,
        offer TEXT
      );
      CREATE INDEX core_dashboard_sessions_expiry ON core_dashboard_sessions(expires_at)
      """);

  /**
   * The same steps for PostgreSQL. Log ids come from a sequence in blocks of a thousand, so that
   * replicas hand out ids without asking the database for each and never the same one.
   */
  static final List<String> POSTGRESQL_MIGRATIONS = List.of(
      """
      CREATE SEQUENCE core_interactions_ids INCREMENT BY 1000 MINVALUE 1 START 1;
      CREATE TABLE core_interactions (
        id BIGINT PRIMARY KEY DEFAULT nextval('core_interactions_ids'),
        at BIGINT NOT NULL,
        platform TEXT NOT NULL,
        chat_type TEXT NOT NULL,
        user_key TEXT NOT NULL,
        text TEXT NOT NULL,
        outcome TEXT NOT NULL,
        entry_id BIGINT,
        external_id TEXT,
        confidence DOUBLE PRECISION,
        latency_ms BIGINT NOT NULL,
        triage_rule TEXT,
        feedback INTEGER
      );
      CREATE INDEX core_interactions_at ON core_interactions(at);
      CREATE INDEX core_interactions_user ON core_interactions(user_key);
      CREATE TABLE core_roles (
        platform TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        granted_by TEXT,
        granted_at BIGINT NOT NULL,
        PRIMARY KEY (platform, user_id)
      );
      CREATE TABLE core_queue (
        id BIGSERIAL PRIMARY KEY,
        normalized TEXT NOT NULL,
        text TEXT NOT NULL,
        pending_entry_id BIGINT,
        asked_count INTEGER NOT NULL,
        first_at BIGINT NOT NULL,
        last_at BIGINT NOT NULL,
        status TEXT NOT NULL,
        answer_entry_id BIGINT,
        closed_at BIGINT,
        closed_by TEXT
      );
      CREATE INDEX core_queue_open ON core_queue(status, normalized);
      CREATE TABLE core_queue_askers (
        queue_id BIGINT NOT NULL REFERENCES core_queue(id) ON DELETE CASCADE,
        user_key TEXT NOT NULL,
        platform TEXT,
        user_id TEXT,
        chat_id TEXT,
        notify INTEGER NOT NULL DEFAULT 0,
        at BIGINT NOT NULL,
        PRIMARY KEY (queue_id, user_key)
      );
      CREATE INDEX core_queue_askers_user ON core_queue_askers(user_key);
      CREATE TABLE core_audit (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT
      );
      CREATE TABLE core_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)
      """,
      """
      CREATE INDEX core_queue_pending ON core_queue(status, pending_entry_id);
      ALTER TABLE core_queue_askers ADD COLUMN log_id BIGINT;
      CREATE INDEX core_queue_askers_log ON core_queue_askers(log_id)
      """,
      """
      ALTER TABLE core_interactions ADD COLUMN triage_level TEXT
      """,
      """
      ALTER TABLE core_queue ADD COLUMN meaning BYTEA
      """,
      """
      CREATE TABLE core_dashboard_links (
        token_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX core_interactions_overview ON core_interactions(at, outcome, platform,
        latency_ms, feedback, triage_level, triage_rule);
      CREATE INDEX core_interactions_answers ON core_interactions(outcome, entry_id, at, feedback)
      """,
      """
      CREATE TABLE core_dashboard_sessions (
        token_hash TEXT PRIMARY KEY,
        actor TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        notice TEXT,
        offer TEXT
      );
      CREATE INDEX core_dashboard_sessions_expiry ON core_dashboard_sessions(expires_at)
      """);

  static final Database.Track TRACK =
      new Database.Track("core", MIGRATIONS, POSTGRESQL_MIGRATIONS);

  /** Work on a connection; a failure is reported as the work's {@code what}. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final Connection c;
  /**
   * The dashboard's long reads (a second or so over months of log) run on their own connection
   * under their own lock, so staff commands and "Notify me" presses never wait for them.
   */
  private final Object readerLock = new Object();
  private Connection reader;
  private final Database database;
  private final InteractionLog log;

  SqliteCoreTables(Database database, InteractionLog log) {
    this.database = database;
    this.log = log;
    try {
      this.c = database.openWriter();
      database.migrate(c, TRACK);
    } catch (SQLException e) {
      throw failure("cannot open the core tables in " + database, e);
    }
  }

  Database.Dialect dialect() {
    return database.dialect();
  }

  static UncheckedIOException failure(String what, SQLException e) {
    return new UncheckedIOException(new IOException(what + ": " + e.getMessage(), e));
  }

  /**
   * Makes every row logged so far readable: the log writer batches, and queue items are written
   * with their log rows.
   */
  void flushLog() {
    log.flush();
  }

  /** Runs the work on the shared connection, in auto-commit mode. */
  synchronized <T> T call(String what, Work<T> work) {
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs the work on the shared connection in one transaction. */
  synchronized <T> T inTransaction(String what, Work<T> work) {
    try {
      return Transactions.inTransaction(c, () -> work.run(c));
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs a long read on the reading connection, opened on first use. */
  <T> T read(String what, Work<T> work) {
    synchronized (readerLock) {
      try {
        if (reader == null) {
          reader = database.openReader();
        }
        return work.run(reader);
      } catch (SQLException e) {
        throw failure(what, e);
      }
    }
  }

  @Override
  public synchronized void close() {
    synchronized (readerLock) {
      if (reader != null) {
        try {
          reader.close();
        } catch (SQLException e) {
          // the main connection's close below reports what matters
        }
        reader = null;
      }
    }
    try {
      c.close();
    } catch (SQLException e) {
      throw failure("cannot close the core tables", e);
    }
  }
}
