package faqbot.knowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link KnowledgeStore} in SQLite: entries, their revisions, and the change counter ("generation") that tells
 * whether the Lucene index is current. Every write runs in one transaction that also bumps the
 * generation, so the index can be checked against the store after a crash.
 *
 * <p>Not thread-safe for writes: the caller serializes them. Reads use their own connection, so
 * they see the last committed state and never a half-written document.
 */
final class EntryStore implements KnowledgeStore {
  /** Released migrations; never edit one, append a new step (to both lists). */
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        external_id TEXT NOT NULL UNIQUE CHECK (length(trim(external_id)) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('QA', 'ARTICLE')),
        status TEXT NOT NULL CHECK (status IN ('PUBLISHED', 'PENDING', 'DELETED')),
        title TEXT NOT NULL,
        question TEXT,
        asker_description TEXT,
        ask_date TEXT,
        doctor_name TEXT,
        specialty TEXT,
        reply TEXT,
        reply_date TEXT,
        more_info TEXT,
        related_topics TEXT NOT NULL DEFAULT '[]',
        similar_questions TEXT NOT NULL DEFAULT '[]',
        at_a_glance TEXT NOT NULL DEFAULT '[]',
        quick_take TEXT,
        seo_title TEXT,
        seo_description TEXT,
        body TEXT,
        focus TEXT,
        synonyms TEXT NOT NULL DEFAULT '[]',
        question_type TEXT,
        source_file TEXT,
        source_collection TEXT,
        source_url TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        -- a Q&A entry is found by its question and an article by its title: without them the entry
        -- could never be matched, so it is refused rather than stored unreachable
        CHECK (kind <> 'QA' OR length(trim(coalesce(question, ''))) > 0),
        CHECK (kind <> 'ARTICLE' OR length(trim(title)) > 0)
      );
      CREATE INDEX entries_status ON entries(status, id);
      CREATE TABLE entry_revisions (
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        revision INTEGER NOT NULL,
        change TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        undoes INTEGER,
        snapshot TEXT NOT NULL,
        PRIMARY KEY (entry_id, revision)
      );
      CREATE TABLE knowledge_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
      INSERT INTO knowledge_state(key, value) VALUES ('generation', 0)
      """,
      // sentence embeddings by a hash of the text embedded (and the model): re-imports, reindexes
      // and restarts find them here instead of running the model again; not part of the
      // generation, since they are derived and never change what an entry says
      """
      CREATE TABLE embeddings (text_hash TEXT PRIMARY KEY, vector BLOB NOT NULL)
      """,
      // alternative questions (patients' phrasings moderators linked to an entry); and which
      // entries each generation changed, so that the process holding the index (the bot) brings
      // it up to date with changes other processes (a command-line import) made, entry by entry.
      // Changes are recorded from the generation this step ran at ('changes_from'); 'rebuild'
      // counts requests for a full rebuild (reindex run while another process holds the index)
      """
      ALTER TABLE entries ADD COLUMN alternative_questions TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE entry_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        generation INTEGER NOT NULL,
        entry_id INTEGER NOT NULL
      );
      CREATE INDEX entry_changes_generation ON entry_changes(generation);
      INSERT INTO knowledge_state(key, value)
        SELECT 'changes_from', value FROM knowledge_state WHERE key = 'generation';
      INSERT INTO knowledge_state(key, value) VALUES ('rebuild', 0)
      """);

  /** The same three steps for PostgreSQL. */
  static final List<String> POSTGRESQL_MIGRATIONS = List.of(
      """
      CREATE TABLE entries (
        id BIGSERIAL PRIMARY KEY,
        external_id TEXT NOT NULL UNIQUE
          CONSTRAINT external_id_not_blank CHECK (length(trim(external_id)) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('QA', 'ARTICLE')),
        status TEXT NOT NULL CHECK (status IN ('PUBLISHED', 'PENDING', 'DELETED')),
        title TEXT NOT NULL,
        question TEXT,
        asker_description TEXT,
        ask_date TEXT,
        doctor_name TEXT,
        specialty TEXT,
        reply TEXT,
        reply_date TEXT,
        more_info TEXT,
        related_topics TEXT NOT NULL DEFAULT '[]',
        similar_questions TEXT NOT NULL DEFAULT '[]',
        at_a_glance TEXT NOT NULL DEFAULT '[]',
        quick_take TEXT,
        seo_title TEXT,
        seo_description TEXT,
        body TEXT,
        focus TEXT,
        synonyms TEXT NOT NULL DEFAULT '[]',
        question_type TEXT,
        source_file TEXT,
        source_collection TEXT,
        source_url TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        CONSTRAINT qa_needs_question
          CHECK (kind <> 'QA' OR length(trim(coalesce(question, ''))) > 0),
        CONSTRAINT article_needs_title CHECK (kind <> 'ARTICLE' OR length(trim(title)) > 0)
      );
      CREATE INDEX entries_status ON entries(status, id);
      CREATE TABLE entry_revisions (
        entry_id BIGINT NOT NULL REFERENCES entries(id),
        revision INTEGER NOT NULL,
        change TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        undoes INTEGER,
        snapshot TEXT NOT NULL,
        PRIMARY KEY (entry_id, revision)
      );
      CREATE TABLE knowledge_state (key TEXT PRIMARY KEY, value BIGINT NOT NULL);
      INSERT INTO knowledge_state(key, value) VALUES ('generation', 0)
      """,
      """
      CREATE TABLE embeddings (text_hash TEXT PRIMARY KEY, vector BYTEA NOT NULL)
      """,
      """
      ALTER TABLE entries ADD COLUMN alternative_questions TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE entry_changes (
        seq BIGSERIAL PRIMARY KEY,
        generation BIGINT NOT NULL,
        entry_id BIGINT NOT NULL
      );
      CREATE INDEX entry_changes_generation ON entry_changes(generation);
      INSERT INTO knowledge_state(key, value)
        SELECT 'changes_from', value FROM knowledge_state WHERE key = 'generation';
      INSERT INTO knowledge_state(key, value) VALUES ('rebuild', 0)
      """);

  static final Database.Track TRACK =
      new Database.Track("knowledge", MIGRATIONS, POSTGRESQL_MIGRATIONS);

  private static final String COLUMNS = "id, external_id, kind, status, title, question,"
      + " asker_description, ask_date, doctor_name, specialty, reply, reply_date, more_info,"
      + " related_topics, similar_questions, at_a_glance, quick_take, seo_title, seo_description,"
      + " body, focus, synonyms, question_type, source_file, source_collection, source_url,"
      + " created, updated, alternative_questions";
  private static final String DATA_COLUMNS = COLUMNS.substring("id, ".length()) + ", content_hash";

  private final Database db;
  private final Connection writer;
  private final Connection reader;
  /**
   * Prepared statements by connection and SQL. Preparing dominated the import profile (sqlite
   * parses every statement anew), so each is prepared once per connection; callers hold that
   * connection's lock (the writer's by contract, the reader's by synchronized).
   */
  private final Map<Connection, Map<String, PreparedStatement>> statements = new HashMap<>();

  private EntryStore(Database db, Connection writer, Connection reader) {
    this.db = db;
    this.writer = writer;
    this.reader = reader;
  }

  static EntryStore open(Path dbFile) throws IOException {
    return open(Database.sqlite(dbFile));
  }

  static EntryStore open(Database db) throws IOException {
    Connection w = null;
    try {
      // every write transaction begins IMMEDIATE on SQLite (or locks the generation row on
      // PostgreSQL), waiting for another process's write to end instead of failing when it
      // upgrades a read; auto-commit is on between transactions so that no lock or snapshot is
      // held while idle
      w = db.openWriter();
      db.migrate(w, TRACK);
      Connection r = db.openReader();
      return new EntryStore(db, w, r);
    } catch (SQLException e) {
      closeQuietly(w);
      throw new IOException("cannot open the knowledge store " + db + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- writes

  /** A document parsed whole (chat input, the example pack, tests). */
  @Override
  public Imported importDocument(ParsedDocument doc) throws IOException {
    try {
      return importEntries(EntrySource.of(doc));
    } catch (ParseException e) {
      // as before streaming: the store refusing an entry is an IOException, a bad document not
      if (e.getCause() instanceof SQLException) {
        throw new IOException(e.getMessage() + "; nothing was changed", e);
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Imports a document's entries in one transaction, reading them one at a time: all of it is
   * stored, or (on a parse error or an entry the store refuses) nothing. Adds new entries and
   * updates changed ones; an entry a moderator deleted stays deleted. External ids must be
   * unique within the document; they are checked in a temporary table, not in memory.
   *
   * @throws ParseException naming the document, the place and, for a refused entry, its id
   */
  @Override
  public Imported importEntries(EntrySource src) throws IOException, ParseException {
    return importEntries(src, false);
  }

  /**
   * As {@link #importEntries(EntrySource)}; with {@code dryRun} every check and count is made in
   * the transaction and then rolled back, so the report says what an import would do.
   */
  @Override
  public Imported importEntries(EntrySource src, boolean dryRun) throws IOException, ParseException {
    Instant now = Instant.now();
    String actor = "import:" + src.document();
    String place = null;
    String ext = null;
    try {
      writer.setAutoCommit(false);
      // IMMEDIATE: nobody else writes until the commit, so the generation read here is the next
      long gen = generation(writer) + 1;
      prepared(writer, "CREATE TEMP TABLE IF NOT EXISTS import_seen"
          + " (external_id TEXT PRIMARY KEY, location TEXT NOT NULL)").execute();
      prepared(writer, "DELETE FROM import_seen").executeUpdate();
      int added = 0;
      int updated = 0;
      int unchanged = 0;
      LongList changed = new LongList();
      for (Entry e = src.next(); e != null; e = src.next()) {
        place = src.location();
        ext = e.source().externalId();
        PreparedStatement seen = prepared(writer,
            "INSERT INTO import_seen(external_id, location) VALUES (?, ?) ON CONFLICT DO NOTHING");
        seen.setString(1, ext);
        seen.setString(2, place);
        if (seen.executeUpdate() == 0) {
          // two entries claiming one identity: storing either would silently lose the other
          throw new ParseException(src.document(), place, "external id " + ext
              + " occurs twice in the document (first at " + firstPlace(ext) + ")");
        }
        // only the stored hash is read: re-importing an unchanged corpus is the common case
        PreparedStatement find = prepared(writer, "SELECT id, status, content_hash, created,"
            + " alternative_questions FROM entries WHERE external_id = ?");
        find.setString(1, ext);
        long prevId;
        Entry.Status prevStatus;
        String prevHash;
        String prevCreated;
        List<String> prevAlternatives;
        try (ResultSet r = find.executeQuery()) {
          if (!r.next()) {
            // a document that carries its own times, id and history (our JSONL export) keeps
            // them: re-importing an export into an empty home must lose nothing
            Entry stored = insert(e.toBuilder().id(idIfFree(e.id()))
                .created(e.created() != null ? e.created() : now)
                .updated(e.updated() != null ? e.updated() : now).build());
            List<StoredRevision> history = src.history();
            for (StoredRevision rev : history) {
              insertRevision(stored.id(), rev);
            }
            if (history.isEmpty()) {
              addRevision(stored, "added", actor, now, null);
            } else if (!sameVersion(history.get(history.size() - 1).entry(), stored)) {
              addRevision(stored, "updated", actor, now, null);
            }
            recordChange(gen, stored.id());
            changed.add(stored.id());
            added++;
            continue;
          }
          prevId = r.getLong(1);
          prevStatus = Entry.Status.valueOf(r.getString(2));
          prevHash = r.getString(3);
          prevCreated = r.getString(4);
          prevAlternatives = EntryStoreJson.listFromJson(r.getString(5));
        }
        if (e.alternativeQuestions().isEmpty() && !prevAlternatives.isEmpty()) {
          // the collection's file knows nothing of the phrasings moderators linked: keep them
          e = e.toBuilder().alternativeQuestions(prevAlternatives).build();
        }
        // a moderator's deletion survives re-imports; otherwise the document decides the status
        Entry.Status status =
            prevStatus == Entry.Status.DELETED ? Entry.Status.DELETED : e.status();
        if (status == prevStatus && prevHash.equals(EntryStoreJson.contentHash(e))) {
          unchanged++;
          continue;
        }
        Entry next = e.toBuilder().id(prevId).status(status)
            .created(Instant.parse(prevCreated)).updated(e.updated() != null ? e.updated() : now).build();
        replace(next);
        addRevision(next, "updated", actor, now, null);
        recordChange(gen, next.id());
        changed.add(next.id());
        updated++;
      }
      place = null;
      ext = null;
      prepared(writer, "DELETE FROM import_seen").executeUpdate();
      if (changed.size() > 0) {
        setGeneration(gen);
      }
      gen = generation(writer);
      ImportReport report = new ImportReport(src.document(), src.format(), added, updated,
          unchanged, src.skipped(), src.skippedCount());
      if (dryRun) {
        rollback();
        return new Imported(report, new long[0], gen);
      }
      writer.commit();
      return new Imported(report, changed.toArray(), gen);
    } catch (SQLException e) {
      rollback();
      if (place != null && refused(e)) {
        throw new ParseException(src.document(), place, "entry " + ext
            + " was refused by the store: " + why(e), e);
      }
      throw new IOException("import of " + src.document() + " failed"
          + (place == null ? "" : " at " + place) + ", nothing of it was stored: " + e.getMessage(), e);
    } catch (ParseException | IOException | RuntimeException e) {
      rollback();
      throw e;
    } finally {
      autoCommit();
    }
  }

  /** A constraint or size limit: the entry's fault, not the database's. */
  private static boolean refused(SQLException e) {
    String state = String.valueOf(e.getSQLState());
    if (state.startsWith("23") || state.startsWith("22")) {
      // PostgreSQL: integrity constraint violation or data exception
      return true;
    }
    int primary = e.getErrorCode() & 0xff;
    return primary == 19 /* SQLITE_CONSTRAINT */ || primary == 18 /* SQLITE_TOOBIG */
        || primary == 20 /* SQLITE_MISMATCH */;
  }

  /** The schema's checks in the author's terms; the database's own words for anything else. */
  private static String why(SQLException e) {
    String m = String.valueOf(e.getMessage());
    // PostgreSQL's detail lines quote the row, whose words must not pick the explanation
    String first = m.lines().findFirst().orElse("");
    if (first.contains("CHECK constraint failed") || first.contains("violates check constraint")) {
      m = first;
      if (m.contains("question")) {
        return "a Q&A entry needs a question that is not blank (" + m + ")";
      }
      if (m.contains("title")) {
        return "an article needs a title that is not blank (" + m + ")";
      }
      if (m.contains("external_id")) {
        return "the external id must not be blank (" + m + ")";
      }
    }
    return m;
  }

  private String firstPlace(String ext) throws SQLException {
    PreparedStatement p = prepared(writer, "SELECT location FROM import_seen WHERE external_id = ?");
    p.setString(1, ext);
    try (ResultSet r = p.executeQuery()) {
      return r.next() ? r.getString(1) : "?";
    }
  }

  /** A growable array of ids: a boxed list would take four times the memory. */
  static final class LongList {
    private long[] values = new long[16];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }

    void clear() {
      values = new long[16];
      size = 0;
    }
  }

  /** The current entries with these ids (deleted ones included), in the order given. */
  @Override
  public List<Entry> getAll(long[] ids, int from, int to) {
    if (from >= to) {
      return List.of();
    }
    return read(() -> {
      Map<Long, Entry> byId = new HashMap<>();
      try (PreparedStatement p = reader.prepareStatement("SELECT " + COLUMNS
          + " FROM entries WHERE id IN (" + "?,".repeat(to - from - 1) + "?)")) {
        for (int i = from; i < to; i++) {
          p.setLong(i - from + 1, ids[i]);
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            Entry e = row(r);
            byId.put(e.id(), e);
          }
        }
      }
      List<Entry> out = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        Entry e = byId.get(ids[i]);
        if (e == null) {
          throw new SQLException("entry " + ids[i] + " vanished");
        }
        out.add(e);
      }
      return out;
    });
  }

  Written add(Entry e, String actor) throws IOException {
    return add(e, actor, null);
  }

  /** As {@link #add(Entry, String)}, running {@code also} in the same transaction (may be null). */
  @Override
  public Written add(Entry e, String actor, KnowledgeBase.InSameTransaction also) throws IOException {
    requireActor(actor);
    if (e.id() != 0) {
      throw new IllegalArgumentException("a new entry has id 0, not " + e.id());
    }
    return write("add", now -> {
      Optional<Entry> clash = selectOne(writer, "external_id = ?", e.source().externalId());
      if (clash.isPresent()) {
        throw new IllegalArgumentException("external id " + e.source().externalId()
            + " already belongs to entry " + clash.get().id());
      }
      Entry stored = insert(e.toBuilder().created(now).updated(now).build());
      addRevision(stored, "added", actor, now, null);
      alsoRun(also, stored);
      return new Step<>(stored, true, List.of(stored));
    }, (s, w) -> new Written(s, w.changed(), w.generation()));
  }

  Written update(Entry e, String actor) throws IOException {
    return update(e, actor, null);
  }

  /** As {@link #update(Entry, String)}, running {@code also} in the same transaction (may be null). */
  @Override
  public Written update(Entry e, String actor, KnowledgeBase.InSameTransaction also) throws IOException {
    requireActor(actor);
    return write("update " + e.id(), now -> {
      Entry prev = existing(e.id());
      Optional<Entry> clash = selectOne(writer, "external_id = ?", e.source().externalId());
      if (clash.isPresent() && clash.get().id() != e.id()) {
        throw new IllegalArgumentException("external id " + e.source().externalId()
            + " already belongs to entry " + clash.get().id());
      }
      if (prev.status() == e.status()
          && EntryStoreJson.contentHash(prev).equals(EntryStoreJson.contentHash(e))) {
        alsoRun(also, prev);
        return new Step<>(prev, false, List.of());
      }
      Entry next = e.toBuilder().created(prev.created()).updated(now).build();
      replace(next);
      addRevision(next, "updated", actor, now, null);
      alsoRun(also, next);
      return new Step<>(next, true, List.of(next));
    }, (s, w) -> new Written(s, w.changed(), w.generation()));
  }

  @Override
  public Written remove(long id, String actor) throws IOException {
    requireActor(actor);
    return write("remove " + id, now -> {
      Entry prev = existing(id);
      if (prev.status() == Entry.Status.DELETED) {
        return new Step<>(prev, false, List.of());
      }
      Entry next = prev.toBuilder().status(Entry.Status.DELETED).updated(now).build();
      replace(next);
      addRevision(next, "removed", actor, now, null);
      return new Step<>(next, true, List.of(next));
    }, (s, w) -> new Written(s, w.changed(), w.generation()));
  }

  /**
   * Undo is linear: each revision either is a change or undoes one ({@code undoes}). The change to
   * undo next is found by following undo records back past what they undid, so repeated undos walk
   * back through the history instead of flip-flopping between two versions.
   */
  @Override
  public Written undo(long id, String actor) throws IOException {
    requireActor(actor);
    return write("restore " + id, now -> {
      Entry current = existing(id);
      Map<Integer, Integer> undoes = new HashMap<>();
      int newest = 0;
      try (PreparedStatement p = writer.prepareStatement(
          "SELECT revision, undoes FROM entry_revisions WHERE entry_id = ?")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            int rev = r.getInt(1);
            int u = r.getInt(2);
            undoes.put(rev, r.wasNull() ? null : u);
            newest = Math.max(newest, rev);
          }
        }
      }
      int head = newest;
      while (head > 0 && undoes.get(head) != null) {
        head = undoes.get(head) - 1;
      }
      if (head <= 1) {
        throw new IllegalStateException("entry " + id + " has no change left to undo");
      }
      Entry target = EntryStoreJson.fromJson(snapshot(id, head - 1));
      Entry next = target.toBuilder().id(id).created(current.created()).updated(now).build();
      Optional<Entry> clash = selectOne(writer, "external_id = ?", next.source().externalId());
      if (clash.isPresent() && clash.get().id() != id) {
        throw new IllegalStateException("cannot undo: external id " + next.source().externalId()
            + " now belongs to entry " + clash.get().id());
      }
      replace(next);
      addRevision(next, "restored", actor, now, head);
      return new Step<>(next, true, List.of(next));
    }, (s, w) -> new Written(s, w.changed(), w.generation()));
  }

  // ---------------------------------------------------------------- reads

  long generation() throws IOException {
    synchronized (reader) {
      try {
        return generation(reader);
      } catch (SQLException e) {
        throw new IOException("cannot read the store generation", e);
      }
    }
  }

  @Override
  public Optional<Entry> get(long id) {
    return read(() -> selectOne(reader, "id = ?", id));
  }

  @Override
  public Optional<Entry> getByExternalId(String externalId) {
    return read(() -> selectOne(reader, "external_id = ?", externalId));
  }

  @Override
  public List<Entry> list(int offset, int limit, boolean includeDeleted) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must be >= 0");
    }
    return read(() -> {
      List<Entry> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement("SELECT " + COLUMNS + " FROM entries"
          + (includeDeleted ? "" : " WHERE status <> 'DELETED'") + " ORDER BY id LIMIT ? OFFSET ?")) {
        p.setInt(1, limit);
        p.setInt(2, offset);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(row(r));
          }
        }
      }
      return out;
    });
  }

  @Override
  public KnowledgeBase.Counts counts() {
    return read(() -> {
      Map<String, Integer> byStatus = new HashMap<>();
      try (Statement s = reader.createStatement();
          ResultSet r = s.executeQuery("SELECT status, count(*) FROM entries GROUP BY status")) {
        while (r.next()) {
          byStatus.put(r.getString(1), r.getInt(2));
        }
      }
      return new KnowledgeBase.Counts(byStatus.getOrDefault("PUBLISHED", 0),
          byStatus.getOrDefault("PENDING", 0), byStatus.getOrDefault("DELETED", 0));
    });
  }

  @Override
  public List<KnowledgeBase.Revision> history(long id) {
    return read(() -> {
      List<KnowledgeBase.Revision> out = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement("SELECT revision, snapshot, actor, at,"
          + " change FROM entry_revisions WHERE entry_id = ? ORDER BY revision DESC")) {
        p.setLong(1, id);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new KnowledgeBase.Revision(id, r.getInt(1),
                EntryStoreJson.fromJson(r.getString(2)), r.getString(3),
                Instant.parse(r.getString(4)), r.getString(5)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public State state() throws IOException {
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet r = s.executeQuery("SELECT key, value FROM knowledge_state")) {
        Map<String, Long> v = new HashMap<>();
        while (r.next()) {
          v.put(r.getString(1), r.getLong(2));
        }
        return new State(v.getOrDefault("generation", 0L), v.getOrDefault("rebuild", 0L),
            v.getOrDefault("changes_from", 0L));
      } catch (SQLException e) {
        throw new IOException("cannot read the store generation: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Ids of the entries changed after generation {@code from} up to {@code to}, each once, in the
   * order of their first change then; null when changes that old are no longer recorded.
   */
  @Override
  public long[] changedSince(long from, long to) throws IOException {
    synchronized (reader) {
      try {
        reader.setAutoCommit(false);
        try {
          try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery(
              "SELECT value FROM knowledge_state WHERE key = 'changes_from'")) {
            if (!r.next() || r.getLong(1) > from) {
              return null;
            }
          }
          LongList ids = new LongList();
          try (PreparedStatement p = reader.prepareStatement("SELECT entry_id FROM entry_changes"
              + " WHERE generation > ? AND generation <= ? GROUP BY entry_id ORDER BY min(seq)")) {
            p.setLong(1, from);
            p.setLong(2, to);
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                ids.add(r.getLong(1));
              }
            }
          }
          return ids.toArray();
        } finally {
          reader.rollback();
          reader.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new IOException("cannot read the store's changes: " + e.getMessage(), e);
      }
    }
  }

  /** Forgets the changes up to {@code generation}: the index holding them is committed. */
  @Override
  public void pruneChanges(long generation) throws IOException {
    try {
      writer.setAutoCommit(false);
      PreparedStatement d = prepared(writer, "DELETE FROM entry_changes WHERE generation <= ?");
      d.setLong(1, generation);
      d.executeUpdate();
      PreparedStatement u = prepared(writer, "UPDATE knowledge_state SET value = CASE WHEN value > ? THEN value ELSE ? END"
          + " WHERE key = 'changes_from'");
      u.setLong(1, generation);
      u.setLong(2, generation);
      u.executeUpdate();
      writer.commit();
    } catch (SQLException e) {
      rollback();
      throw new IOException("cannot prune the store's change list: " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  /** Asks the process that holds the index to rebuild it; returns the request's number. */
  @Override
  public long requestRebuild() throws IOException {
    try {
      writer.setAutoCommit(false);
      prepared(writer, "UPDATE knowledge_state SET value = value + 1 WHERE key = 'rebuild'")
          .executeUpdate();
      announce("rebuild");
      long n;
      try (ResultSet r = prepared(writer,
          "SELECT value FROM knowledge_state WHERE key = 'rebuild'").executeQuery()) {
        n = r.next() ? r.getLong(1) : 0;
      }
      writer.commit();
      return n;
    } catch (SQLException e) {
      rollback();
      throw new IOException("cannot request a rebuild: " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  /**
   * Every entry except deleted ones in id order with its history (oldest first), from one
   * consistent snapshot: what the JSONL export holds.
   */
  @Override
  public void forEachWithHistory(java.util.function.BiConsumer<Entry, List<StoredRevision>> sink)
      throws IOException {
    try (Connection c = db.openReader()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT " + COLUMNS
              + " FROM entries WHERE status <> 'DELETED' ORDER BY id");
          PreparedStatement h = c.prepareStatement("SELECT revision, change, actor, at, undoes,"
              + " snapshot FROM entry_revisions WHERE entry_id = ? ORDER BY revision")) {
        while (r.next()) {
          Entry e = row(r);
          List<StoredRevision> revisions = new ArrayList<>();
          h.setLong(1, e.id());
          try (ResultSet hr = h.executeQuery()) {
            while (hr.next()) {
              int u = hr.getInt(5);
              Integer undoes = hr.wasNull() ? null : u;
              revisions.add(new StoredRevision(hr.getInt(1), hr.getString(2), hr.getString(3),
                  Instant.parse(hr.getString(4)), undoes, EntryStoreJson.fromJson(hr.getString(6))));
            }
          }
          sink.accept(e, revisions);
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IOException("cannot read entries from the store", e);
    }
  }

  /**
   * Streams entries in id order from one consistent snapshot and returns that snapshot's
   * generation, so an index built from it can be stamped with the right counter.
   */
  @Override
  public long forEach(boolean includeDeleted, Consumer<Entry> sink) throws IOException {
    // its own connection: a full scan takes seconds, and get/list must not wait for it
    try (Connection c = db.openReader()) {
      c.setAutoCommit(false);
      try {
        long gen;
        try (Statement s = c.createStatement();
            ResultSet r = s.executeQuery(
                "SELECT value FROM knowledge_state WHERE key = 'generation'")) {
          if (!r.next()) {
            throw new SQLException("knowledge_state has no generation row");
          }
          gen = r.getLong(1);
        }
        try (Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM entries"
                + (includeDeleted ? "" : " WHERE status <> 'DELETED'") + " ORDER BY id")) {
          while (r.next()) {
            sink.accept(row(r));
          }
        }
        return gen;
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IOException("cannot read entries from the store", e);
    }
  }

  /**
   * Cached embeddings among {@code keys}. Writer connection: callers hold the knowledge base's
   * write lock, and the lookups run between a document's store and index writes.
   */
  @Override
  public Map<String, float[]> vectors(java.util.Collection<String> keys) throws IOException {
    Map<String, float[]> found = new HashMap<>();
    try {
      PreparedStatement p = prepared(writer, "SELECT vector FROM embeddings WHERE text_hash = ?");
      for (String k : keys) {
        p.setString(1, k);
        try (ResultSet r = p.executeQuery()) {
          if (r.next()) {
            found.put(k, Embeddings.decode(r.getBytes(1)));
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IOException("cannot read cached embeddings: " + e.getMessage(), e);
    }
  }

  @Override
  public void putVectors(Map<String, float[]> vectors) throws IOException {
    if (vectors.isEmpty()) {
      return;
    }
    try {
      writer.setAutoCommit(false);
      PreparedStatement p =
          prepared(writer, "INSERT INTO embeddings(text_hash, vector) VALUES (?, ?)"
              + " ON CONFLICT (text_hash) DO UPDATE SET vector = excluded.vector");
      for (Map.Entry<String, float[]> v : vectors.entrySet()) {
        p.setString(1, v.getKey());
        p.setBytes(2, Embeddings.encode(v.getValue()));
        p.executeUpdate();
      }
      writer.commit();
    } catch (SQLException e) {
      rollback();
      throw new IOException("cannot store embeddings: " + e.getMessage(), e);
    } finally {
      autoCommit();
    }
  }

  @Override
  public void close() throws IOException {
    SQLException first = null;
    synchronized (statements) {
      for (Map<String, PreparedStatement> cache : statements.values()) {
        for (PreparedStatement p : cache.values()) {
          try {
            p.close();
          } catch (SQLException e) {
            first = first == null ? e : first;
          }
        }
      }
      statements.clear();
    }
    for (Connection c : List.of(writer, reader)) {
      try {
        c.close();
      } catch (SQLException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new IOException("cannot close the knowledge store", first);
    }
  }

  // ---------------------------------------------------------------- internals

  /** A transaction body's outcome: its value, whether it changed anything, the changed entries. */
  private record Step<T>(T value, boolean changedAnything, List<Entry> changed) {}

  @FunctionalInterface
  private interface Body<T> {
    Step<T> run(Instant now) throws SQLException;
  }

  @FunctionalInterface
  private interface Finish<T, R> {
    R apply(T value, Written written);
  }

  @FunctionalInterface
  private interface Query<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code body} in one transaction and bumps the generation in that same transaction when it
   * changed something. Any exception rolls everything back.
   */
  private <T, R> R write(String what, Body<T> body, Finish<T, R> finish) throws IOException {
    Instant now = Instant.now();
    try {
      writer.setAutoCommit(false);
      // first: on PostgreSQL this locks the generation row, so writes from all replicas serialize
      // as they do in SQLite's IMMEDIATE transactions
      long gen = generation(writer);
      Step<T> step = body.run(now);
      if (step.changedAnything()) {
        gen++;
        setGeneration(gen);
        for (Entry e : step.changed()) {
          recordChange(gen, e.id());
        }
      }
      writer.commit();
      return finish.apply(step.value(), new Written(null, step.changed(), gen));
    } catch (SQLException e) {
      rollback();
      throw new IOException(what + " failed, nothing was changed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      rollback();
      throw e;
    } finally {
      autoCommit();
    }
  }

  private void autoCommit() {
    try {
      writer.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken; the next write reports it
    }
  }

  private void setGeneration(long gen) throws SQLException {
    PreparedStatement p =
        prepared(writer, "UPDATE knowledge_state SET value = ? WHERE key = 'generation'");
    p.setLong(1, gen);
    p.executeUpdate();
    announce("generation " + gen);
  }

  /** The channel on which a shared store announces its changes ({@link ChangeListener}). */
  static final String CHANGES_CHANNEL = "faqbot_knowledge_changes";

  /**
   * Wakes the replicas that follow a shared store: a NOTIFY in the writing transaction, which
   * PostgreSQL delivers at its commit (never for a rollback or a preview), after the change rows.
   * SQLite has no other replicas to wake: its followers poll.
   */
  private void announce(String what) throws SQLException {
    if (db.dialect() == Database.Dialect.POSTGRESQL) {
      PreparedStatement p = prepared(writer, "SELECT pg_notify('" + CHANGES_CHANNEL + "', ?)");
      p.setString(1, what);
      try (ResultSet r = p.executeQuery()) {
        r.next();
      }
    }
  }

  private void recordChange(long gen, long entryId) throws SQLException {
    PreparedStatement p =
        prepared(writer, "INSERT INTO entry_changes(generation, entry_id) VALUES (?, ?)");
    p.setLong(1, gen);
    p.setLong(2, entryId);
    p.executeUpdate();
  }

  /** {@code id} when no entry has it (an export re-imported keeps its ids), else 0 (a new one). */
  private long idIfFree(long id) throws SQLException {
    if (id <= 0) {
      return 0;
    }
    PreparedStatement p = prepared(writer, "SELECT 1 FROM entries WHERE id = ?");
    p.setLong(1, id);
    try (ResultSet r = p.executeQuery()) {
      return r.next() ? 0 : id;
    }
  }

  private static boolean sameVersion(Entry a, Entry b) {
    return a.status() == b.status()
        && EntryStoreJson.contentHash(a).equals(EntryStoreJson.contentHash(b));
  }

  private void insertRevision(long entryId, StoredRevision r) throws SQLException {
    PreparedStatement p = prepared(writer, "INSERT INTO entry_revisions(entry_id, revision,"
        + " change, actor, at, undoes, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)");
    p.setLong(1, entryId);
    p.setInt(2, r.revision());
    p.setString(3, r.change());
    p.setString(4, r.actor());
    p.setString(5, r.at().toString());
    p.setObject(6, r.undoes());
    p.setString(7, EntryStoreJson.toJson(r.entry().toBuilder().id(entryId).build()));
    p.executeUpdate();
  }

  private void alsoRun(KnowledgeBase.InSameTransaction also, Entry written) throws SQLException {
    if (also != null) {
      also.run(writer, written);
    }
  }

  private void rollback() {
    try {
      writer.rollback();
    } catch (SQLException ignored) {
      // the original failure is the one worth reporting; SQLite discards the transaction anyway
    }
  }

  private <T> T read(Query<T> q) {
    synchronized (reader) {
      try {
        return q.run();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot read the knowledge store: " + e.getMessage(), e);
      }
    }
  }

  private long generation(Connection c) throws SQLException {
    String forUpdate = c == writer ? db.forUpdate() : "";
    try (ResultSet r = prepared(c,
        "SELECT value FROM knowledge_state WHERE key = 'generation'" + forUpdate).executeQuery()) {
      if (!r.next()) {
        throw new SQLException("knowledge_state has no generation row");
      }
      return r.getLong(1);
    }
  }

  private Entry existing(long id) throws SQLException {
    return selectOne(writer, "id = ?", id)
        .orElseThrow(() -> new IllegalArgumentException("no entry with id " + id));
  }

  private String snapshot(long id, int revision) throws SQLException {
    try (PreparedStatement p = writer.prepareStatement(
        "SELECT snapshot FROM entry_revisions WHERE entry_id = ? AND revision = ?")) {
      p.setLong(1, id);
      p.setInt(2, revision);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new SQLException("entry " + id + " lacks revision " + revision);
        }
        return r.getString(1);
      }
    }
  }

  private Optional<Entry> selectOne(Connection c, String where, Object key) throws SQLException {
    PreparedStatement p = prepared(c, "SELECT " + COLUMNS + " FROM entries WHERE " + where);
    p.setObject(1, key);
    try (ResultSet r = p.executeQuery()) {
      return r.next() ? Optional.of(row(r)) : Optional.empty();
    }
  }

  private PreparedStatement prepared(Connection c, String sql) throws SQLException {
    Map<String, PreparedStatement> cache;
    synchronized (statements) {
      cache = statements.computeIfAbsent(c, k -> new HashMap<>());
    }
    PreparedStatement p = cache.get(sql);
    if (p == null) {
      p = c.prepareStatement(sql);
      cache.put(sql, p);
    } else {
      p.clearParameters();
    }
    return p;
  }

  private Entry insert(Entry e) throws SQLException {
    // a null id is SQLite's next rowid; PostgreSQL takes its sequence's only when asked
    String newId = db.dialect() == Database.Dialect.SQLITE
        ? "nullif(?, 0)" : "coalesce(nullif(?, 0), nextval('entries_id_seq'))";
    PreparedStatement p = prepared(writer,
        "INSERT INTO entries(" + DATA_COLUMNS + ", id) VALUES (" + "?, ".repeat(29)
            + newId + ") RETURNING id");
    bind(p, e);
    p.setLong(30, e.id());
    Entry inserted;
    try (ResultSet k = p.executeQuery()) {
      if (!k.next()) {
        throw new SQLException("no id generated for " + e.source().externalId());
      }
      inserted = e.toBuilder().id(k.getLong(1)).build();
    }
    if (e.id() > 0 && db.dialect() == Database.Dialect.POSTGRESQL) {
      // an id kept from an export: later new entries must be numbered after it, as in SQLite
      PreparedStatement s = prepared(writer, "SELECT setval('entries_id_seq',"
          + " greatest(?, (SELECT last_value FROM entries_id_seq)))");
      s.setLong(1, e.id());
      s.execute();
    }
    return inserted;
  }

  private void replace(Entry e) throws SQLException {
    String set = String.join(" = ?, ", DATA_COLUMNS.split(",\\s*")) + " = ?";
    PreparedStatement p = prepared(writer, "UPDATE entries SET " + set + " WHERE id = ?");
    bind(p, e);
    p.setLong(30, e.id());
    if (p.executeUpdate() != 1) {
      throw new SQLException("entry " + e.id() + " vanished");
    }
  }

  private void addRevision(Entry e, String change, String actor, Instant at, Integer undoes)
      throws SQLException {
    PreparedStatement p = prepared(writer, "INSERT INTO entry_revisions(entry_id, revision,"
        + " change, actor, at, undoes, snapshot) VALUES (?, (SELECT coalesce(max(revision), 0) + 1"
        + " FROM entry_revisions WHERE entry_id = ?), ?, ?, ?, ?, ?)");
    p.setLong(1, e.id());
    p.setLong(2, e.id());
    p.setString(3, change);
    p.setString(4, actor);
    p.setString(5, at.toString());
    p.setObject(6, undoes);
    p.setString(7, EntryStoreJson.toJson(e));
    p.executeUpdate();
  }

  private static void bind(PreparedStatement p, Entry e) throws SQLException {
    int i = 1;
    p.setString(i++, e.source().externalId());
    p.setString(i++, e.kind().name());
    p.setString(i++, e.status().name());
    p.setString(i++, e.title());
    p.setString(i++, e.question());
    p.setString(i++, e.askerDescription());
    p.setString(i++, e.askDate() == null ? null : e.askDate().toString());
    p.setString(i++, e.doctorName());
    p.setString(i++, e.specialty());
    p.setString(i++, e.reply());
    p.setString(i++, e.replyDate() == null ? null : e.replyDate().toString());
    p.setString(i++, e.moreInfo());
    p.setString(i++, EntryStoreJson.listToJson(e.relatedTopics()));
    p.setString(i++, EntryStoreJson.listToJson(e.similarQuestions()));
    p.setString(i++, EntryStoreJson.listToJson(e.atAGlance()));
    p.setString(i++, e.quickTake());
    p.setString(i++, e.seoTitle());
    p.setString(i++, e.seoDescription());
    p.setString(i++, e.body());
    p.setString(i++, e.focus());
    p.setString(i++, EntryStoreJson.listToJson(e.synonyms()));
    p.setString(i++, e.questionType());
    p.setString(i++, e.source().file());
    p.setString(i++, e.source().collection());
    p.setString(i++, e.source().url());
    p.setString(i++, e.created().toString());
    p.setString(i++, e.updated().toString());
    p.setString(i++, EntryStoreJson.listToJson(e.alternativeQuestions()));
    p.setString(i, EntryStoreJson.contentHash(e));
  }

  private static Entry row(ResultSet r) throws SQLException {
    return Entry.builder(Entry.Kind.valueOf(r.getString("kind")))
        .id(r.getLong("id"))
        .status(Entry.Status.valueOf(r.getString("status")))
        .title(r.getString("title"))
        .question(r.getString("question"))
        .askerDescription(r.getString("asker_description"))
        .askDate(EntryStoreJson.date(r.getString("ask_date")))
        .doctorName(r.getString("doctor_name"))
        .specialty(r.getString("specialty"))
        .reply(r.getString("reply"))
        .replyDate(EntryStoreJson.date(r.getString("reply_date")))
        .moreInfo(r.getString("more_info"))
        .relatedTopics(EntryStoreJson.listFromJson(r.getString("related_topics")))
        .similarQuestions(EntryStoreJson.listFromJson(r.getString("similar_questions")))
        .atAGlance(EntryStoreJson.listFromJson(r.getString("at_a_glance")))
        .quickTake(r.getString("quick_take"))
        .seoTitle(r.getString("seo_title"))
        .seoDescription(r.getString("seo_description"))
        .body(r.getString("body"))
        .focus(r.getString("focus"))
        .synonyms(EntryStoreJson.listFromJson(r.getString("synonyms")))
        .questionType(r.getString("question_type"))
        .alternativeQuestions(EntryStoreJson.listFromJson(r.getString("alternative_questions")))
        .source(new Source(r.getString("source_file"), r.getString("source_collection"),
            r.getString("source_url"), r.getString("external_id")))
        .created(Instant.parse(r.getString("created")))
        .updated(Instant.parse(r.getString("updated")))
        .build();
  }

  private static void requireActor(String actor) {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("every change needs an actor for the history");
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing; the caller reports the first error
      }
    }
  }
}
