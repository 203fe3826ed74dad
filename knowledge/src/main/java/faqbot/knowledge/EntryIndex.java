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
  /** Bump when the document layout changes; the analysis version is appended. */
  private static final String FORMAT = "10/" + Embeddings.MODEL_ID + "/" + SearchAnalyzers.VERSION;
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

  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;
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
  private long lastCommitNanos = System.nanoTime();
  private boolean uncommitted;

  private EntryIndex(Directory dir, IndexWriter writer) throws IOException {
    this.dir = dir;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
  }

  /** Why an index must be rebuilt, or null when it matches {@code storeGeneration}. */
  static String staleness(Path indexDir, long storeGeneration) throws IOException {
    if (!Files.isDirectory(indexDir)) {
      return "no index at " + indexDir;
    }
    try (Directory d = FSDirectory.open(indexDir)) {
      Map<String, String> data;
      try {
        data = SegmentInfos.readLatestCommit(d).getUserData();
      } catch (IndexNotFoundException e) {
        return "no index commit in " + indexDir;
      } catch (IOException e) {
        return "unreadable index (" + e.getMessage() + ")";
      }
      if (!FORMAT.equals(data.get(FORMAT_KEY))) {
        return "index format " + data.get(FORMAT_KEY) + ", expected " + FORMAT;
      }
      String gen = data.get(GENERATION_KEY);
      if (!Long.toString(storeGeneration).equals(gen)) {
        return "index reflects change " + gen + ", the store is at " + storeGeneration;
      }
      return null;
    }
  }

  /** Opens the index for writing; {@code create} starts it empty (for a rebuild). */
  static EntryIndex open(Path indexDir, boolean create, long generation) throws IOException {
    Files.createDirectories(indexDir);
    Directory d = FSDirectory.open(indexDir);
    IndexWriterConfig cfg = new IndexWriterConfig(SearchAnalyzers.index())
        .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE
            : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
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
      throw new IOException("the index " + indexDir + " is in use by another faqbot process;"
          + " stop it (or import while it is stopped)", e);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
    EntryIndex idx = new EntryIndex(d, w);
    idx.generation = generation;
    if (create) {
      // empty until filled: if the fill breaks off, no commit may claim to be current
      idx.markDamaged();
    }
    return idx;
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
        FORMAT_KEY, FORMAT).entrySet());
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
  void rebuilt(long gen) {
    damaged = false;
    reflects(gen);
  }

  IndexSearcher acquire() throws IOException {
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

  void release(IndexSearcher s) throws IOException {
    searchers.release(s);
  }

  static Entry entryOf(Document d) {
    return EntryStoreJson.fromJson(d.get(STORED));
  }

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
