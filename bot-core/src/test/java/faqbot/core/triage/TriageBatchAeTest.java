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
   * Before the batch AE fit (nothing held yet; persistent nosebleeds labelled EMERGENCY, see the
   * tables' header): emergencies en 21/22, es fr pt 12/13, zh it ru 11/13, de nl pl 10/13
   * (120/139); urgent en 2/8, fr de pt it pl 1/4, the rest 0/4 (7/44, 16 read as emergencies);
   * false alarms en 2/32, es fr it 1/18, nl ru 2, de pt pl 3, zh 0 (18/194).
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
    BATCH.assertMixesLookAlikesAndAlarms(30, 10, 4);
  }
}
