package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCopyTest {
  @TempDir Path dir;

  private static Map<String, Long> rows(List<DatabaseCopy.Table> tables) {
    return tables.stream().collect(Collectors.toMap(DatabaseCopy.Table::name,
        DatabaseCopy.Table::rows));
  }

  @Test
  void aHomeGoesToPostgresqlAndBackWithoutLoss() throws Exception {
    Path home = dir.resolve("home");
    long goutId;
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals."),
          qa("asthma", "What is asthma?", "A lung disease.")));
      Entry gout = kb.getByExternalId("gout").orElseThrow();
      goutId = gout.id();
      kb.update(gout.toBuilder().reply("Crystals of uric acid in a joint.").build(), "mod:x");
      kb.remove(kb.getByExternalId("asthma").orElseThrow().id(), "mod:x");
    }
    List<Database.Track> tracks = List.of(EntryStore.TRACK);
    List<DatabaseCopy.Table> there;
    List<DatabaseCopy.Table> back;
    String url = PostgresServer.freshUrl();
    try (Database sqlite = Database.sqlite(home.resolve("faqbot.db"));
        Database pg = Database.postgresql(url, null, null);
        Database again = Database.sqlite(dir.resolve("again.db"))) {
      there = DatabaseCopy.copy(sqlite, pg, tracks);
      assertEquals(2L, rows(there).get("entries"));
      assertEquals(4L, rows(there).get("entry_revisions"));
      assertTrue(rows(there).containsKey("embeddings"));

      try (KnowledgeBase onPg = KnowledgeBase.open(dir.resolve("replica"),
          Database.postgresql(url, null, null))) {
        assertEquals("Crystals of uric acid in a joint.", onPg.get(goutId).orElseThrow().reply());
        assertEquals("gout", onPg.search("what causes gout", 1).get(0).entry().source().externalId());
        // ids go on after the copied ones
        Entry added = onPg.add(qa("shingles", "Is shingles contagious?", "Yes."), "mod:y");
        assertTrue(added.id() > goutId);
      }
      back = DatabaseCopy.copy(pg, again, tracks);
    }
    assertEquals(rows(there).get("entries") + 1, rows(back).get("entries"));
    DatabaseCopy.Table revisionsThere = there.stream()
        .filter(t -> t.name().equals("entry_revisions")).findFirst().orElseThrow();
    assertEquals(revisionsThere.rows() + 1, rows(back).get("entry_revisions"));
  }

  @Test
  void aTargetThatHoldsDataIsRefusedAndKeepsIt() throws Exception {
    Path home = dir.resolve("home");
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      kb.importDocument(doc("a.txt", qa("gout", "What causes gout?", "Uric acid crystals.")));
    }
    String url = PostgresServer.freshUrl();
    try (Database sqlite = Database.sqlite(home.resolve("faqbot.db"));
        Database pg = Database.postgresql(url, null, null)) {
      DatabaseCopy.copy(sqlite, pg, List.of(EntryStore.TRACK));
      SQLException e = assertThrows(SQLException.class,
          () -> DatabaseCopy.copy(sqlite, pg, List.of(EntryStore.TRACK)));
      assertTrue(e.getMessage().contains("empty database"), e.getMessage());
      try (KnowledgeBase onPg = KnowledgeBase.open(dir.resolve("replica"),
          Database.postgresql(url, null, null))) {
        assertEquals(1, onPg.counts().total());
      }
    }
  }
}
