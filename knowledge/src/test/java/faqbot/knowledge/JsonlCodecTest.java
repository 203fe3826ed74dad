package faqbot.knowledge;

import static faqbot.knowledge.ParsersTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlCodecTest {

  static Entry fullQa() {
    return Entry.builder(Entry.Kind.QA)
        .id(42)
        .status(Entry.Status.PENDING)
        .title("Knee \"pain\" — 膝の痛み ✓")
        .question("Line one\nline two with a tab\tand a backslash \\ and \u2028 separator")
        .askerDescription("70~79 year old female")
        .askDate(LocalDate.of(2020, 5, 31))
        .doctorName("Zhan Xian")
        .specialty("Orthopedics")
        .reply("Hello,\n\n\"quoted\" reply with emoji 🦴 and {braces} [brackets]")
        .replyDate(LocalDate.of(2020, 6, 1))
        .moreInfo("More\r\ninfo")
        .relatedTopics(List.of("Osteomyelitis", "Bone Tumor"))
        .similarQuestions(List.of("What is bone cement?", "Ünïcödé?"))
        .focus("Bone cement")
        .synonyms(List.of("PMMA", "acrylic cement"))
        .questionType("treatment")
        .source(new Source("seeds/000_x.txt", "seed", "https://example.org/q?a=1&b=2", "page:000_x"))
        .created(Instant.parse("2026-01-02T03:04:05.123456789Z"))
        .updated(Instant.parse("2026-11-21T06:13:06Z"))
        .build();
  }

  static Entry fullArticle() {
    return Entry.builder(Entry.Kind.ARTICLE)
        .id(7)
        .title("Rare Cement Leak")
        .atAGlance(List.of("One.", "Two — with dash.", "Three \"quoted\"."))
        .quickTake("A quick take.\nSecond line.")
        .seoTitle("SEO title")
        .seoDescription("SEO description, with comma")
        .body("Body line 1.\n\nBody line 2 with ünicode: café, 中文.")
        .source(new Source(null, "moderator", null, "article:chat-0123456789abcdef"))
        .created(Instant.EPOCH)
        .updated(Instant.parse("2030-12-31T23:59:59Z"))
        .build();
  }

  @Test
  void roundTripsFullyPopulatedEntries() throws ParseException {
    for (Entry e : List.of(fullQa(), fullArticle())) {
      String line = JsonlCodec.toJsonLine(e);
      assertFalse(line.contains("\n") || line.contains("\r"), line);
      assertEquals(e, JsonlCodec.fromJsonLine(line, "export.jsonl", 1));
    }
  }

  @Test
  void roundTripsAMinimalEntry() throws ParseException {
    Entry minimal = Entry.builder(Entry.Kind.QA).source(new Source(null, null, null, "m:1"))
        .build();
    String line = JsonlCodec.toJsonLine(minimal);
    assertEquals("{\"id\":0,\"kind\":\"QA\",\"status\":\"PUBLISHED\",\"title\":\"\","
        + "\"source\":{\"externalId\":\"m:1\"}}", line);
    assertEquals(minimal, JsonlCodec.fromJsonLine(line, "d", 1));
  }

  @Test
  void writesDatesAndInstantsAsIso8601() {
    String line = JsonlCodec.toJsonLine(fullQa());
    assertTrue(line.contains("\"askDate\":\"2020-05-31\""), line);
    assertTrue(line.contains("\"created\":\"2026-01-02T03:04:05.123456789Z\""), line);
    assertTrue(line.contains("\"kind\":\"QA\",\"status\":\"PENDING\""), line);
  }

  @Test
  void parsesADocumentIgnoringBlankLinesAndUnknownFields() throws ParseException {
    String text = JsonlCodec.toJsonLine(fullQa()) + "\n\n   \n"
        + JsonlCodec.toJsonLine(fullArticle()).replace("{\"id\":7,",
            "{\"id\":7,\"addedInVersion9\":{\"x\":[1,2]},") + "\r\n";
    ParsedDocument d = Parsers.parse(Format.JSONL, "export.jsonl", text);
    assertEquals(Format.JSONL, d.format());
    assertEquals(List.of(fullQa(), fullArticle()), d.entries());
    assertEquals(List.of(), d.skipped());
  }

  @Test
  void anInvalidLineIsReportedByNumber() {
    ParseException e = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.JSONL, "bad.jsonl", fixture("export_bad_date.jsonl")));
    assertEquals("line 3", e.location());
    assertEquals("bad.jsonl", e.document());
    assertTrue(e.getMessage().contains("askDate"), e.getMessage());

    String good = JsonlCodec.toJsonLine(fullQa());
    ParseException broken = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.JSONL, "b.jsonl", good + "\n{\"kind\": \"QA\",\n"));
    assertEquals("line 2", broken.location());
  }

  @Test
  void requiredFieldsAreChecked() {
    assertProblem("{\"title\":\"t\",\"source\":{\"externalId\":\"a\"}}", "kind");
    assertProblem("{\"kind\":\"QA\",\"title\":\"t\"}", "source");
    assertProblem("{\"kind\":\"QA\",\"source\":{\"file\":\"f\"}}", "externalId");
    assertProblem("{\"kind\":\"QA\",\"source\":{\"externalId\":\"  \"}}", "externalId");
  }

  @Test
  void wrongTypesAndValuesAreErrors() {
    String src = ",\"source\":{\"externalId\":\"a\"}}";
    assertProblem("{\"kind\":\"FAQ\"" + src, "kind");
    assertProblem("{\"kind\":\"QA\",\"status\":\"LIVE\"" + src, "status");
    assertProblem("{\"kind\":\"QA\",\"title\":5" + src, "title");
    assertProblem("{\"kind\":\"QA\",\"synonyms\":\"one\"" + src, "synonyms");
    assertProblem("{\"kind\":\"QA\",\"synonyms\":[\"a\",1]" + src, "synonyms");
    assertProblem("{\"kind\":\"QA\",\"id\":1.5" + src, "id");
    assertProblem("{\"kind\":\"QA\",\"id\":-1" + src, "id");
    assertProblem("{\"kind\":\"QA\",\"created\":\"yesterday\"" + src, "created");
    assertProblem("{\"kind\":\"QA\",\"kind\":\"ARTICLE\"" + src, "kind");
    assertProblem("[1,2]", "object");
    assertProblem("{\"kind\":\"QA\"" + src + " {}", "JSON");
  }

  @Test
  void aMissingStatusPublishesOnlyWhatHasAnAnswer() throws ParseException {
    Entry answered = JsonlCodec.fromJsonLine(
        "{\"kind\":\"QA\",\"reply\":\"Rest.\",\"source\":{\"externalId\":\"a\"}}", "d", 1);
    assertEquals(Entry.Status.PUBLISHED, answered.status());
    Entry question = JsonlCodec.fromJsonLine(
        "{\"kind\":\"QA\",\"question\":\"Why?\",\"source\":{\"externalId\":\"b\"}}", "d", 1);
    assertEquals(Entry.Status.PENDING, question.status());
  }

  @Test
  void duplicateExternalIdsInOneDocumentAreReported() {
    String line = JsonlCodec.toJsonLine(fullArticle());
    ParseException e = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.JSONL, "d.jsonl", line + "\n" + line + "\n"));
    assertEquals("line 2", e.location());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void parsedSeedsRoundTrip() throws ParseException {
    Entry page = Parsers.parse(Format.QA_PAGE, "s.txt",
        ParsersTest.sharedText("seeds/000_813f27817e6f6fc9.txt")).entries().get(0);
    assertEquals(page, JsonlCodec.fromJsonLine(JsonlCodec.toJsonLine(page), "d", 1));
  }

  private static void assertProblem(String line, String mentioned) {
    ParseException e = assertThrows(ParseException.class,
        () -> JsonlCodec.fromJsonLine(line, "doc.jsonl", 9), line);
    assertEquals("line 9", e.location());
    assertTrue(e.getMessage().contains(mentioned), e.getMessage());
  }
}
