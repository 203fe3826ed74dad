package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static faqbot.knowledge.SharedHomeTest.first;
import static faqbot.knowledge.SharedHomeTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas, each with its own home and search index, on one PostgreSQL: what one writes, the
 * other finds within five seconds.
 */
class PostgresReplicasTest {
  @TempDir Path homeA;
  @TempDir Path homeB;

  @Test
  void aChangeOnOneReplicaIsFoundOnTheOtherWithinFiveSeconds() throws Exception {
    String url = PostgresServer.freshUrl();
    // each replica its own pool, as on separate machines
    try (KnowledgeBase a = KnowledgeBase.open(homeA, Database.postgresql(url, null, null));
        KnowledgeBase b = KnowledgeBase.open(homeB, Database.postgresql(url, null, null))) {
      // each holds its own index: a replica never waits for another to search
      assertTrue(a.holdsIndex());
      assertTrue(b.holdsIndex());
      a.followStore();
      b.followStore();

      assertEquals(1, a.importDocument(doc("a.txt",
          qa("gout", "What causes gout?", "Uric acid crystals."))).added());
      assertTrue(waitFor(() -> "gout".equals(first(b, "what causes gout"))) >= 0,
          "replica B did not find A's import within 5 s");

      Entry gout = b.getByExternalId("gout").orElseThrow();
      b.remove(gout.id(), "mod:x");
      assertTrue(waitFor(() -> !"gout".equals(first(a, "what causes gout"))) >= 0,
          "a removal on B must leave A's index within 5 s");
      assertEquals(1, a.counts().deleted());
    }
  }

  @Test
  void aChangeWakesTheOtherReplicaThroughItsListener() throws Exception {
    String url = PostgresServer.freshUrl();
    try (KnowledgeBase a = KnowledgeBase.open(homeA, Database.postgresql(url, null, null));
        KnowledgeBase b = KnowledgeBase.open(homeB, Database.postgresql(url, null, null))) {
      a.followStore();
      b.followStore();
      assertTrue(waitFor(b::listening) >= 0, "B's listener did not start");
      long woken = b.wokenRounds();
      a.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
      assertTrue(waitFor(() -> "gout".equals(first(b, "what causes gout"))) >= 0,
          "replica B did not find A's import within 5 s");
      assertTrue(b.wokenRounds() > woken, "the import's notification woke B");
    }
  }

  @Test
  void whenTheListeningConnectionBreaksPollingCarriesOnAndTheListenerComesBack()
      throws Exception {
    String url = PostgresServer.freshUrl();
    try (KnowledgeBase a = KnowledgeBase.open(homeA, Database.postgresql(url, null, null));
        KnowledgeBase b = KnowledgeBase.open(homeB, Database.postgresql(url, null, null))) {
      b.followStore();
      assertTrue(waitFor(b::listening) >= 0, "B's listener did not start");
      // the server ends the listening session, as a restart or a network cut would
      try (java.sql.Connection admin = java.sql.DriverManager.getConnection(url);
          java.sql.Statement s = admin.createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid))"
              + " FROM pg_stat_activity WHERE application_name = 'faqbot-listen'"
              + " AND datname = current_database()")) {
        r.next();
        assertEquals(1, r.getInt(1));
      }
      a.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
      assertTrue(waitFor(() -> "gout".equals(first(b, "what causes gout"))) >= 0,
          "B did not find A's import within 5 s with its listener cut");
      assertTrue(waitFor(b::listening) >= 0, "B's listener did not reconnect");
      long woken = b.wokenRounds();
      a.importDocument(doc("b.txt", qa("hiccups", "How do I stop hiccups?", "Hold your breath.")));
      assertTrue(waitFor(() -> "hiccups".equals(first(b, "how do i stop hiccups"))) >= 0);
      assertTrue(b.wokenRounds() > woken, "woken again after the reconnection");
    }
  }

  @Test
  void aReplicaStartedLaterBuildsItsIndexFromTheSharedStore() throws Exception {
    String url = PostgresServer.freshUrl();
    try (KnowledgeBase a = KnowledgeBase.open(homeA, Database.postgresql(url, null, null))) {
      a.importDocument(doc("a.txt", qa("shingles", "Is shingles contagious?",
          "The rash can spread chickenpox.")));
    }
    try (KnowledgeBase b = KnowledgeBase.open(homeB, Database.postgresql(url, null, null))) {
      assertEquals("shingles", first(b, "is shingles contagious"));
    }
  }
}
