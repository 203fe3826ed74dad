package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.Parsers;
import faqbot.knowledge.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ReplyComposerTest {
  private static final Path SEEDS =
      Path.of(System.getProperty("faqbot.shared", "../shared"), "seeds");

  private static List<Entry> seedEntries(Format format) throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(SEEDS), "shared seeds absent");
    try (var files = Files.list(SEEDS)) {
      for (Path p : files.sorted().toList()) {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        if (Parsers.detect(p.getFileName().toString(), text).orElse(null) == format) {
          return Parsers.parse(format, p.getFileName().toString(), text).entries();
        }
      }
    }
    Assumptions.abort("no seed in format " + format);
    return List.of();
  }

  private static String body(List<Part> parts) {
    return parts.get(1).text();
  }

  @Test
  void theSeedDoctorsReplyIsTheSummaryWhole() throws Exception {
    Entry page = seedEntries(Format.QA_PAGE).get(0);
    String body = body(ReplyComposer.shortAnswer(page));
    assertEquals(Summarizer.summarize(page.reply(), Integer.MAX_VALUE), body);
    assertTrue(body.startsWith("Hello, an X-ray and physical examination"), body);
    assertTrue(body.endsWith("If you still have concerns, please visit the outpatient clinic for "
        + "evaluation!"), body);
  }

  @Test
  void aLongReplyKeepsItsClosingAdviceToSeekCare() {
    String reply = "Hello,\n"
        + "Numbness in the left leg after kyphoplasty can come from cement that leaked near a "
        + "nerve root, but it more often comes from the fracture itself or from the way the "
        + "spine healed.\n"
        + "An MRI or a CT scan shows where the cement went and whether a nerve is pressed.\n"
        + "Leakage happens in roughly one of ten procedures, and most leaks never cause "
        + "symptoms at all, so a leak seen on the X-ray is not by itself a reason to worry.\n"
        + "Physical therapy that strengthens the back and hip muscles usually helps the "
        + "weakness and the difficulty squatting over the next months.\n"
        + "Seek care promptly if you develop new leg pain, numbness or weakness.";
    Entry e = Entry.builder(Entry.Kind.QA).title("Leg numbness after kyphoplasty")
        .question("Is my leg numbness related to cement leakage?").reply(reply)
        .doctorName("Lin Wei").source(new Source("t", "seed", null, "t-1"))
        .build();
    String body = body(ReplyComposer.shortAnswer(e));
    assertTrue(reply.length() > Summarizer.DEFAULT_MAX_CHARS);
    assertTrue(body.startsWith("Numbness in the left leg"), body);
    assertTrue(body.endsWith("Seek care promptly if you develop new leg pain, numbness or "
        + "weakness."), body);
  }

  private static final Path MEDQUAD =
      Path.of(System.getProperty("faqbot.shared", "../shared"), "data", "medquad");

  @Test
  void medquadAnswersNameTheirOrganisationAndPageNotAModerator() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(MEDQUAD), "MedQuAD absent");
    Map<String, String> expected = Map.of("1_CancerGov_QA", "National Cancer Institute (NIH)",
        "2_GARD_QA", "GARD (NIH)", "3_GHR_QA", "Genetics Home Reference (NIH)",
        "4_MPlus_Health_Topics_QA", "MedlinePlus (NIH)", "5_NIDDK_QA", "NIDDK (NIH)",
        "6_NINDS_QA", "NINDS (NIH)", "7_SeniorHealth_QA", "NIHSeniorHealth",
        "8_NHLBI_QA_XML", "NHLBI (NIH)", "9_CDC_QA", "CDC");
    for (var folder : expected.entrySet()) {
      Path dir = MEDQUAD.resolve(folder.getKey());
      Path file;
      try (var files = Files.list(dir)) {
        file = files.filter(f -> f.toString().endsWith(".xml")).sorted().findFirst().orElseThrow();
      }
      Entry e = Parsers.parse(Format.MEDQUAD, file.toString(),
          Files.readString(file, StandardCharsets.UTF_8)).entries().get(0);
      assertEquals("From " + folder.getValue() + ", " + e.source().url(), ReplyComposer.attribution(e),
          file.toString());
      assertTrue(e.source().url().startsWith("http"), file.toString());
    }
  }

  @Test
  void moderatorsEntriesAloneSayAModeratorReviewedThem() {
    Entry.Builder qa = Entry.builder(Entry.Kind.QA).title("t").question("q").reply("r.");
    assertEquals("Reviewed by a moderator, 2026-03-02", ReplyComposer.attribution(qa
        .source(new Source("chat", ReplyComposer.MODERATOR_COLLECTION, null, "chat-1"))
        .replyDate(LocalDate.of(2026, 3, 2)).build()));
    assertEquals("From NIDDK (NIH), https://www.niddk.nih.gov/x", ReplyComposer.attribution(qa
        .source(new Source("a.xml", "MedQuAD/NIDDK", "https://www.niddk.nih.gov/x", "NIDDK_a"))
        .replyDate(null).build()));
    assertEquals("From the bot's knowledge base", ReplyComposer.attribution(qa
        .source(new Source("a.txt", "seed", null, "s-1")).build()));
    assertEquals("Dr. Ana Ruiz, Sports Medicine, replied 2021-04-02", ReplyComposer.attribution(qa
        .doctorName("Ana Ruiz").specialty("Sports Medicine").replyDate(LocalDate.of(2021, 4, 2))
        .source(new Source("chat", ReplyComposer.MODERATOR_COLLECTION, null, "chat-2")).build()));
    Entry.Builder article = Entry.builder(Entry.Kind.ARTICLE).title("t").body("b.");
    assertEquals("Health article, https://example.org/a", ReplyComposer.attribution(article
        .source(new Source("a.txt", "seed", "https://example.org/a", "s-2")).build()));
    assertEquals("Health article, reviewed by a moderator", ReplyComposer.attribution(article
        .source(new Source("chat", ReplyComposer.MODERATOR_COLLECTION, null, "chat-3")).build()));
  }

  @Test
  void theSeedPagesAttributionNamesTheDoctor() throws Exception {
    Entry page = seedEntries(Format.QA_PAGE).get(0);
    assertEquals("Dr. Zhan Xian, Orthopedics, replied 2020-05-31", ReplyComposer.attribution(page));
    Entry article = seedEntries(Format.ARTICLE).get(0);
    assertTrue(ReplyComposer.attribution(article).startsWith("Health article"),
        ReplyComposer.attribution(article));
  }
}
