package faqbot.knowledge;

import static faqbot.knowledge.KnowledgeBaseTestEntries.qa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files imported as streams: what a bad record reports, and that a file stays all-or-nothing. */
class StreamingImportTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static String line(String id, String question, String reply) {
    return JsonlCodec.toJsonLine(qa(id, question, reply)) + "\n";
  }

  private static String medquad(String source, String pairs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document id=\"1\" source=\"" + source
        + "\">\n<Focus>Gout</Focus>\n<QAPairs>\n" + pairs + "</QAPairs>\n</Document>\n";
  }

  private static String pair(String question, String answer) {
    return "<QAPair><Question qtype=\"information\">" + question + "</Question><Answer>" + answer
        + "</Answer></QAPair>\n";
  }

  @Test
  void aRecordTheStoreRefusesNamesFileLineAndIdAndNothingOfTheFileIsStored() throws Exception {
    Path bad = write("bad.jsonl", line("j-1", "What is gout?", "Arthritis.")
        + "\n" + line("j-2", "What is asthma?", "A lung disease.")
        // a Q&A without a question breaks the store's CHECK after two entries were written
        + line("j-3", "   ", "An answer to nothing.")
        + line("j-4", "What is eczema?", "A skin condition."));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      kb.importDocument(KnowledgeBaseTestEntries.doc("keep.txt", qa("k-1", "What is gout?", "Old.")));
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(bad, "bad.jsonl", Format.JSONL));
      assertEquals("bad.jsonl", e.document());
      assertEquals("line 4", e.location());
      assertTrue(e.getMessage().contains("entry j-3 was refused by the store"), e.getMessage());
      assertTrue(e.getMessage().contains("needs a question"), e.getMessage());
      assertEquals(1, kb.counts().total());
      assertTrue(kb.getByExternalId("j-1").isEmpty());
      assertEquals(List.of("k-1"), kb.search("what is gout", 5).stream()
          .map(h -> h.entry().source().externalId()).toList());
      // the same connection imports the next file normally
      Path good = write("good.jsonl", line("j-1", "What is gout?", "Arthritis."));
      assertEquals(1, kb.importFile(good, "good.jsonl", Format.JSONL).added());
    }
  }

  @Test
  void aDuplicateIdNamesBothPlaces() throws Exception {
    Path twice = write("twice.jsonl", line("a", "What is gout?", "Arthritis.")
        + line("b", "What is asthma?", "Lungs.") + line("c", "What is acne?", "Skin.")
        + line("b", "What is asthma again?", "Lungs."));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(twice, "twice.jsonl", Format.JSONL));
      assertEquals("line 4", e.location());
      assertTrue(e.getMessage().contains("external id b occurs twice") && e.getMessage().contains("first at line 2"),
          e.getMessage());
      assertEquals(0, kb.counts().total());
    }
  }

  @Test
  void bytesThatAreNotUtf8AreReportedAtTheirLine() throws Exception {
    byte[] good = (line("a", "What is gout?", "Arthritis.") + line("b", "What is acne?", "Skin."))
        .getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = line("c", "Qu'est-ce que l'ecz\u00e9ma ?", "Peau.").getBytes(StandardCharsets.ISO_8859_1);
    Path file = dir.resolve("mixed.jsonl");
    Files.write(file, concat(good, latin1));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(file, "mixed.jsonl", Format.JSONL));
      assertEquals("line 3", e.location());
      assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
      assertEquals(0, kb.counts().total());
    }
  }

  @Test
  void xmlBytesThatAreNotUtf8AreReportedAtTheirLine() throws Exception {
    String head = medquad("GHR", pair("What is gout?", "Arthritis.") + "@@@");
    int at = head.indexOf("@@@");
    byte[] good = head.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] bad = pair("Qu'est-ce que l'ecz\u00e9ma ?", "Peau.").getBytes(StandardCharsets.ISO_8859_1);
    Path file = dir.resolve("0000009.xml");
    Files.write(file, concat(concat(good, bad), head.substring(at + 3).getBytes(StandardCharsets.UTF_8)));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(file, "0000009.xml", Format.MEDQUAD));
      assertTrue(e.location().startsWith("line 6"), e.location());
      assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
      assertEquals(0, kb.counts().total());
    }
  }

  @Test
  void malformedXmlLateInTheFileStoresNothingAndNamesTheLine() throws Exception {
    Path xml = write("0000001.xml", medquad("GHR", pair("What is gout?", "Arthritis.")
        + pair("How is gout treated?", "Rest.")
        + "<QAPair><Question>What causes gout?</Question><Answer>Uric acid.</Answr></QAPair>\n"));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(xml, "3_GHR_QA/0000001.xml", Format.MEDQUAD));
      assertEquals("3_GHR_QA/0000001.xml", e.document());
      assertTrue(e.location().startsWith("line 7"), e.location());
      assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
      assertEquals(0, kb.counts().total());
    }
  }

  @Test
  void aPairWithoutAQuestionIsSkippedAndKeepsItsPositionInTheIds() throws Exception {
    Path xml = write("0000002.xml", medquad("GHR", pair("What is gout?", "Arthritis.")
        + "<QAPair><Question qtype=\"x\">  </Question><Answer>No question.</Answer></QAPair>\n"
        + pair("How is gout treated?", "Rest.")));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ImportReport r = kb.importFile(xml, "3_GHR_QA/0000002.xml", Format.MEDQUAD);
      assertEquals(2, r.added());
      assertEquals(1, r.skippedCount());
      assertTrue(r.skipped().get(0).startsWith("QAPair[2]"), r.skipped().toString());
      assertEquals("GHR_0000002_Sec3",
          kb.search("how is gout treated", 1).get(0).entry().source().externalId());
    }
  }

  @Test
  void largeFilesReachTheIndexInBatchesAndReimportUnchanged() throws Exception {
    StringBuilder sb = new StringBuilder();
    int n = 1_100; // more than two embedding batches
    for (int i = 0; i < n; i++) {
      sb.append(line("big-" + i, "Question number " + i + " about condition " + (i % 37) + "?",
          "Answer " + i + "."));
    }
    Path big = write("big.jsonl", sb.toString());
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ImportReport r = kb.importFile(big, "big.jsonl", Format.JSONL);
      assertEquals(n, r.added());
      assertEquals("big-1099", kb.search("question number 1099 condition 26", 1).get(0).entry()
          .source().externalId());
      assertEquals(n, kb.importFile(big, "big.jsonl", Format.JSONL).unchanged());
    }
    // a clean close committed the index: reopening needs no rebuild and still finds the last batch
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      assertEquals("big-1099", kb.search("question number 1099 condition 26", 1).get(0).entry()
          .source().externalId());
    }
  }

  @Test
  void skippedPartsAreCountedBeyondTheReasonsKept() throws Exception {
    StringBuilder pairs = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      pairs.append("<QAPair><Question/><Answer>Orphan ").append(i).append(".</Answer></QAPair>\n");
    }
    pairs.append(pair("What is gout?", "Arthritis."));
    Path xml = write("0000003.xml", medquad("GHR", pairs.toString()));
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ImportReport r = kb.importFile(xml, "0000003.xml", Format.MEDQUAD);
      assertEquals(1, r.added());
      assertEquals(150, r.skippedCount());
      assertEquals(EntrySource.MAX_SKIPPED_REASONS, r.skipped().size());
    }
  }

  @Test
  void pagesLargerThanAPageCanBeAreRefusedBeforeReading() throws Exception {
    Path huge = dir.resolve("huge.txt");
    Files.write(huge, new byte[(int) Parsers.MAX_PAGE_BYTES + 1]);
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(huge, "huge.txt", Format.QA_PAGE));
      assertTrue(e.getMessage().contains("import large collections as JSONL"), e.getMessage());
    }
  }

  @Test
  void detectionReadsOnlyTheHead() throws Exception {
    Path jsonl = write("export", line("a", "What is gout?", "Arthritis."));
    assertEquals(Format.JSONL, Parsers.detectFile(jsonl, "export").orElseThrow());
    Path xml = write("doc", medquad("GHR", pair("What is gout?", "Arthritis.")));
    assertEquals(Format.MEDQUAD, Parsers.detectFile(xml, "doc").orElseThrow());
    assertTrue(Parsers.detectFile(write("notes", "just some notes\n"), "notes").isEmpty());
  }

  /** A reader that hands out one character per call: every line end falls on a buffer boundary. */
  private static java.io.InputStream trickle(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return new java.io.InputStream() {
      private int i;

      @Override
      public int read() {
        return i < b.length ? b[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] buf, int off, int len) {
        if (i >= b.length) {
          return -1;
        }
        buf[off] = b[i++];
        return 1;
      }
    };
  }

  @Test
  void linesSplitAsStringLinesDoesWhereverTheBufferEnds() throws IOException {
    String text = "a\r\nb\rc\n\r\nd\n\ne";
    for (java.io.InputStream r : List.of(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        trickle(text))) {
      TextInput.Lines lines = new TextInput.Lines(r);
      List<String> out = new ArrayList<>();
      for (String l = lines.next(); l != null; l = lines.next()) {
        out.add(l);
      }
      assertEquals(text.lines().toList(), out);
      assertEquals(7, lines.number());
    }
    assertNull(new TextInput.Lines(new java.io.ByteArrayInputStream(new byte[0])).next());
  }

  @Test
  void aLineLongerThanTheLimitIsAnErrorNotAFullHeap() throws Exception {
    Path file = dir.resolve("long.jsonl");
    try (var w = Files.newBufferedWriter(file)) {
      w.write(line("a", "What is gout?", "Arthritis."));
      w.write("{\"kind\":\"QA\",\"reply\":\"");
      char[] chunk = new char[1 << 20];
      java.util.Arrays.fill(chunk, 'x');
      for (int i = 0; i <= TextInput.MAX_TEXT >> 20; i++) {
        w.write(chunk);
      }
      w.write("\"}\n");
    }
    try (KnowledgeBase kb = TestStores.open(dir.resolve("home"))) {
      ParseException e = assertThrows(ParseException.class,
          () -> kb.importFile(file, "long.jsonl", Format.JSONL));
      assertEquals("line 2", e.location());
      assertFalse(kb.getByExternalId("a").isPresent());
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
