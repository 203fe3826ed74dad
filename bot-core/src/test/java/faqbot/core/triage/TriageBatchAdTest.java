package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batch AD: a second, fresh batch for Arabic, Turkish, Ukrainian and Vietnamese, written before
 * their rule files were read. Pets, past history, negations, topic questions and dose questions
 * beside emergencies about relatives and coworkers, typed without diacritics or mixed with English.
 * Prints emergency recall, urgent recall and false alarms per language (misses named, as this is a
 * development batch) and holds each language to the figures last measured.
 */
class TriageBatchAdTest {

  static final List<String> LANGUAGES = List.of("ar", "tr", "uk", "vi");

  /** Caught emergencies, caught urgent messages, false alarms: as last measured, per language. */
  record Floor(int emergencies, int urgents, int falseAlarms) {}

  static final Map<String, Floor> FLOORS = floors();

  /**
   * After the batch AD fit (before it: emergencies ar 18/21, tr 21/21, uk 20/21, vi 21/21; urgent
   * ar 4, tr 4, uk 5, vi 6 of 12; false alarms ar 3, tr 6, uk 4, vi 8 of 30). The false alarms
   * left are commented in their tables.
   */
  private static Map<String, Floor> floors() {
    Map<String, Floor> m = new LinkedHashMap<>();
    m.put("ar", new Floor(21, 12, 0));
    m.put("tr", new Floor(21, 12, 1));
    m.put("uk", new Floor(21, 12, 0));
    m.put("vi", new Floor(21, 12, 2));
    return m;
  }

  static String file(String lang) {
    return "triage-batch-ad-" + lang + ".tsv";
  }

  /** A self-harm message counts as an emergency, as {@link TriageResult#emergency()} does. */
  private static HeldOutTriageTest.Tally tally(Triage triage, String lang,
      HeldOutTriageTest.Tally all) throws IOException {
    HeldOutTriageTest.Tally t = new HeldOutTriageTest.Tally();
    for (TriageTableTest.Case c : TriageTableTest.cases(file(lang))) {
      Level expected = c.level() == Level.SELF_HARM ? Level.EMERGENCY : c.level();
      HeldOutTriageTest.Case counted = new HeldOutTriageTest.Case(c.line(), expected, lang, c.message());
      TriageResult r = triage.assess(c.message());
      t.add(counted, r);
      all.add(counted, r);
    }
    return t;
  }

  @Test
  void eachLanguageKeepsItsFigures() throws IOException {
    Triage triage = Triage.loadDefault();
    HeldOutTriageTest.Tally all = new HeldOutTriageTest.Tally();
    StringBuilder failures = new StringBuilder();
    for (String lang : LANGUAGES) {
      HeldOutTriageTest.Tally t = tally(triage, lang, all);
      System.out.println("batch AD " + t.line(lang));
      t.misses.forEach(m -> System.out.println("  " + lang + " " + m));
      Floor f = FLOORS.get(lang);
      if (t.emergenciesCaught < f.emergencies() || t.urgentsCaught < f.urgents()
          || t.falseAlarms > f.falseAlarms()) {
        failures.append(t.line(lang)).append(" below ").append(f).append('\n');
      }
    }
    System.out.println("batch AD " + all.line("all"));
    assertTrue(failures.isEmpty(), failures::toString);
  }

  @Test
  void batchHoldsEveryKindOfMessageInEveryLanguage() throws IOException {
    for (String lang : LANGUAGES) {
      HeldOutTriageTest.Tally t = tally(Triage.loadDefault(), lang, new HeldOutTriageTest.Tally());
      assertTrue(t.emergencies >= 20, lang + ": at least 20 emergencies, have " + t.emergencies);
      assertTrue(t.urgents >= 12, lang + ": at least 12 urgent messages, have " + t.urgents);
      assertTrue(t.lookAlikes >= 28, lang + ": at least 28 look-alikes, have " + t.lookAlikes);
    }
  }
}
