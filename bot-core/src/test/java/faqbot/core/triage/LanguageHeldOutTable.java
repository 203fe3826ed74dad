package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.HeldOutTriageTest.Case;
import faqbot.core.triage.HeldOutTriageTest.Tally;
import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.Locale;

/**
 * One language's frozen held-out table ({@code heldout-cases-<language>.tsv}: level, category,
 * message; a self-harm row counts as an emergency) against its floors. Prints the figures only,
 * not the messages, so that running it does not turn the table into a development table.
 */
final class LanguageHeldOutTable {
  private LanguageHeldOutTable() {}

  static void assertKeepsItsFigures(String language, int minEmergencies, int minUrgent,
      int maxFalseAlarms) throws IOException {
    String file = "heldout-cases-" + language + ".tsv";
    Tally t = new Tally();
    Triage triage = Triage.loadDefault();
    for (TsvTable.Row row : TsvTable.read(file, 3)) {
      String[] cols = row.columns();
      Level level = Level.valueOf(cols[0]);
      Level expected = level == Level.SELF_HARM ? Level.EMERGENCY : level;
      t.add(new Case(row.line(), expected, language, cols[2]), triage.assess(cols[2]));
    }
    System.out.println(file + " " + t.line(language));
    System.out.printf(Locale.ROOT, "%s targets: emergency recall >= %.2f, urgent recall >= %.2f,"
        + " false alarms <= %.2f%n", file, HeldOutTriageTest.TARGET_EMERGENCY_RECALL,
        HeldOutTriageTest.TARGET_URGENT_RECALL, HeldOutTriageTest.TARGET_FALSE_ALARMS);
    assertTrue(t.emergencies >= 25 && t.urgents >= 5 && t.lookAlikes >= 15,
        "the table is large enough");
    assertTrue(t.emergenciesCaught >= minEmergencies, t.line(language));
    assertTrue(t.urgentsCaught >= minUrgent, t.line(language));
    assertTrue(t.falseAlarms <= maxFalseAlarms, t.line(language));
  }
}
