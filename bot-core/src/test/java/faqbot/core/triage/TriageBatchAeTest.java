package faqbot.core.triage;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Batch AE (time and persistence): emergencies happening now or still going on, a story or game
 * followed by a real event dated only by "now", events that passed but still need an ambulance,
 * beside past episodes, chronic conditions, sequelae and questions about a cause, in ten
 * languages; held per language by {@link LanguageBatch}.
 */
class TriageBatchAeTest {

  /**
   * Before the batch AE fit (nothing held yet): emergencies en 20/20, de 9/12, zh nl pl 10/12, the
   * rest 11/12 (114/128); urgent en 2/10, fr de pt it pl 1/5, the rest 0/5 (7/55, 22 read as
   * emergencies); false alarms en 2/32, es fr it 1/18, nl ru 2, de pt pl 3, zh 0 (18/194).
   */
  static final LanguageBatch BATCH = new LanguageBatch("ae", floors());

  private static Map<String, LanguageBatch.Floor> floors() {
    Map<String, LanguageBatch.Floor> m = new LinkedHashMap<>();
    m.put("en", new LanguageBatch.Floor(0, 0, 32));
    for (String lang : new String[] {"es", "fr", "de", "pt", "zh", "it", "nl", "ru", "pl"}) {
      m.put(lang, new LanguageBatch.Floor(0, 0, 18));
    }
    return m;
  }

  @Test
  void eachLanguageKeepsItsFigures() throws IOException {
    BATCH.assertEachLanguageKeepsItsFigures(Triage.loadDefault());
  }

  @Test
  void batchMixesLookAlikesAndAlarmsInEveryLanguage() throws IOException {
    BATCH.assertMixesLookAlikesAndAlarms(30, 10, 5);
  }
}
