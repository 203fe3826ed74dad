package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.article;
import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
  @TempDir Path home;

  private static List<String> ids(List<SearchHit> hits) {
    return hits.stream().map(h -> h.entry().source().externalId()).toList();
  }

  @Test
  void importingTwiceChangesNothingAndChangedContentIsAnUpdateWithARevision() throws Exception {
    ParsedDocument first = doc("page.txt",
        qa("p-1", "What causes gout?", "Uric acid crystals."),
        qa("p-2", "How is asthma treated?", "With inhalers."));
    try (KnowledgeBase kb = TestStores.open(home)) {
      ImportReport r1 = kb.importDocument(first);
      assertEquals(List.of(2, 0, 0), List.of(r1.added(), r1.updated(), r1.unchanged()));
      ImportReport r2 = kb.importDocument(first);
      assertEquals(List.of(0, 0, 2), List.of(r2.added(), r2.updated(), r2.unchanged()));
      assertEquals(2, kb.counts().total());

      ParsedDocument changed = doc("page.txt",
          qa("p-1", "What causes gout?", "Uric acid crystals in the joints."),
          qa("p-2", "How is asthma treated?", "With inhalers."),
          qa("p-3", "What is eczema?", "A skin condition."));
      ImportReport r3 = kb.importDocument(changed);
      assertEquals(List.of(1, 1, 1), List.of(r3.added(), r3.updated(), r3.unchanged()));
      Entry p1 = kb.getByExternalId("p-1").orElseThrow();
      assertEquals("Uric acid crystals in the joints.", p1.reply());
      List<KnowledgeBase.Revision> h = kb.history(p1.id());
      assertEquals(List.of("updated", "added"), h.stream().map(KnowledgeBase.Revision::change).toList());
      assertEquals("Uric acid crystals.", h.get(1).entry().reply());
      assertEquals("import:page.txt", h.get(0).actor());
      assertEquals(3, kb.counts().published());
      // the search sees the update at once, without any explicit commit
      assertEquals("p-1", ids(kb.search("gout joints", 1)).get(0));
    }
  }

  @Test
  void aFailedImportLeavesStoreAndIndexAsTheyWere() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(doc("ok.txt", qa("a", "What is gout?", "Arthritis.")));
      ParsedDocument bad = doc("bad.txt",
          qa("b", "What is psoriasis?", "A skin disease."),
          qa("c", "", "No question."));
      assertThrows(IOException.class, () -> kb.importDocument(bad));
      assertTrue(kb.getByExternalId("b").isEmpty());
      assertTrue(kb.search("psoriasis", 5).isEmpty());
      assertEquals(1, kb.counts().total());
    }
  }

  @Test
  void softDeleteHidesFromSearchAndRestoreBringsItBack() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      Entry e = kb.add(qa("m-1", "Can migraine cause nausea?", "Yes, often."), "mod:alice");
      assertEquals(List.of("m-1"), ids(kb.search("migraine nausea", 5)));

      Entry removed = kb.remove(e.id(), "mod:bob");
      assertEquals(Entry.Status.DELETED, removed.status());
      assertTrue(kb.search("migraine nausea", 5).isEmpty());
      assertEquals(new KnowledgeBase.Counts(0, 0, 1), kb.counts());
      assertTrue(kb.list(0, 10, false).isEmpty());
      assertEquals(1, kb.list(0, 10, true).size());

      Entry back = kb.undo(e.id(), "mod:alice");
      assertEquals(Entry.Status.PUBLISHED, back.status());
      assertEquals(List.of("m-1"), ids(kb.search("migraine nausea", 5)));

      List<KnowledgeBase.Revision> h = kb.history(e.id());
      assertEquals(List.of("restored", "removed", "added"),
          h.stream().map(KnowledgeBase.Revision::change).toList());
      assertEquals(List.of("mod:alice", "mod:bob", "mod:alice"),
          h.stream().map(KnowledgeBase.Revision::actor).toList());
      assertEquals(List.of(3, 2, 1), h.stream().map(KnowledgeBase.Revision::revision).toList());
      assertTrue(h.stream().allMatch(r -> r.entryId() == e.id()));
      assertFalse(h.get(0).at().isBefore(h.get(2).at()));
    }
  }

  @Test
  void repeatedUndoWalksBackThroughEditsAndStopsAtCreation() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      Entry v1 = kb.add(qa("u", "What is gout?", "v1"), "a");
      Entry v2 = kb.update(v1.toBuilder().reply("v2").build(), "b");
      kb.update(v2.toBuilder().reply("v3").build(), "c");
      assertEquals("v2", kb.undo(v1.id(), "d").reply());
      assertEquals("v1", kb.undo(v1.id(), "d").reply());
      assertThrows(IllegalStateException.class, () -> kb.undo(v1.id(), "d"));
      assertEquals("v1", kb.get(v1.id()).orElseThrow().reply());
      // an edit after undos is itself undoable, back to the undone-to state
      kb.update(kb.get(v1.id()).orElseThrow().toBuilder().reply("v4").build(), "e");
      assertEquals("v1", kb.undo(v1.id(), "f").reply());
      assertEquals(List.of("v1", "v4", "v1", "v2", "v3", "v2", "v1"),
          kb.history(v1.id()).stream().map(r -> r.entry().reply()).toList());
    }
  }

  @Test
  void updateKeepsIdAndCreationAndRejectsATakenExternalId() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      Entry a = kb.add(qa("a", "What is gout?", "A"), "x");
      kb.add(qa("b", "What is lupus?", "B"), "x");
      Entry a2 = kb.update(a.toBuilder().reply("A2").created(Instant.EPOCH).build(), "x");
      assertEquals(a.id(), a2.id());
      assertEquals(a.created(), a2.created());
      Entry clash = a2.toBuilder().source(new Source(null, null, null, "b")).build();
      assertThrows(IllegalArgumentException.class, () -> kb.update(clash, "x"));
      assertThrows(IllegalArgumentException.class,
          () -> kb.update(a.toBuilder().id(999).build(), "x"));
      // a no-op update records nothing
      kb.update(a2, "x");
      assertEquals(2, kb.history(a.id()).size());
    }
  }

  @Test
  void reimportKeepsAModeratorsDeletion() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(doc("d.txt", qa("d", "What is gout?", "A")));
      long id = kb.getByExternalId("d").orElseThrow().id();
      kb.remove(id, "mod");
      ImportReport same = kb.importDocument(doc("d.txt", qa("d", "What is gout?", "A")));
      assertEquals(1, same.unchanged());
      ImportReport changed = kb.importDocument(doc("d.txt", qa("d", "What is gout?", "B")));
      assertEquals(1, changed.updated());
      assertEquals(Entry.Status.DELETED, kb.get(id).orElseThrow().status());
      assertTrue(kb.search("gout", 5).isEmpty());
    }
  }

  @Test
  void aMissingIndexIsRebuiltOnOpen() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(doc("d.txt", qa("r", "What is rosacea?", "A skin condition.")));
    }
    deleteTree(home.resolve("index"));
    try (KnowledgeBase kb = TestStores.open(home)) {
      assertEquals(List.of("r"), ids(kb.search("rosacea", 5)));
    }
  }

  @Test
  void aDamagedIndexIsRebuiltOnOpen() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(doc("d.txt", qa("r", "What is rosacea?", "A skin condition.")));
    }
    try (Stream<Path> files = Files.list(home.resolve("index"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
        Files.write(f, new byte[] {1, 2, 3});
      }
    }
    try (KnowledgeBase kb = TestStores.open(home)) {
      assertEquals(List.of("r"), ids(kb.search("rosacea", 5)));
    }
  }

  @Test
  void anIndexBehindTheStoreIsRebuiltOnOpen() throws Exception {
    TestStores.assumeSqlite();
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.importDocument(doc("d.txt", qa("r", "What is rosacea?", "A skin condition.")));
    }
    // as if the process died after a store commit and before the index commit
    try (Connection c = Sqlite.open(home.resolve("faqbot.db"))) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO entries(external_id, kind, status,"
          + " title, question, reply, created, updated, content_hash) VALUES ('late', 'QA',"
          + " 'PUBLISHED', 'Shingles', 'What is shingles?', 'A viral rash.', ?, ?, 'x')")) {
        p.setString(1, Instant.now().toString());
        p.setString(2, Instant.now().toString());
        p.executeUpdate();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE knowledge_state SET value = value + 1 WHERE key = 'generation'");
      }
    }
    try (KnowledgeBase kb = TestStores.open(home)) {
      assertEquals(List.of("late"), ids(kb.search("shingles", 5)));
      assertEquals(List.of("r"), ids(kb.search("rosacea", 5)));
    }
  }

  @Test
  void aCleanCloseLeavesAnIndexStampedWithTheStoreGeneration() throws Exception {
    TestStores.assumeSqlite();
    try (KnowledgeBase kb = TestStores.open(home)) {
      Entry e = kb.add(qa("a", "What is gout?", "Arthritis."), "x");
      kb.remove(e.id(), "x");
    }
    long generation;
    try (EntryStore store = EntryStore.open(home.resolve("faqbot.db"))) {
      generation = store.generation();
    }
    assertEquals(2, generation);
    try (EntryIndex index = EntryIndex.open(home.resolve("index"))) {
      assertEquals(new EntryIndex.Commit(null, generation, 0), index.lastCommit());
    }
  }

  @Test
  void aReindexThatBreaksOffKeepsServingTheOldIndexAndIsRedoneOnOpen() throws Exception {
    TestStores.assumeSqlite();
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.add(qa("a", "What is gout?", "Arthritis."), "x");
      kb.add(qa("b", "What is lupus?", "Autoimmune."), "x");
      // a row the program cannot read, as a hand edit of the database might leave
      try (Connection c = Sqlite.open(home.resolve("faqbot.db"));
          Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE entries SET ask_date = 'yesterday' WHERE external_id = 'b'");
      }
      assertThrows(RuntimeException.class, kb::reindex);
      // searches still see the complete index from before the reindex
      assertEquals(List.of("a"), ids(kb.search("gout", 5)));
      assertEquals(List.of("b"), ids(kb.search("lupus", 5)));
    }
    try (Connection c = Sqlite.open(home.resolve("faqbot.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE entries SET ask_date = NULL WHERE external_id = 'b'");
    }
    try (KnowledgeBase kb = TestStores.open(home)) {
      assertEquals(List.of("a"), ids(kb.search("gout", 5)));
      assertEquals(List.of("b"), ids(kb.search("lupus", 5)));
    }
  }

  @Test
  void searchesDuringAReindexSeeTheFullIndex() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      for (int i = 0; i < 300; i++) {
        kb.add(qa("r" + i, "Question " + i + " about rosacea?", "Answer " + i), "x");
      }
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger partial = new java.util.concurrent.atomic.AtomicInteger();
      Thread searcher = new Thread(() -> {
        while (!done.get()) {
          if (kb.search("rosacea", 500).size() != 300) {
            partial.incrementAndGet();
          }
        }
      });
      searcher.start();
      for (int i = 0; i < 3; i++) {
        kb.reindex();
      }
      done.set(true);
      searcher.join();
      assertEquals(0, partial.get());
      assertEquals(300, kb.search("rosacea", 500).size());
    }
  }

  @Test
  void changesSurviveReopeningAndReindexKeepsResults() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      kb.add(qa("a", "What is gout?", "Arthritis."), "x");
      kb.add(article("b", "Gout flares in winter", "Cold weather and gout."), "x");
    }
    try (KnowledgeBase kb = TestStores.open(home)) {
      List<SearchHit> before = kb.search("gout", 5);
      assertEquals(2, before.size());
      kb.reindex();
      List<SearchHit> after = kb.search("gout", 5);
      assertEquals(ids(before), ids(after));
      assertEquals(before.get(0).score(), after.get(0).score(), 1e-4);
    }
  }

  @Test
  void exportWritesLiveEntriesInIdOrderThatParseBack() throws Exception {
    try (KnowledgeBase kb = TestStores.open(home)) {
      Entry a = kb.add(qa("a", "What is gout?", "Arthritis."), "x");
      Entry b = kb.add(qa("b", "What is lupus?", "Autoimmune."), "x");
      kb.add(article("c", "Sleep and the heart", "Sleep matters."), "x");
      kb.remove(b.id(), "x");
      StringWriter out = new StringWriter();
      kb.exportJsonl(out);
      List<String> lines = out.toString().lines().toList();
      assertEquals(2, lines.size());
      Entry back = JsonlCodec.fromJsonLine(lines.get(0), "export.jsonl", 1);
      assertEquals(a.question(), back.question());
      assertEquals("c", JsonlCodec.fromJsonLine(lines.get(1), "export.jsonl", 2)
          .source().externalId());
    }
  }

  @Test
  void listPagesInIdOrderAndClosedBaseRefusesWork() throws Exception {
    TestStores.assumeSqlite();
    KnowledgeBase kb = TestStores.open(home);
    for (int i = 0; i < 5; i++) {
      kb.add(qa("l" + i, "Question number " + i + "?", "Answer " + i), "x");
    }
    List<Entry> page = kb.list(1, 2, false);
    assertEquals(List.of("l1", "l2"), page.stream().map(e -> e.source().externalId()).toList());
    assertTrue(page.get(0).id() < page.get(1).id());
    assertEquals(home.resolve("faqbot.db"), kb.databaseFile());
    kb.close();
    kb.close();
    assertThrows(IllegalStateException.class, () -> kb.search("question", 3));
    assertNotEquals(0, Files.size(home.resolve("faqbot.db")));
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
