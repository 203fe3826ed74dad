package faqbot.core.triage;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frozen Hindi and Indonesian held-out tables ({@code heldout-cases-hi.tsv}, {@code -id}):
 * written in one go before any rule of these languages existed and before their development
 * tables, never edited to pass, never used to choose a rule. Columns as in the development tables
 * (level, category, message); a self-harm row counts as an emergency. Prints the figures only,
 * not the messages, so that running it does not turn the tables into development tables.
 */
class HindiIndonesianHeldOutTriageTest {

  /**
   * Floors at the figures measured once after the first fitting (README: hi 30/30 emergencies,
   * 6/6 urgent, 1/16 false alarms; id 32/32, 6/6, 0/16; before the rules existed hi caught 1/30
   * and 0/6 with 1/16 false alarms, id 1/32 and 0/6 with 0/16, through the English rules): the
   * rules may not get worse on messages they were never fitted to. Never lowered to let a change
   * pass.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "hi, 30, 6, 1",
      "id, 32, 6, 0"})
  void tableKeepsItsFigures(String language, int minEmergencies, int minUrgent, int maxFalseAlarms)
      throws IOException {
    LanguageHeldOutTable.assertKeepsItsFigures(language, minEmergencies, minUrgent, maxFalseAlarms);
  }
}
