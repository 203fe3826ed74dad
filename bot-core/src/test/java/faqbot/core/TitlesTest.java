package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.Parsers;
import faqbot.knowledge.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TitlesTest {
  private static final Path MEDQUAD =
      Path.of(System.getProperty("faqbot.shared", "../shared"), "data", "medquad");
  private static final Pattern ACRONYM = Pattern.compile("\\b\\p{Lu}{2,}\\b");

  private static Entry medquad(String question, String focus, String answer) {
    return Entry.builder(Entry.Kind.QA).title(question).question(question).focus(focus)
        .reply(answer).source(new Source("x.xml", "MedQuAD/GARD", null, "GARD_x_Sec1")).build();
  }

  @Test
  void medquadTemplateGrammarBecomesAPatientsQuestion() {
    Map<String, String[]> cases = Map.ofEntries(
        Map.entry("What is chest pain?", new String[] {"What is (are) Chest Pain ?", "Chest Pain"}),
        Map.entry("What are the symptoms of glaucoma?",
            new String[] {"What are the symptoms of Glaucoma ?", "Glaucoma"}),
        Map.entry("What is Parkinson's disease?",
            new String[] {"What is (are) Parkinson's Disease ?", "Parkinson's Disease"}),
        Map.entry("What is HIV/AIDS?", new String[] {"What is (are) HIV/AIDS ?", "HIV/AIDS"}),
        Map.entry("What are hemorrhoids?", new String[] {"What is (are) Hemorrhoids ?",
            "Hemorrhoids"}),
        Map.entry("What are kidney stones in adults?",
            new String[] {"What is (are) Kidney Stones in Adults ?", "Kidney Stones in Adults"}),
        Map.entry("What is diabetes?", new String[] {"What is (are) Diabetes ?", "Diabetes"}),
        Map.entry("Who is at risk for leukemia?",
            new String[] {"Who is at risk for Leukemia? ?", "Leukemia"}),
        Map.entry("How common is botulism?", new String[] {"how common is botulism?", "Botulism"}),
        Map.entry("Do you have information about air pollution?",
            new String[] {"Do you have information about Air Pollution", "Air Pollution"}),
        Map.entry("What causes diabetes?",
            new String[] {"What causes Causes of Diabetes ?", "Causes of Diabetes"}),
        Map.entry("How to diagnose Graves' disease?",
            new String[] {"How to diagnose Graves' Disease ?", "Graves' Disease"}),
        Map.entry("How to diagnose Crohn's disease?",
            new String[] {"How to diagnose What I need to know about Crohn's Disease ?",
                "What I need to know about Crohn's Disease"}),
        Map.entry("How to prevent my child's urinary tract infection?",
            new String[] {"How to prevent What I need to know about My Child's Urinary Tract "
                + "Infection ?", "What I need to know about My Child's Urinary Tract Infection"}),
        Map.entry("What is Barrett esophagus?",
            new String[] {"What is (are) Barrett esophagus ?", "Barrett esophagus"}),
        Map.entry("What is trichuriasis (also known as whipworm infection)?",
            new String[] {"What is (are) Parasites - Trichuriasis (also known as Whipworm "
                + "Infection) ?", "Parasites - Trichuriasis (also known as Whipworm Infection)"}),
        Map.entry("What to do in case of a severe reaction to human papillomavirus (HPV) vaccine "
            + "(Cervarix)?", new String[] {"What to do in case of a severe reaction to Human "
            + "Papillomavirus (HPV) Vaccine (Cervarix) ?",
            "Human Papillomavirus (HPV) Vaccine (Cervarix)"}),
        Map.entry("How to avoid exercise injuries?",
            new String[] {"What is (are) How to avoid exercise injuries ?",
                "How to avoid exercise injuries"}),
        Map.entry("Who is at risk for hantavirus?",
            new String[] {"Who is at risk for ? ?", "Hantavirus"}));
    for (var c : cases.entrySet()) {
      String[] in = c.getValue();
      assertEquals(c.getKey(), ReplyComposer.title(medquad(in[0], in[1], null)), in[0]);
    }
  }

  @Test
  void theAnswerDecidesWhichCapitalsAreNames() {
    String answer = "Down syndrome is a chromosomal condition. People with Down syndrome have "
        + "an extra copy of chromosome 21, and Down syndrome affects about 1 in 700 newborns. "
        + "Mild to moderate intellectual disability is common in Down syndrome.";
    assertEquals("What is Down syndrome?",
        ReplyComposer.title(medquad("What is (are) Down Syndrome ?", "Down Syndrome", answer)));
    // the answer's own lower case outweighs the topic's title case
    assertEquals("What are the treatments for Klippel-Trenaunay syndrome (KTS)?",
        ReplyComposer.title(medquad("What are the treatments for Klippel-Trenaunay Syndrome (KTS) ?",
            "Klippel-Trenaunay Syndrome (KTS)", "There is no cure for Klippel-Trenaunay "
            + "syndrome. Treatment of Klippel-Trenaunay syndrome (KTS) is symptomatic.")));
    // a sentence-cased topic's first word: lower case where the answer writes it so
    assertEquals("How to prevent allergic rhinitis?", ReplyComposer.title(medquad(
        "How to prevent Allergic rhinitis ?", "Allergic rhinitis",
        "Avoiding triggers is the best way to prevent allergic rhinitis symptoms.")));
    // headings and sentence starts say nothing about a word
    assertEquals("What is stroke?", ReplyComposer.title(medquad("What is (are) Stroke ?", "Stroke",
        "Stroke Basics\nStroke is a medical emergency.\n- Stroke can cause paralysis.")));
  }

  @Test
  void otherTitlesOnlyLoseStraySpacesAndKeepTheirCapitals() {
    Entry page = Entry.builder(Entry.Kind.QA).title("Pain after  Kyphoplasty and MRI ?")
        .question("q").reply("r.").source(new Source("t", "seed", null, "t-1")).build();
    assertEquals("Pain after Kyphoplasty and MRI?", ReplyComposer.title(page));
    assertEquals("Pain after  Kyphoplasty and MRI ?", page.title(), "the stored title stays");
  }

  @Test
  void everyRealMedquadQuestionReadsAsAQuestionWithItsAcronymsAndWords() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(MEDQUAD), "MedQuAD absent");
    List<Entry> all = new ArrayList<>();
    try (var dirs = Files.list(MEDQUAD)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        try (var files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
            all.addAll(Parsers.parse(Format.MEDQUAD, f.toString(),
                Files.readString(f, StandardCharsets.UTF_8)).entries());
          }
        }
      }
    }
    assertTrue(all.size() > 40_000, "all of MedQuAD: " + all.size());
    Set<String> seams = Set.of("what", "i", "need", "to", "know", "about", "parasites", "causes",
        "of", "is", "are");
    int lowered = 0;
    for (Entry e : all) {
      String raw = e.question();
      String title = ReplyComposer.title(e);
      assertTrue(title.endsWith("?"), title);
      assertFalse(title.contains("(are)") || title.contains("(is)") || title.contains(" ?")
          || title.contains("??") || title.contains("? ?") || title.contains("  "), title);
      assertFalse(Character.isLowerCase(title.charAt(0)), title);
      Matcher m = ACRONYM.matcher(raw);
      while (m.find()) {
        assertTrue(title.contains(m.group()), () -> raw + " => " + title);
      }
      // nothing invented: every word shown was in the question or is the focus filling a gap
      Set<String> words = words(raw + " " + e.focus());
      for (String w : words(title)) {
        assertTrue(words.contains(w) || seams.contains(w), () -> raw + " => " + title);
      }
      // and nothing but template seams left out
      Set<String> shown = words(title);
      for (String w : words(raw)) {
        assertTrue(shown.contains(w) || seams.contains(w), () -> raw + " => " + title);
      }
      if (!title.equals(Texts.oneLine(raw, 200))) {
        lowered++;
      }
      assertEquals(raw, e.question(), "the stored question is unchanged");
    }
    assertTrue(lowered > all.size() / 2, "most questions needed cleaning: " + lowered);
    Map<String, String> real = Map.of(
        "What are the treatments for Hemorrhoids ?", "What are the treatments for hemorrhoids?",
        "How to diagnose Parkinson's Disease ?", "How to diagnose Parkinson's disease?",
        "How to diagnose Down syndrome ?", "How to diagnose Down syndrome?",
        "What is (are) Hemorrhoids ?", "What are hemorrhoids?",
        "How to prevent Glaucoma ?", "How to prevent glaucoma?");
    Map<String, String> shownFor = all.stream().filter(e -> real.containsKey(e.question()))
        .collect(Collectors.toMap(Entry::question, ReplyComposer::title, (a, b) -> a));
    assertEquals(real, shownFor);
  }

  private static Set<String> words(String s) {
    return new HashSet<>(Arrays.asList(s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")))
        .stream().filter(w -> !w.isEmpty()).collect(Collectors.toSet());
  }
}
