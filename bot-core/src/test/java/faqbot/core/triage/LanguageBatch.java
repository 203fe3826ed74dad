package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A development batch written one file per language ({@code triage-batch-<name>-<language>.tsv}),
 * held per language to the figures last measured so a later rule change cannot quietly lose what
 * a fit gained. Misses are printed by name, as these are development tables.
 */
final class LanguageBatch {

  /** Caught emergencies, caught urgent messages, false alarms: as last measured. */
  record Floor(int emergencies, int urgents, int falseAlarms) {}

  private final String name;
  private final Map<String, Floor> floors;

  /** {@code floors} in the order the languages are printed. */
  LanguageBatch(String name, Map<String, Floor> floors) {
    this.name = name;
    this.floors = floors;
  }

  List<String> languages() {
    return List.copyOf(floors.keySet());
  }

  String file(String lang) {
    return "triage-batch-" + name.toLowerCase(Locale.ROOT) + "-" + lang + ".tsv";
  }

  /** A self-harm message counts as an emergency, as {@link TriageResult#emergency()} does. */
  HeldOutTriageTest.Tally tally(Triage triage, String lang) throws IOException {
    return tally(triage, lang, new HeldOutTriageTest.Tally());
  }

  /** As {@link #tally(Triage, String)}, each message also counted in {@code all}. */
  private HeldOutTriageTest.Tally tally(Triage triage, String lang, HeldOutTriageTest.Tally all)
      throws IOException {
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

  /** Prints every language's figures and misses, then all languages', and fails below a floor. */
  void assertEachLanguageKeepsItsFigures(Triage triage) throws IOException {
    HeldOutTriageTest.Tally all = new HeldOutTriageTest.Tally();
    StringBuilder failures = new StringBuilder();
    String label = "batch " + name.toUpperCase(Locale.ROOT) + " ";
    for (String lang : languages()) {
      HeldOutTriageTest.Tally t = tally(triage, lang, all);
      System.out.println(label + t.line(lang));
      t.misses.forEach(m -> System.out.println("  " + lang + " " + m));
      Floor f = floors.get(lang);
      if (t.emergenciesCaught < f.emergencies() || t.urgentsCaught < f.urgents()
          || t.falseAlarms > f.falseAlarms()) {
        failures.append(t.line(lang)).append(" below ").append(f).append('\n');
      }
    }
    System.out.println(label + all.line("all"));
    assertTrue(failures.isEmpty(), failures::toString);
  }

  @Override
  public String toString() {
    return "batch " + name.toUpperCase(Locale.ROOT);
  }
}
