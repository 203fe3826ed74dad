package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Confidence counts what was asked that no entry covers, not only how well an entry matched. */
class ConfidenceTest {
  @TempDir Path home;

  @Test
  void wordsNoEntryHasLowerConfidenceInsteadOfBeingIgnored() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(qa("knee", "How long does knee pain after running last?",
          "Most runner's knee settles within weeks with rest."), "test");
      kb.add(qa("gout", "What is gout?", "A form of arthritis."), "test");

      // shares only "long" with the knee entry: sprained, ankle and heal are in no entry
      List<SearchHit> offTopic = kb.search("How long does a sprained ankle take to heal?", 3);
      assertEquals("knee", offTopic.get(0).entry().source().externalId());
      double off = offTopic.get(0).confidence();
      double onTopic = kb.search("how long does knee pain after running last", 3).get(0).confidence();
      assertTrue(onTopic > 0.8, "the entry's own question: " + onTopic);
      // in a two-entry base both rankings trivially put it first, so "weak" means: below the
      // bot's default answer threshold (0.65) and far below a real match
      assertTrue(off < 0.65 && off < onTopic - 0.3, "a single shared word is weak evidence: " + off);
    }
  }

  @Test
  void everyConfidenceStaysWithinZeroAndOne() throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.add(qa("knee", "knee knee knee pain", "knee"), "test");
      for (String q : List.of("knee", "knee pain zzzunknownword", "qqq www eee", "knee ".repeat(500))) {
        for (SearchHit h : kb.search(q, 5)) {
          assertTrue(h.confidence() >= 0 && h.confidence() <= 1, q + " -> " + h.confidence());
        }
      }
    }
  }
}
