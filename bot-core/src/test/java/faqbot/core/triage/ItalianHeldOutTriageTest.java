package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.HeldOutTriageTest.Case;
import faqbot.core.triage.HeldOutTriageTest.Tally;
import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The frozen Italian held-out table ({@code heldout-cases-it.tsv}): written in one go before any
 * Italian rule existed, never edited to pass, never used to choose a rule. Its columns are those
 * of the development tables (level, category, message); a self-harm row counts as an emergency,
 * as in the other held-out tables. Prints the figures only, not the messages, so that running it
 * does not turn it into a development table.
 */
class ItalianHeldOutTriageTest {

  static final String FILE = "heldout-cases-it.tsv";

  /**
   * Just under the figures as first measured (README: 72/72 emergencies, 24/24 urgent, 0/47 false
   * alarms), one message of slack each: the Italian rules may not get worse on messages they were
   * never fitted to. Raised when the rules improve; never lowered to let a change pass.
   */
  static final double MIN_EMERGENCY_RECALL = 0.98;
  static final double MAX_FALSE_ALARMS = 0.022;
  static final double MIN_URGENT_RECALL = 0.95;

  static Tally evaluate(Triage triage) throws IOException {
    Tally all = new Tally();
    for (TsvTable.Row row : TsvTable.read(FILE, 3)) {
      String[] cols = row.columns();
      Level level = Level.valueOf(cols[0]);
      Level expected = level == Level.SELF_HARM ? Level.EMERGENCY : level;
      all.add(new Case(row.line(), expected, "it", cols[2]), triage.assess(cols[2]));
    }
    return all;
  }

  @Test
  void italianTableKeepsItsFigures() throws IOException {
    Tally it = evaluate(Triage.loadDefault());
    System.out.println(FILE + " " + it.line("it"));
    System.out.printf(Locale.ROOT, "%s targets: emergency recall >= %.2f, urgent recall >= %.2f,"
        + " false alarms <= %.2f%n", FILE, HeldOutTriageTest.TARGET_EMERGENCY_RECALL,
        HeldOutTriageTest.TARGET_URGENT_RECALL, HeldOutTriageTest.TARGET_FALSE_ALARMS);
    assertTrue(it.emergencies >= 60 && it.urgents >= 20 && it.lookAlikes >= 40,
        "the table is large enough");
    assertTrue(it.emergencyRecall() >= MIN_EMERGENCY_RECALL, it.line("it"));
    assertTrue(it.falseAlarmRate() <= MAX_FALSE_ALARMS, it.line("it"));
    assertTrue(it.urgentRecall() >= MIN_URGENT_RECALL, it.line("it"));
  }
}
