package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The name-prefix lookup finds exactly what a prefix query per name finds, over several segments. */
class NamePrefixesTest {
  private static final String[] WORDS = {"a", "ab", "abc", "b", "ba", "=a", "=ab", "x y", "x", "é"};

  private static String name(Random r) {
    return WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : " " + WORDS[r.nextInt(WORDS.length)]);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void sameDocumentsAsPrefixQueries(long seed) throws Exception {
    Random r = new Random(seed);
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
        for (int i = 0; i < 200; i++) {
          Document d = new Document();
          d.add(new StoredField("n", i));
          for (int k = r.nextInt(4); k > 0; k--) {
            d.add(new StringField(EntryIndex.FOCUS_NAMES,
                name(r) + EntryIndex.NAME_SEPARATOR + (r.nextBoolean() ? "type" : ""), Field.Store.NO));
          }
          w.addDocument(d);
          if (r.nextInt(50) == 0) {
            w.commit();
          }
        }
      }
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int q = 0; q < 30; q++) {
          List<String> prefixes = new ArrayList<>();
          BooleanQuery.Builder any = new BooleanQuery.Builder();
          for (int k = r.nextInt(4); k > 0; k--) {
            String p = name(r) + EntryIndex.NAME_SEPARATOR;
            prefixes.add(p);
            any.add(new PrefixQuery(new Term(EntryIndex.FOCUS_NAMES, p)), BooleanClause.Occur.SHOULD);
          }
          assertEquals(docs(searcher, any.build()),
              docs(searcher, EntryIndex.withNamePrefixes(reader, prefixes)), prefixes.toString());
        }
      }
    }
  }

  private static Set<Integer> docs(IndexSearcher searcher, Query q) throws Exception {
    Set<Integer> out = new TreeSet<>();
    for (ScoreDoc sd : searcher.search(q, 1000).scoreDocs) {
      out.add(sd.doc);
    }
    return out;
  }
}
