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
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RendererTest {
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
    String body = body(Renderer.shortAnswer(page));
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
    String body = body(Renderer.shortAnswer(e));
    assertTrue(reply.length() > Summarizer.DEFAULT_MAX_CHARS);
    assertTrue(body.startsWith("Numbness in the left leg"), body);
    assertTrue(body.endsWith("Seek care promptly if you develop new leg pain, numbness or "
        + "weakness."), body);
  }
}
