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
    assertEquals(text, Summarizer.summarize(text, 600));
  }

  @Test
  void longTextIsCutAtSentenceEndsWithinTheLimit() {
    String s = Fixtures.CEMENT_REPLY;
    String summary = Summarizer.summarize(s, 300);
    assertFalse(summary.isEmpty());
    assertTrue(summary.length() <= 300, summary);
    // a seek-care sentence may follow after a gap, on a line of its own: each line is verbatim
    summary.lines().forEach(line -> assertTrue(s.contains(line), () -> "verbatim: " + line));
    assertTrue(summary.endsWith("."), summary);
  }

  @Test
  void relevantRunIsPreferredOverTheOpeningWhenTheOpeningIsUnrelated() {
    String text = "Thank you for writing to us today and for the detailed description. "
        + "We understand that waiting for results is stressful. ".repeat(3)
        + "Iron deficiency anemia is treated with iron tablets taken daily for three months. "
        + "Ferritin is measured again after treatment.";
    String summary = Summarizer.summarize(text, 200);
    assertTrue(summary.contains("Iron deficiency anemia is treated with iron tablets"), summary);
    assertTrue(summary.length() <= 200);
  }

  @Test
  void aListTheSourceRepeatsUnderItsHeadingIsShownOnce() {
    // the shape of an NIHSeniorHealth page in MedQuAD: each list again after its heading
    String list = "- What is my blood pressure reading in numbers?\n- What is my goal blood "
        + "pressure?\n- Is my blood pressure under adequate control?\n";
    String text = "Here are questions to ask your doctor. - Your Blood Pressure Numbers\n" + list
        + "Your Blood Pressure Numbers\n" + list + list + "- Healthy Lifestyle Habits\n"
        + "- What would be a healthy weight for me?\n- Fever\nMedicines\n- Fever\n"
        + distinct("Ask which one suits you before you start any of them", 8);
    String summary = Summarizer.summarize(text, 600);
    for (String line : List.of("What is my blood pressure reading in numbers?",
        "Your Blood Pressure Numbers", "Is my blood pressure under adequate control?")) {
      assertEquals(1, summary.split(java.util.regex.Pattern.quote(line), -1).length - 1,
          line + " once in: " + summary);
    }
    assertTrue(summary.contains("What would be a healthy weight for me?"), summary);
    // a short item may rightly stand in two lists
    assertEquals(2, summary.split("- Fever", -1).length - 1, summary);
  }

  @Test
  void aGreetingAloneIsNeverTheSummary() {
    String text = "Hello. " + "This is a very long single sentence about treatment options "
        .repeat(20) + "that ends here.";
    // the only sentence that fits is the greeting: better no summary than "Hello."
    assertEquals("", Summarizer.summarize(text, 100));
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
      String summary = Summarizer.summarize(text, 600);
      assertTrue(summary.length() <= 600);
      String flat = text.replaceAll("\\s+", " ");
      // "(see the doctor" is a seek-care sentence that may follow after a gap, on its own line
      summary.lines().forEach(line ->
          assertTrue(flat.contains(line), () -> "not verbatim: " + line + " in " + summary));
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
        String summary = Summarizer.summarize(text, 600);
        assertTrue(summary.length() <= 600, p.toString());
        assertFalse(summary.isEmpty(), p.toString());
        // verbatim: the summary is a run of the text's own lines and sentences
        String flat = text.replaceAll("\\s+", " ");
        summary.lines().forEach(line -> assertTrue(flat.contains(line), summary));
      }
    }
  }

  /** MedQuAD's NIDDK answer to "What are the treatments for Hemorrhoids ?", as imported. */
  static final String HEMORRHOID_TREATMENT = "At-home Treatments\n\n"
      + "Simple diet and lifestyle changes often reduce the swelling of hemorrhoids and relieve "
      + "hemorrhoid symptoms. Eating a high-fiber diet can make stools softer and easier to pass, "
      + "reducing the pressure on hemorrhoids caused by straining.\n\n"
      + "Fiber is a substance found in plants. The human body cannot digest fiber, but fiber helps "
      + "improve digestion and prevent constipation. Good sources of dietary fiber are fruits, "
      + "vegetables, and whole grains. On average, Americans eat about 15 grams of fiber each "
      + "day.3 The American Dietetic Association recommends 25 grams of fiber per day for women "
      + "and 38 grams of fiber per day for men.3\n\n"
      + "Doctors may also suggest taking a bulk stool softener or a fiber supplement such as "
      + "psyllium (Metamucil) or methylcellulose (Citrucel).\n\n"
      + "Other changes that may help relieve hemorrhoid symptoms include\n\n"
      + "- drinking six to eight 8-ounce glasses of water or other nonalcoholic fluids each day\n"
      + "- sitting in a tub of warm water for 10 minutes several times a day\n"
      + "- exercising to prevent constipation\n"
      + "- not straining during bowel movements\n\n"
      + "Over-the-counter creams and suppositories may temporarily relieve the pain and itching of "
      + "hemorrhoids. These treatments should only be used for a short time because long-term use "
      + "can damage the skin.\n\n"
      + "Medical Treatment\n\n"
      + "If at-home treatments do not relieve symptoms, medical treatments may be needed. "
      + "Outpatient treatments can be performed in a doctor's office or a hospital. Outpatient "
      + "treatments for internal hemorrhoids include the following:\n\n"
      + "- Rubber band ligation. The doctor places a special rubber band around the base of the "
      + "hemorrhoid. The band cuts off circulation, causing the hemorrhoid to shrink. This "
      + "procedure should be performed only by a doctor.\n"
      + "- Sclerotherapy. The doctor injects a chemical solution into the blood vessel to shrink "
      + "the hemorrhoid.\n"
      + "- Infrared coagulation. The doctor uses heat to shrink the hemorrhoid tissue.\n\n"
      + "Large external hemorrhoids or internal hemorrhoids that do not respond to other "
      + "treatments can be surgically removed.";

  private static final String HOME_LEAD_IN =
      "Other changes that may help relieve hemorrhoid symptoms include";
  private static final String OUTPATIENT_LEAD_IN =
      "Outpatient treatments for internal hemorrhoids include the following:";

  @Test
  void theSummaryLeadsWithTheOpeningHeadingAndItsText() {
    String summary = Summarizer.summarize(HEMORRHOID_TREATMENT, Summarizer.DEFAULT_MAX_CHARS);
    assertTrue(summary.startsWith("At-home Treatments\nSimple diet and lifestyle changes"),
        summary);
    assertTrue(summary.length() <= Summarizer.DEFAULT_MAX_CHARS, summary);
  }

  @Test
  void aListIsShownOnlyWithItsLeadInAndAHeadingOnlyWithItsText() {
    List<String> items = HEMORRHOID_TREATMENT.lines().filter(l -> l.startsWith("- ")).toList();
    boolean sawHomeList = false;
    for (int max = 100; max <= HEMORRHOID_TREATMENT.length(); max += 7) {
      String summary = Summarizer.summarize(HEMORRHOID_TREATMENT, max);
      assertTrue(summary.length() <= max, summary);
      List<String> lines = summary.lines().toList();
      if (summary.isEmpty()) {
        continue;
      }
      assertFalse(lines.get(0).startsWith("- "), () -> "starts mid-list: " + summary);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (items.contains(line)) {
          String leadIn = items.indexOf(line) < 4 ? HOME_LEAD_IN : OUTPATIENT_LEAD_IN;
          int at = i;
          assertTrue(lines.subList(0, i).stream().anyMatch(l -> l.endsWith(leadIn)),
              () -> "item " + at + " without its lead-in: " + summary);
          sawHomeList |= leadIn.equals(HOME_LEAD_IN);
        }
        if (line.equals("At-home Treatments") || line.equals("Medical Treatment")) {
          assertTrue(i + 1 < lines.size() && !lines.get(i + 1).isEmpty(),
              () -> "heading without its text: " + summary);
        }
        if (line.endsWith(HOME_LEAD_IN) || line.endsWith(OUTPATIENT_LEAD_IN)) {
          assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith("- "),
              () -> "lead-in without its items: " + summary);
        }
      }
    }
    assertTrue(sawHomeList, "some budget shows the home-treatment list");
  }

  @Test
  void aListThatDoesNotFitWholeKeepsItsLeadInAndFirstItems() {
    String text = "Hemorrhoids often get better with simple changes at home.\n"
        + HOME_LEAD_IN + "\n"
        + "- drinking six to eight 8-ounce glasses of water or other nonalcoholic fluids each day\n"
        + "- sitting in a tub of warm water for 10 minutes several times a day\n"
        + "- exercising to prevent constipation\n"
        + "- not straining during bowel movements";
    String summary = Summarizer.summarize(text, 290);
    assertEquals("Hemorrhoids often get better with simple changes at home.\n" + HOME_LEAD_IN + "\n"
        + "- drinking six to eight 8-ounce glasses of water or other nonalcoholic fluids each day\n"
        + "- sitting in a tub of warm water for 10 minutes several times a day", summary);
  }

  @Test
  void aHeadingThatWouldEndTheSummaryIsLeftOut() {
    String text = "Most small leaks of bone cement cause no symptoms and need no treatment.\n"
        + "When to worry\n"
        + "Cement that reaches the spinal canal can press on nerves and cause leg pain, numbness "
        + "or weakness, which a surgeon should assess with a CT scan.";
    assertEquals("Most small leaks of bone cement cause no symptoms and need no treatment.",
        Summarizer.summarize(text, 120));
  }

  @Test
  void theSummaryStartsAfterAGreeting() {
    String text = "Hello,\nAn X-ray and a physical examination are needed before anyone can say "
        + "what causes your symptoms. " + distinct("A preoperative MRI can also help", 20);
    String summary = Summarizer.summarize(text, 200);
    assertTrue(summary.startsWith("An X-ray and a physical examination"), summary);
    assertEquals("Rest for two days.",
        Summarizer.summarize("Dear Mr. Chen,\nRest for two days.", 600), "even when all fits");
    assertEquals("Rest for two days.",
        Summarizer.summarize("Dear Mr. Chen,\nRest for two days. " + "Walk a bit. ".repeat(80),
            20));
  }

  @Test
  void aSeekCareSentenceNearTheEndIsKeptAndOthersGiveWay() {
    String text = "Numbness in the leg after kyphoplasty usually comes from the fracture itself "
        + "and fades over weeks. " + "Gentle walking every day helps the back recover. "
        + "Physical therapy can start once the pain allows it, usually after two weeks. "
        + "Most patients return to their usual activities within a month or two. "
        + "Seek care promptly if you develop new leg pain, numbness or weakness.";
    String summary = Summarizer.summarize(text, 250);
    assertTrue(summary.length() <= 250, summary);
    assertTrue(summary.startsWith("Numbness in the leg after kyphoplasty"), summary);
    assertTrue(summary.endsWith("\nSeek care promptly if you develop new leg pain, numbness or "
        + "weakness."), summary);
  }

  @Test
  void aSeekCareSentenceFarFromThePartShownIsNotPulledIn() {
    String text = "Numbness in the leg after kyphoplasty usually comes from the fracture itself "
        + "and fades over weeks. " + distinct("Gentle walking every day helps the back recover", 12)
        + "Seek care promptly if you develop new leg pain, numbness or weakness.";
    String summary = Summarizer.summarize(text, 250);
    assertFalse(summary.contains("Seek care"), summary);
    assertTrue(summary.startsWith("Numbness in the leg"), summary);
  }

  @Test
  void aSeekCareListItemComesWithItsLeadIn() {
    String text = "A hemorrhoid can bleed when stools are hard. "
        + distinct("Eating more fiber and drinking water make stools softer", 4) + "\n"
        + "Call your doctor right away if you have\n"
        + "- bleeding that does not stop\n"
        + "- severe pain in the anus";
    String summary = Summarizer.summarize(text, 220);
    assertTrue(summary.length() <= 220, summary);
    assertTrue(summary.startsWith("A hemorrhoid can bleed"), summary);
    assertTrue(summary.endsWith("\nCall your doctor right away if you have\n"
        + "- bleeding that does not stop"), summary);
  }

  @Test
  void seekCareSentencesAreRecognised() {
    for (String s : List.of("If you still have concerns, please visit the outpatient clinic for "
            + "evaluation!", "Seek care promptly if you develop new leg pain.",
        "Call your doctor if the fever lasts.", "See a doctor if it gets worse.",
        "Go to the emergency department at once.", "call 911 if you have chest pain",
        "Talk to your health care provider about other options.",
        "Get medical help right away if you faint.", "Please consult your physician.")) {
      assertTrue(Summarizer.isSeekCare(s), s);
    }
    for (String s : List.of("The doctor places a rubber band around the base.",
        "Outpatient treatments can be performed in a doctor's office or a hospital.",
        "Emergency surgery is rarely needed.", "See the table below.")) {
      assertFalse(Summarizer.isSeekCare(s), s);
    }
  }

  /**
   * {@code n} sentences of about the same length that differ in a number, for long text: a summary
   * shows a sentence repeated word for word only once.
   */
  private static String distinct(String sentence, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append(sentence).append(" (").append(i).append("). ");
    }
    return sb.toString();
  }

  @Test
  void aCollectionsLabelAndItsOpeningQuestionAreNotTheSummary() {
    String gard = "What are the signs and symptoms of Aniridia? Aniridia is the absence of the "
        + "colored part of the eye.";
    assertEquals("Aniridia is the absence of the colored part of the eye.",
        Summarizer.summarize(gard, 600, true));
    assertEquals(gard, Summarizer.summarize(gard, 600, false), "a doctor's opening question stays");
    assertEquals("Human papillomaviruses are common viruses.",
        Summarizer.summarize("Summary : Human papillomaviruses are common viruses.", 600));
  }
}
