package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two openings of one home, as the bot and a command-line run are: the first holds the index, the
 * second reads its commits and writes to the store. (Lucene refuses a second writer within one
 * JVM as it does across processes; the two-process case is app's SharedHomeProcessTest.)
 */
class SharedHomeTest {
  @TempDir Path home;

  /** The external id of the first hit, or null; shared with {@link PostgresReplicasTest}. */
  static String first(KnowledgeBase kb, String text) {
    List<SearchHit> hits = kb.search(text, 1);
    return hits.isEmpty() ? null : hits.get(0).entry().source().externalId();
  }

  /** Milliseconds until the condition held, or -1 after five seconds. */
  static long waitFor(BooleanSupplier condition) throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > 5_000_000_000L) {
        return -1;
      }
      Thread.sleep(50);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void aChangeMadeBesideTheHolderReachesItsIndexWithinFiveSeconds() throws Exception {
    try (KnowledgeBase bot = KnowledgeBase.open(home)) {
      bot.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
      bot.followStore();
      assertTrue(bot.holdsIndex());
      try (KnowledgeBase cli = KnowledgeBase.open(home)) {
        assertFalse(cli.holdsIndex());
        // the reader sees the holder's commits (within a second of its import), not an error
        assertTrue(waitFor(() -> "gout".equals(first(cli, "what causes gout"))) >= 0);
        ImportReport r = cli.importDocument(doc("b.txt",
            qa("shingles", "Is shingles contagious?", "The rash can spread chickenpox.")));
        assertEquals(1, r.added());
        long ms = waitFor(() -> "shingles".equals(first(bot, "is shingles contagious")));
        assertTrue(ms >= 0, "the bot did not index the import within 5 s");
        // and the reader sees it once the holder committed
        assertTrue(waitFor(() -> "shingles".equals(first(cli, "is shingles contagious"))) >= 0);

        Entry g = cli.getByExternalId("gout").orElseThrow();
        cli.remove(g.id(), "mod:x");
        assertTrue(waitFor(() -> !"gout".equals(first(bot, "what causes gout"))) >= 0,
            "a removal in another process must leave the bot's index too");
        assertEquals(1, bot.counts().deleted());
      }
    }
  }

  @Test
  void reindexBesideTheHolderIsDoneByTheHolder() throws Exception {
    try (KnowledgeBase bot = KnowledgeBase.open(home)) {
      bot.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
      bot.followStore();
      try (KnowledgeBase cli = KnowledgeBase.open(home)) {
        long start = System.nanoTime();
        cli.reindex();
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertEquals("gout", first(bot, "what causes gout"));
        assertEquals("gout", first(cli, "what causes gout"));
      }
    }
  }

  @Test
  void aBotStartedWhileACommandHeldTheIndexTakesItOverWhenTheCommandEnds() throws Exception {
    KnowledgeBase command = KnowledgeBase.open(home);
    command.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
    try (KnowledgeBase bot = KnowledgeBase.open(home)) {
      bot.followStore();
      assertFalse(bot.holdsIndex());
      command.close();
      assertTrue(waitFor(bot::holdsIndex) >= 0, "the bot did not take the index over");
      assertEquals("gout", first(bot, "what causes gout"));
      // and it indexes what others change from then on
      try (KnowledgeBase cli = KnowledgeBase.open(home)) {
        assertFalse(cli.holdsIndex());
        cli.importDocument(doc("b.txt", qa("asthma", "How is asthma treated?", "With inhalers.")));
      }
      assertTrue(waitFor(() -> "asthma".equals(first(bot, "how is asthma treated"))) >= 0);
    }
  }

  @Test
  void theNextHolderCatchesUpWithChangesMadeWhileNobodyFollowed() throws Exception {
    KnowledgeBase bot = KnowledgeBase.open(home);
    bot.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
    try (KnowledgeBase cli = KnowledgeBase.open(home)) {
      cli.importDocument(doc("b.txt", qa("asthma", "How is asthma treated?", "With inhalers.")));
      cli.update(cli.getByExternalId("gout").orElseThrow().toBuilder()
          .reply("Crystals of uric acid in a joint.").build(), "mod:x");
    }
    bot.close();
    try (KnowledgeBase again = KnowledgeBase.open(home)) {
      assertTrue(again.holdsIndex());
      assertEquals("asthma", first(again, "how is asthma treated"));
      assertEquals("Crystals of uric acid in a joint.",
          again.search("what causes gout", 1).get(0).entry().reply());
    }
  }

  @Test
  void aReaderSearchesTheHoldersEmptyIndexAndWritesToTheStore() throws Exception {
    try (KnowledgeBase bot = KnowledgeBase.open(home);
        KnowledgeBase cli = KnowledgeBase.open(home)) {
      assertFalse(cli.holdsIndex());
      // the holder committed its (empty) index at open: searching it is no error
      assertTrue(cli.search("anything at all", 3).isEmpty());
      assertEquals(0, cli.counts().total());
      assertThrows(IllegalArgumentException.class, () -> cli.removeAlternativeQuestion(1, 1, "x"));
      assertTrue(bot.holdsIndex());
    }
  }
}
