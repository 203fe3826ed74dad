package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batch AC (issue 9, "safety on every path"): look-alikes in media, quotation, hypothetical,
 * idiom and past-time frames beside emergencies in unusual wording, in English and seven more
 * languages. Prints emergency recall, urgent recall and false alarms per language (misses named,
 * as this is a development batch) and holds each language to the figures last measured, so a
 * later rule change cannot quietly lose what the fit gained.
 */
class TriageBatchAcTest {

  static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "pt", "zh", "it", "nl");

  /** Caught emergencies, caught urgent messages, false alarms: as last measured, per language. */
  record Floor(int emergencies, int urgents, int falseAlarms) {}

  static final Map<String, Floor> FLOORS = floors();

  /**
   * After the batch AC fit (before it: emergencies en 32/33, de 6/7, nl 6/7, the rest 7/7; urgent
   * en 6/7, fr 1/1, the rest 0/1; false alarms en 14/59, es 1, fr 3, de 1, pt 2, zh 2, it 4, nl 2
   * of 12). The one English false alarm left is commented in its table.
   */
  private static Map<String, Floor> floors() {
    Map<String, Floor> m = new LinkedHashMap<>();
    m.put("en", new Floor(33, 7, 1));
    m.put("es", new Floor(7, 1, 0));
    m.put("fr", new Floor(7, 1, 0));
    m.put("de", new Floor(7, 1, 0));
    m.put("pt", new Floor(7, 1, 0));
    m.put("zh", new Floor(7, 1, 0));
    m.put("it", new Floor(7, 1, 0));
    m.put("nl", new Floor(7, 1, 0));
    return m;
  }

  static String file(String lang) {
    return "triage-batch-ac-" + lang + ".tsv";
  }

  /** A self-harm message counts as an emergency, as {@link TriageResult#emergency()} does. */
  static HeldOutTriageTest.Tally tally(Triage triage, String lang) throws IOException {
    return tally(triage, lang, new HeldOutTriageTest.Tally());
  }

  /** As {@link #tally(Triage, String)}, each message also counted in {@code all}. */
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
      System.out.println("batch AC " + t.line(lang));
      t.misses.forEach(m -> System.out.println("  " + lang + " " + m));
      Floor f = FLOORS.get(lang);
      if (t.emergenciesCaught < f.emergencies() || t.urgentsCaught < f.urgents()
          || t.falseAlarms > f.falseAlarms()) {
        failures.append(t.line(lang)).append(" below ").append(f).append('\n');
      }
    }
    System.out.println("batch AC " + all.line("all"));
    assertTrue(failures.isEmpty(), failures::toString);
  }

  @Test
  void batchMixesLookAlikesAndEmergenciesInEveryLanguage() throws IOException {
    for (String lang : LANGUAGES) {
      HeldOutTriageTest.Tally t = tally(Triage.loadDefault(), lang);
      int rows = t.emergencies + t.urgents + t.lookAlikes;
      assertTrue(rows >= 20, lang + ": at least 20 messages, have " + rows);
      assertTrue(t.lookAlikes * 10 >= rows * 5, lang + ": at least half look-alikes");
      assertTrue(t.emergencies >= 6 && t.urgents >= 1, lang + ": emergencies and an urgent case");
    }
  }
}
