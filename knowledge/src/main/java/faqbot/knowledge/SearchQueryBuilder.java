package faqbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.SmallFloat;

/**
 * Turns a free-text patient message into a Lucene query built directly from analyzed terms (no
 * query syntax, so no input can be a syntax error), and computes the reference score that
 * normalizes hits into a confidence.
 *
 * <p>Query shape: one clause per selected term, each a dismax over the fields holding it (boosted
 * per field), summed. The dismax keeps a term that appears in question, title and focus at once
 * (as every MedQuAD focus word does) from counting three times.
 *
 * <p>Confidence: {@code min(1, score / reference)}, where reference is what a document would score
 * if every selected query term occurred exactly once, in its best-weighted field, at that field's
 * average length. So 1.0 means "as good as a full match of the message", 0.3 "about a third of the
 * message's IDF-weighted content is matched". The reference depends only on the query, hence the
 * confidence is monotone in the score within one search; being a fraction of the query's own
 * attainable score, it is comparable across searches in a way raw BM25 scores are not. Documents
 * with repeated terms or short fields can beat the reference, hence the clamp. Long, chatty
 * messages get lower confidences than terse ones for the same answer: they are less certainly
 * about what that answer covers.
 */
final class SearchQueryBuilder {
  /** A patient message longer than this is not one question; the cap bounds analysis time. */
  static final int MAX_CHARS = 20_000;
  /** Distinct terms considered before ranking; bounds the term-dictionary lookups. */
  static final int MAX_CANDIDATES = 1_000;
  /** Terms kept in the query: enough for any real question, few enough to stay fast. */
  static final int MAX_TERMS = 64;
  static final float TIE_BREAKER = 0.2f;

  /**
   * The question is what a patient's message resembles most; answer text only mentions things.
   * On the LiveQA dev split (odd ids) a handful of settings differed little (avgScore 0.80 to
   * 0.90 over 51 questions, before the topic bonus), so these are sensible rather than tuned.
   */
  static final Map<String, Float> FIELD_BOOSTS = fieldBoosts();

  private static Map<String, Float> fieldBoosts() {
    Map<String, Float> m = new LinkedHashMap<>();
    m.put(EntryIndex.QUESTION, 2.0f);
    m.put(EntryIndex.TITLE, 1.5f);
    m.put(EntryIndex.FOCUS, 1.5f);
    m.put(EntryIndex.ANSWER, 1.0f);
    return Map.copyOf(m);
  }

  private static final List<String> FIELD_ORDER =
      List.of(EntryIndex.QUESTION, EntryIndex.TITLE, EntryIndex.FOCUS, EntryIndex.ANSWER);

  private SearchQueryBuilder() {}

  /**
   * A query and its reference score (> 0); null query when nothing in the text can match.
   * {@code unknown} is what the message's words that no entry contains would add to the
   * reference: they cannot match, but they are part of what was asked, so they lower confidence.
   */
  record Built(Query query, double reference, double unknown, List<String> terms) {
    static final Built NOTHING = new Built(null, 0, 0, List.of());

    /** The denominator of confidence: a full match of everything the message asks. */
    double confidenceReference() {
      return reference + unknown;
    }
  }

  /** The part of a message that search reads: all of any real question. */
  static String bounded(String text) {
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
  }

  static Built build(IndexSearcher searcher, Analyzer analyzer, String text) throws IOException {
    if (text == null || text.isBlank()) {
      return Built.NOTHING;
    }
    List<String> candidates = analyze(analyzer, bounded(text));
    Similarity sim = searcher.getSimilarity();
    TermLookup lookup = new TermLookup(searcher);

    record Scored(String term, int order, double reference, List<Query> perField) {}
    List<Scored> scored = new ArrayList<>();
    int unknownTerms = 0;
    for (int i = 0; i < candidates.size(); i++) {
      String t = candidates.get(i);
      double best = 0;
      List<Query> perField = new ArrayList<>(FIELD_ORDER.size());
      for (String field : FIELD_ORDER) {
        Term term = new Term(field, t);
        TermStates states = lookup.states(term);
        if (states.docFreq() == 0) {
          continue;
        }
        CollectionStatistics cs = searcher.collectionStatistics(field);
        if (cs == null) {
          continue;
        }
        float boost = FIELD_BOOSTS.get(field);
        TermStatistics ts = searcher.termStatistics(term, states.docFreq(), states.totalTermFreq());
        long avgLength = Math.max(1, Math.round((double) cs.sumTotalTermFreq() / cs.docCount()));
        double once = sim.scorer(boost, cs, ts)
            .score(1f, SmallFloat.intToByte4((int) Math.min(Integer.MAX_VALUE, avgLength)));
        best = Math.max(best, once);
        perField.add(new BoostQuery(new TermQuery(term, states), boost));
      }
      if (!perField.isEmpty()) {
        scored.add(new Scored(t, i, best, perField));
      } else {
        unknownTerms++;
      }
    }
    if (scored.isEmpty()) {
      return Built.NOTHING;
    }
    // the rarest terms carry the question; stable order keeps equal queries identical
    scored.sort(Comparator.comparingDouble(Scored::reference).reversed()
        .thenComparingInt(Scored::order));
    List<Scored> kept = scored.subList(0, Math.min(MAX_TERMS, scored.size()));
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    double reference = 0;
    List<String> terms = new ArrayList<>(kept.size());
    for (Scored s : kept) {
      Query q = s.perField().size() == 1
          ? s.perField().get(0)
          : new DisjunctionMaxQuery(s.perField(), TIE_BREAKER);
      b.add(q, BooleanClause.Occur.SHOULD);
      reference += s.reference();
      terms.add(s.term());
    }
    return new Built(b.build(), reference,
        Math.min(unknownTerms, MAX_TERMS) * unseenTermReference(searcher), terms);
  }

  /**
   * The term states of one query's terms, as {@link TermStates#build} makes them, with one terms
   * enum per segment and field for all the terms: a long message looks up hundreds of terms in
   * each field, and building them one by one opened an enum (and a task) per segment for each.
   */
  static final class TermLookup {
    private final IndexReaderContext top;
    private final Map<String, TermsEnum[]> enums = new java.util.HashMap<>();

    TermLookup(IndexSearcher searcher) {
      this.top = searcher.getTopReaderContext();
    }

    TermStates states(Term term) throws IOException {
      List<LeafReaderContext> leaves = top.leaves();
      TermsEnum[] perLeaf = enums.get(term.field());
      if (perLeaf == null) {
        perLeaf = new TermsEnum[leaves.size()];
        for (LeafReaderContext leaf : leaves) {
          perLeaf[leaf.ord] = Terms.getTerms(leaf.reader(), term.field()).iterator();
        }
        enums.put(term.field(), perLeaf);
      }
      TermStates states = new TermStates(top);
      for (LeafReaderContext leaf : leaves) {
        TermsEnum te = perLeaf[leaf.ord];
        if (te.seekExact(term.bytes())) {
          // a copy of the enum's state: the enum moves on to the next term
          states.register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
        }
      }
      return states;
    }
  }

  /**
   * What a word found in no entry would score if one entry had it once in its question: the
   * rarest a word can be, in the best-weighted field.
   */
  private static double unseenTermReference(IndexSearcher searcher) throws IOException {
    CollectionStatistics cs = searcher.collectionStatistics(EntryIndex.QUESTION);
    if (cs == null) {
      return 0;
    }
    TermStatistics once = new TermStatistics(new org.apache.lucene.util.BytesRef("?"), 1, 1);
    long avgLength = Math.max(1, Math.round((double) cs.sumTotalTermFreq() / cs.docCount()));
    return searcher.getSimilarity().scorer(FIELD_BOOSTS.get(EntryIndex.QUESTION), cs, once)
        .score(1f, SmallFloat.intToByte4((int) Math.min(Integer.MAX_VALUE, avgLength)));
  }

  /** Distinct analyzed terms in order of first occurrence, at most {@link #MAX_CANDIDATES}. */
  static List<String> analyze(Analyzer analyzer, String text) {
    LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
    try (TokenStream ts = analyzer.tokenStream("q", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && seen.size() < MAX_CANDIDATES) {
        seen.putIfAbsent(term.toString(), Boolean.TRUE);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return new ArrayList<>(seen.keySet());
  }

  /**
   * Adds question understanding to a built query: a bonus for entries whose topic the message
   * names, and a further one for those among them that answer the kind of question asked. Both
   * are constant scores scaled by the reference, so they weigh the same against long and short
   * messages, and the reference grows by what they can add, keeping confidence in [0, 1].
   */
  static Built understand(IndexSearcher searcher, Analyzer analyzer, Built base,
      java.util.List<FocusDictionary.Mention> foci, java.util.Set<String> types, SearchTuning tuning)
      throws IOException {
    if (base.query() == null || foci.isEmpty() || tuning.focus() + tuning.focusType() <= 0) {
      return base;
    }
    java.util.Set<String> wanted = types.isEmpty() && tuning.plainType() != null
        ? java.util.Set.of(tuning.plainType()) : types;
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(base.query(), BooleanClause.Occur.SHOULD);
    double ref = base.reference();
    double strongest = 0;
    record Weighted(FocusDictionary.Mention mention, double specificity, int order) {}
    List<Weighted> weighted = new ArrayList<>();
    for (FocusDictionary.Mention m : foci) {
      weighted.add(new Weighted(m,
          Math.pow(specificity(searcher, analyzer, m.focusKey()), tuning.sharpness()), weighted.size()));
    }
    weighted.sort(Comparator.comparingDouble(Weighted::specificity).reversed()
        .thenComparingInt(Weighted::order));
    for (Weighted w : weighted.subList(0, Math.min(tuning.mentions(), weighted.size()))) {
      FocusDictionary.Mention m = w.mention();
      double specificity = w.specificity();
      strongest = Math.max(strongest, specificity);
      Query focus = new TermQuery(new Term(EntryIndex.FOCUS_KEY, m.focusKey()));
      if (tuning.focus() > 0) {
        b.add(new BoostQuery(new org.apache.lucene.search.ConstantScoreQuery(focus),
            (float) (tuning.focus() * specificity * ref)), BooleanClause.Occur.SHOULD);
      }
      if (tuning.focusType() > 0 && !wanted.isEmpty()) {
        BooleanQuery.Builder anyType = new BooleanQuery.Builder();
        for (String t : wanted) {
          anyType.add(new TermQuery(new Term(EntryIndex.QTYPE, t)), BooleanClause.Occur.SHOULD);
        }
        Query both = new BooleanQuery.Builder()
            .add(focus, BooleanClause.Occur.FILTER)
            .add(anyType.build(), BooleanClause.Occur.FILTER)
            .build();
        b.add(new BoostQuery(new org.apache.lucene.search.ConstantScoreQuery(both),
            (float) (tuning.focusType() * specificity * ref)), BooleanClause.Occur.SHOULD);
      }
    }
    return new Built(b.build(), ref * (1 + (tuning.focus() + tuning.focusType()) * strongest),
        base.unknown(), base.terms());
  }

  /**
   * How specific a topic name is, in [0, 1]: the inverse document frequency of its rarest word
   * among stored questions, relative to that of a word occurring once. "Noonan syndrome" is
   * specific, "pain" is not; naming a specific topic says much more about what is asked.
   */
  static double specificity(IndexSearcher searcher, Analyzer analyzer, String name) throws IOException {
    CollectionStatistics cs = searcher.collectionStatistics(EntryIndex.QUESTION);
    if (cs == null) {
      return 0;
    }
    double max = Math.log(1 + cs.docCount());
    double best = 0;
    for (String t : analyze(analyzer, name)) {
      int df = searcher.getIndexReader().docFreq(new Term(EntryIndex.QUESTION, t));
      best = Math.max(best, Math.log(1 + (double) cs.docCount() / Math.max(1, df)));
    }
    return Math.min(1, best / max);
  }

  static double confidence(float score, double reference) {
    if (!(reference > 0) || !(score > 0)) {
      return 0;
    }
    return Math.min(1.0, score / reference);
  }
}
