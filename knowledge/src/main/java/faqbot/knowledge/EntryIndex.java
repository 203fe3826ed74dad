package faqbot.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The Lucene index derived from the store. Each commit carries the store generation it reflects
 * and the analysis version; {@link #open} compares both with the store and rebuilds on mismatch,
 * so a crash between a store commit and an index commit only costs a rebuild.
 *
 * <p>Writes go to one long-lived IndexWriter. Visibility is near-real-time: a write counts an
 * operation and the next search refreshes the searcher if it lags, so a search right after a change sees it while
 * a bulk import pays for no refresh at all. Durable commits (an fsync each) happen at most every
 * {@link #COMMIT_INTERVAL_NANOS}, on {@link #commit()} and on close.
 */
final class EntryIndex implements AutoCloseable {
  static final String ID = "id";
  static final String ID_SORT = "id_sort";
  static final String STORED = "entry";
  static final String QUESTION = "question";
  static final String TITLE = "title";
  static final String FOCUS = "focus";
  static final String ANSWER = "answer";
  /** The entry's normalized focus ({@link FocusDictionary#key}), for focus matches. */
  static final String FOCUS_KEY = "focus_key";
  /** "name key" + {@link #NAME_SEPARATOR} + "focus key" for the focus and each synonym. */
  static final String FOCUS_NAMES = "focus_names";
  static final char NAME_SEPARATOR = '\u0001';
  /** MedQuAD's question type, lower case ("treatment"). */
  static final String QTYPE = "qtype";
  /** The entry's sentence embedding ({@link Embeddings#entryText}), unit length. */
  static final String VECTOR = "vector";
  /** "answerable" for entries with a reviewed answer, so the dense ranking can keep to them. */
  static final String ANSWERABLE = "answerable";
  /**
   * The entry id on an entry's document and on each of its passage documents, so that one
   * update or delete replaces them all at once.
   */
  static final String OWNER = "owner";
  /**
   * On a passage document only ({@link Embeddings#passages}): the id of the entry it is part of.
   * A passage has a vector and nothing else: lexical search never finds it, the dense ranking
   * counts it as its entry.
   */
  static final String PASSAGE_OF = "passage_of";

  private static final String GENERATION_KEY = "faqbot.generation";
  private static final String FORMAT_KEY = "faqbot.format";
  /** The store's rebuild request the index was last rebuilt for ({@link EntryStore#requestRebuild}). */
  private static final String REBUILD_KEY = "faqbot.rebuild";
  /** Bump when the document layout changes; the analysis version is appended. */
  private static final String FORMAT = "12/" + Embeddings.MODEL_ID + "/" + SearchAnalyzers.VERSION;
  /**
   * Vectors are kept int8-quantized beside the floats: a smaller index to map. Lucene's default
   * graph (16 links, beam 100) is kept: beam 32 rebuilt MedQuAD in 30 s of CPU instead of 39 s but
   * lost dev avgScore 1.20 -> 1.12 and lay success 0.41 -> 0.39 (approximate neighbours). Readers
   * need no codec: the format is named in the index.
   */
  private static final org.apache.lucene.codecs.Codec CODEC = new org.apache.lucene.codecs.lucene912.Lucene912Codec() {
    private final org.apache.lucene.codecs.KnnVectorsFormat vectors =
        new org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat(16, 100);

    @Override
    public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
      return vectors;
    }
  };
  private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Path path;
  private final Directory dir;
  /** Null when another process holds the index: this one only reads its commits. */
  private final IndexWriter writer;
  /** Created on the first search when read-only: a command that never searches needs no index. */
  private volatile SearcherManager searchers;
  private long lastReadOnlyRefreshNanos;
  /** Index operations so far, and how many of them the current searcher is known to see. */
  private final AtomicLong operations = new AtomicLong();
  private final AtomicLong visibleOperations = new AtomicLong();
  /** While a rebuild runs, searches keep the last complete searcher instead of a partial one. */
  private volatile boolean rebuilding;
  private final Object refreshLock = new Object();
  /**
   * Set when the index may lack a change the store has (an index write failed, a rebuild broke
   * off): commits then carry no valid generation, so the next open rebuilds.
   */
  private boolean damaged;
  private long generation;
  private long rebuild;
  private long lastCommitNanos = System.nanoTime();
  private boolean uncommitted;

  private EntryIndex(Path path, Directory dir, IndexWriter writer) throws IOException {
    this.path = path;
    this.dir = dir;
    this.writer = writer;
    this.searchers = writer == null ? null : new SearcherManager(writer, null);
  }

  /** Thrown by {@link #open} when another process (or another open) holds the index. */
  static final class Locked extends IOException {
    Locked(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What the last commit says: the store generation and rebuild request it reflects, or, in
   * {@code problem}, why it cannot be used and must be rebuilt.
   */
  record Commit(String problem, long generation, long rebuild) {}

  /** The last commit of the index this writer opened. */
  Commit lastCommit() {
    if (unusable != null) {
      return new Commit(unusable, -1, -1);
    }
    Map<String, String> data;
    try {
      data = SegmentInfos.readLatestCommit(dir).getUserData();
    } catch (IndexNotFoundException e) {
      return new Commit("no index commit in " + path, -1, -1);
    } catch (IOException e) {
      return new Commit("unreadable index (" + e.getMessage() + ")", -1, -1);
    }
    if (!FORMAT.equals(data.get(FORMAT_KEY))) {
      return new Commit("index format " + data.get(FORMAT_KEY) + ", expected " + FORMAT, -1, -1);
    }
    try {
      return new Commit(null, Long.parseLong(data.get(GENERATION_KEY)),
          Long.parseLong(data.getOrDefault(REBUILD_KEY, "0")));
    } catch (NumberFormatException e) {
      return new Commit("the index may lack changes (" + data.get(GENERATION_KEY) + ")", -1, -1);
    }
  }

  /**
   * Opens the index for writing, as it was last committed.
   *
   * @throws Locked when another process holds it
   */
  static EntryIndex open(Path indexDir) throws IOException {
    try {
      return open(indexDir, IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    } catch (Locked e) {
      throw e;
    } catch (IOException | RuntimeException unreadable) {
      // a damaged index (a crash mid-write, a disk error) is derived data: start it afresh. Even
      // a new writer reads the last commit, so the files go first, under the write lock
      try (Directory d = FSDirectory.open(indexDir);
          org.apache.lucene.store.Lock lock = d.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
        for (String f : d.listAll()) {
          if (!f.equals(IndexWriter.WRITE_LOCK_NAME)) {
            d.deleteFile(f);
          }
        }
      } catch (LockObtainFailedException e) {
        throw new Locked("the index " + indexDir + " is held by another faqbot process", e);
      }
      EntryIndex idx = open(indexDir, IndexWriterConfig.OpenMode.CREATE);
      idx.unusable = "unreadable index (" + unreadable.getMessage() + ")";
      return idx;
    }
  }

  /** Why the index this writer opened cannot be used as it is, or null. */
  private String unusable;

  private static EntryIndex open(Path indexDir, IndexWriterConfig.OpenMode mode) throws IOException {
    Files.createDirectories(indexDir);
    Directory d = FSDirectory.open(indexDir);
    IndexWriterConfig cfg = new IndexWriterConfig(SearchAnalyzers.index())
        .setOpenMode(mode)
        // one segment for all of MedQuAD with its vectors: merging vector graphs costs as much as
        // building them
        .setRAMBufferSizeMB(128)
        .setCodec(CODEC)
        .setCommitOnClose(false);
    IndexWriter w;
    try {
      w = new IndexWriter(d, cfg);
    } catch (LockObtainFailedException e) {
      d.close();
      throw new Locked("the index " + indexDir + " is held by another faqbot process", e);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
    EntryIndex idx = new EntryIndex(indexDir, d, w);
    Commit c = idx.lastCommit();
    idx.generation = c.generation();
    idx.rebuild = c.rebuild();
    return idx;
  }

  /**
   * Opens the index another process writes, to search its commits (refreshed at most every
   * {@link #READ_ONLY_REFRESH_NANOS}). Writes are refused.
   */
  static EntryIndex openReadOnly(Path indexDir) throws IOException {
    return new EntryIndex(indexDir, FSDirectory.open(indexDir), null);
  }

  private static final long READ_ONLY_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  boolean readOnly() {
    return writer == null;
  }

  /** Empties the index before it is filled from the store (at open, when it cannot be used). */
  void startEmpty() throws IOException {
    writer.deleteAll();
    // empty until filled: if the fill breaks off, no commit may claim to be current
    markDamaged();
    operations.incrementAndGet();
  }

  long generation() {
    return generation;
  }

  long rebuildRequest() {
    return rebuild;
  }

  /** The rebuild request the last commit was made for (read-only: another process's commit). */
  long committedRebuild() throws IOException {
    try {
      return Long.parseLong(SegmentInfos.readLatestCommit(dir).getUserData()
          .getOrDefault(REBUILD_KEY, "0"));
    } catch (IndexNotFoundException | NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Adds or replaces the entry with its passages; DELETED entries leave the index, so no search
   * can return them. {@code vectors} holds the entry's own vector, then one per passage.
   */
  void put(Entry e, java.util.List<float[]> vectors) throws IOException {
    Term owner = new Term(OWNER, Long.toString(e.id()));
    if (e.status() == Entry.Status.DELETED) {
      writer.deleteDocuments(owner);
    } else {
      writer.updateDocuments(owner, documents(e, vectors));
    }
    uncommitted = true;
    operations.incrementAndGet();
  }

  /** Adds without looking for an older copy: only for filling an empty index in id order. */
  void addNew(Entry e, java.util.List<float[]> vectors) throws IOException {
    if (e.status() != Entry.Status.DELETED) {
      writer.addDocuments(documents(e, vectors));
      uncommitted = true;
      operations.incrementAndGet();
    }
  }

  /** Starts a rebuild: empties the index, unseen by searches until {@link #endRebuild}. */
  void beginRebuild() throws IOException {
    synchronized (refreshLock) {
      // searches go on with a searcher that has every change made before the rebuild
      long ops = operations.get();
      searchers.maybeRefreshBlocking();
      visibleOperations.accumulateAndGet(ops, Math::max);
      rebuilding = true;
    }
    writer.deleteAll();
    uncommitted = true;
    operations.incrementAndGet();
  }

  /** Records that the index now reflects the store at {@code gen}; durable after the next commit. */
  void reflects(long gen) {
    generation = gen;
    uncommitted = true;
  }

  void commitIfDue() throws IOException {
    if (uncommitted && System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL_NANOS) {
      commit();
    }
  }

  void commit() throws IOException {
    if (!uncommitted) {
      return;
    }
    writer.setLiveCommitData(Map.of(GENERATION_KEY, damaged ? "damaged" : Long.toString(generation),
        FORMAT_KEY, FORMAT, REBUILD_KEY, Long.toString(rebuild)).entrySet());
    writer.commit();
    uncommitted = false;
    lastCommitNanos = System.nanoTime();
  }

  /** Ends a successful rebuild: searches refresh again. */
  void endRebuild() {
    rebuilding = false;
  }

  void markDamaged() {
    damaged = true;
    uncommitted = true;
  }

  /** A rebuild completed: the index reflects the store at {@code gen} again. */
  void rebuilt(long gen, long rebuildRequest) {
    damaged = false;
    rebuild = rebuildRequest;
    reflects(gen);
  }

  /**
   * A rebuild broke off: commits say the index is damaged (the next open rebuilds) and the
   * request counts as handled, so it is not retried on every change.
   */
  void rebuildFailed(long gen, long rebuildRequest) {
    markDamaged();
    generation = gen;
    rebuild = rebuildRequest;
  }

  /** After a failed rebuild: changes are no longer applied (the next open rebuilds). */
  boolean failed() {
    return damaged && rebuilding;
  }

  /** Whether the last commit may be pruned from the store's change list. */
  boolean committedClean() {
    return !damaged && !uncommitted;
  }

  IndexSearcher acquire() throws IOException {
    if (writer == null) {
      return acquireReadOnly();
    }
    long ops = operations.get();
    if (!rebuilding && visibleOperations.get() < ops) {
      // a search that starts after a write returned always sees it; the lock keeps a rebuild
      // from starting between the check and the refresh, which would expose an emptied index
      synchronized (refreshLock) {
        if (!rebuilding && visibleOperations.get() < ops) {
          searchers.maybeRefreshBlocking();
          visibleOperations.accumulateAndGet(ops, Math::max);
        }
      }
    }
    return searchers.acquire();
  }

  private synchronized IndexSearcher acquireReadOnly() throws IOException {
    if (searchers == null) {
      try {
        SegmentInfos.readLatestCommit(dir);
      } catch (IndexNotFoundException e) {
        throw new IOException("the faqbot process that holds the search index (" + path
            + ") has not finished building it yet; try again in a minute", e);
      }
      searchers = new SearcherManager(dir, null);
      lastReadOnlyRefreshNanos = System.nanoTime();
    } else if (System.nanoTime() - lastReadOnlyRefreshNanos >= READ_ONLY_REFRESH_NANOS) {
      // the other process's latest commit: a change it indexed is seen within a second or two
      searchers.maybeRefreshBlocking();
      lastReadOnlyRefreshNanos = System.nanoTime();
    }
    return searchers.acquire();
  }

  void release(IndexSearcher s) throws IOException {
    searchers.release(s);
  }

  static Entry entryOf(Document d) {
    return EntryStoreJson.fromJson(d.get(STORED));
  }

  private static final java.util.Set<String> STORED_ONLY = java.util.Set.of(STORED);

  /**
   * The entry stored with document {@code doc} of {@code searcher}, read with {@code stored} (the
   * searcher's, one per search). Parsed entries are kept per segment and document, which never
   * change once written: the same entries come up search after search (a topic's overview, its
   * siblings, the common questions), and reading one means decompressing a block of stored
   * fields and parsing its JSON.
   */
  static Entry entry(IndexSearcher searcher, org.apache.lucene.index.StoredFields stored, int doc)
      throws IOException {
    java.util.List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    org.apache.lucene.index.LeafReaderContext leaf =
        leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    org.apache.lucene.index.IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
    if (core == null) {
      return entryOf(stored.document(doc, STORED_ONLY));
    }
    ParsedKey key = new ParsedKey(core.getKey(), doc - leaf.docBase);
    Entry e = PARSED.getIfPresent(key);
    if (e == null) {
      e = entryOf(stored.document(doc, STORED_ONLY));
      PARSED.put(key, e);
    }
    return e;
  }

  /**
   * What a {@code PrefixQuery} on {@link #FOCUS_NAMES} for each prefix, any of them, finds: the
   * matching terms are looked up in the term dictionary (sorted, one seek a prefix) instead,
   * since a PrefixQuery compiles an automaton when made, which cost more than the lookup it
   * serves (a tenth of a search's CPU when topics' siblings are looked up).
   */
  static org.apache.lucene.search.Query withNamePrefixes(org.apache.lucene.index.IndexReader reader,
      java.util.Collection<String> prefixes) throws IOException {
    java.util.SortedSet<org.apache.lucene.util.BytesRef> terms = new java.util.TreeSet<>();
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms t = leaf.reader().terms(FOCUS_NAMES);
      if (t == null) {
        continue;
      }
      org.apache.lucene.index.TermsEnum te = t.iterator();
      for (String p : prefixes) {
        org.apache.lucene.util.BytesRef prefix = new org.apache.lucene.util.BytesRef(p);
        if (te.seekCeil(prefix) == org.apache.lucene.index.TermsEnum.SeekStatus.END) {
          continue;
        }
        for (org.apache.lucene.util.BytesRef term = te.term();
            term != null && org.apache.lucene.util.StringHelper.startsWith(term, prefix); term = te.next()) {
          terms.add(org.apache.lucene.util.BytesRef.deepCopyOf(term));
        }
      }
    }
    return new org.apache.lucene.search.TermInSetQuery(FOCUS_NAMES, terms);
  }

  /**
   * The topics (focus keys) of the entries that have one of {@code names} among their names, read
   * from the term dictionary of {@link #FOCUS_NAMES} ("name" + separator + "focus key").
   */
  static java.util.Set<String> focusKeysNaming(org.apache.lucene.index.IndexReader reader,
      java.util.Collection<String> names) throws IOException {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms t = leaf.reader().terms(FOCUS_NAMES);
      if (t == null) {
        continue;
      }
      org.apache.lucene.index.TermsEnum te = t.iterator();
      for (String n : names) {
        org.apache.lucene.util.BytesRef prefix = new org.apache.lucene.util.BytesRef(n + NAME_SEPARATOR);
        if (te.seekCeil(prefix) == org.apache.lucene.index.TermsEnum.SeekStatus.END) {
          continue;
        }
        for (org.apache.lucene.util.BytesRef term = te.term();
            term != null && org.apache.lucene.util.StringHelper.startsWith(term, prefix); term = te.next()) {
          String s = term.utf8ToString();
          String key = s.substring(s.indexOf(NAME_SEPARATOR) + 1);
          if (!key.isEmpty()) {
            out.add(key);
          }
        }
      }
    }
    return out;
  }

  /** Parsed entries kept: a few MB of text, a small part of the bot's heap. */
  static final int PARSED_ENTRIES = 2_000;

  private record ParsedKey(Object segment, int doc) {}

  /**
   * Bounded by use (Caffeine's W-TinyLFU): clearing the lot when full threw away the common
   * entries with the rare ones, and a wide spread of questions filled it every few dozen searches.
   * Entries of replaced segments are never asked for again and age out.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<ParsedKey, Entry> PARSED =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(PARSED_ENTRIES)
          .executor(Runnable::run).build();

  private static java.util.List<Document> documents(Entry e, java.util.List<float[]> vectors) {
    java.util.List<Document> docs = new java.util.ArrayList<>(vectors.size());
    docs.add(document(e, vectors.isEmpty() ? null : vectors.get(0)));
    for (int i = 1; i < vectors.size(); i++) {
      Document p = new Document();
      p.add(new StringField(OWNER, Long.toString(e.id()), Field.Store.NO));
      p.add(new NumericDocValuesField(PASSAGE_OF, e.id()));
      p.add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
      if (e.isAnswerable()) {
        p.add(new StringField(ANSWERABLE, ANSWERABLE, Field.Store.NO));
      }
      docs.add(p);
    }
    return docs;
  }

  private static Document document(Entry e, float[] vector) {
    Document d = new Document();
    d.add(new StringField(OWNER, Long.toString(e.id()), Field.Store.NO));
    if (vector != null) {
      d.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    }
    if (e.isAnswerable()) {
      d.add(new StringField(ANSWERABLE, ANSWERABLE, Field.Store.NO));
    }
    d.add(new StringField(ID, Long.toString(e.id()), Field.Store.NO));
    d.add(new NumericDocValuesField(ID_SORT, e.id()));
    // the whole entry rides along (compressed, on disk) so a search never waits on SQLite
    d.add(new StoredField(STORED, EntryStoreJson.toJson(e)));
    text(d, QUESTION, e.question());
    // patients' own phrasings of the question, linked by moderators: matched as the question is
    e.alternativeQuestions().forEach(q -> text(d, QUESTION, q));
    text(d, TITLE, e.title());
    text(d, TITLE, e.seoTitle());
    text(d, FOCUS, e.focus());
    e.synonyms().forEach(s -> text(d, FOCUS, s));
    String focusKey = FocusDictionary.key(e.focus());
    if (!focusKey.isEmpty()) {
      d.add(new StringField(FOCUS_KEY, focusKey, Field.Store.NO));
      // read back per candidate when fusing rankings
      d.add(new SortedSetDocValuesField(FOCUS_KEY, new BytesRef(focusKey)));
      java.util.Set<String> names = new java.util.LinkedHashSet<>();
      names.add(focusKey);
      e.synonyms().stream().filter(FocusDictionary::findableName)
          .forEach(s -> names.add(FocusDictionary.key(s)));
      // found by siblings only: as mentions they moved dev questions to the wrong topic
      FocusDictionary.aliases(e.focus()).forEach(a -> names.add(FocusDictionary.ALIAS_MARK + a));
      java.util.stream.Stream.concat(java.util.stream.Stream.of(e.focus()), e.synonyms().stream())
          .map(FocusDictionary::eponym).filter(java.util.Objects::nonNull).forEach(names::add);
      // "TB", "ALL", "MS": matched case-sensitively, as written in capitals
      FocusDictionary.acronyms(e.focus(), e.synonyms()).forEach(a -> names.add(FocusDictionary.ACRONYM_MARK + a));
      for (String name : names) {
        if (!name.isEmpty()) {
          d.add(new StringField(FOCUS_NAMES, name + NAME_SEPARATOR + focusKey, Field.Store.NO));
        }
      }
    }
    if (e.questionType() != null && !e.questionType().isBlank()) {
      String qtype = e.questionType().strip().toLowerCase(java.util.Locale.ROOT);
      d.add(new StringField(QTYPE, qtype, Field.Store.NO));
      d.add(new SortedSetDocValuesField(QTYPE, new BytesRef(qtype)));
    }
    // PENDING entries have no reviewed answer yet; they are matched by their question only
    if (e.status() == Entry.Status.PUBLISHED) {
      text(d, ANSWER, e.reply());
      text(d, ANSWER, e.body());
      text(d, ANSWER, e.quickTake());
      e.atAGlance().forEach(s -> text(d, ANSWER, s));
      text(d, ANSWER, e.seoDescription());
      text(d, ANSWER, e.moreInfo());
      // other patients' questions on the same page: related, but not this entry's own question
      e.similarQuestions().forEach(q -> text(d, ANSWER, q));
    }
    return d;
  }

  private static void text(Document d, String field, String value) {
    if (value != null && !value.isBlank()) {
      d.add(new TextField(field, value, Field.Store.NO));
    }
  }

  @Override
  public void close() throws IOException {
    if (writer == null) {
      try {
        if (searchers != null) {
          searchers.close();
        }
      } finally {
        dir.close();
      }
      return;
    }
    try {
      commit();
    } finally {
      try {
        searchers.close();
      } finally {
        try {
          writer.close();
        } finally {
          dir.close();
        }
      }
    }
  }
}
