package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.article;
import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportRoundTripTest {
  @TempDir Path dir;

  private static String export(KnowledgeBase kb) throws Exception {
    StringWriter out = new StringWriter();
    kb.exportJsonl(out);
    return out.toString();
  }

  @Test
  void exportImportExportIsByteIdenticalWithHistoryAndAlternatives() throws Exception {
    String first;
    List<KnowledgeBase.Revision> history;
    long editedId;
    try (KnowledgeBase kb = TestStores.open(dir.resolve("a"))) {
      Entry gout = kb.add(qa("gout", "What causes gout?", "Uric acid."), "telegram:1");
      Entry gone = kb.add(qa("gone", "What is lupus?", "Autoimmune."), "telegram:1");
      kb.add(article("sleep", "Sleep and the heart", "Sleep matters."), "discord:2");
      kb.update(gout.toBuilder().reply("Uric acid crystals in a joint.").build(), "telegram:1");
      kb.update(kb.get(gout.id()).orElseThrow().toBuilder().reply("Wrong edit.").build(), "telegram:3");
      kb.undo(gout.id(), "telegram:1");
      kb.addAlternativeQuestions(gout.id(), List.of("why does my big toe swell up at night"), "telegram:1");
      kb.remove(gone.id(), "telegram:1");
      first = export(kb);
      history = kb.history(gout.id());
      editedId = gout.id();
    }
    assertTrue(first.contains("\"history\":["), first);
    assertTrue(first.contains("\"alternativeQuestions\":[\"why does my big toe swell up at night\"]"));
    assertTrue(first.contains("\"undoes\":"), "the undo keeps what it undid");
    Path file = dir.resolve("export.jsonl");
    Files.writeString(file, first, StandardCharsets.UTF_8);

    try (KnowledgeBase fresh = TestStores.open(dir.resolve("b"))) {
      ImportReport r = fresh.importFile(file, "export.jsonl", Format.JSONL);
      assertEquals(2, r.added());
      assertEquals(first, export(fresh));
      List<KnowledgeBase.Revision> back = fresh.history(editedId);
      assertEquals(history, back);
      // the restored home goes on where the old one stopped: undo walks the imported history
      Entry undone = fresh.undo(editedId, "telegram:1");
      assertEquals(List.of(), undone.alternativeQuestions());
      assertEquals("Uric acid crystals in a joint.", undone.reply());
    }
  }

  @Test
  void aBrokenHistoryIsReportedWithItsLineAndNothingIsStored() throws Exception {
    String good = "{\"kind\":\"QA\",\"status\":\"PUBLISHED\",\"title\":\"Q\",\"question\":\"What is gout?\","
        + "\"reply\":\"Arthritis.\",\"source\":{\"externalId\":\"g\"}}";
    String bad = "{\"kind\":\"QA\",\"status\":\"PUBLISHED\",\"title\":\"Q\",\"question\":\"What is lupus?\","
        + "\"reply\":\"Autoimmune.\",\"source\":{\"externalId\":\"l\"},\"history\":[{\"revision\":1,"
        + "\"change\":\"added\",\"actor\":\"x\",\"at\":\"2026-01-01T00:00:00Z\",\"entry\":{\"kind\":\"QA\"}}]}";
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, good + "\n" + bad + "\n");
    try (KnowledgeBase kb = TestStores.open(dir.resolve("c"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(file, "bad.jsonl", Format.JSONL));
      assertTrue(e.getMessage().contains("line 2"), e.getMessage());
      assertTrue(e.getMessage().contains("history[0].entry.source"), e.getMessage());
      assertEquals(0, kb.counts().total());
    }
  }
}
