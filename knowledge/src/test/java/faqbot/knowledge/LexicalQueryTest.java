package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexical query's shortcuts give what Lucene's plain calls give: term states looked up with
 * shared enums, and the top hits collected with early skipping or by scoring every match.
 * Seeded random corpora in several segments, words drawn so that some are in most documents
 * (the case where skipping and exhaustive scoring part ways).
 */
class LexicalQueryTest {
  private static final List<String> FIELDS =
      List.of(EntryIndex.QUESTION, EntryIndex.TITLE, EntryIndex.FOCUS, EntryIndex.ANSWER);

  /** A word of a skewed vocabulary: low numbers are common. */
  private static String word(Random r) {
    int n = (int) Math.floor(Math.pow(r.nextDouble(), 3) * 400);
    return "w" + Integer.toString(n, 36) + (char) ('a' + n % 26);
  }

  private static String words(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : " ").append(word(r));
    }
    return b.toString();
  }

  private static DirectoryReader corpus(ByteBuffersDirectory dir, Random r) throws Exception {
    IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzers.index())
        .setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter w = new IndexWriter(dir, config)) {
      long id = 1;
      for (int segment = 0; segment < 3; segment++) {
        for (int i = 0; i < 300 + r.nextInt(200); i++) {
          Document d = new Document();
          d.add(new TextField(EntryIndex.QUESTION, words(r, 3 + r.nextInt(10)), Field.Store.NO));
          d.add(new TextField(EntryIndex.TITLE, words(r, 2 + r.nextInt(6)), Field.Store.NO));
          if (r.nextInt(3) > 0) {
            d.add(new TextField(EntryIndex.FOCUS, words(r, 1 + r.nextInt(3)), Field.Store.NO));
          }
          if (r.nextInt(3) > 0) {
            d.add(new TextField(EntryIndex.ANSWER, words(r, 20 + r.nextInt(200)), Field.Store.NO));
          }
          d.add(new NumericDocValuesField(EntryIndex.ID_SORT, id++));
          w.addDocument(d);
        }
        w.commit();
      }
    }
    return DirectoryReader.open(dir);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void sharedEnumsGiveTheStatesTermStatesBuildGives(long seed) throws Exception {
    Random r = new Random(seed);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory(); DirectoryReader reader = corpus(dir, r)) {
      assertTrue(reader.leaves().size() > 1, "several segments");
      IndexSearcher searcher = new IndexSearcher(reader);
      SearchQueryBuilder.TermLookup lookup = new SearchQueryBuilder.TermLookup(searcher);
      // fields and terms interleaved, repeated and missing: an enum moved on to another term must
      // not change the state taken before
      List<Term> terms = new ArrayList<>();
      List<TermStates> states = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String text = i % 17 == 0 ? "absentword" + i : word(r);
        Term t = new Term(FIELDS.get(r.nextInt(FIELDS.size())), text);
        terms.add(t);
        states.add(lookup.states(t));
      }
      for (int i = 0; i < terms.size(); i++) {
        Term t = terms.get(i);
        TermStates expected = TermStates.build(searcher, t, true);
        assertEquals(expected.docFreq(), states.get(i).docFreq(), t.toString());
        assertEquals(expected.totalTermFreq(), states.get(i).totalTermFreq(), t.toString());
        if (expected.docFreq() > 0) {
          assertSame(searcher.search(new TermQuery(t), 1000), searcher.search(new TermQuery(t, states.get(i)), 1000));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6})
  void skippingAndScoringAllFindTheSameTopHits(long seed) throws Exception {
    Random r = new Random(seed);
    Analyzer analyzer = SearchAnalyzers.query();
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory(); DirectoryReader reader = corpus(dir, r)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      for (int q = 0; q < 40; q++) {
        SearchQueryBuilder.Built built = SearchQueryBuilder.build(searcher, analyzer, words(r, 2 + r.nextInt(70)));
        if (built.query() == null) {
          continue;
        }
        TopFieldDocs plain = searcher.search(built.query(), 50, KnowledgeBase.BY_SCORE_THEN_ID, false);
        TopFieldDocs skipping = searcher.search(built.query(), KnowledgeBase.lexicalCollector(50, 0));
        TopFieldDocs all = searcher.search(built.query(), KnowledgeBase.lexicalCollector(50, 1_000));
        assertTrue(plain.scoreDocs.length > 0);
        assertSame(plain, skipping);
        assertSame(plain, all);
      }
    }
  }

  /** The same documents in the same order, with bit-identical scores (and sort values). */
  private static void assertSame(TopDocs expected, TopDocs actual) {
    assertEquals(expected.scoreDocs.length, actual.scoreDocs.length);
    for (int i = 0; i < expected.scoreDocs.length; i++) {
      ScoreDoc e = expected.scoreDocs[i];
      ScoreDoc a = actual.scoreDocs[i];
      assertEquals(e.doc, a.doc, "hit " + i);
      assertEquals(Float.floatToIntBits(e.score), Float.floatToIntBits(a.score), "score of hit " + i);
      if (e instanceof FieldDoc fe) {
        assertArrayEquals(fe.fields, ((FieldDoc) a).fields, "sort values of hit " + i);
      }
    }
  }
}
