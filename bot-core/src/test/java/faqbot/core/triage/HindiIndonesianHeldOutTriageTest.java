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
   * No floors yet: the tables are committed before the rules, so the first run measures what the
   * bot catches without any Hindi or Indonesian rule.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "hi, 0, 0, 16",
      "id, 0, 0, 16"})
  void tableKeepsItsFigures(String language, int minEmergencies, int minUrgent, int maxFalseAlarms)
      throws IOException {
    LanguageHeldOutTable.assertKeepsItsFigures(language, minEmergencies, minUrgent, maxFalseAlarms);
  }
}
