package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.article;
import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
  @TempDir Path home;
  private KnowledgeBase kb;

  @BeforeEach
  void corpus() throws Exception {
    kb = KnowledgeBase.open(home);
    kb.importDocument(doc("corpus.txt",
        qa("diabetes-q", "What are the symptoms of diabetes?", "Thirst, frequent urination."),
        // mentions diabetes only in the answer text
        qa("kidney-q", "Why do my kidneys hurt?", "Kidney pain has many causes, diabetes among"
            + " them, along with stones and infections."),
        qa("asthma-q", "How is asthma treated in children?", "Inhaled steroids and relievers."),
        qa("pending-q", "Is shingles contagious to pregnant women?", null),
        article("sleep-a", "Short sleep raises heart risk",
            "People who sleep under six hours have more heart attacks.")));
  }

  @AfterEach
  void close() throws Exception {
    kb.close();
  }

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(h -> h.entry().source().externalId()).toList();
  }

  @Test
  void aQuestionMatchOutranksAMentionInTheAnswer() {
    List<SearchHit> hits = kb.search("diabetes", 10);
    assertEquals(List.of("diabetes-q", "kidney-q"), ids(hits));
    assertTrue(hits.get(0).score() > hits.get(1).score());
  }

  @Test
  void englishAnalysisStemsAndIgnoresPossessivesAndCase() {
    assertEquals("asthma-q", ids(kb.search("TREATING my child's ASTHMA", 1)).get(0));
    assertEquals("sleep-a", ids(kb.search("sleeping hearts", 1)).get(0));
  }

  @Test
  void equalScoresAreOrderedByEntryId() throws Exception {
    Entry first = kb.add(qa("twin-1", "Does psoriasis itch?", "Often."), "t");
    Entry second = kb.add(qa("twin-2", "Does psoriasis itch?", "Often."), "t");
    // re-indexing the older entry puts it after its twin in Lucene's own order
    kb.update(first.toBuilder().title("Does psoriasis itch?").reply("Often!").build(), "t");
    kb.update(kb.get(first.id()).orElseThrow().toBuilder().reply("Often.").build(), "t");
    List<SearchHit> hits = kb.search("psoriasis itch", 2);
    assertEquals(hits.get(0).score(), hits.get(1).score());
    assertEquals(List.of(first.id(), second.id()), hits.stream().map(h -> h.entry().id()).toList());
  }

  @Test
  void pendingEntriesMatchByQuestionDeletedNever() throws Exception {
    List<SearchHit> hits = kb.search("shingles contagious pregnancy", 5);
    assertEquals("pending-q", ids(hits).get(0));
    assertEquals(Entry.Status.PENDING, hits.get(0).entry().status());
    kb.remove(hits.get(0).entry().id(), "mod");
    assertFalse(ids(kb.search("shingles contagious pregnancy", 5)).contains("pending-q"));
  }

  @Test
  void emptyBlankNullAndNoLimitGiveNoHits() {
    assertTrue(kb.search("", 5).isEmpty());
    assertTrue(kb.search("   \n\t", 5).isEmpty());
    assertTrue(kb.search(null, 5).isEmpty());
    assertTrue(kb.search("diabetes", 0).isEmpty());
    assertTrue(kb.search("the and of to", 5).isEmpty(), "stop words alone match nothing");
  }

  @Test
  void queryParserSyntaxIsJustText() {
    for (String q : List.of("diabetes AND (", "\"unclosed", "a:b:c diabetes~ ^2 [x TO", "*?\\",
        "-diabetes +", "OR NOT", "/regex/ diabetes")) {
      List<SearchHit> hits = kb.search(q, 5);
      if (q.contains("diabetes")) {
        assertEquals("diabetes-q", ids(hits).get(0), q);
      }
    }
  }

  @Test
  void aHundredKilobyteMessageIsAnswered() {
    StringBuilder sb = new StringBuilder("My son has asthma, how is it treated? ");
    Random r = new Random(7);
    while (sb.length() < 100_000) {
      sb.append("blah").append(r.nextInt(50_000)).append(' ').append("word ");
    }
    List<SearchHit> hits = kb.search(sb.toString(), 5);
    assertEquals("asthma-q", ids(hits).get(0));
    // a single 100 KB token must not break the tokenizer either
    assertTrue(kb.search("x".repeat(100_000), 5).isEmpty());
  }

  @Test
  void nonEnglishTextGivesNoErrorAndMatchesOnlyWhatIsShared() {
    assertTrue(kb.search("糖尿病的症状是什么？", 5).isEmpty());
    assertTrue(kb.search("Каковы симптомы диабета?", 5).isEmpty());
    assertTrue(kb.search("\uD83D\uDE37\uD83E\uDD12 \u0000 \uFFFF", 5).isEmpty());
    // a medical term in a foreign sentence still finds its entry
    assertEquals("diabetes-q", ids(kb.search("¿Cuáles son los síntomas de la diabetes?", 5)).get(0));
  }

  @Test
  void confidenceIsInZeroOneAndFollowsTheScore() {
    for (String q : List.of("diabetes", "What are the symptoms of diabetes?",
        "kidney pain diabetes stones sleep heart asthma", "heart")) {
      List<SearchHit> hits = kb.search(q, 10);
      assertFalse(hits.isEmpty(), q);
      for (int i = 0; i < hits.size(); i++) {
        SearchHit h = hits.get(i);
        assertTrue(h.confidence() >= 0 && h.confidence() <= 1, q + ": " + h.confidence());
        if (i > 0) {
          assertTrue(h.score() <= hits.get(i - 1).score(), q);
          assertTrue(h.confidence() <= hits.get(i - 1).confidence(), q);
        }
      }
    }
    // a message identical to an entry's question is a near-certain match; a partial one less so
    double exact = kb.search("What are the symptoms of diabetes?", 1).get(0).confidence();
    double partial = kb.search("diabetes and lots of unrelated kidney stones", 1).get(0).confidence();
    assertTrue(exact > 0.8, "exact " + exact);
    assertTrue(partial < exact, partial + " vs " + exact);
  }

  @Test
  void searchesRunConcurrentlyWithAWriter() throws Exception {
    assertEquals("diabetes-q", ids(kb.search("diabetes symptoms", 3)).get(0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        readers.add(pool.submit(() -> {
          int found = 0;
          for (int i = 0; i < 200; i++) {
            found += kb.search("diabetes symptoms", 3).isEmpty() ? 0 : 1;
          }
          return found;
        }));
      }
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          kb.add(qa("c-" + i, "Concurrent question about gout number " + i + "?", "A."), "w");
        }
        return null;
      });
      writer.get(60, TimeUnit.SECONDS);
      for (Future<Integer> f : readers) {
        assertEquals(200, f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(50, kb.search("concurrent gout", 100).size());
    } finally {
      pool.shutdownNow();
    }
  }
}
