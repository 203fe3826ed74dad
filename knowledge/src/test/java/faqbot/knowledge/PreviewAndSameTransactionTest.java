package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A previewed import stores nothing; work in an entry's transaction commits or fails with it. */
class PreviewAndSameTransactionTest {
  static final String PAGE = String.join("\n",
      "Ringing ears after a concert",
      "My ears have been ringing since a loud concert yesterday. Will it stop?",
      "jo, 20~29 year old male. Ask Date: 2023/05/06",
      "Dr. Ada Park reply Otolaryngology",
      "Hello, ringing after loud music usually fades within a day or two.",
      "Reply Date: 2023/05/07");

  @TempDir Path dir;

  private static Entry qa(String ext) {
    return Entry.builder(Entry.Kind.QA).title("Hiccups that last").question("How do I stop hiccups?")
        .reply("Most hiccups stop by themselves.").source(new Source("t", "seed", null, ext)).build();
  }

  @Test
  void aPreviewReportsWhatTheImportThenDoesAndStoresNothing() throws Exception {
    Path file = dir.resolve("ears.txt");
    Files.writeString(file, PAGE);
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ImportReport preview = kb.previewFile(file, "ears.txt", Format.QA_PAGE);
      assertEquals(1, preview.added());
      assertEquals(0, kb.counts().total());
      assertTrue(kb.search("ringing ears after a concert", 3).isEmpty());
      ImportReport done = kb.importFile(file, "ears.txt", Format.QA_PAGE);
      assertEquals(preview, done);
      assertEquals(1, kb.counts().total());
      ImportReport again = kb.previewFile(file, "ears.txt", Format.QA_PAGE);
      assertEquals(0, again.added());
      assertEquals(1, again.unchanged());
      Path broken = dir.resolve("broken.jsonl");
      Files.writeString(broken, "{\"kind\":\"QA\"\n");
      assertThrows(ParseException.class, () -> kb.previewFile(broken, "broken.jsonl", Format.JSONL));
    }
  }

  @Test
  void workInTheEntrysTransactionCommitsWithItOrTakesItBack() throws Exception {
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      assertThrows(IllegalStateException.class, () -> kb.add(qa("t-1"), "test", (c, e) -> {
        throw new IllegalStateException("the queue item was closed meanwhile");
      }));
      assertEquals(0, kb.counts().total(), "the entry was rolled back with the failed work");
      long[] seen = new long[1];
      Entry saved = kb.add(qa("t-2"), "test", (c, e) -> {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM entries WHERE id = ?")) {
          p.setLong(1, e.id());
          try (ResultSet r = p.executeQuery()) {
            r.next();
            seen[0] = r.getLong(1);
          }
        }
      });
      assertEquals(1, seen[0], "the work sees the entry it belongs to");
      assertEquals(1, kb.counts().total());
      Entry published = saved.toBuilder().reply("Hold your breath briefly.").build();
      assertThrows(IllegalStateException.class, () -> kb.update(published, "test", (c, e) -> {
        throw new IllegalStateException("no");
      }));
      assertEquals("Most hiccups stop by themselves.", kb.get(saved.id()).orElseThrow().reply());
    }
  }
}
