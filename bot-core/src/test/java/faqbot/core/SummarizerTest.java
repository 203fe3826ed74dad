package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SummarizerTest {

  @Test
  void splitsSentencesButNotAbbreviationsDecimalsOrListNumbers() {
    List<String> s = Summarizer.sentences("Dr. Li saw her on Jan. 3 at 2.5 mg, e.g. twice. "
        + "Leakage is approx. 10% in studies! Is it safe? Yes.\n1. Rest well.\n2. Take it slow");
    assertEquals(List.of("Dr. Li saw her on Jan. 3 at 2.5 mg, e.g. twice.",
        "Leakage is approx. 10% in studies!", "Is it safe?", "Yes.", "1. Rest well.",
        "2. Take it slow"), s);
  }

  @Test
  void shortTextIsKeptWhole() {
    String text = "Rest helps. Ice helps too.";
    assertEquals(text, Summarizer.summarize(text, "what helps", 600));
  }

  @Test
  void longTextIsCutAtSentenceEndsWithinTheLimit() {
    String s = Fixtures.CEMENT_REPLY;
    String summary = Summarizer.summarize(s, "cement leakage kyphoplasty", 300);
    assertFalse(summary.isEmpty());
    assertTrue(summary.length() <= 300, summary);
    assertTrue(s.contains(summary), "verbatim");
    assertTrue(summary.endsWith("."), summary);
  }

  @Test
  void relevantRunIsPreferredOverTheOpeningWhenTheOpeningIsUnrelated() {
    String text = "Thank you for writing to us today and for the detailed description. "
        + "We understand that waiting for results is stressful. ".repeat(3)
        + "Iron deficiency anemia is treated with iron tablets taken daily for three months. "
        + "Ferritin is measured again after treatment.";
    String summary = Summarizer.summarize(text, "how is iron deficiency anemia treated", 200);
    assertTrue(summary.contains("Iron deficiency anemia is treated with iron tablets"), summary);
    assertTrue(summary.length() <= 200);
  }

  @Test
  void aGreetingAloneIsNeverTheSummary() {
    String text = "Hello. " + "This is a very long single sentence about treatment options "
        .repeat(20) + "that ends here.";
    // the only sentence that fits is the greeting: better no summary than "Hello."
    assertEquals("", Summarizer.summarize(text, "treatment", 100));
  }

  @Test
  void randomTextsNeverExceedTheLimitAndStayVerbatim() {
    Random r = new Random(7);
    String[] words = {"pain", "the", "doctor", "Dr.", "e.g.", "3.5", "mg", "leak", "X-ray",
        "MRI", "cement", "(see", "below)", "\"yes\"", "surgery"};
    for (int n = 0; n < 500; n++) {
      StringBuilder sb = new StringBuilder();
      int sentences = 1 + r.nextInt(30);
      for (int i = 0; i < sentences; i++) {
        int len = 1 + r.nextInt(40);
        for (int j = 0; j < len; j++) {
          sb.append(j == 0 ? "Word" : words[r.nextInt(words.length)]).append(' ');
        }
        sb.setLength(sb.length() - 1);
        sb.append(r.nextBoolean() ? ". " : r.nextBoolean() ? "? " : ".\n");
      }
      String text = sb.toString().strip();
      String summary = Summarizer.summarize(text, "cement leak pain", 600);
      assertTrue(summary.length() <= 600);
      String flat = text.replaceAll("\\s+", " ");
      assertTrue(flat.contains(summary.replace('\n', ' ')), () -> "not verbatim: " + summary);
      if (!summary.isEmpty() && summary.length() < text.length()) {
        char end = summary.charAt(summary.length() - 1);
        assertTrue(end == '.' || end == '?' || end == '!', summary);
      }
    }
  }

  @Test
  void seedReplySummaryIsVerbatimAndBounded() throws Exception {
    Path dir = Path.of(System.getProperty("faqbot.shared", "../shared"), "seeds");
    Assumptions.assumeTrue(Files.isDirectory(dir), "shared seeds absent");
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        String summary = Summarizer.summarize(text, "bone cement leakage", 600);
        assertTrue(summary.length() <= 600, p.toString());
        assertFalse(summary.isEmpty(), p.toString());
        // verbatim: the summary is a run of the text's own lines and sentences
        assertTrue(text.replaceAll("\\s+", " ").contains(summary.replaceAll("\\s+", " ")), summary);
      }
    }
  }
}
