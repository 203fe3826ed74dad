package faqbot.knowledge;

import static faqbot.knowledge.ParsersTest.fixture;
import static faqbot.knowledge.ParsersTest.sharedText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class QaPageParserTest {
  private static final String SEED = "seeds/000_813f27817e6f6fc9.txt";

  private static Entry parseOne(String document, String text) throws ParseException {
    ParsedDocument doc = Parsers.parse(Format.QA_PAGE, document, text);
    assertEquals(1, doc.entries().size());
    assertEquals(List.of(), doc.skipped());
    return doc.entries().get(0);
  }

  @Test
  void readsEveryFieldOfTheSeedPage() throws ParseException {
    Entry e = parseOne("seeds/000_813f27817e6f6fc9.txt", sharedText(SEED));
    assertEquals(Entry.Kind.QA, e.kind());
    assertEquals(Entry.Status.PUBLISHED, e.status());
    assertEquals(0, e.id());
    assertEquals("Bone cement leakage", e.title());
    assertTrue(e.question().startsWith("On January 30, 2020, I suffered a compression fracture"),
        e.question());
    assertTrue(e.question().endsWith("I look forward to your response.\nThank you!"), e.question());
    assertEquals(9, e.question().split("\n").length);
    assertEquals("70~79 year old female", e.askerDescription());
    assertEquals(LocalDate.of(2020, 5, 31), e.askDate());
    assertEquals("Zhan Xian", e.doctorName());
    assertEquals("Orthopedics", e.specialty());
    assertTrue(e.reply().startsWith("Hello, an X-ray and physical examination are needed"),
        e.reply());
    assertTrue(e.reply().endsWith("please visit the outpatient clinic for evaluation!"), e.reply());
    assertEquals(4, e.reply().split("\n").length);
    assertEquals(LocalDate.of(2020, 5, 31), e.replyDate());
    assertTrue(e.moreInfo().startsWith("Bone cement leakage, particularly in the context of"));
    assertTrue(e.moreInfo().contains("\nManagement of Bone Cement Leakage\n"), e.moreInfo());
    assertTrue(e.moreInfo().endsWith("significant improvement in their symptoms and quality of life."));
    assertFalse(e.moreInfo().contains("Similar Q&A"));
    assertEquals(List.of(
        "Concerns About Bone Cement Leakage After Spine Surgery: Symptoms and X-Ray Insights",
        "What is Bone Cement? Uses, Pros and Cons, and Side Effects Explained",
        "Understanding Bone Cement Surgery: Risks, Options, and Monitoring Techniques",
        "Understanding Pain After Vertebroplasty: Causes and Solutions"), e.similarQuestions());
    assertEquals(List.of("Osteomyelitis", "Bone Tumor", "Osteogenesis Imperfecta", "Bone Spur",
        "Foot", "Foot Numbness", "Fibula Fracture", "Calcium Absorption", "Metacarpal Fracture"),
        e.relatedTopics());
    assertEquals(new Source("seeds/000_813f27817e6f6fc9.txt", "seed", null,
        "page:000_813f27817e6f6fc9"), e.source());
    assertNull(e.body());
    assertNull(e.focus());
  }

  @Test
  void theAskersNameIsStoredNowhere() throws ParseException {
    String text = sharedText(SEED);
    assertTrue(text.contains("tsz, 70~79"), "the seed names its asker");
    Entry e = parseOne("seed.txt", text);
    String everything = JsonlCodec.toJsonLine(e);
    assertFalse(everything.contains("tsz"), everything);
  }

  @Test
  void aPartialPageWithTitleQuestionAndReplyIsValid() throws ParseException {
    Entry e = parseOne("knee.txt", fixture("qa_page_partial.txt"));
    assertEquals(Entry.Status.PUBLISHED, e.status());
    assertEquals("Knee pain when climbing stairs", e.title());
    assertEquals("My right knee hurts when I climb stairs, but not on flat ground.\n"
        + "It started two months ago after a hike.", e.question());
    assertEquals("Maria Lopez", e.doctorName());
    assertEquals("Rehabilitation", e.specialty());
    assertEquals("Pain on stairs with no swelling is often patellofemoral pain.\n\n"
        + "Strengthening the thigh muscles usually helps; see a physiotherapist if it lasts.",
        e.reply());
    assertNull(e.askerDescription());
    assertNull(e.askDate());
    assertNull(e.replyDate());
    assertNull(e.moreInfo());
    assertEquals(List.of(), e.similarQuestions());
    assertEquals("page:knee", e.source().externalId());
  }

  @Test
  void aPageWithoutReplyIsPending() throws ParseException {
    Entry e = parseOne("ibuprofen.txt", fixture("qa_page_pending.txt"));
    assertEquals(Entry.Status.PENDING, e.status());
    assertFalse(e.isAnswerable());
    assertEquals("I have a cold and a headache. Is it safe to take ibuprofen?", e.question());
    assertEquals("30~39 year old male", e.askerDescription());
    assertEquals(LocalDate.of(2024, 1, 15), e.askDate());
    assertNull(e.reply());
    assertNull(e.doctorName());
    assertEquals("Over-the-counter pain relievers are common.", e.moreInfo());
    assertEquals(List.of("Common Cold", "Headache"), e.relatedTopics());
  }

  @Test
  void missingTitleIsReportedAtTheFirstLine() {
    ParseException e = assertThrows(ParseException.class, () -> Parsers.parse(Format.QA_PAGE,
        "p.txt", "\n\nAnn, 40~49 year old female. Ask Date: 2020/01/01\nDr. A B reply X\nHi."));
    assertEquals("line 3", e.location());
    assertTrue(e.getMessage().contains("missing title"), e.getMessage());
  }

  @Test
  void missingQuestionIsReportedWhereItShouldBe() {
    ParseException e = assertThrows(ParseException.class, () -> Parsers.parse(Format.QA_PAGE,
        "p.txt", "Title\nDr. Li Wei reply Cardiology\nA reply."));
    assertEquals("line 2", e.location());
    assertTrue(e.getMessage().contains("missing question"), e.getMessage());
    ParseException onlyTitle = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.QA_PAGE, "p.txt", "Title only\n"));
    assertEquals("line 2", onlyTitle.location());
  }

  @Test
  void anImpossibleAskDateIsReportedAtItsLine() {
    ParseException e = assertThrows(ParseException.class,
        () -> Parsers.parse(Format.QA_PAGE, "dizzy.txt", fixture("qa_page_bad_ask_date.txt")));
    assertEquals("line 4", e.location());
    assertEquals("dizzy.txt", e.document());
    assertTrue(e.getMessage().contains("2021/02/30"), e.getMessage());
  }

  @Test
  void anEmptyReplyIsReportedAtTheDoctorLine() {
    ParseException e = assertThrows(ParseException.class, () -> Parsers.parse(Format.QA_PAGE,
        "p.txt", "Title\nQuestion?\nDr. Li Wei reply Cardiology\nReply Date: 2020/01/01"));
    assertEquals("line 3", e.location());
  }

  @Test
  void textThatFitsNoSectionIsReportedNotDropped() {
    // the doctor line was lost in the paste: the reply would be silently lost otherwise
    ParseException e = assertThrows(ParseException.class, () -> Parsers.parse(Format.QA_PAGE,
        "p.txt", "Title\nQuestion?\nAnn, 40~49 year old female. Ask Date: 2020/01/01\n\n"
            + "Here is the reply.\nReply Date: 2020/01/02"));
    assertEquals("line 5", e.location());
    ParseException twice = assertThrows(ParseException.class, () -> Parsers.parse(Format.QA_PAGE,
        "p.txt", "Title\nQuestion?\nDr. A B reply X\nHi.\nMore Info\na\nMore Info\nb"));
    assertEquals("line 7", twice.location());
  }

  @Test
  void chatPagesAreKeyedByTheirNormalizedTitle() throws ParseException {
    String page = "Knee pain\nWhy does my knee hurt?\nDr. A B reply Orthopedics\nRest it.";
    String same = "  KNEE   pain \nWhy does my knee hurt, really?\nDr. A B reply Orthopedics\nOk.";
    String other = "Hip pain\nWhy does my hip hurt?\nDr. A B reply Orthopedics\nRest it.";
    String id = parseOne("chat", page).source().externalId();
    assertTrue(id.matches("page:chat-[0-9a-f]{16}"), id);
    assertEquals(id, parseOne("chat", same).source().externalId());
    assertNotEquals(id, parseOne("chat", other).source().externalId());
    assertEquals("chat", parseOne("chat", page).source().file());
  }

  @Test
  void windowsLineEndsAndDoctorNamesWithoutSpecialtyAreRead() throws ParseException {
    Entry e = parseOne("p.txt",
        "Title\r\nQuestion?\r\nBo, 1~9 year old male. Ask Date: 2019-12-01\r\nDr. Ng reply\r\nRest.\r\n");
    assertEquals("Ng", e.doctorName());
    assertNull(e.specialty());
    assertEquals("Rest.", e.reply());
    assertEquals("1~9 year old male", e.askerDescription());
    assertEquals(LocalDate.of(2019, 12, 1), e.askDate());
  }
}
