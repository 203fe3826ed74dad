package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsersTest {

  /** A file of the shared data (../shared); the calling test is skipped when it is absent. */
  static Path shared(String relative) {
    String root = System.getProperty("faqbot.shared");
    assumeTrue(root != null, "system property faqbot.shared not set");
    Path p = Path.of(root).resolve(relative);
    assumeTrue(Files.exists(p), () -> "shared data absent: " + p);
    return p;
  }

  static String sharedText(String relative) {
    try {
      return Files.readString(shared(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A hand-made fixture under src/test/resources/faqbot/knowledge/parsers/. */
  static String fixture(String name) {
    try (InputStream in = ParsersTest.class.getResourceAsStream("parsers/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void detectsByExtensionBeforeContent() {
    assertEquals(Optional.of(Format.MEDQUAD), Parsers.detect("3_GHR_QA/0000001.XML", "hello"));
    assertEquals(Optional.of(Format.JSONL), Parsers.detect("export.jsonl", "<Document>"));
    assertEquals(Optional.of(Format.JSONL), Parsers.detect("export.ndjson", ""));
  }

  @Test
  void detectsByContent() {
    assertEquals(Optional.of(Format.MEDQUAD), Parsers.detect("chat",
        "\uFEFF<?xml version=\"1.0\"?>\n<!-- x -->\n<Document id=\"1\" source=\"GHR\"></Document>"));
    assertEquals(Optional.of(Format.MEDQUAD),
        Parsers.detect("paste.txt", "<doc docid=\"7\" corpus=\"NINDS\"></doc>"));
    assertEquals(Optional.of(Format.JSONL),
        Parsers.detect("chat", "\n  {\"kind\":\"QA\"}\n{\"kind\":\"QA\"}"));
    assertEquals(Optional.of(Format.ARTICLE), Parsers.detect("chat", fixture("article_loose.txt")));
    assertEquals(Optional.of(Format.ARTICLE),
        Parsers.detect("a.txt", "Title\n2. AT-A-GLANCE\n- one\n6. ARTICLE BODY\ntext"));
    assertEquals(Optional.of(Format.QA_PAGE), Parsers.detect("chat", fixture("qa_page_partial.txt")));
    assertEquals(Optional.of(Format.QA_PAGE), Parsers.detect("chat", fixture("qa_page_pending.txt")));
  }

  @Test
  void detectsTheSeeds() {
    assertEquals(Optional.of(Format.QA_PAGE), Parsers.detect("000_813f27817e6f6fc9.txt",
        sharedText("seeds/000_813f27817e6f6fc9.txt")));
    assertEquals(Optional.of(Format.ARTICLE), Parsers.detect("003_d7839968fcf7ea7b.txt",
        sharedText("seeds/003_d7839968fcf7ea7b.txt")));
  }

  @Test
  void unknownContentIsEmpty() {
    assertEquals(Optional.empty(), Parsers.detect("notes.txt", "Just some notes\nabout a body"));
    assertEquals(Optional.empty(), Parsers.detect("chat", "   \n"));
    assertEquals(Optional.empty(), Parsers.detect(null, null));
    assertEquals(Optional.empty(), Parsers.detect("page.html", "<html><body>hi</body></html>"));
    // a sentence that merely mentions a doctor is not a page
    assertEquals(Optional.empty(), Parsers.detect("chat", "Dr. Smith said my reply was late."));
  }

  @Test
  void parseDispatchesOnFormat() throws ParseException {
    ParsedDocument doc = Parsers.parse(Format.QA_PAGE, "x/knee.txt", fixture("qa_page_partial.txt"));
    assertEquals(Format.QA_PAGE, doc.format());
    assertEquals("x/knee.txt", doc.document());
    assertEquals(Entry.Kind.QA, doc.entries().get(0).kind());
    ParsedDocument article = Parsers.parse(Format.ARTICLE, "walk.txt", fixture("article_loose.txt"));
    assertEquals(Format.ARTICLE, article.format());
    assertEquals(Entry.Kind.ARTICLE, article.entries().get(0).kind());
  }

  @Test
  void emptyDocumentIsAnErrorInEveryFormat() {
    for (Format f : Format.values()) {
      ParseException e = assertThrows(ParseException.class, () -> Parsers.parse(f, "empty.txt", " \n\n"));
      assertEquals("empty.txt", e.document());
      assertEquals("line 1", e.location());
    }
  }

  @Test
  void missingDocumentNameMeansChat() throws ParseException {
    ParsedDocument doc = Parsers.parse(Format.QA_PAGE, null, fixture("qa_page_partial.txt"));
    assertEquals("chat", doc.document());
    assertTrue(doc.entries().get(0).source().externalId().startsWith("page:chat-"));
  }

  @Test
  void basenameDropsDirectoriesAndTheLastExtension() {
    assertEquals("0000001_1", Parsers.basename("1_CancerGov_QA/0000001_1.xml"));
    assertEquals("000_abc", Parsers.basename("C:\\seeds\\000_abc.txt"));
    assertEquals("archive.tar", Parsers.basename("archive.tar.gz"));
    assertEquals(".hidden", Parsers.basename("dir/.hidden"));
  }

  @Test
  void joinParagraphsKeepsParagraphsAndDropsNoise() {
    assertEquals("a b\nc\n\nd",
        Parsers.joinParagraphs(java.util.List.of("", "  a \t b ", "c", " ", "", "d", "  ")));
    assertEquals(null, Parsers.joinParagraphs(java.util.List.of(" ", "")));
  }
}
