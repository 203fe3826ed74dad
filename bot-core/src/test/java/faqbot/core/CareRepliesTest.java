package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import faqbot.core.triage.TriageResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of emergency or urgent message a rule file can find has its guidance, in English and
 * in each language the bot triages, so that no language silently falls back to the bare number.
 */
class CareRepliesTest {

  @ParameterizedTest
  @ValueSource(strings = {"en", "es", "fr", "de", "pt", "zh", "it", "ru", "nl", "pl", "uk",
      "tr", "ar", "vi", "hi", "id",
      "ja", "ko", "sv", "no", "da", "fa", "tl"})
  void everyCategoryARuleCanReturnHasItsLines(String rulesLanguage) throws IOException {
    Properties english = read("en");
    for (String[] trigger : triggers(rulesLanguage)) {
      String level = trigger[0];
      String category = trigger[1];
      if (level.equals("EMERGENCY") && !category.equals("GENERAL")) {
        assertNotNull(english.getProperty("emergency." + category),
            () -> "no emergency guidance for " + category + " (rules-" + rulesLanguage + ")");
      } else if (level.equals("URGENT")) {
        assertNotNull(english.getProperty("urgent." + category),
            () -> "no urgent note for " + category + " (rules-" + rulesLanguage + ")");
      }
    }
  }

  /** Languages with triage rules of their own: their care lines must be complete. */
  @ParameterizedTest
  @ValueSource(strings = {"es", "fr", "de", "pt", "zh", "it", "ru", "nl", "pl", "uk", "tr",
      "ar", "vi", "hi", "id",
      "ja", "ko", "sv", "no", "da", "fa", "tl"})
  void triagedLanguagesSayEverythingEnglishSays(String language) throws IOException {
    assertEquals(new TreeSet<>(read("en").stringPropertyNames()),
        new TreeSet<>(read(language).stringPropertyNames()), language);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "es", "fr", "de", "pt", "zh", "it", "nl", "pl", "ru", "uk",
      "tr", "ar", "vi", "hi", "id",
      "ja", "ko", "sv", "no", "da", "fa", "tl"})
  void everyLanguageNamesTheNumberAndOnlyKnownKeys(String language) throws IOException {
    Properties p = read(language);
    Set<String> known = read("en").stringPropertyNames();
    assertTrue(known.containsAll(p.stringPropertyNames()), language);
    for (String key : List.of("emergency.call", "self-harm.taken", "self-harm.other",
        "urgent.worse", "urgent.worse.SPINE_PROCEDURE", "urgent.worse.NERVES")) {
      String line = p.getProperty(key);
      assertTrue(line == null || line.contains("{number}"), () -> language + " " + key);
    }
    assertNotNull(p.getProperty("emergency.call"), language);
    assertTrue(CareReplies.line(language, "emergency.call", "112").contains("112"), language);
  }

  /**
   * Bladder and bowel control are the warning signs of nerve damage after a spine procedure: said
   * to the parent of a jaundiced baby they only confuse. Other urgent notes name the signs that
   * make anything an emergency.
   */
  @ParameterizedTest
  @ValueSource(strings = {"en", "de", "zh"})
  void theWorseningSignsFitTheKindOfUrgentCase(String language) {
    CoreConfig config = CoreConfig.defaults();
    String spine = String.join(" ", CareReplies.urgentNotes(
        new TriageResult(TriageResult.Level.URGENT, "spine", "SPINE_PROCEDURE"), config, language)
        .stream().map(Part::text).toList());
    String jaundice = String.join(" ", CareReplies.urgentNotes(
        new TriageResult(TriageResult.Level.URGENT, "jaundice", "JAUNDICE"), config, language)
        .stream().map(Part::text).toList());
    String spineSign = CareReplies.line(language, "urgent.worse.SPINE_PROCEDURE", config.emergencyNumber());
    String generalSign = CareReplies.line(language, "urgent.worse", config.emergencyNumber());
    assertTrue(spine.contains(spineSign) && !spine.contains(generalSign), spine);
    assertTrue(jaundice.contains(generalSign) && !jaundice.contains(spineSign), jaundice);
    assertTrue(jaundice.contains(config.emergencyNumber()), jaundice);
    assertTrue(!CareReplies.line("en", "urgent.worse", "911").contains("bladder"));
  }

  private static Properties read(String language) throws IOException {
    try (InputStream in = CareReplies.class.getResourceAsStream(
        "care-" + language + ".properties")) {
      assertNotNull(in, "care-" + language + ".properties");
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    }
  }

  /** (level, category) of every trigger line in a bundled rule file. */
  private static List<String[]> triggers(String language) throws IOException {
    try (InputStream in = CareReplies.class.getResourceAsStream(
        "triage/rules-" + language + ".txt")) {
      assertNotNull(in, "rules-" + language + ".txt");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String[]> found = new java.util.ArrayList<>();
      boolean inTriggers = false;
      for (String line : text.split("\n")) {
        String l = line.strip();
        if (l.startsWith("[")) {
          inTriggers = l.equals("[triggers]");
        } else if (inTriggers && !l.isEmpty() && !l.startsWith("#")) {
          String[] f = l.split("\\s+");
          found.add(new String[] {f[1], f[2]});
        }
      }
      assertTrue(found.size() > 20, () -> "triggers read from rules-" + language);
      return found;
    }
  }
}
