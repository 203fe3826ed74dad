package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlternativeQuestionsTest {
  @TempDir Path home;

  // a phrasing no vocabulary line reaches ("legs ... better when I sit" now maps to spinal stenosis
  // on its own), so that only the linked phrasing can bring the entry up
  private static final String LAY = "walking to the shops makes my calves go numb until I rest on a bench";

  private static ParsedDocument corpus() {
    return doc("page.txt",
        qa("stenosis", "What are the symptoms of lumbar spinal stenosis?",
            "Pain, numbness or weakness in the legs while standing or walking, eased by sitting"
                + " or bending forward."),
        qa("gout", "What causes gout?", "Uric acid crystals in a joint."),
        qa("asthma", "How is asthma treated?", "With inhalers that open the airways."),
        qa("migraine", "Can migraine cause nausea?", "Yes, nausea often comes with migraine."));
  }

  @Test
  void aLinkedPhrasingIsSearchedLikeTheQuestionAndKeptInTheHistory() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(corpus());
      Entry stenosis = kb.getByExternalId("stenosis").orElseThrow();
      double before = kb.search(LAY, 5).stream().filter(h -> h.entry().id() == stenosis.id())
          .mapToDouble(SearchHit::confidence).findFirst().orElse(0);

      Entry linked = kb.addAlternativeQuestions(stenosis.id(),
          List.of(LAY, "  " + LAY.toUpperCase() + "  ", "What are the symptoms of lumbar spinal stenosis"),
          "telegram:7");
      // the same phrasing in other case and the entry's own question are not added twice
      assertEquals(List.of(LAY), linked.alternativeQuestions());
      SearchHit hit = kb.search(LAY, 5).get(0);
      assertEquals(stenosis.id(), hit.entry().id());
      assertTrue(hit.confidence() > before, hit.confidence() + " after, " + before + " before");
      assertTrue(hit.confidence() >= 0.65, "confidence " + hit.confidence());

      List<KnowledgeBase.Revision> history = kb.history(stenosis.id());
      assertEquals(List.of(LAY), history.get(0).entry().alternativeQuestions());
      assertEquals("telegram:7", history.get(0).actor());
      assertEquals(List.of(), history.get(1).entry().alternativeQuestions());

      // a re-import of the collection's file, which knows no phrasings, keeps them
      ImportReport again = kb.importDocument(corpus());
      assertEquals(4, again.unchanged());
      assertEquals(List.of(LAY), kb.get(stenosis.id()).orElseThrow().alternativeQuestions());

      assertThrows(IllegalArgumentException.class, () -> kb.removeAlternativeQuestion(stenosis.id(), 2, "x"));
      Entry removed = kb.removeAlternativeQuestion(stenosis.id(), 1, "telegram:7");
      assertEquals(List.of(), removed.alternativeQuestions());
      assertNotEquals(stenosis.id(), kb.search(LAY, 5).stream().findFirst()
          .filter(h -> h.confidence() >= 0.65).map(h -> h.entry().id()).orElse(-1L));
      // undo brings the phrasing back, as any change
      assertEquals(List.of(LAY), kb.undo(stenosis.id(), "telegram:7").alternativeQuestions());
    }
  }

  @Test
  void tooLongOrTooManyPhrasingsAreRefusedOrLeftOut() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(corpus());
      long id = kb.getByExternalId("gout").orElseThrow().id();
      Entry same = kb.addAlternativeQuestions(id, List.of("x".repeat(501), " "), "x");
      assertEquals(List.of(), same.alternativeQuestions());
      assertEquals(1, kb.history(id).size());
      List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "gout question " + i).toList();
      assertThrows(IllegalArgumentException.class, () -> kb.addAlternativeQuestions(id, many, "x"));
      assertThrows(IllegalArgumentException.class, () -> kb.addAlternativeQuestions(9999, List.of("a"), "x"));
    }
  }
}
