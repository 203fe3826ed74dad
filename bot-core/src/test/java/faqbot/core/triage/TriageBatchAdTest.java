package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batch AD: a second, fresh batch for Arabic, Turkish, Ukrainian and Vietnamese, written before
 * their rule files were read. Pets, past history, negations, topic questions and dose questions
 * beside emergencies about relatives and coworkers, typed without diacritics or mixed with English.
 * Held per language by {@link LanguageBatch}.
 */
class TriageBatchAdTest {

  /**
   * After the batch AD fit (before it: emergencies ar 18/21, tr 21/21, uk 20/21, vi 21/21; urgent
   * ar 4, tr 4, uk 5, vi 6 of 12; false alarms ar 3, tr 6, uk 4, vi 8 of 30). The false alarms
   * left are commented in their tables.
   */
  static final LanguageBatch BATCH = new LanguageBatch("ad", floors());

  private static Map<String, LanguageBatch.Floor> floors() {
    Map<String, LanguageBatch.Floor> m = new LinkedHashMap<>();
    m.put("ar", new LanguageBatch.Floor(21, 12, 0));
    m.put("tr", new LanguageBatch.Floor(21, 12, 1));
    m.put("uk", new LanguageBatch.Floor(21, 12, 0));
    m.put("vi", new LanguageBatch.Floor(21, 12, 2));
    return m;
  }

  @Test
  void eachLanguageKeepsItsFigures() throws IOException {
    BATCH.assertEachLanguageKeepsItsFigures(Triage.loadDefault());
  }

  @Test
  void batchHoldsEveryKindOfMessageInEveryLanguage() throws IOException {
    for (String lang : BATCH.languages()) {
      HeldOutTriageTest.Tally t = BATCH.tally(Triage.loadDefault(), lang);
      assertTrue(t.emergencies >= 20, lang + ": at least 20 emergencies, have " + t.emergencies);
      assertTrue(t.urgents >= 12, lang + ": at least 12 urgent messages, have " + t.urgents);
      assertTrue(t.lookAlikes >= 28, lang + ": at least 28 look-alikes, have " + t.lookAlikes);
    }
  }
}
