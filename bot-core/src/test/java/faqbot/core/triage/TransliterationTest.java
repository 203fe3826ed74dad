package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import faqbot.core.triage.TriageResult.Level;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Russian typed in Latin letters is read by the Russian rules in Cyrillic; messages in the other
 * languages are never rendered. The messages here were written for this test, beside the three
 * of batch X (triage-batch-x-ru.tsv) that showed the gap.
 */
class TransliterationTest {

  private static final Triage TRIAGE = Triage.loadDefault();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "muzh ne mozhet dyshat | муж не может дышат",
      "shchitovidka, zhivot, chasto, tsvet | щитовидка, живот, часто, цвет",
      "ya, yula, yozh, moy, ugarnyi | я, юла, еж, мои, угарныи",
      "v'yuga | вьюга",
  })
  void rendersTheCommonSchemes(String latin, String cyrillic) {
    assertEquals(cyrillic, Transliteration.toCyrillic(latin, w -> 0, false));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // the soft sign is put back only where the rules know the word with it
      "ne mogu dyshat | не могу дышать",
      "s golovnoi bolyu | с головнои болью",
      "on bredit | он бредит",
      // the reflexive ending, "ts" read as "тс", the plural ending after a consonant
      "ne shevelitsya | не шевелится",
      "v detstve | в детстве",
      "silnye boli | сильные боли",
  })
  void rendersWhatChatWritersLeaveOut(String latin, String cyrillic) {
    Set<String> known = Set.of("дышать", "болью", "бредит", "шевелится", "детстве", "сильные", "боли");
    assertEquals(cyrillic, Transliteration.toCyrillic(latin, w -> known.contains(w) ? 2 : 0, false));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ne mogu dyshat, pomogite | EMERGENCY",
      "vypila 30 tabletok snotvornogo | EMERGENCY",
      "babushka upala i ne prihodit v sebya | EMERGENCY",
      "u muzha silno davit v grudi uzhe polchasa | EMERGENCY",
      "rebenok podavilsya i ne mozhet dyshat | EMERGENCY",
      "ya bolshe ne hochu zhit | SELF_HARM",
  })
  void catchesRussianInLatinLetters(String message, Level level) {
    assertEquals(level, TRIAGE.assess(message).level(), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "tri goda nazad u menya byl infarkt, mozhno li mne pit kofe?",
      "smotrel serial, tam geroi umer ot peredozirovki",
      "eta rabota menya ubivaet, umirayu ot ustalosti",
      "v detstve menya uzhalila pchela, nuzhno li nosit adrenalin?",
      "babushka vchera upala, no golovoi ne udarilas, vse khorosho",
  })
  void leavesItsLookAlikesAlone(String message) {
    assertEquals(Level.NONE, TRIAGE.assess(message).level(), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I can not breathe and my chest hurts, is it on me or no?",
      "Nie mogę oddychać, boli mnie w klatce i nas to martwi",
      "Non riesco a respirare, ho un dolore al petto e sono da sola",
      "Ik kan niet ademen en heb pijn op de borst, help",
  })
  void neverRendersTheOtherLanguages(String message) {
    // repeated, as in a long message: short words alone never add up to Russian
    assertFalse(TRIAGE.readsAsTransliterated((message + " ").repeat(20)), message);
  }

  @Test
  void rendersNoneOfTheBenchmarkMessages() {
    // the rendering doubles the work of a message; TriageBench's long English, Polish, ... texts
    // must not pay it
    for (String message : TriageBench.messages()) {
      assertFalse(TRIAGE.readsAsTransliterated(message), message.substring(0, 60));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // two spellings the rules know whole: each reading takes one
      "false | govorit | говорит",
      "true | govorit | говорить",
      // a whole word beats a word only a stem starts
      "true | rebenok | ребенок",
  })
  void choosesTheSpellingTheRulesKnowBest(boolean preferSoft, String latin, String cyrillic) {
    Set<String> whole = Set.of("говорит", "говорить", "ребенок");
    assertEquals(cyrillic, Transliteration.toCyrillic(latin,
        w -> whole.contains(w) ? 2 : w.startsWith("ребенок") ? 1 : 0, preferSoft));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // few of the marker words: the rendering itself shows the Russian
      "mama zadykhaetsya, guby sinie",
      "ded ne shevelitsya i ne reagiruet",
      "kazhetsya u papy insult, ruka ne slushaetsya",
      "silnoe krovotechenie, ne ostanavlivaetsya",
  })
  void catchesMessagesWithFewMarkerWords(String message) {
    assertEquals(Level.EMERGENCY, TRIAGE.assess(message).level(), message);
  }
}
