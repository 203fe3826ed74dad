package faqbot.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;

/**
 * Reciprocal rank fusion of the lexical and the dense ranking of one search: an entry's fused
 * score is the sum over rankings of weight / (k + rank). Ranks rather than scores are fused
 * because BM25 scores and cosines live on unrelated scales that differ from message to message.
 */
final class Fusion {
  /** One entry either ranking found. Ranks are 1-based, 0 when the ranking did not find it. */
  static final class Candidate {
    private final int doc;
    private int lexicalRank;
    private float lexicalScore;
    private int denseRank;
    private float cosine = Float.NaN;
    private double fused;
    private long id;

    Candidate(int doc) {
      this.doc = doc;
    }

    int doc() {
      return doc;
    }

    int lexicalRank() {
      return lexicalRank;
    }

    float lexicalScore() {
      return lexicalScore;
    }

    int denseRank() {
      return denseRank;
    }

    double fused() {
      return fused;
    }
  }

  private final IndexSearcher searcher;
  private final float[] query;
  private final Map<Integer, Candidate> candidates = new HashMap<>();

  /**
   * Sibling lookups of the searcher's index version ("focus key, type" and "entry id, type" to
   * {doc, id}, or {-1, -1} for none): the same few topics come up search after search, and a
   * lookup is a query of its own.
   */
  private final java.util.Map<String, long[]> siblingCache;

  Fusion(IndexSearcher searcher, float[] query) {
    this(searcher, query, new java.util.HashMap<>());
  }

  Fusion(IndexSearcher searcher, float[] query, java.util.Map<String, long[]> siblingCache) {
    this.searcher = searcher;
    this.query = query;
    this.siblingCache = siblingCache;
  }

  /** Cached lookups kept per index version at most; beyond this the cache starts afresh. */
  static final int SIBLING_CACHE_SIZE = 50_000;

  private static final long[] NONE = {-1, -1};

  private long[] cachedSibling(String key, java.util.concurrent.Callable<org.apache.lucene.search.Query> topic,
      String type) throws IOException {
    long[] hit = siblingCache.get(key);
    if (hit != null) {
      return hit;
    }
    org.apache.lucene.search.TopDocs top;
    try {
      top = sibling(topic.call(), type);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    hit = top.scoreDocs.length == 0 ? NONE : new long[] {top.scoreDocs[0].doc,
        ((Number) ((org.apache.lucene.search.FieldDoc) top.scoreDocs[0]).fields[0]).longValue()};
    if (siblingCache.size() >= SIBLING_CACHE_SIZE) {
      siblingCache.clear();
    }
    siblingCache.put(key, hit);
    return hit;
  }

  void lexical(int doc, int rank, float score) {
    Candidate c = candidates.computeIfAbsent(doc, Candidate::new);
    c.lexicalRank = rank;
    c.lexicalScore = score;
  }

  /**
   * Below this cosine an entry no word of the message matched is no candidate at all: a nearest
   * neighbour is always found, and in a small knowledge base it may be about anything.
   */
  static final float DENSE_ONLY_FLOOR = 0.5f;

  void dense(int doc, int rank, float cosine) {
    if (cosine < DENSE_ONLY_FLOOR && !candidates.containsKey(doc)) {
      return;
    }
    Candidate c = candidates.computeIfAbsent(doc, Candidate::new);
    c.denseRank = rank;
    c.cosine = cosine;
  }

  /**
   * Candidates best first, ties by entry id so equal searches give equal lists. An entry about a
   * named topic that answers the kind of question asked gains {@code agreement} first ranks, and so
   * does the entry clearly closest in meaning ({@link #CLEAR_MARGIN}), up to twice that as its lead
   * grows ({@link #CLEAR_MAX}).
   */
  List<Candidate> ordered(SearchTuning tuning, Set<String> topics, Set<String> types) throws IOException {
    Map<String, Double> weights = new HashMap<>();
    topics.forEach(t -> weights.put(t, 1.0));
    return ordered(tuning, weights, types);
  }

  /**
   * The same, with the agreement bonus of each named topic scaled by its weight: a message that
   * names "a brain tumour called an astrocytoma" is about the astrocytoma more than about brain
   * tumours in general.
   */
  List<Candidate> ordered(SearchTuning tuning, Map<String, Double> topics, Set<String> types) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    double first = 1.0 / (tuning.rrfK() + 1);
    Candidate closest = null;
    float second = -1;
    for (Candidate c : candidates.values()) {
      if (c.denseRank > 0) {
        if (closest == null || c.cosine > closest.cosine) {
          second = closest == null ? second : Math.max(second, closest.cosine);
          closest = c;
        } else {
          second = Math.max(second, c.cosine);
        }
      }
    }
    double lead = closest == null ? 0 : closest.cosine - second;
    if (closest != null && lead < CLEAR_MARGIN) {
      closest = null;
    }
    // the clearer the lead, the larger the bonus: one first rank at the margin, two from twice it
    double clearBonus = Math.min(CLEAR_MAX, lead / CLEAR_MARGIN);
    // in document order, so that each field's doc values are opened once per segment
    List<Candidate> byDoc = new ArrayList<>(candidates.values());
    byDoc.sort(Comparator.comparingInt((Candidate c) -> c.doc));
    ForwardDocValues values = new ForwardDocValues();
    for (Candidate c : byDoc) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(c.doc, leaves));
      int local = c.doc - leaf.docBase;
      NumericDocValues ids = values.numeric(leaf, EntryIndex.ID_SORT, local);
      c.id = ids != null ? ids.longValue() : Long.MAX_VALUE;
      double f = 0;
      if (tuning.dense() <= 0) {
        // lexical ranking alone: keep its order exactly
        f = c.lexicalRank > 0 ? 1.0 / c.lexicalRank : 0;
      } else {
        if (c.lexicalRank > 0) {
          f += 1.0 / (tuning.rrfK() + c.lexicalRank);
        }
        if (c.denseRank > 0) {
          f += tuning.dense() / (tuning.rrfK() + c.denseRank);
        }
        if (tuning.agreement() > 0) {
          double a = agreement(values, leaf, local, topics, types);
          if (c == closest) {
            a = Math.max(a, clearBonus);
          }
          f += tuning.agreement() * first * a;
        }
      }
      c.fused = f;
    }
    List<Candidate> out = new ArrayList<>(candidates.values());
    out.removeIf(c -> c.fused <= 0);
    out.sort(Comparator.comparingDouble((Candidate c) -> c.fused).reversed()
        .thenComparingLong(c -> c.id));
    return out;
  }

  /**
   * The cosine by which the entry closest in meaning must lead every other for the fusion to count
   * it as agreeing with the message, as a named topic with the kind of question asked does. Pages
   * (a doctor's Q&A, an article) have no MedQuAD topic or type, so the agreement bonus went only
   * to MedQuAD entries that share a topic word with the message ("cement ... blood clot in the
   * lungs" ranked MedQuAD's pulmonary embolism entries over the article about exactly that); and a
   * specific entry clearly closest in meaning ("Ischemic Stroke") lost to the general one. Chosen
   * on the CI home: margins 0.05 to 0.09 give the same lay and shown figures (lay first answerable
   * right 137 -> 138, dev shown avgScore 0.784 -> 0.824), dev ranking avgScore 1.31, 1.35, 1.29 at
   * 0.05, 0.07, 0.09; 0 (always) loses (dev ranking 1.08, lay 135), 0.15 changes nothing.
   */
  static final float CLEAR_MARGIN = 0.07f;

  /**
   * The most first ranks a clear lead in meaning is worth. A named topic with the kind of question
   * asked is worth one; an article about exactly what a message asks ("bone cement ... a blood
   * clot in the lungs", cosine 0.81 against 0.51 for MedQuAD's pulmonary embolism causes) lost to
   * that agreement at one. Scaled by the lead in units of the margin: lay first answerable right
   * 138 -> 139 and one wrong answer fewer, dev ranking avgScore 1.333 -> 1.373, own set and dev
   * shown unchanged; the same for caps 1.5 to 3 and units 0.07 to 0.1 (0.15 and up: dev unchanged).
   */
  static final double CLEAR_MAX = 2;

  /** Per segment, the ordinals of the wanted topics and types: compared as numbers, not strings. */
  private final Map<Integer, long[][]> wantedOrds = new HashMap<>();
  /** Per segment, the weight of each wanted topic's ordinal. */
  private final Map<Integer, Map<Long, Double>> topicWeights = new HashMap<>();

  /** The largest weight of a named topic the entry is about, when it answers a type asked; else 0. */
  private double agreement(ForwardDocValues values, LeafReaderContext leaf, int local,
      Map<String, Double> topics, Set<String> types) throws IOException {
    if (topics.isEmpty() || types.isEmpty()) {
      return 0;
    }
    long[][] ords = wantedOrds.get(leaf.ord);
    if (ords == null) {
      SortedSetDocValues focus = DocValues.getSortedSet(leaf.reader(), EntryIndex.FOCUS_KEY);
      Map<Long, Double> byOrd = new HashMap<>();
      for (Map.Entry<String, Double> t : topics.entrySet()) {
        long o = focus.lookupTerm(new org.apache.lucene.util.BytesRef(t.getKey()));
        if (o >= 0) {
          byOrd.merge(o, t.getValue(), Math::max);
        }
      }
      ords = new long[][] {
          byOrd.keySet().stream().mapToLong(Long::longValue).toArray(),
          ords(DocValues.getSortedSet(leaf.reader(), EntryIndex.QTYPE), types)};
      wantedOrds.put(leaf.ord, ords);
      topicWeights.put(leaf.ord, byOrd);
    }
    if (ords[0].length == 0 || ords[1].length == 0
        || !has(values.sortedSet(leaf, EntryIndex.QTYPE, local), ords[1])) {
      return 0;
    }
    SortedSetDocValues focus = values.sortedSet(leaf, EntryIndex.FOCUS_KEY, local);
    if (focus == null) {
      return 0;
    }
    Map<Long, Double> byOrd = topicWeights.get(leaf.ord);
    double best = 0;
    for (int i = 0; i < focus.docValueCount(); i++) {
      best = Math.max(best, byOrd.getOrDefault(focus.nextOrd(), 0.0));
    }
    return best;
  }

  private static long[] ords(SortedSetDocValues values, Set<String> wanted) throws IOException {
    return wanted.stream().mapToLong(w -> {
      try {
        return values.lookupTerm(new org.apache.lucene.util.BytesRef(w));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).filter(o -> o >= 0).toArray();
  }

  /** Whether the document {@code values} are positioned on (null: none) has a wanted ordinal. */
  private static boolean has(SortedSetDocValues values, long[] wanted) throws IOException {
    if (values == null) {
      return false;
    }
    for (int i = 0; i < values.docValueCount(); i++) {
      long ord = values.nextOrd();
      for (long w : wanted) {
        if (w == ord) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Puts an answerable entry about {@code focusKey} that answers {@code type} (the lowest id if
   * several sources have one; failing that, one of another source that names its topic by one of
   * {@code names}, the hit's synonyms) just above {@code c} (or just below it), with {@code c}'s
   * ranks where they are better than its own: it is what {@code c} stands for. Returns it, or
   * null when there is none.
   */
  Candidate promoteSibling(Candidate c, long entryId, String focusKey,
      java.util.function.Supplier<? extends java.util.Collection<String>> names, String type,
      boolean above, boolean far) throws IOException {
    long[] found = cachedSibling(focusKey + '\u0002' + type, () ->
        new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(EntryIndex.FOCUS_KEY, focusKey)), type);
    if (found[0] < 0) {
      // a topic whose own name is one of the hit's names first (NIDDK's "What I need to know about
      // Gestational Diabetes" for ADAM's "Gestational diabetes"), before one that lists it among
      // its synonyms (MedlinePlus's "Diabetes and Pregnancy", which won on its lower id)
      found = cachedSibling(entryId + "\u0004" + type, () -> new org.apache.lucene.search.TermInSetQuery(
          EntryIndex.FOCUS_KEY, names.get().stream().filter(n -> !n.equals(focusKey))
              .map(org.apache.lucene.util.BytesRef::new).toList()), type);
    }
    if (found[0] < 0) {
      // MedQuAD's sources name one condition differently ("Pinworms", "Enterobiasis"); their
      // synonym lists link them
      found = cachedSibling(entryId + "\u0002" + type, () -> {
        List<String> prefixes = new ArrayList<>();
        for (String n : names.get()) {
          for (String marked : new String[] {n, FocusDictionary.ALIAS_MARK + n}) {
            prefixes.add(marked + EntryIndex.NAME_SEPARATOR);
          }
        }
        return EntryIndex.withNamePrefixes(searcher.getIndexReader(), prefixes);
      }, type);
    }
    if (found[0] < 0 && far) {
      // one step further: the topics of the entries that list one of its names as a synonym.
      // MedlinePlus's "Eczema" and GHR's "atopic dermatitis" (which answers "does it run in
      // families") share no name, but ADAM's "Atopic dermatitis" lists "Eczema"; ADAM's
      // "Diabetes" lists "Type 2 diabetes", whose own entries answer no "what causes it"
      found = cachedSibling(entryId + "\u0003" + type, () -> {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (String n : names.get()) {
          keys.add(n);
          keys.add(FocusDictionary.ALIAS_MARK + n);
        }
        java.util.Set<String> topics = EntryIndex.focusKeysNaming(searcher.getIndexReader(), keys);
        topics.remove(focusKey);
        return new org.apache.lucene.search.TermInSetQuery(EntryIndex.FOCUS_KEY,
            topics.stream().map(org.apache.lucene.util.BytesRef::new).toList());
      }, type);
    }
    if (found[0] < 0 || found[0] == c.doc) {
      return null;
    }
    Candidate s = candidates.computeIfAbsent((int) found[0], Candidate::new);
    if (s.id == 0) {
      s.id = found[1];
    }
    s.fused = Math.max(s.fused, c.fused + (above ? PROMOTED_AHEAD : -PROMOTED_AHEAD));
    if (c.lexicalRank > 0 && (s.lexicalRank == 0 || c.lexicalRank < s.lexicalRank)) {
      s.lexicalRank = c.lexicalRank;
      s.lexicalScore = Math.max(s.lexicalScore, c.lexicalScore);
    }
    if (c.denseRank > 0 && (s.denseRank == 0 || c.denseRank < s.denseRank)) {
      s.denseRank = c.denseRank;
    }
    // and its closeness in meaning: the question the message matched is the hit's, and the
    // sibling's own question ("What causes X?") may sit far from a message that asks it in other
    // words, which made the confidence doubt exactly the answer the ranks point to
    s.cosine = Math.max(cosine(s), cosine(c));
    return s;
  }

  private org.apache.lucene.search.TopDocs sibling(org.apache.lucene.search.Query topic, String type)
      throws IOException {
    org.apache.lucene.search.Query q = new org.apache.lucene.search.BooleanQuery.Builder()
        .add(topic, org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(EntryIndex.QTYPE, type)),
            org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .add(new org.apache.lucene.search.TermQuery(
            new org.apache.lucene.index.Term(EntryIndex.ANSWERABLE, EntryIndex.ANSWERABLE)),
            org.apache.lucene.search.BooleanClause.Occur.FILTER)
        .build();
    return searcher.search(q, 1, new org.apache.lucene.search.Sort(
        new org.apache.lucene.search.SortField(EntryIndex.ID_SORT, org.apache.lucene.search.SortField.Type.LONG)));
  }

  /** Far below any difference of two ranks' fused scores: only orders a sibling next to its cause. */
  private static final double PROMOTED_AHEAD = 1e-7;

  /** All candidates best first again, after promotions. */
  List<Candidate> reordered() {
    List<Candidate> out = new ArrayList<>(candidates.values());
    out.removeIf(c -> c.fused <= 0);
    out.sort(Comparator.comparingDouble((Candidate c) -> c.fused).reversed()
        .thenComparingLong(c -> c.id));
    return out;
  }

  /** The candidate's cosine to the query, read from the index when the dense ranking missed it. */
  float cosine(Candidate c) throws IOException {
    if (!Float.isNaN(c.cosine)) {
      return c.cosine;
    }
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(c.doc, leaves));
    FloatVectorValues values = leaf.reader().getFloatVectorValues(EntryIndex.VECTOR);
    int local = c.doc - leaf.docBase;
    c.cosine = values != null && values.advance(local) == local
        ? Embeddings.dot(query, values.vectorValue()) : 0;
    return c.cosine;
  }
}
