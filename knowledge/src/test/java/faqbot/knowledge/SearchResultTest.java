package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search hands back the message's meaning with its hits, embedded once where it can be. */
class SearchResultTest {
  @TempDir Path home;
  private KnowledgeBase kb;

  @BeforeEach
  void open() throws Exception {
    kb = KnowledgeBase.open(home);
    kb.add(qa("knee", "How long does knee pain after running last?", "Weeks."), "test");
    kb.add(qa("gout", "What is gout?", "A form of arthritis."), "test");
    kb.add(qa("bones", "What is osteoporosis?", "Bones that break easily."), "test");
  }

  @org.junit.jupiter.api.AfterEach
  void close() throws Exception {
    kb.close();
  }

  @Test
  void theSearchsOwnVectorIsTheMeaningWithoutEmbeddingAgain() {
    // no vocabulary term: an added medical term is embedded too ("my knee hurts" is knee pain)
    String message = "my knee feels stiff after running, how long will it last?";
    assertTrue(ConsumerVocabulary.standard().medicalTerms(message).isEmpty());
    long before = Embeddings.embedded();
    SearchResult found = kb.find(message, 3);
    float[] meaning = found.meaning();
    assertEquals(before + 1, Embeddings.embedded());
    assertEquals("knee", found.hits().get(0).entry().source().externalId());
    assertArrayEquals(kb.meaning(message), meaning);
    // a copy: the caller may not spoil it for the next
    meaning[0] = 42;
    assertArrayEquals(kb.meaning(message), found.meaning());
  }

  @Test
  void aMessageSearchedWithAddedMedicalTermsStillMeansItsOwnWords() {
    // "thinning bones" is searched as osteoporosis too; grouping compares patients' own words
    String message = "How do they check for thinning bones?";
    assertFalse(ConsumerVocabulary.standard().medicalTerms(message).isEmpty());
    SearchResult found = kb.find(message, 3);
    assertArrayEquals(kb.meaning(message), found.meaning());
  }

  @Test
  void aRepeatedMessageIsRankedOnceWithinAnIndexVersion() throws Exception {
    String message = "what is gout, is it a kind of arthritis?";
    SearchResult first = kb.find(message, 3);
    long embedded = Embeddings.embedded();
    SearchResult again = kb.find(message, 3);
    assertEquals(embedded, Embeddings.embedded());
    assertEquals(hits(first), hits(again));
    assertArrayEquals(first.meaning(), again.meaning());
    // another limit is another search
    assertEquals(hits(first).subList(0, 1), hits(kb.find(message, 1)));
    assertEquals(embedded + 1, Embeddings.embedded());
  }

  @Test
  void aChangeIsSeenByTheNextSearchOfTheSameMessage() throws Exception {
    String message = "does eating cherries help with gout attacks?";
    assertEquals("gout", kb.find(message, 3).hits().get(0).entry().source().externalId());
    kb.add(qa("cherries", "Does eating cherries help with gout attacks?", "Perhaps a little."), "test");
    assertEquals("cherries", kb.find(message, 3).hits().get(0).entry().source().externalId());
    Entry knee = kb.find("knee pain after running", 1).hits().get(0).entry();
    kb.remove(knee.id(), "test");
    assertTrue(kb.find("knee pain after running", 1).hits().stream().noneMatch(h -> h.entry().id() == knee.id()));
  }

  private static java.util.List<String> hits(SearchResult r) {
    return r.hits().stream().map(h -> h.entry().id() + " " + Float.floatToRawIntBits(h.score()) + " "
        + Double.doubleToRawLongBits(h.confidence())).toList();
  }

  @Test
  void messagesTheSearchNeverEmbedsHaveTheirMeaningToo() {
    String unknown = "zzyzx qwrtp";
    assertEquals(0, kb.find(unknown, 3).hits().size());
    assertArrayEquals(kb.meaning(unknown), kb.find(unknown, 3).meaning());
    assertArrayEquals(kb.meaning("what is gout"), kb.find("what is gout", 0).meaning());
    assertEquals(0, kb.find("  ", 3).meaning().length);
    assertEquals(0, kb.find(null, 3).meaning().length);
  }
}
