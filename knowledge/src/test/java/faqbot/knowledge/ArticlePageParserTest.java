package faqbot.knowledge;

import static faqbot.knowledge.ParsersTest.fixture;
import static faqbot.knowledge.ParsersTest.sharedText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticlePageParserTest {

  private static Entry parseOne(String document, String text) throws ParseException {
    ParsedDocument doc = Parsers.parse(Format.ARTICLE, document, text);
    assertEquals(1, doc.entries().size());
    assertEquals(List.of(), doc.skipped());
    return doc.entries().get(0);
  }

  @Test
  void readsEveryFieldOfTheSeedArticle() throws ParseException {
    Entry e = parseOne("003_d7839968fcf7ea7b.txt", sharedText("seeds/003_d7839968fcf7ea7b.txt"));
    assertEquals(Entry.Kind.ARTICLE, e.kind());
    assertEquals(Entry.Status.PUBLISHED, e.status());
    assertEquals("Rare Cement Leak Triggers Massive Clots In Heart And Lungs", e.title());
    assertEquals(List.of("Rare cement leak blocks heart and lung arteries.",
        "Patients undergoing spine fracture surgery face this risk.",
        "Cement may remain in body despite symptom relief."), e.atAGlance());
    assertEquals("A rare complication sees bone cement from spine surgery travel to the heart and"
        + " cause dangerous lung clots in patients.", e.quickTake());
    assertEquals("Bone Cement Leak Causes Heart Clots After Spine Surgery", e.seoTitle());
    assertTrue(e.seoDescription().startsWith("Bone cement used in spine surgery can rarely leak"));
    assertTrue(e.seoDescription().endsWith("fracture stabilization procedures."));
    assertTrue(e.body().startsWith("Imagine waking up after spine surgery and struggling to"
        + " breathe."), e.body());
    assertTrue(e.body().endsWith("They might find better ways to inject the cement."), e.body());
    assertTrue(e.body().contains("\nWhy The Cement Did Not Leave\n"), e.body());
    assertFalse(e.body().contains("ARTICLE BODY"));
    assertEquals(e.body(), e.answerText());
    assertEquals(new Source("003_d7839968fcf7ea7b.txt", "seed", null,
        "article:003_d7839968fcf7ea7b"), e.source());
    assertNull(e.question());
    assertNull(e.reply());
  }

  @Test
  void toleratesMissingNumbersOtherNumbersAndCase() throws ParseException {
    Entry e = parseOne("walk.txt", fixture("article_loose.txt"));
    assertEquals("Walking After Meals Lowers Blood Sugar", e.title());
    assertEquals(List.of("A short walk after eating lowers blood sugar.", "Ten minutes is enough."),
        e.atAGlance());
    assertEquals("Light activity after a meal helps muscles use glucose.\n"
        + "It works for people with and without diabetes.", e.quickTake());
    assertEquals("Walking After Meals Helps Blood Sugar", e.seoTitle());
    assertEquals("A ten-minute walk after meals can lower blood sugar spikes.", e.seoDescription());
    // "Body weight ..." inside the body is body text, not a header
    assertEquals("Many people sit down after a meal.\n\n"
        + "Researchers compared sitting with light walking.\n"
        + "Body weight did not change the result.", e.body());
    assertEquals("article:walk", e.source().externalId());
  }

  @Test
  void optionalSectionsMayBeMissing() throws ParseException {
    Entry e = parseOne("chat", "Short news\n6. ARTICLE BODY First line.\nSecond line.");
    assertEquals("First line.\nSecond line.", e.body());
    assertEquals(List.of(), e.atAGlance());
    assertNull(e.quickTake());
    assertNull(e.seoTitle());
    assertTrue(e.source().externalId().matches("article:chat-[0-9a-f]{16}"));
  }

  @Test
  void textWithoutAnySectionIsTitleAndBody() throws ParseException {
    Entry e = parseOne("plain.txt", "Plain title\n\nJust a body.\nTwo lines.");
    assertEquals("Plain title", e.title());
    assertEquals("Just a body.\nTwo lines.", e.body());
  }

  @Test
  void missingTitleIsReportedAtTheHeader() {
    ParseException e = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.ARTICLE, "a.txt", "\n2. AT-A-GLANCE\n- x\n6. ARTICLE BODY\nb"));
    assertEquals("line 2", e.location());
    assertTrue(e.getMessage().contains("missing title"), e.getMessage());
  }

  @Test
  void missingBodyIsReportedWithItsLine() {
    ParseException noSection = assertThrows(ParseException.class, () -> Parsers.parse(
        Format.ARTICLE, "a.txt", "Title\n2. AT-A-GLANCE\n- x\n3. QUICK TAKE y\n"));
    assertEquals("line 4", noSection.location());
    assertTrue(noSection.getMessage().contains("ARTICLE BODY"), noSection.getMessage());
    ParseException empty = assertThrows(ParseException.class, () -> Parsers.parse(
        Format.ARTICLE, "a.txt", "Title\n2. AT-A-GLANCE\n- x\n6. ARTICLE BODY\n\n  \n"));
    assertEquals("line 4", empty.location());
    ParseException titleOnly = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.ARTICLE, "a.txt", "Title\n"));
    assertEquals("line 1", titleOnly.location());
  }

  @Test
  void strayTextAndRepeatedSectionsAreReported() {
    ParseException stray = assertThrows(ParseException.class, () -> Parsers.parse(
        Format.ARTICLE, "a.txt", "Title\nSubtitle\n2. AT-A-GLANCE\n- x\n6. ARTICLE BODY\nb"));
    assertEquals("line 2", stray.location());
    ParseException twice = assertThrows(ParseException.class, () -> Parsers.parse(
        Format.ARTICLE, "a.txt", "Title\n3. QUICK TAKE a\n3. quick take b\n6. ARTICLE BODY\nb"));
    assertEquals("line 3", twice.location());
    assertTrue(twice.getMessage().contains("line 2"), twice.getMessage());
  }
}
