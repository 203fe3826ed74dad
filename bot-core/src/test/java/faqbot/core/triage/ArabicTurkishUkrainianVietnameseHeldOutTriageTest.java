package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.HeldOutTriageTest.Case;
import faqbot.core.triage.HeldOutTriageTest.Tally;
import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frozen Arabic, Turkish, Ukrainian and Vietnamese held-out tables ({@code
 * heldout-cases-ar.tsv}, {@code -tr}, {@code -uk}, {@code -vi}): written in one go before any rule
 * of these languages existed and before their development tables, never edited to pass, never
 * used to choose a rule. Columns as in the development tables (level, category,
 * message); a self-harm row counts as an emergency. Prints the figures only, not the messages, so
 * that running it does not turn the tables into development tables.
 */
class ArabicTurkishUkrainianVietnameseHeldOutTriageTest {

  /**
   * Floors one message under the figures measured once after the first fitting (README: ar 28/28
   * emergencies, 4/6 urgent, 1/15 false alarms; tr 27/28, 5/6, 2/15; uk 27/28, 5/6, 1/15; vi
   * 28/28, 5/6, 1/15; before the rules existed every language caught 0/28 and 0/6): the rules
   * may not get worse on messages they were never fitted to. Raised when the rules improve; never
   * lowered to let a change pass.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ar, 27, 3, 2",
      "tr, 26, 4, 3",
      "uk, 26, 4, 2",
      "vi, 27, 4, 2"})
  void tableKeepsItsFigures(String language, int minEmergencies, int minUrgent, int maxFalseAlarms)
      throws IOException {
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
