package faqbot.core.triage;

import java.io.IOException;
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
   * lowered to let a change pass: after batch AD (2026-12-06) tr 1/15 and uk 0/15 false alarms,
   * their floors one message over.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ar, 27, 3, 2",
      "tr, 26, 4, 2",
      "uk, 26, 4, 1",
      "vi, 27, 4, 2"})
  void tableKeepsItsFigures(String language, int minEmergencies, int minUrgent, int maxFalseAlarms)
      throws IOException {
    LanguageHeldOutTable.assertKeepsItsFigures(language, minEmergencies, minUrgent, maxFalseAlarms);
  }
}
