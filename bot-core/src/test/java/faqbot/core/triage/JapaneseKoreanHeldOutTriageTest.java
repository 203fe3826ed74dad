package faqbot.core.triage;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frozen Japanese and Korean held-out tables ({@code heldout-cases-ja.tsv}, {@code -ko}):
 * written in one go before any rule, development table or rule example of these languages, never
 * edited to pass, never used to choose a rule. Columns as in the development tables (level,
 * category, message); a self-harm row counts as an emergency. Prints the figures only, not the
 * messages, so that running it does not turn the tables into development tables.
 */
class JapaneseKoreanHeldOutTriageTest {

  /**
   * Floors at the figures measured once after the fitting on the two development tables of each
   * language (ja 28/28 emergencies, 6/6 urgent, 0/15 false alarms; ko the same; before any rule
   * existed ja 1/28, 0/6, 2/15, the Chinese rules reading its kanji, and ko 0/28, 0/6, 0/15): the
   * rules may not get worse on messages they were never fitted to. Never lowered to let a change
   * pass.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ja, 28, 6, 0",
      "ko, 28, 6, 0"})
  void tableKeepsItsFigures(String language, int minEmergencies, int minUrgent, int maxFalseAlarms)
      throws IOException {
    LanguageHeldOutTable.assertKeepsItsFigures(language, minEmergencies, minUrgent, maxFalseAlarms);
  }
}
