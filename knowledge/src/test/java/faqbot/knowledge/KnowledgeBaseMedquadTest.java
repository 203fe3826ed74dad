package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports one real MedQuAD collection (NIDDK, 157 documents) and searches it. */
class KnowledgeBaseMedquadTest {
  @TempDir Path home;

  @Test
  void importsACollectionIdempotentlyAndFindsItsTopics() throws Exception {
    Path collection = Paths.get(System.getProperty("faqbot.shared", "../../shared"))
        .resolve("data/medquad/5_NIDDK_QA");
    assumeTrue(Files.isDirectory(collection), "shared MedQuAD not present at " + collection);
    List<ParsedDocument> docs = new ArrayList<>();
    try (Stream<Path> s = Files.list(collection)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
        docs.add(Parsers.parse(Format.MEDQUAD, "5_NIDDK_QA/" + f.getFileName(),
            Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    int parsed = docs.stream().mapToInt(d -> d.entries().size()).sum();
    assertTrue(parsed > 1000, "entries parsed: " + parsed);

    List<String> before;
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      List<ImportReport> first = kb.importDocuments(docs);
      assertEquals(parsed, first.stream().mapToInt(ImportReport::added).sum());
      assertEquals(parsed, kb.counts().total());
      List<ImportReport> again = kb.importDocuments(docs);
      assertEquals(parsed, again.stream().mapToInt(ImportReport::unchanged).sum());
      assertEquals(0, again.stream().mapToInt(r -> r.added() + r.updated()).sum());
      assertEquals(parsed, kb.counts().total());

      List<SearchHit> hits = kb.search("What are the treatments for Cushing's syndrome?", 5);
      assertFalse(hits.isEmpty());
      Entry top = hits.get(0).entry();
      assertTrue(top.focus().toLowerCase(Locale.ROOT).contains("cushing"), top.focus());
      assertTrue(top.question().toLowerCase(Locale.ROOT).contains("treat"), top.question());

      // a patient's long, chatty message, in the LiveQA style
      String message = "Graves disease\nHello, my sister was told her thyroid is overactive and"
          + " her eyes are bulging. The doctor said it is Graves. What causes this and is it"
          + " hereditary? Thank you so much for any help.";
      Entry graves = kb.search(message, 3).get(0).entry();
      assertTrue(graves.focus().toLowerCase(Locale.ROOT).contains("graves"), graves.focus());
      before = kb.search(message, 10).stream().map(h -> h.entry().source().externalId()).toList();
    }
    // a clean close leaves a current index: reopening gives the same ranking
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      String message = "Graves disease\nHello, my sister was told her thyroid is overactive and"
          + " her eyes are bulging. The doctor said it is Graves. What causes this and is it"
          + " hereditary? Thank you so much for any help.";
      assertEquals(before,
          kb.search(message, 10).stream().map(h -> h.entry().source().externalId()).toList());
      assertTrue(kb.getByExternalId("NIDDK_0000001_Sec1").isPresent());
    }
  }
}
