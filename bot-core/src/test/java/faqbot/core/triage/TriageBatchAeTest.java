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

  /**
   * After the batch AE fit: every emergency caught; urgent 6/8 in English and 3/4 elsewhere (a
   * first seizure yesterday that is "fine today" is still read as an emergency, "today" dating it
   * now, and English chest pain "on and off, none right now" too); one false alarm, Portuguese (a
   * stroke years ago and an arm that "ainda" cannot lift), left as commented in its table.
   */
  private static Map<String, LanguageBatch.Floor> floors() {
    Map<String, LanguageBatch.Floor> m = new LinkedHashMap<>();
    m.put("en", new LanguageBatch.Floor(22, 6, 0));
    m.put("es", new LanguageBatch.Floor(13, 3, 0));
    m.put("fr", new LanguageBatch.Floor(13, 3, 0));
    m.put("de", new LanguageBatch.Floor(13, 3, 0));
    m.put("pt", new LanguageBatch.Floor(13, 3, 1));
    m.put("zh", new LanguageBatch.Floor(13, 3, 0));
    m.put("it", new LanguageBatch.Floor(13, 3, 0));
    m.put("nl", new LanguageBatch.Floor(13, 3, 0));
    m.put("ru", new LanguageBatch.Floor(13, 3, 0));
    m.put("pl", new LanguageBatch.Floor(13, 3, 0));
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
