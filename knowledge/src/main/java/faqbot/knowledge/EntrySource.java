package faqbot.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of one document, read one at a time, so that a document of any size imports in
 * bounded memory: the store takes them inside one transaction ({@link EntryStore#importEntries})
 * and keeps nothing of an entry once it is written.
 */
interface EntrySource extends AutoCloseable {
  /** At most this many reasons for skipped parts are kept; the rest are only counted. */
  int MAX_SKIPPED_REASONS = 100;

  String document();

  Format format();

  /**
   * The next entry, or null after the last.
   *
   * @throws ParseException naming the place in the document that cannot be read
   */
  Entry next() throws ParseException, IOException;

  /** Where the entry last returned was read ("line 12", "QAPair[3], line 40"), for reports. */
  String location();

  /**
   * The history the document carries for the entry last returned, oldest first (our JSONL
   * export); empty when it carries none.
   */
  default List<StoredRevision> history() {
    return List.of();
  }

  /** What was left out so far and why, at most {@link #MAX_SKIPPED_REASONS} reasons. */
  List<String> skipped();

  /** How many parts were left out so far (may exceed the reasons kept). */
  int skippedCount();

  @Override
  void close() throws IOException;

  /** The entries of a document parsed whole (small text formats and chat input). */
  static EntrySource of(ParsedDocument doc) {
    return new EntrySource() {
      private int next;

      @Override
      public String document() {
        return doc.document();
      }

      @Override
      public Format format() {
        return doc.format();
      }

      @Override
      public Entry next() {
        return next < doc.entries().size() ? doc.entries().get(next++) : null;
      }

      @Override
      public String location() {
        return "entry " + next;
      }

      @Override
      public List<String> skipped() {
        return doc.skipped();
      }

      @Override
      public int skippedCount() {
        return doc.skipped().size();
      }

      @Override
      public void close() {}
    };
  }

  /** Skipped parts of a streamed document: the first reasons and a count of all. */
  final class Skipped {
    private final List<String> reasons = new ArrayList<>();
    private int count;

    void add(String reason) {
      if (reasons.size() < MAX_SKIPPED_REASONS) {
        reasons.add(reason);
      }
      count++;
    }

    List<String> reasons() {
      return List.copyOf(reasons);
    }

    int count() {
      return count;
    }
  }
}
