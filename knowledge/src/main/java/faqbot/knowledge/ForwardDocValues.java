package faqbot.knowledge;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * Doc values read by one search, one iterator per segment and field while documents come in
 * increasing order. Opening doc values allocates their buffers and term dictionaries anew, and a
 * search read them for each of some hundred candidates: most of the garbage a turn made.
 */
final class ForwardDocValues {
  private record Key(int leaf, String field) {}

  private final Map<Key, NumericDocValues> numeric = new HashMap<>();
  private final Map<Key, SortedSetDocValues> sortedSet = new HashMap<>();

  /** The field's values positioned on {@code local}, or null when the document has none. */
  NumericDocValues numeric(LeafReaderContext leaf, String field, int local) throws IOException {
    Key k = new Key(leaf.ord, field);
    NumericDocValues v = numeric.get(k);
    if (v == null || v.docID() >= local) {
      // iterators only go forward
      v = DocValues.getNumeric(leaf.reader(), field);
      numeric.put(k, v);
    }
    return v.advanceExact(local) ? v : null;
  }

  /** The field's values positioned on {@code local}, or null when the document has none. */
  SortedSetDocValues sortedSet(LeafReaderContext leaf, String field, int local) throws IOException {
    Key k = new Key(leaf.ord, field);
    SortedSetDocValues v = sortedSet.get(k);
    if (v == null || v.docID() >= local) {
      v = DocValues.getSortedSet(leaf.reader(), field);
      sortedSet.put(k, v);
    }
    return v.advanceExact(local) ? v : null;
  }
}
