package faqbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * The knowledge base: the SQLite store (source of truth) and the Lucene index derived from it.
 * Every change goes to the store first, in one transaction, and then to the index, so a search
 * right after a change sees it. Thread-safe: searches run concurrently with each other and with
 * one writer.
 *
 * <p>Several processes may open one home (the bot and command-line runs). The first to open it
 * holds the index; the others only read its commits and write to the store, where every
 * transaction records which entries it changed under a new generation. The holder applies other
 * processes' changes to its index entry by entry: before each of its own writes, and four times a
 * second once {@link #followStore} is called (the bot), committing them so that the others'
 * searches see them.
 *
 * <p>The index is committed to disk every few seconds and on {@link #close()}; it records which
 * store generation it reflects, so after a crash {@link #open} brings it up to date from the
 * store's list of changes (or rebuilds it when that list no longer reaches back far enough).
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KnowledgeBase.class.getName());
  static final Sort BY_SCORE_THEN_ID =
      new Sort(SortField.FIELD_SCORE, new SortField(EntryIndex.ID_SORT, SortField.Type.LONG));
  private static final org.apache.lucene.search.Query ANSWERABLE_ONLY = new org.apache.lucene.search.TermQuery(
      new org.apache.lucene.index.Term(EntryIndex.ANSWERABLE, EntryIndex.ANSWERABLE));

  private final Database database;
  private final KnowledgeStore store;
  private final Path indexDir;
  /** Replaced once when a reader takes the index over from a holder that stopped. */
  private volatile EntryIndex index;
  /** Read-only indexes given up on a takeover; a search may still use one, so closed last. */
  private final List<EntryIndex> retired = new ArrayList<>();
  private final Analyzer queryAnalyzer = SearchAnalyzers.query();
  private final Analyzer indexAnalyzer = SearchAnalyzers.index();
  private final Embeddings embeddings = Embeddings.get();
  /**
   * How many messages' embeddings the process keeps (default 4,096; read once, when the model
   * loads): a benchmark that repeats its messages sets 0 to measure what a new message costs.
   */
  public static final String EMBEDDING_CACHE_PROPERTY = "faqbot.embeddingCache";
  /**
   * How many searches' results the process keeps per index version (default 2,048; read when a
   * knowledge base opens): 0 keeps none, for a benchmark that repeats its messages but means to
   * measure what a new one costs.
   */
  public static final String SEARCH_CACHE_PROPERTY = "faqbot.searchCache";
  private final int searchesKept = Math.max(0, Integer.getInteger(SEARCH_CACHE_PROPERTY, 2048));
  /** Serializes writers so the index receives changes in store order. */
  private final Object writeLock = new Object();
  private volatile boolean closed;
  private java.util.concurrent.ScheduledExecutorService follower;

  private KnowledgeBase(Database database, Path indexDir,
      KnowledgeStore store, EntryIndex index) {
    this.database = database;
    this.indexDir = indexDir;
    this.store = store;
    this.index = index;
  }

  /**
   * Opens the knowledge base kept in {@code home} ({@code home/faqbot.db} and {@code home/index}),
   * migrating the schema. When no other process holds the index, this one does, and brings it up
   * to date with the store (rebuilding it when it is missing or unusable); otherwise searches read
   * the holder's index as last committed and writes go to the store for the holder to index.
   */
  public static KnowledgeBase open(Path home) throws IOException {
    PrivateFiles.createPrivateDirectory(home);
    return openOwning(home, Database.sqlite(home.resolve("faqbot.db")));
  }

  /**
   * Opens the knowledge base whose entries are in {@code database} (a PostgreSQL shared by
   * replicas, say) and whose search index is this process's own, in {@code home/index}, built
   * from the store and kept up to date with it. The knowledge base closes {@code database} when
   * it closes (last, after the other stores in it); it closes it too when it cannot open.
   */
  public static KnowledgeBase open(Path home, Database database) throws IOException {
    try {
      PrivateFiles.createPrivateDirectory(home);
    } catch (IOException | RuntimeException e) {
      database.close();
      throw e;
    }
    return openOwning(home, database);
  }

  private static KnowledgeBase openOwning(Path home, Database db)
      throws IOException {
    Path indexDir = home.resolve("index");
    KnowledgeStore store;
    try {
      store = EntryStore.open(db);
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
    try {
      EntryIndex index;
      try {
        index = EntryIndex.open(indexDir);
      } catch (EntryIndex.Locked held) {
        return new KnowledgeBase(db, indexDir, store,
            EntryIndex.openReadOnly(indexDir));
      }
      try {
        KnowledgeBase kb = new KnowledgeBase(db, indexDir, store, index);
        EntryIndex.Commit commit = index.lastCommit();
        synchronized (kb.writeLock) {
          if (commit.problem() != null) {
            LOG.log(System.Logger.Level.INFO, "rebuilding the search index: {0}", commit.problem());
            index.startEmpty();
            fill(store, index, store.state().rebuild());
          } else {
            kb.catchUp();
          }
          index.commit();
          kb.pruneChanges();
        }
        return kb;
      } catch (IOException | RuntimeException e) {
        index.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      store.close();
      db.close();
      throw e;
    }
  }

  /**
   * Whether this process holds the search index. When it does not, another faqbot process (the
   * bot) does: searches see its last commit, and changes made here reach the index when it picks
   * them up (within a few seconds while it {@linkplain #followStore follows the store}).
   */
  public boolean holdsIndex() {
    return !index.readOnly();
  }

  /**
   * For a long-running process: applies changes other processes make to the store (imports,
   * edits, reindex requests) to the index, and commits them for their searches. On a shared
   * PostgreSQL it is woken by the store's notification the moment a change commits
   * ({@link ChangeListener}), and still looks every {@link #SAFETY_NET_MILLIS} for changes made
   * without one; while that listening connection is down, and always on SQLite, it looks four
   * times a second (a one-row read when nothing changed). When another process holds the index,
   * tries as often to take it over, so that a bot started while a command-line run held the index
   * holds it once that run ends.
   */
  public void followStore() {
    followStore(true);
  }

  /** {@link #followStore()}; without {@code listen}, polling only (to compare the two). */
  void followStore(boolean listen) {
    synchronized (writeLock) {
      ensureOpen();
      if (follower != null) {
        return;
      }
      follower = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "faqbot-knowledge-follow");
        t.setDaemon(true);
        return t;
      });
      follower.scheduleWithFixedDelay(() -> followOnce(false), FOLLOW_MILLIS, FOLLOW_MILLIS,
          java.util.concurrent.TimeUnit.MILLISECONDS);
      if (listen && database.dialect() == Database.Dialect.POSTGRESQL) {
        listener = new ChangeListener(database, this::wake);
        listener.start();
      }
    }
  }

  /** How often the holder of the index looks for other processes' changes when not woken. */
  static final long FOLLOW_MILLIS = 250;
  /** How often it looks anyway while notifications wake it: for changes made without one. */
  static final long SAFETY_NET_MILLIS = 5_000;

  private ChangeListener listener;
  /** A woken round is queued and not yet started: further notifications join it. */
  private final java.util.concurrent.atomic.AtomicBoolean wakeQueued =
      new java.util.concurrent.atomic.AtomicBoolean();
  private long followedAtNanos = System.nanoTime();
  /** Rounds a notification started, for the tests. */
  private final java.util.concurrent.atomic.AtomicLong wokenRounds =
      new java.util.concurrent.atomic.AtomicLong();

  /** Whether store notifications wake the follower now (else it polls). */
  boolean listening() {
    ChangeListener l;
    synchronized (writeLock) {
      l = listener;
    }
    return l != null && l.listening();
  }

  long wokenRounds() {
    return wokenRounds.get();
  }

  /** A notification: a round at once, unless one is queued already (it will see this change). */
  private void wake() {
    if (wakeQueued.compareAndSet(false, true)) {
      try {
        follower.execute(() -> {
          wakeQueued.set(false);
          wokenRounds.incrementAndGet();
          followOnce(true);
        });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        wakeQueued.set(false);
      }
    }
  }

  private void followOnce(boolean woken) {
    try {
      if (index.readOnly()) {
        tryTakeOver();
        return;
      }
      synchronized (writeLock) {
        if (closed) {
          return;
        }
        boolean notified = listener != null && listener.listening();
        if (!woken && notified
            && System.nanoTime() - followedAtNanos < SAFETY_NET_MILLIS * 1_000_000) {
          // nothing to look for: commit what woken rounds applied, at this round's pace
          if (!hasPending) {
            index.commit();
            pruneChanges();
          }
          return;
        }
        followedAtNanos = System.nanoTime();
        catchUp();
        if (!hasPending) {
          // the searches here see the change at once (near-real-time); the durable commit that
          // other processes on this home read waits for the next round, so that a burst of
          // notifications (an import file by file) costs one fsync per round, not one each
          if (woken) {
            index.commitIfDue();
          } else {
            index.commit();
            pruneChanges();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the store keeps the changes; the next round (or the next start) applies them
      LOG.log(System.Logger.Level.WARNING, "could not apply the changes in the store to the index: {0}",
          e.toString());
    }
  }

  /** Becomes the holder of the index when nobody holds it any more. */
  private void tryTakeOver() throws IOException {
    EntryIndex writer;
    try {
      writer = EntryIndex.open(indexDir);
    } catch (EntryIndex.Locked held) {
      return;
    }
    synchronized (writeLock) {
      if (closed) {
        writer.close();
        return;
      }
      EntryIndex reader = index;
      index = writer;
      try {
        EntryIndex.Commit commit = writer.lastCommit();
        if (commit.problem() != null) {
          LOG.log(System.Logger.Level.INFO, "rebuilding the search index: {0}", commit.problem());
          rebuildLocked(store.state().rebuild());
        } else {
          catchUp();
        }
        writer.commit();
        pruneChanges();
      } catch (IOException | RuntimeException e) {
        index = reader;
        writer.close();
        throw e;
      }
      retired.add(reader);
      LOG.log(System.Logger.Level.INFO, "holding the search index now: the process that held it stopped");
    }
  }

  /** Forgets the store's record of changes the committed index holds. */
  private void pruneChanges() throws IOException {
    // a shared database feeds other replicas' indexes too, which may lag behind this one: the
    // last generations stay listed for them (one that lags further rebuilds its index)
    long through = database.dialect() == Database.Dialect.SQLITE
        ? index.generation() : index.generation() - SHARED_GENERATIONS_KEPT;
    // a write transaction: only when the committed index got further
    if (index.committedClean() && through > prunedThrough && through > 0) {
      store.pruneChanges(through);
      prunedThrough = through;
    }
  }

  /** Generations whose changes stay listed in a database that replicas share. */
  static final long SHARED_GENERATIONS_KEPT = 10_000;

  private long prunedThrough = -1;

  /**
   * Brings the index up to the store: the entries changed since the generation it reflects (by
   * any process), or all of them when a rebuild was asked for or the changes are no longer
   * recorded. Caller holds the write lock; no commit (an import's segments must not depend on
   * when this runs).
   */
  private void catchUp() throws IOException {
    KnowledgeStore.State state = store.state();
    if (state.rebuild() != index.rebuildRequest()) {
      rebuildLocked(state.rebuild());
      return;
    }
    if (index.failed()) {
      // a rebuild failed: the store keeps every change, the next start rebuilds
      return;
    }
    long from = index.generation();
    if (from == state.generation()) {
      pendingCount = 0;
      hasPending = false;
      return;
    }
    long[] ids = from > state.generation() ? null : store.changedSince(from, state.generation());
    // every generation is a transaction that changed an entry and listed it: none listed means
    // the database was changed by other means (restored from a copy, edited by hand)
    if (ids == null || ids.length == 0) {
      LOG.log(System.Logger.Level.INFO, "rebuilding the search index: it reflects change {0},"
          + " the store is at {1} and no longer lists what changed between", from, state.generation());
      rebuildLocked(state.rebuild());
      return;
    }
    pendingCount = 0;
    hasPending = false;
    for (int i = 0; i < ids.length; i += FILL_CHUNK) {
      List<Entry> changed = store.getAll(ids, i, Math.min(ids.length, i + FILL_CHUNK));
      apply(new KnowledgeStore.Written(null, changed, state.generation()));
    }
    // an entry changed after the state was read is indexed as it is now and again next time
    index.reflects(state.generation());
  }

  /** The database file, for other modules' tables (see {@link Sqlite}); null on PostgreSQL. */
  public Path databaseFile() {
    return database.sqliteFile();
  }

  /** The knowledge module's schema, for copying a database ({@link DatabaseCopy}). */
  public static List<Database.Track> schema() {
    return List.of(EntryStore.TRACK);
  }

  /** This process's own directory: its search index, uploads, logs. */
  public Path home() {
    return indexDir.getParent();
  }

  /** Where the entries are, for other modules' tables in the same database. */
  public Database database() {
    return database;
  }

  /**
   * Imports one parsed document in one transaction: adds new entries, updates changed ones.
   * Idempotent by external id: re-importing the same document reports every entry unchanged. An
   * entry a moderator deleted stays deleted when re-imported. If any entry is refused (a
   * constraint, an external id twice in the document) nothing of the document is stored and an
   * IllegalArgumentException says why. The entries reach the index with the next batch to embed,
   * or before the next search, write or close, whichever comes first; an index failure then is
   * reported there.
   */
  public ImportReport importDocument(ParsedDocument document) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      KnowledgeStore.Imported imported = store.importDocument(document);
      defer(imported);
      return imported.report();
    }
  }

  /**
   * Imports a file as {@link #importDocument} does, streaming MedQuAD XML and JSONL so that a file
   * of any size needs memory for one entry at a time (plus 8 bytes per changed entry until the
   * index has it). The file is one transaction: on a parse error, text that is not UTF-8 or an
   * entry the store refuses, nothing of it is stored and the exception names the file, the line
   * or element and, for a refused entry, its external id. The seed page formats are read whole
   * and must be at most {@link Parsers#MAX_PAGE_BYTES}.
   *
   * @param documentName the name entries record as their source file and MedQuAD ids are made of
   */
  public ImportReport importFile(Path file, String documentName, Format format)
      throws IOException, ParseException {
    try (EntrySource source = Parsers.open(file, documentName, format)) {
      synchronized (writeLock) {
        ensureOpen();
        KnowledgeStore.Imported imported = store.importEntries(source);
        defer(imported);
        return imported.report();
      }
    }
  }

  /**
   * What {@link #importFile} would do with the file, nothing stored: the same parse, checks and
   * counts (added, updated, unchanged, skipped), in a transaction that is rolled back. Throws
   * what {@link #importFile} would throw.
   */
  public ImportReport previewFile(Path file, String documentName, Format format)
      throws IOException, ParseException {
    try (EntrySource source = Parsers.open(file, documentName, format)) {
      synchronized (writeLock) {
        ensureOpen();
        return store.importEntries(source, true).report();
      }
    }
  }

  /**
   * Work that belongs to a change of an entry and must commit or roll back with it, such as
   * closing the moderators' queue item a new entry answers: it runs on the store's connection,
   * inside the write transaction, after the entry is written. Throwing rolls everything back.
   */
  @FunctionalInterface
  public interface InSameTransaction {
    void run(java.sql.Connection connection, Entry written) throws java.sql.SQLException;

    /** This work, then {@code next}, in the same transaction. */
    default InSameTransaction andThen(InSameTransaction next) {
      return (connection, written) -> {
        run(connection, written);
        next.run(connection, written);
      };
    }
  }

  /**
   * Imports documents one transaction each, in order, then commits the index once. Stops at the
   * first failure; the documents before it stay imported.
   */
  public List<ImportReport> importDocuments(List<ParsedDocument> documents) throws IOException {
    List<ImportReport> reports = new ArrayList<>(documents.size());
    try {
      for (ParsedDocument d : documents) {
        reports.add(importDocument(d));
      }
    } finally {
      synchronized (writeLock) {
        if (!closed && !index.readOnly()) {
          flush();
          index.commit();
        }
      }
    }
    return reports;
  }

  /**
   * Ranks entries for a free-text patient message, best first, ties broken by entry id. Includes
   * PENDING entries (they are matchable); never DELETED ones. Empty, huge or non-English text
   * yields a (possibly empty) list, never an exception.
   *
   * <p>The ranking fuses the lexical ranking with nearest neighbours in meaning ({@link Fusion});
   * {@link SearchHit#confidence()} is the fitted probability that the hit is a right answer
   * ({@link Confidence}).
   */
  public List<SearchHit> search(String text, int limit) {
    return search(text, limit, SearchTuning.DEFAULT);
  }

  private FocusCache derived(IndexSearcher searcher) throws IOException {
    Object version = searcher.getIndexReader().getReaderCacheHelper() == null
        ? searcher.getIndexReader() : searcher.getIndexReader().getReaderCacheHelper().getKey();
    FocusCache cached = focusCache;
    if (cached == null || cached.version() != version) {
      FocusDictionary dictionary = FocusDictionary.fromIndex(searcher.getIndexReader());
      cached = new FocusCache(version, dictionary,
          Misspellings.fromIndex(searcher.getIndexReader(), indexAnalyzer, dictionary),
          java.util.Collections.synchronizedMap(new java.util.HashMap<>()),
          searchesKept == 0 ? null : com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
              .maximumSize(searchesKept).executor(Runnable::run).build(),
          new java.util.concurrent.ConcurrentHashMap<>());
      focusCache = cached;
    }
    return cached;
  }

  /**
   * What is derived from one index version: its topic names, the sibling lookups made in it, and
   * the rankings of the messages searched in it (null when none are kept).
   */
  private record FocusCache(Object version, FocusDictionary dictionary, Misspellings misspellings,
      java.util.Map<String, long[]> siblings,
      com.github.benmanes.caffeine.cache.Cache<Searched, Kept> rankings,
      java.util.Map<Long, Set<String>> pageTopics) {

    /** Whether the entry is about the topic: its focus, or one its lead names ({@link #pageTopics}). */
    boolean about(Entry e, String key) {
      return hasFocus(e) ? key.equals(FocusDictionary.key(e.focus())) : pageTopics(e).contains(key);
    }

    /**
     * The topics an entry without a focus of its own (a doctor's page, an article, a moderator's
     * answer) is about: those its lead names ({@link #lead}).
     */
    Set<String> pageTopics(Entry e) {
      return pageTopics.computeIfAbsent(e.id(), id -> {
        Set<String> named = new java.util.LinkedHashSet<>();
        dictionary.find(lead(e)).forEach(m -> named.add(m.focusKey()));
        return Set.copyOf(named);
      });
    }
  }

  /**
   * What an entry without a topic of its own is about: its title, the question, the reply and
   * the first paragraph of what follows it, an article's summaries, and the phrasings moderators
   * linked to it. Not the whole text: a page's background names many topics in passing.
   */
  static String lead(Entry e) {
    StringBuilder b = new StringBuilder(e.title());
    for (String part : new String[] {e.question(), e.reply(), firstParagraph(e.moreInfo()),
        e.quickTake(), e.seoTitle(), e.seoDescription(), firstParagraph(e.body())}) {
      if (part != null) {
        b.append('\n').append(part);
      }
    }
    e.atAGlance().forEach(s -> b.append('\n').append(s));
    e.alternativeQuestions().forEach(s -> b.append('\n').append(s));
    return b.toString();
  }

  private static String firstParagraph(String text) {
    if (text == null) {
      return null;
    }
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  /** A search as asked: the ranking depends on nothing else but the index version. */
  private record Searched(String text, int limit, SearchTuning tuning) {}

  private volatile FocusCache focusCache;

  List<SearchHit> search(String text, int limit, SearchTuning tuning) {
    return find(text, limit, tuning).hits();
  }

  /**
   * {@link #search}, with the message's meaning ({@link #meaning}) beside the hits: the search
   * embeds the message already, and a caller that groups it by meaning reuses that vector.
   */
  public SearchResult find(String text, int limit) {
    return find(text, limit, SearchTuning.DEFAULT);
  }

  SearchResult find(String text, int limit, SearchTuning tuning) {
    Ranking ranking = ranking(text, limit, tuning);
    List<SearchHit> hits = new ArrayList<>(ranking.ranked().size());
    for (Ranked r : ranking.ranked()) {
      hits.add(new SearchHit(r.entry(), r.score(), r.confidence()));
    }
    return new SearchResult(hits, meaningText(text), ranking.embedded(), ranking.vector());
  }

  /** The ranked hits, and what the search embedded (null when it embedded nothing) as what. */
  private record Ranking(List<Ranked> ranked, String embedded, float[] vector) {
    static final Ranking NONE = new Ranking(List.of(), null, null);
  }

  /**
   * A ranking as kept for a repeated message: the documents of its hits rather than their entries
   * (read again from the index version the documents belong to, most of them from the parsed
   * entries kept), so that a kept ranking costs about 3 KB, the message's vector most of it.
   */
  private record Kept(int[] docs, float[] scores, double[] confidences, Confidence.Features[] features,
      String embedded, float[] vector) {
    static Kept of(Ranking r, int[] docs) {
      int n = r.ranked().size();
      float[] scores = new float[n];
      double[] confidences = new double[n];
      Confidence.Features[] features = new Confidence.Features[n];
      for (int i = 0; i < n; i++) {
        Ranked h = r.ranked().get(i);
        scores[i] = h.score();
        confidences[i] = h.confidence();
        features[i] = h.features();
      }
      return new Kept(java.util.Arrays.copyOf(docs, n), scores, confidences, features, r.embedded(),
          r.vector());
    }

    Ranking ranking(IndexSearcher searcher) throws IOException {
      StoredFields stored = searcher.storedFields();
      List<Ranked> out = new ArrayList<>(docs.length);
      for (int i = 0; i < docs.length; i++) {
        out.add(new Ranked(EntryIndex.entry(searcher, stored, docs[i]), scores[i], confidences[i], features[i]));
      }
      return new Ranking(List.copyOf(out), embedded, vector);
    }
  }

  /** A hit with what its confidence was estimated from (for fitting and explaining it). */
  record Ranked(Entry entry, float score, double confidence, Confidence.Features features) {}

  /**
   * The features of a hit depend on the hits below it (the margin), so they are computed over this
   * many hits whatever the caller asks for: a hit's confidence must not depend on the limit.
   */
  private static final int FEATURE_WINDOW = 10;

  List<Ranked> rank(String text, int limit, SearchTuning tuning) {
    return ranking(text, limit, tuning).ranked();
  }

  private Ranking ranking(String text, int limit, SearchTuning tuning) {
    ensureOpen();
    if (text == null || limit <= 0) {
      return Ranking.NONE;
    }
    try {
      flushForSearch();
      // the same index for acquire and release, whatever a takeover does meanwhile
      EntryIndex searched = index;
      IndexSearcher searcher = searched.acquire();
      try {
        int maxDoc = searcher.getIndexReader().maxDoc();
        if (maxDoc == 0) {
          return Ranking.NONE;
        }
        // patients ask the common questions in the same words again and again: within one index
        // version the same message ranks the same (the embedding, the fitted confidence and every
        // table read are fixed), so a repeated message is answered from the ranking kept
        FocusCache derived = derived(searcher);
        Searched asked = new Searched(text, limit, tuning);
        Kept kept = derived.rankings() == null ? null : derived.rankings().getIfPresent(asked);
        if (kept != null) {
          return kept.ranking(searcher);
        }
        int[] docs = new int[Math.min(Math.max(limit, AnswerChoice.SEARCH_LIMIT), maxDoc)];
        Ranking ranking = rankIn(searcher, derived, maxDoc, text, limit, tuning, docs);
        if (derived.rankings() != null) {
          derived.rankings().put(asked, Kept.of(ranking, docs));
        }
        return ranking;
      } finally {
        searched.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("search index unreadable: " + e.getMessage(), e);
    }
  }

  /** The ranking of a message, and the document of each hit it scored in {@code docs}. */
  private Ranking rankIn(IndexSearcher searcher, FocusCache derived, int maxDoc, String text, int limit,
      SearchTuning tuning, int[] docs) throws IOException {
    // a misspelt condition name ("alzhimers", "neumonia") is read as the name it misspells:
    // everything below reads the corrected message
    String corrected = derived.misspellings().correct(text);
    String bounded = SearchQueryBuilder.bounded(corrected);
    // lay words also search as the medical terms they stand for ("thinning bones": osteoporosis)
    List<String> medical = ConsumerVocabulary.standard().medicalTerms(bounded);
    String expansion = medical.isEmpty() ? "" : "\n(" + String.join(", ", medical) + ")";
    SearchQueryBuilder.Built built =
        SearchQueryBuilder.build(searcher, queryAnalyzer, MatchText.fold(corrected) + expansion);
    List<FocusDictionary.Mention> mentions = derived.dictionary().find(bounded + expansion);
    Set<String> types = QuestionTypes.asked(bounded);
    built = SearchQueryBuilder.understand(searcher, indexAnalyzer, built, mentions, types, tuning);
    if (built.query() == null) {
      // nothing of the message occurs in any entry: whatever is nearest in meaning is a guess
      return Ranking.NONE;
    }
    Set<String> topics = new java.util.HashSet<>();
    mentions.forEach(m -> topics.add(m.focusKey()));
    Map<String, Double> specificity = new java.util.HashMap<>();
    for (String t : topics) {
      specificity.put(t, SearchQueryBuilder.specificity(searcher, indexAnalyzer, t));
    }
    Set<String> wanted = types.isEmpty() && tuning.plainType() != null ? Set.of(tuning.plainType()) : types;
    // asked how to take a medicine, or whether it is safe with something else: the knowledge
    // base holds MedlinePlus's drug pages as questions only, and an entry about another topic
    // answers something else ("is it safe to take ibuprofen with high blood pressure" was
    // answered with how high blood pressure is diagnosed)
    Set<String> medicines = QuestionTypes.asksAboutAMedicine(types) ? medicinesNamed(searcher, topics) : Set.of();
    // no scores asked for: the score is the first sort value already; asking for them would
    // score the top hits a second time (a tenth of the search time)
    int lexicalDepth = Math.min(maxDoc,
        Math.max(tuning.dense() > 0 ? SearchTuning.LEXICAL_DEPTH : FEATURE_WINDOW, limit));
    TopFieldDocs top = searcher.search(built.query(), lexicalCollector(lexicalDepth, built.terms().size()));
    String embedded = Embeddings.queryText(bounded)
        + (medical.isEmpty() ? "" : " (" + String.join(", ", medical) + ")");
    float[] queryVector = embeddings.embed(embedded);
    Fusion fusion = new Fusion(searcher, queryVector, derived.siblings());
    for (int i = 0; i < top.scoreDocs.length; i++) {
      fusion.lexical(top.scoreDocs[i].doc, i + 1, (Float) ((FieldDoc) top.scoreDocs[i]).fields[0]);
    }
    if (tuning.dense() > 0) {
      TopDocs dense = searcher.search(
          new KnnFloatVectorQuery(EntryIndex.VECTOR, queryVector, SearchTuning.DENSE_DEPTH,
              tuning.denseAnswerable() ? ANSWERABLE_ONLY : null),
          SearchTuning.DENSE_DEPTH);
      // a page's passages count as the page, ranked where its best one is
      Map<Integer, Integer> entryDocs = entryDocs(searcher, dense.scoreDocs);
      Set<Integer> seen = new java.util.HashSet<>();
      for (ScoreDoc sd : dense.scoreDocs) {
        int doc = entryDocs.get(sd.doc);
        if (doc >= 0 && seen.add(doc)) {
          // Lucene's DOT_PRODUCT score is (1 + cosine) / 2
          fusion.dense(doc, seen.size(), 2 * sd.score - 1);
        }
      }
    }
    Map<String, Double> weights = topicWeights(specificity, tuning.specificTopics());
    storyTopics(derived, bounded, topics, weights);
    List<Fusion.Candidate> ordered = fusion.ordered(tuning, weights, wanted);
    StoredFields stored = searcher.storedFields();
    // each entry is read (and its JSON parsed) once per search
    java.util.Map<Integer, Entry> read = new java.util.HashMap<>();
    java.util.function.IntFunction<Entry> entryAt = doc -> read.computeIfAbsent(doc, d -> {
      try {
        return EntryIndex.entry(searcher, stored, d);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    });
    if (tuning.siblings()) {
      List<String> asked = QuestionTypes.withKin(types);
      ordered = promoteSiblings(fusion, ordered, entryAt, types, asked, false);
      if (ordered.stream().limit(AnswerChoice.SEARCH_LIMIT).noneMatch(c -> entryAt.apply(c.doc()).isAnswerable())) {
        ordered = promoteSiblings(fusion, ordered, entryAt, types, asked, true);
      }
    }
    Set<String> specificTopics = specific(specificity);
    if (tuning.siblings()) {
      ordered = promotePages(ordered, entryAt, derived, specificTopics);
    }
    int window = Math.min(ordered.size(), Math.max(limit, FEATURE_WINDOW));
    List<Entry> entries = new ArrayList<>(window);
    float[] cosines = new float[window];
    for (int i = 0; i < window; i++) {
      Fusion.Candidate c = ordered.get(i);
      entries.add(entryAt.apply(c.doc()));
      cosines[i] = fusion.cosine(c);
    }
    double unknown = built.unknown() / built.confidenceReference();
    // the specific topics named: an entry whose name holds one is about it ("Adult Primary
    // Liver Cancer" for "liver cancer", "beta thalassemia" for "thalassemia")
    List<List<String>> specific = new ArrayList<>();
    for (String t : specificTopics) {
      specific.add(java.util.Arrays.stream(t.split(" "))
          .filter(w -> !org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w))
          .toList());
    }
    Set<String> messageWords = new java.util.HashSet<>(FocusDictionary.words(bounded + expansion));
    boolean administrative = AdminRequests.asks(text);
    // the hits the bot chooses among are scored whatever the limit: a hit's confidence may be
    // lifted by the hits below it (topicBacked), and must not depend on the limit
    int scored = Math.min(window, Math.max(limit, AnswerChoice.SEARCH_LIMIT));
    List<Ranked> out = new ArrayList<>(scored);
    for (int i = 0; i < scored; i++) {
      Fusion.Candidate c = ordered.get(i);
      Entry e = entries.get(i);
      double margin = cosines[i];
      for (int j = i + 1; j < window; j++) {
        Entry other = entries.get(j);
        if (other.isAnswerable() && !sameTopic(e, other)) {
          margin = cosines[i] - cosines[j];
          break;
        }
      }
      String key = topicKey(e, derived, specificTopics);
      boolean topic = topics.contains(key);
      boolean type = e.questionType() != null
          && wanted.contains(e.questionType().strip().toLowerCase(java.util.Locale.ROOT));
      int same = 0;
      for (int j = 0; j < window; j++) {
        if (j != i && !key.isEmpty() && derived.about(entries.get(j), key)) {
          same++;
        }
      }
      Confidence.Features f = new Confidence.Features(
          SearchQueryBuilder.confidence(c.lexicalScore(), built.confidenceReference()),
          cosines[i], c.lexicalRank(), c.denseRank(), topic, type, margin, unknown,
          // a topic the message names by an acronym ("TB") or a lay phrase is named in full
          (double) same / (FEATURE_WINDOW - 1),
          topic || holdsTopic(e, specific) ? 1.0 : named(e, messageWords));
      double p = !administrative && (medicines.isEmpty() || medicines.contains(key))
          ? Confidence.fitted().probability(f) : 0;
      out.add(new Ranked(e, (float) c.fused(), p, f));
      docs[i] = c.doc();
    }
    if (!types.isEmpty()) {
      topicBacked(out);
    }
    return new Ranking(List.copyOf(out.subList(0, Math.min(limit, out.size()))), embedded, queryVector);
  }

  /**
   * The topics of the message specific enough ({@link #SPECIFIC_TOPIC}) to say what a page is
   * about: a page names "pain", "surgery" or "x ray" in passing, "kyphoplasty" because it is about it.
   */
  private static Set<String> specific(Map<String, Double> specificity) {
    Set<String> out = new java.util.HashSet<>();
    specificity.forEach((t, s) -> {
      if (s >= SPECIFIC_TOPIC) {
        out.add(t);
      }
    });
    return out;
  }

  /**
   * The topic a hit is counted as: its focus, or for an entry without one the first specific
   * topic of the message that its lead names ("" for none).
   */
  private static String topicKey(Entry e, FocusCache derived, Set<String> topics) {
    if (hasFocus(e)) {
      return FocusDictionary.key(e.focus());
    }
    for (String t : derived.pageTopics(e)) {
      if (topics.contains(t)) {
        return t;
      }
    }
    return "";
  }

  /**
   * How deep a page about the hit's topic is looked for: each candidate looked at is read and
   * parsed. The seed page was 11th for "my mother had vertebroplasty ... still has pain", 7th for
   * "why does my leg hurt after kyphoplasty".
   */
  private static final int PAGE_DEPTH = 40;

  /**
   * When none of the hits the bot chooses among has an answer, a question-only hit about a topic
   * the message names stands for an answer the knowledge base may hold without a topic of its
   * own: a doctor's page, an article or a moderator's answer whose lead names the topic follows
   * the hit. MedQuAD's only "Kyphoplasty" is ADAM's question-only page, and "why does my leg hurt
   * after kyphoplasty" was declined with the seed's kyphoplasty page ranked far below it.
   *
   * <p>The same holds when the first answer among those hits is about a topic the message does not
   * name and the page is nearer in meaning than it: "leg numbness after kyphoplasty" ranked ADAM's
   * "Kyphoplasty" first and MedlinePlus's outlook for paresthesia fourth (0.07, declined), with the
   * seed page eighth though first by meaning (own seed questions 2).
   */
  private static List<Fusion.Candidate> promotePages(List<Fusion.Candidate> ordered,
      java.util.function.IntFunction<Entry> entryAt, FocusCache derived, Set<String> topics) {
    int n = Math.min(AnswerChoice.SEARCH_LIMIT, ordered.size());
    int answer = n;
    for (int i = 0; i < n; i++) {
      if (entryAt.apply(ordered.get(i).doc()).isAnswerable()) {
        answer = i;
        break;
      }
    }
    // the answer the bot would choose, about another topic, gives way only to a page nearer in
    // meaning than it
    int nearest = Integer.MAX_VALUE;
    if (answer < n) {
      Fusion.Candidate c = ordered.get(answer);
      if (topics.contains(topicKey(entryAt.apply(c.doc()), derived, topics)) || c.denseRank() == 0) {
        return ordered;
      }
      nearest = c.denseRank();
    }
    for (int i = 0; i < answer; i++) {
      String key = FocusDictionary.key(entryAt.apply(ordered.get(i).doc()).focus());
      if (key.isEmpty() || !topics.contains(key)) {
        continue;
      }
      for (int j = answer < n ? answer + 1 : n; j < Math.min(ordered.size(), PAGE_DEPTH); j++) {
        Entry page = entryAt.apply(ordered.get(j).doc());
        int rank = ordered.get(j).denseRank();
        if (page.isAnswerable() && !hasFocus(page) && derived.pageTopics(page).contains(key)
            && rank > 0 && rank < nearest) {
          List<Fusion.Candidate> out = new ArrayList<>(ordered);
          out.add(i + 1, out.remove(j));
          return out;
        }
      }
    }
    return ordered;
  }

  /**
   * An answerable hit that answers the kind of question asked takes the confidence of a hit below
   * it about the same topic, among those the bot chooses from, when that is higher. The hits of
   * one topic split its evidence: "hypertention what foods to avoid" ranked NIHSeniorHealth's
   * prevention entry for high blood pressure first at 0.63 with three more prevention entries of
   * the topic below it at 0.75 to 0.78, and was declined. Only for the kind asked: lifting an
   * overview shown for a question about inheritance, causes or treatment (kinds the topic's other
   * entries answer or the knowledge base lacks) answered such questions with the overview, 3 wrong
   * answers more on own-3, 1 on own-2 and own-4 (README, "Own questions 4").
   */
  static void topicBacked(List<Ranked> ranked) {
    int n = Math.min(ranked.size(), AnswerChoice.SEARCH_LIMIT);
    for (int i = 0; i < n; i++) {
      Ranked r = ranked.get(i);
      if (!r.entry().isAnswerable() || !r.features().type() || r.confidence() <= 0) {
        continue;
      }
      double best = r.confidence();
      for (int j = i + 1; j < n; j++) {
        if (sameTopic(r.entry(), ranked.get(j).entry())) {
          best = Math.max(best, ranked.get(j).confidence());
        }
      }
      if (best > r.confidence()) {
        ranked.set(i, new Ranked(r.entry(), r.score(), best, r.features()));
      }
    }
  }

  /**
   * Query terms from which the lexical query scores every document it matches rather than skipping
   * those that cannot enter the top hits: a long message's query sums dozens of clauses with
   * common words among them, so few documents can be skipped while the skipping's bookkeeping (the
   * clauses re-sorted by their best score for every block of documents) cost a third of the
   * query. With 12 terms and more, scoring all of them took 0.1 to 3 ms less CPU on the LiveQA dev
   * and lay messages; below, about the same (0.1 ms more for the shortest). Either way the top
   * hits and their scores are the same: both ways add the clauses' float scores in a double and
   * round once, and the double sum is exact in any order while the largest sum is less than 2^29
   * times the smallest clause score (BM25 clause scores of one message lie within about 10^8 of
   * each other). Checked: the ten best hits of 609 dev, lay and own messages, bit for bit.
   */
  static final int SCORE_ALL_TERMS = 12;

  /**
   * The best {@code depth} documents by score, then entry id. The total hit count is never read,
   * so a short query skips documents that cannot enter the top as soon as the queue is full
   * rather than after IndexSearcher's default of 1,000 hits counted (a document is skipped only
   * when its best possible score is below the last one kept: the same hits).
   */
  static TopFieldCollectorManager lexicalCollector(int depth, int terms) {
    return new TopFieldCollectorManager(BY_SCORE_THEN_ID, depth, null,
        terms >= SCORE_ALL_TERMS ? Integer.MAX_VALUE : depth);
  }

  /**
   * Each named topic's weight in the fusion's agreement: its specificity relative to the most
   * specific topic named, to the power {@code sharpness} (0: all count alike). A message names
   * general topics beside the one it is about ("diet", "pregnancy", "a brain tumour called an
   * astrocytoma"), and the general one's overview used to win on the words it shares with them.
   */
  /**
   * How much a topic named only in the story around a question counts, against one the question
   * names: "... I'm 67 and had a heart attack 4 years ago. What are the signs of heart failure?"
   * was answered with the symptoms of a heart attack, both topics answering the kind asked.
   */
  static final double STORY_TOPIC = 0.5;

  /**
   * Scales down, in {@code weights}, the named topics that only the story names, when the sentences
   * that ask name one of the others.
   */
  private static void storyTopics(FocusCache derived, String text, Set<String> topics,
      Map<String, Double> weights) {
    if (topics.size() < 2) {
      return;
    }
    String asking = QuestionTypes.askingPart(text);
    if (asking.isEmpty()) {
      return;
    }
    List<String> medical = ConsumerVocabulary.standard().medicalTerms(asking);
    Set<String> asked = new java.util.HashSet<>();
    derived.dictionary().find(asking + (medical.isEmpty() ? "" : "\n(" + String.join(", ", medical) + ")"))
        .forEach(m -> asked.add(m.focusKey()));
    asked.retainAll(topics);
    if (asked.isEmpty() || asked.size() == topics.size()) {
      return;
    }
    for (String t : topics) {
      if (!asked.contains(t)) {
        weights.computeIfPresent(t, (k, w) -> w * STORY_TOPIC);
      }
    }
  }

  private static Map<String, Double> topicWeights(Map<String, Double> specificity, double sharpness) {
    Map<String, Double> out = new java.util.HashMap<>();
    if (specificity.size() < 2 || sharpness <= 0) {
      specificity.keySet().forEach(t -> out.put(t, 1.0));
      return out;
    }
    double max = specificity.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    specificity.forEach((t, s) -> out.put(t, max <= 0 ? 1.0 : Math.pow(s / max, sharpness)));
    return out;
  }

  /**
   * The named topics that are medicines: topics with an entry of a kind only a medicine's page
   * has (its usage, side effects, precautions, ...).
   */
  private static Set<String> medicinesNamed(IndexSearcher searcher, Set<String> topics) throws IOException {
    Set<String> out = new java.util.HashSet<>();
    for (String t : topics) {
      org.apache.lucene.search.BooleanQuery.Builder kinds = new org.apache.lucene.search.BooleanQuery.Builder();
      QuestionTypes.MEDICINE_ONLY.forEach(k -> kinds.add(new org.apache.lucene.search.TermQuery(
          new org.apache.lucene.index.Term(EntryIndex.QTYPE, k)), org.apache.lucene.search.BooleanClause.Occur.SHOULD));
      org.apache.lucene.search.Query q = new org.apache.lucene.search.BooleanQuery.Builder()
          .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(EntryIndex.FOCUS_KEY, t)),
              org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .add(kinds.build(), org.apache.lucene.search.BooleanClause.Occur.FILTER)
          .build();
      if (searcher.count(q) > 0) {
        out.add(t);
      }
    }
    return out;
  }

  /** MedQuAD's type of the overview of a topic ("What is X?"). */
  private static final String OVERVIEW = "information";

  /** Candidates whose sibling is looked for: about the hits the bot chooses among, and more. */
  private static final int SIBLING_WINDOW = 10;

  /**
   * Ranks for what will be shown. A question-only (pending) hit is evidence for the published
   * entry with the same topic that answers the kind of question asked (or its own kind), and an
   * answerable hit about the right topic that answers another kind of question than the one
   * asked stands for its sibling that answers it: each such sibling goes just below the
   * question-only hit, or just above the answerable one.
   * MedQuAD gives each topic one entry per kind of question, and the words of a message often
   * match "What is X?" or a question-only pair best while the message asks about X's treatment.
   */
  private static List<Fusion.Candidate> promoteSiblings(Fusion fusion, List<Fusion.Candidate> ordered,
      java.util.function.IntFunction<Entry> entryAt, Set<String> types, List<String> asked, boolean overview)
      throws IOException {
    boolean promoted = false;
    for (Fusion.Candidate c : List.copyOf(ordered.subList(0, Math.min(SIBLING_WINDOW, ordered.size())))) {
      Entry e = entryAt.apply(c.doc());
      String focus = FocusDictionary.key(e.focus());
      String type = e.questionType() == null ? "" : e.questionType().strip().toLowerCase(java.util.Locale.ROOT);
      if (focus.isEmpty() || type.isEmpty() || (e.isAnswerable() && (asked.isEmpty() || asked.contains(type)))) {
        continue;
      }
      // analysing every synonym costs more than the lookup it serves: only when asked for
      List<Set<String>> memo = new ArrayList<>(1);
      java.util.function.Supplier<Set<String>> names = () -> {
        if (!memo.isEmpty()) {
          return memo.get(0);
        }
        Set<String> n = new java.util.LinkedHashSet<>();
        n.add(focus);
        n.addAll(FocusDictionary.aliases(e.focus()));
        e.synonyms().stream().filter(FocusDictionary::findableName).map(FocusDictionary::key)
            .filter(k -> !k.isEmpty()).forEach(n::add);
        // one source's "Restless Legs" is another's "Restless Legs Syndrome"
        n.addAll(FocusDictionary.genericVariants(n));
        n.addAll(FocusDictionary.qualifiedVariants(n));
        memo.add(n);
        return n;
      };
      List<String> targets = new ArrayList<>();
      if (!e.isAnswerable() && (asked.isEmpty() || asked.contains(type))) {
        targets.add(type);
      }
      asked.stream().filter(t -> !targets.contains(t)).forEach(targets::add);
      if (e.isAnswerable() && !asked.contains(type) && QuestionTypes.overviewServesBetter(types, type)) {
        // the topic has no entry of the kind asked (those were tried first): its overview, written
        // to cover the topic as a whole, tells more than an answer to an unrelated question
        // ("can you die from pneumonia" got "Who is at risk for pneumonia?"). Judged on the kinds
        // the message asks, not their kin: "how do you catch tb" (causes, kin susceptibility) got
        // CDC's TB prevention page, which answers part of who is at risk but nothing of how TB
        // spreads, while the overview says it.
        targets.add(OVERVIEW);
      }
      if (overview && !e.isAnswerable() && !targets.contains(OVERVIEW)) {
        // when no hit the bot chooses among has a reviewed answer, a question-only hit whose topic
        // has none to the kind asked still points to the topic: its overview ("what is X") is the
        // best answer the knowledge base has
        targets.add(OVERVIEW);
      }
      for (String t : targets) {
        // a question-only hit keeps its place (it groups the question for the moderators), its
        // answerable sibling follows it; an answer to another question gives way to its sibling
        // a topic named by another's synonym only for a kind of question asked: as the overview
        // of last resort it reached other conditions through shared synonyms ("alveolitis")
        if (fusion.promoteSibling(c, e.id(), focus, names, t, e.isAnswerable(), asked.contains(t)) != null) {
          promoted = true;
          break;
        }
      }
    }
    return promoted ? fusion.reordered() : ordered;
  }

  /**
   * The document of the entry each hit's document belongs to (-1 when its entry is gone): the
   * entry's own for a passage, the document itself for an entry. Read in document order, so that
   * the doc values are opened once.
   */
  private static Map<Integer, Integer> entryDocs(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    int[] docs = new int[hits.length];
    for (int i = 0; i < hits.length; i++) {
      docs[i] = hits[i].doc;
    }
    java.util.Arrays.sort(docs);
    ForwardDocValues values = new ForwardDocValues();
    Map<Integer, Integer> out = new java.util.HashMap<>();
    for (int doc : docs) {
      if (!out.containsKey(doc)) {
        out.put(doc, entryDoc(searcher, values, doc));
      }
    }
    return out;
  }

  /** The document of the entry a passage document belongs to; the document itself for an entry. */
  private static int entryDoc(IndexSearcher searcher, ForwardDocValues values, int doc) throws IOException {
    List<org.apache.lucene.index.LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    org.apache.lucene.index.LeafReaderContext leaf =
        leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    org.apache.lucene.index.NumericDocValues owner =
        values.numeric(leaf, EntryIndex.PASSAGE_OF, doc - leaf.docBase);
    if (owner == null) {
      return doc;
    }
    TopDocs entry = searcher.search(new org.apache.lucene.search.TermQuery(
        new org.apache.lucene.index.Term(EntryIndex.ID, Long.toString(owner.longValue()))), 1);
    return entry.scoreDocs.length == 0 ? -1 : entry.scoreDocs[0].doc;
  }

  /**
   * Specificity ({@link SearchQueryBuilder#specificity}) from which a named topic counts as named
   * in an entry whose name holds its words: "cancer" or "pain" are in many names that are not
   * what the message is about (0.37, 0.47), "liver cancer" or "thalassemia" are (0.56, 0.64).
   * Set between them, not tuned.
   */
  static final double SPECIFIC_TOPIC = 0.5;

  /** A MedQuAD entry has a focus; a doctor's page, an article or a moderator's answer has none. */
  private static boolean hasFocus(Entry e) {
    return e.focus() != null && !e.focus().isBlank();
  }

  /** Whether one of the entry's names holds every word of one of the topics. */
  private static boolean holdsTopic(Entry e, List<List<String>> topics) {
    if (topics.isEmpty() || !hasFocus(e)) {
      return false;
    }
    List<String> names = new ArrayList<>();
    names.add(e.focus());
    names.addAll(e.synonyms());
    for (String name : names) {
      Set<String> words = new java.util.HashSet<>(FocusDictionary.words(name));
      for (List<String> t : topics) {
        if (!t.isEmpty() && words.containsAll(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The largest share of one of the entry's topic names (its focus and synonyms, or a page's
   * title) whose words the message contains, function words and filler ("how", "does") left out.
   */
  private static double named(Entry e, Set<String> messageWords) {
    List<String> names = new ArrayList<>();
    if (hasFocus(e)) {
      names.add(e.focus());
      names.addAll(e.synonyms());
    } else {
      names.add(e.title());
    }
    double best = 0;
    for (String name : names) {
      int all = 0;
      int found = 0;
      for (String w : FocusDictionary.words(name)) {
        // a page's title is a question: "how", "does" name nothing
        if (w.length() < 2 || org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)
            || SearchAnalyzers.FILLER.contains(w)) {
          continue;
        }
        all++;
        found += messageWords.contains(w) ? 1 : 0;
      }
      if (all > 0) {
        best = Math.max(best, (double) found / all);
      }
    }
    return best;
  }

  /**
   * Two entries about the same topic. The margin is taken to the next other topic: a topic's
   * entries for other kinds of question sit as close to the message as the right one (embeddings
   * barely tell them apart), so a margin to them says nothing, and the kind asked is a feature of
   * its own.
   */
  private static boolean sameTopic(Entry a, Entry b) {
    return a.id() == b.id() || FocusDictionary.sameTopic(a.focus(), b.focus());
  }

  /**
   * The sentence embedding of a message as searches embed it (unit length): messages that mean
   * the same are close in cosine. For grouping questions; an empty array for blank text.
   */
  public float[] meaning(String text) {
    String t = meaningText(text);
    return t == null ? new float[0] : embeddings.embed(t);
  }

  /** What a message's meaning is the embedding of; null for a blank message (it has none). */
  private static String meaningText(String text) {
    return text == null || text.isBlank() ? null : Embeddings.queryText(SearchQueryBuilder.bounded(text));
  }

  public Optional<Entry> get(long id) {
    ensureOpen();
    return store.get(id);
  }

  public Optional<Entry> getByExternalId(String externalId) {
    ensureOpen();
    return store.getByExternalId(externalId);
  }

  /**
   * Adds a new entry (id 0) and returns it with its id; {@code actor} goes to the history.
   *
   * @throws IllegalArgumentException if the id is not 0 or the external id is taken
   */
  public Entry add(Entry entry, String actor) throws IOException {
    return add(entry, actor, null);
  }

  /** {@link #add(Entry, String)} with more work in its transaction ({@code also} may be null). */
  public Entry add(Entry entry, String actor, InSameTransaction also) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      embedAhead(entry);
      KnowledgeStore.Written w = store.add(entry, actor, also);
      indexChanges();
      return w.entry();
    }
  }

  /**
   * Replaces the entry with the same id, keeping the previous version in its history. An update
   * that changes nothing records nothing.
   *
   * @throws IllegalArgumentException if there is no such entry or the external id is taken
   */
  public Entry update(Entry entry, String actor) throws IOException {
    return update(entry, actor, null);
  }

  /** {@link #update(Entry, String)} with more work in its transaction ({@code also} may be null). */
  public Entry update(Entry entry, String actor, InSameTransaction also) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      embedAhead(entry);
      KnowledgeStore.Written w = store.update(entry, actor, also);
      indexChanges();
      return w.entry();
    }
  }

  /**
   * On a shared database, embeds an entry about to be written and stores its vectors before the
   * entry's transaction: the other replicas, woken by its commit, then find them instead of each
   * embedding the entry again (and answering it that much later). Here they are found too, so it
   * costs nothing extra; a failure leaves the embedding to the index update, as before.
   */
  private void embedAhead(Entry entry) {
    if (database.dialect() != Database.Dialect.POSTGRESQL) {
      return;
    }
    try {
      vectors(store, List.of(entry));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "embedding ahead failed: {0}", e.toString());
    }
  }

  /** Soft delete: status DELETED, kept with history so {@link #restore} can undo it. */
  public Entry remove(long id, String actor) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      KnowledgeStore.Written w = store.remove(id, actor);
      indexChanges();
      return w.entry();
    }
  }

  /**
   * Undoes the last change of an entry (a removal, or an edit) from its history. Repeated calls
   * keep walking back (undo of an undo is not a redo).
   *
   * @throws IllegalStateException when only the entry's creation is left
   */
  public Entry undo(long id, String actor) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      KnowledgeStore.Written w = store.undo(id, actor);
      indexChanges();
      return w.entry();
    }
  }

  /** At most this many alternative questions per entry; more would drown its own words. */
  public static final int MAX_ALTERNATIVES = 50;
  /** Longer phrasings are stories, not questions: they would match too much. */
  public static final int MAX_ALTERNATIVE_CHARS = 500;

  /**
   * Adds alternative questions (patients' phrasings of the entry's question) to an entry, kept in
   * its history like any change. Phrasings it already has (its question, its title or an
   * alternative, ignoring case, spacing and end punctuation), blank ones and ones longer than
   * {@link #MAX_ALTERNATIVE_CHARS} are left out. Returns the entry, unchanged when nothing was
   * added.
   *
   * @throws IllegalArgumentException when there is no such entry, or it would exceed
   *     {@link #MAX_ALTERNATIVES}
   */
  public Entry addAlternativeQuestions(long id, List<String> phrasings, String actor)
      throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      Entry e = store.get(id).orElseThrow(() -> new IllegalArgumentException("no entry with id " + id));
      Set<String> known = new java.util.HashSet<>();
      known.add(sameQuestion(e.question()));
      known.add(sameQuestion(e.title()));
      e.alternativeQuestions().forEach(q -> known.add(sameQuestion(q)));
      List<String> next = new ArrayList<>(e.alternativeQuestions());
      for (String p : phrasings) {
        String t = p == null ? "" : p.strip().replaceAll("\\s+", " ");
        if (!t.isEmpty() && t.length() <= MAX_ALTERNATIVE_CHARS && known.add(sameQuestion(t))) {
          next.add(t);
        }
      }
      if (next.size() == e.alternativeQuestions().size()) {
        return e;
      }
      if (next.size() > MAX_ALTERNATIVES) {
        throw new IllegalArgumentException("entry " + id + " would have " + next.size()
            + " alternative questions, more than " + MAX_ALTERNATIVES + "; remove some first");
      }
      return update(e.toBuilder().alternativeQuestions(next).build(), actor);
    }
  }

  /**
   * Removes an entry's alternative question number {@code number} (1-based, as listed).
   *
   * @throws IllegalArgumentException when there is no such entry or number
   */
  public Entry removeAlternativeQuestion(long id, int number, String actor) throws IOException {
    synchronized (writeLock) {
      ensureOpen();
      Entry e = store.get(id).orElseThrow(() -> new IllegalArgumentException("no entry with id " + id));
      if (number < 1 || number > e.alternativeQuestions().size()) {
        throw new IllegalArgumentException("entry " + id + " has " + e.alternativeQuestions().size()
            + " alternative question" + (e.alternativeQuestions().size() == 1 ? "" : "s")
            + ", no number " + number);
      }
      List<String> next = new ArrayList<>(e.alternativeQuestions());
      next.remove(number - 1);
      return update(e.toBuilder().alternativeQuestions(next).build(), actor);
    }
  }

  private static String sameQuestion(String s) {
    return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s\\p{Punct}]+", " ")
        .strip();
  }

  /**
   * Versions of an entry, newest first: one per change ("added", "updated", "removed",
   * "restored"), each with the entry as that change left it, so the first is the current version
   * and the rest are the previous ones.
   */
  public List<Revision> history(long id) {
    ensureOpen();
    return store.history(id);
  }

  /** Entries in id order, DELETED ones only if asked for. */
  public List<Entry> list(int offset, int limit, boolean includeDeleted) {
    ensureOpen();
    return store.list(offset, limit, includeDeleted);
  }

  /** Counts of entries by status. */
  public Counts counts() {
    ensureOpen();
    return store.counts();
  }

  /**
   * Writes every entry except DELETED ones as JSONL, in id order, each with its alternative
   * questions and its history, so that importing the file into an empty home restores them.
   */
  public void exportJsonl(Writer out) throws IOException {
    ensureOpen();
    try {
      store.forEachWithHistory((e, history) -> {
        try {
          out.write(JsonlCodec.toJsonLine(e, history));
          out.write('\n');
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.flush();
  }

  /**
   * Rebuilds the index from the store. Searches meanwhile use the index as it was. If the rebuild
   * fails they go on doing so (changes made after it are stored but not searchable) until a
   * later reindex succeeds or the next {@link #open} rebuilds.
   */
  public void reindex() throws IOException {
    long request;
    synchronized (writeLock) {
      ensureOpen();
      request = store.requestRebuild();
      if (!index.readOnly()) {
        rebuildLocked(request);
        index.commit();
        return;
      }
    }
    // the process holding the index rebuilds it when it next looks at the store
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(REINDEX_WAIT_MINUTES);
    while (index.committedRebuild() < request) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the rebuild was requested, but the faqbot process holding the index"
            + " has not done it within " + REINDEX_WAIT_MINUTES + " minutes; it will when it next"
            + " follows the store or starts");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for the rebuild");
      }
    }
  }

  private static final int REINDEX_WAIT_MINUTES = 30;

  /**
   * Rebuilds the index from the store. When that fails, searches go on with the index as it was
   * before (changes made after it are stored but not searchable) until a later reindex succeeds or
   * the next {@link #open} rebuilds; it is not retried on every change meanwhile.
   */
  private void rebuildLocked(long request) throws IOException {
    pendingCount = 0;
    hasPending = false;
    long generation = store.state().generation();
    index.beginRebuild();
    try {
      fill(store, index, request);
    } catch (IOException | RuntimeException e) {
      index.rebuildFailed(generation, request);
      throw e;
    }
    index.endRebuild();
  }

  @Override
  public void close() throws IOException {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (listener != null) {
        listener.close();
      }
      if (follower != null) {
        follower.shutdownNow();
      }
      try {
        try {
          if (!index.readOnly()) {
            flush();
          }
        } finally {
          index.close();
        }
        if (!index.readOnly()) {
          pruneChanges();
        }
        for (EntryIndex r : retired) {
          r.close();
        }
      } finally {
        try {
          store.close();
        } finally {
          database.close();
        }
      }
    }
  }

  /** Adds every live entry to an empty index and commits it stamped with the store's generation. */
  private static void fill(KnowledgeStore store, EntryIndex index, long rebuildRequest) throws IOException {
    long generation;
    List<Entry> chunk = new ArrayList<>(FILL_CHUNK);
    try {
      generation = store.forEach(false, e -> {
        chunk.add(e);
        if (chunk.size() == FILL_CHUNK) {
          addChunk(store, index, chunk);
        }
      });
      addChunk(store, index, chunk);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    index.rebuilt(generation, rebuildRequest);
    index.commit();
  }

  /** Entries embedded together: enough to keep both cores busy, few enough to bound memory. */
  private static final int FILL_CHUNK = 512;

  private static void addChunk(KnowledgeStore store, EntryIndex index, List<Entry> chunk) {
    try {
      List<List<float[]>> vectors = vectors(store, chunk);
      for (int i = 0; i < chunk.size(); i++) {
        index.addNew(chunk.get(i), vectors.get(i));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    chunk.clear();
  }

  /**
   * Each entry's embeddings, its own then its passages' ({@link Embeddings#passages}), from the
   * store's cache where the embedded text is unchanged; the rest are embedded now and cached.
   * Empty for deleted entries, which are not indexed.
   */
  private static List<List<float[]>> vectors(KnowledgeStore store, List<Entry> entries) throws IOException {
    List<List<String>> keys = new ArrayList<>(entries.size());
    java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
    for (Entry e : entries) {
      List<String> k = new ArrayList<>();
      if (e.status() != Entry.Status.DELETED) {
        List<String> t = new ArrayList<>();
        t.add(Embeddings.entryText(e));
        t.addAll(Embeddings.passages(e));
        for (String text : t) {
          String key = Embeddings.key(text);
          k.add(key);
          texts.putIfAbsent(key, text);
        }
      }
      keys.add(k);
    }
    java.util.Map<String, float[]> cached = store.vectors(new ArrayList<>(texts.keySet()));
    java.util.Map<String, String> missing = new java.util.LinkedHashMap<>(texts);
    missing.keySet().removeAll(cached.keySet());
    if (!missing.isEmpty()) {
      List<float[]> made = Embeddings.get().embedAll(new ArrayList<>(missing.values()));
      java.util.Map<String, float[]> fresh = new java.util.LinkedHashMap<>();
      int i = 0;
      for (String k : missing.keySet()) {
        fresh.put(k, made.get(i++));
      }
      store.putVectors(fresh);
      cached.putAll(fresh);
    }
    List<List<float[]>> out = new ArrayList<>(entries.size());
    for (List<String> k : keys) {
      out.add(k.stream().map(cached::get).toList());
    }
    return out;
  }

  /**
   * Ids of imported entries waiting for the index. Importing a corpus document by document would
   * embed a handful of texts at a time on one core; gathered, they are embedded in batches on
   * both. Every other write, every search and close flush them first, so the index still receives
   * changes in store order and a search right after an import sees it. Ids, not entries: a large
   * file changes more entries than the heap could hold, so they are read back a batch at a time.
   */
  private int pendingCount;
  private volatile boolean hasPending;

  private void defer(KnowledgeStore.Imported imported) throws IOException {
    if (imported.changedIds().length == 0 || index.readOnly()) {
      return;
    }
    pendingCount += imported.changedIds().length;
    hasPending = true;
    if (pendingCount >= FILL_CHUNK) {
      flush();
    }
  }

  /**
   * Applies the imports waiting for the index (read back from the store's list of changes, a
   * batch at a time). No timed commit in the middle of an import: a commit closes a segment,
   * and vector graphs built per segment give (slightly) different nearest neighbours, so the
   * same import must always cut its segments at the same places; the import's end or close
   * commits.
   */
  private void flush() throws IOException {
    if (hasPending) {
      catchUp();
    }
  }

  private void flushForSearch() throws IOException {
    if (hasPending) {
      synchronized (writeLock) {
        if (!closed) {
          flush();
        }
      }
    }
  }

  /** After a single-entry write: the index gets it (and whatever else changed) at once. */
  private void indexChanges() throws IOException {
    if (index.readOnly()) {
      return;
    }
    catchUp();
    index.commitIfDue();
  }

  private void apply(KnowledgeStore.Written w) throws IOException {
    if (w.changed().isEmpty()) {
      return;
    }
    try {
      List<List<float[]>> vectors = vectors(store, w.changed());
      for (int i = 0; i < w.changed().size(); i++) {
        index.put(w.changed().get(i), vectors.get(i));
      }
    } catch (IOException | RuntimeException e) {
      // the store has the change and stays the truth; the next open rebuilds the index
      index.markDamaged();
      throw new IOException("stored, but the search index could not be updated (it is rebuilt"
          + " on the next start, or now with reindex): " + e.getMessage(), e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the knowledge base is closed");
    }
  }

  /** A version of an entry: the entry as {@code change} by {@code actor} at {@code at} left it. */
  public record Revision(long entryId, int revision, Entry entry, String actor, java.time.Instant at, String change) {}

  public record Counts(int published, int pending, int deleted) {
    public int total() {
      return published + pending + deleted;
    }
  }
}
