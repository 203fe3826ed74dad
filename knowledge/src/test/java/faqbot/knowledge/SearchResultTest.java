package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    String message = "my knee hurts after running, how long will it last?";
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
  void messagesTheSearchNeverEmbedsHaveTheirMeaningToo() {
    String unknown = "zzyzx qwrtp";
    assertEquals(0, kb.find(unknown, 3).hits().size());
    assertArrayEquals(kb.meaning(unknown), kb.find(unknown, 3).meaning());
    assertArrayEquals(kb.meaning("what is gout"), kb.find("what is gout", 0).meaning());
    assertEquals(0, kb.find("  ", 3).meaning().length);
    assertEquals(0, kb.find(null, 3).meaning().length);
  }
}
