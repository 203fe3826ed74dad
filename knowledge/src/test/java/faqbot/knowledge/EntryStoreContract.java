package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.doc;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge store's behaviour, the same on every database it runs on. */
abstract class EntryStoreContract {
  @TempDir Path dir;
  private Database db;

  /** A new, empty database for one test. */
  abstract Database newDatabase(Path dir);

  @BeforeEach
  void openDatabase() {
    db = newDatabase(dir);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  private EntryStore open() throws IOException {
    return EntryStore.open(db);
  }

  @Test
  void freshDatabaseGetsCurrentSchemaAndReopeningIsANoOp() throws Exception {
    try (EntryStore s = open()) {
      assertEquals(0, s.generation());
    }
    int steps = EntryStore.MIGRATIONS.size();
    try (Connection c = db.openWriter()) {
      assertEquals(steps, Sqlite.version(c, EntryStore.TRACK.name()));
      // migrating again reports it was already current and changes nothing
      assertEquals(steps, db.migrate(c, EntryStore.TRACK));
      assertEquals(steps, Sqlite.version(c, EntryStore.TRACK.name()));
    }
    try (EntryStore s = open()) {
      assertEquals(0, s.counts().total());
    }
  }

  @Test
  void everyFieldSurvivesTheRoundTrip() throws Exception {
    Entry full = Entry.builder(Entry.Kind.QA)
        .title("Bone cement leakage").question("Could this be related?")
        .askerDescription("tsz, 70~79 year old female").askDate(LocalDate.of(2020, 5, 31))
        .doctorName("Dr. Zhan Xian").specialty("Orthopedics").reply("Hello, an X-ray is needed.")
        .replyDate(LocalDate.of(2020, 5, 31)).moreInfo("More info text")
        .relatedTopics(List.of("Osteomyelitis(Orthopedics)"))
        .similarQuestions(List.of("Concerns about bone cement", "What is bone cement?"))
        .atAGlance(List.of()).focus("bone cement").synonyms(List.of("PMMA", "acrylic cement"))
        .questionType("complications")
        .source(new Source("000.txt", "seed", "https://x.example/1", "seed-000")).build();
    try (EntryStore s = open()) {
      Entry stored = s.add(full, "alice").entry();
      Entry back = s.get(stored.id()).orElseThrow();
      assertEquals(stored, back);
      assertEquals(full.toBuilder().id(stored.id()).created(back.created())
          .updated(back.updated()).build(), back);
      assertEquals(back, EntryStoreJson.fromJson(EntryStoreJson.toJson(back)));
    }
  }

  @Test
  void aDocumentWhoseSecondEntryIsRefusedLeavesTheStoreUnchanged() throws Exception {
    try (EntryStore s = open()) {
      s.importDocument(doc("before.txt", qa("keep-1", "What is gout?", "Arthritis.")));
      long generation = s.generation();
      // a Q&A without a question violates a CHECK constraint, after the first entry was inserted
      ParsedDocument bad = doc("bad.txt",
          qa("new-1", "What is asthma?", "A lung disease."),
          qa("new-2", "   ", "An answer to nothing."));
      IOException e = assertThrows(IOException.class, () -> s.importDocument(bad));
      assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
      assertTrue(s.getByExternalId("new-1").isEmpty());
      assertEquals(1, s.counts().total());
      assertEquals(generation, s.generation());
      // the connection is usable again after the rollback
      assertEquals(1, s.importDocument(doc("ok.txt", qa("new-1", "What is asthma?", "Lungs.")))
          .report().added());
    }
  }

  @Test
  void anUpdateOfAnEntryAlreadyImportedInTheSameDocumentRollsBackToo() throws Exception {
    try (EntryStore s = open()) {
      s.importDocument(doc("a.txt", qa("x", "What is gout?", "Old answer.")));
      ParsedDocument twice = doc("b.txt",
          qa("x", "What is gout?", "New answer."),
          qa("x", "What is gout?", "Newer answer."));
      assertThrows(IllegalArgumentException.class, () -> s.importDocument(twice));
      assertEquals("Old answer.", s.getByExternalId("x").orElseThrow().reply());
      assertEquals(1, s.history(s.getByExternalId("x").orElseThrow().id()).size());
    }
  }

  @Test
  void everyWriteBumpsTheGenerationAndNoOpsDoNot() throws Exception {
    try (EntryStore s = open()) {
      long g0 = s.generation();
      Entry e = s.add(qa("g", "What is gout?", "A."), "bob").entry();
      long g1 = s.generation();
      assertTrue(g1 > g0);
      s.update(e, "bob"); // identical content
      assertEquals(g1, s.generation());
      s.importDocument(doc("d.txt", qa("g", "What is gout?", "A.")));
      assertEquals(g1, s.generation());
      s.remove(e.id(), "bob");
      assertTrue(s.generation() > g1);
    }
  }

  @Test
  void writesNeedAnActorAndAnExistingEntry() throws Exception {
    try (EntryStore s = open()) {
      Entry e = qa("a", "What is gout?", "A.");
      assertThrows(IllegalArgumentException.class, () -> s.add(e, " "));
      assertThrows(IllegalArgumentException.class, () -> s.remove(42, "bob"));
      assertThrows(IllegalArgumentException.class, () -> s.add(e.toBuilder().id(5).build(), "bob"));
      s.add(e, "bob");
      assertThrows(IllegalArgumentException.class, () -> s.add(e, "bob"));
      assertEquals(1, s.counts().total());
    }
  }

  @Test
  void aNewerSchemaThanTheProgramKnowsIsRefused() throws Exception {
    try (Connection c = db.openWriter()) {
      db.migrate(c, EntryStore.TRACK);
      c.createStatement().executeUpdate(
          "UPDATE schema_version SET version = 99 WHERE track = 'knowledge'");
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    IOException e = assertThrows(IOException.class, this::open);
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }
}
