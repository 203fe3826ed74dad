package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Russian typed in Latin letters is read by the Russian rules in Cyrillic, and Ukrainian typed in
 * Latin letters by the Ukrainian rules; messages in the other languages are never rendered. The
 * messages here were written for this test, beside the three of batch X (triage-batch-x-ru.tsv)
 * that showed the gap.
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
      // Polish words that Ukrainian writes alike ("zaraz", "tak", "dla", "syna", "tato")
      "zaraz przyjdę do syna, tak, dla taty kupię leki, tato czuje się dobrze",
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

  // --- Ukrainian

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // the official scheme (KMU 2010) and the chat ones, letter by letter
      "mama ne mozhe dykhaty | мама не може дихати",
      "shchos, scho, zhyvit, chasto, tsvit, cvit | щось, що, живіт, часто, цвіт, цвіт",
      "yama, yuha, yizha, moia, soboiu, soboju | яма, юга, іжа, моя, собою, собою",
      "mii, yakyi, pidnimaietsia, zdayet'sya | міи, якии, піднімається, здається",
      "vyp'iu, holova, golova | випю, голова, голова",
  })
  void rendersTheUkrainianSchemes(String latin, String cyrillic) {
    Transliteration.Ukrainian none = new Transliteration.Ukrainian(Set.of(), Set.of());
    assertEquals(cyrillic, none.toCyrillic(latin));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // "h" for х as well as г, "x" for х, "i" for и, the soft sign left out: the rule word wins
      "dyhaty, dyxaty, dykhaty | дихати, дихати, дихати",
      "bolyt, bil, syohodni, sjohodni | болить, біль, сьогодні, сьогодні",
      "zadykhaietsia, zadyhayetsya | задихається, задихається",
      // a stem's word keeps the letters after the stem as they read
      "nabriakly, nabrjakla | набрякли, набрякла",
      // a rule word far from what the letters say is not taken for them
      "daty | дати",
  })
  void rendersUkrainianRuleWordsAsTheRulesSpellThem(String latin, String cyrillic) {
    Transliteration.Ukrainian rules = new Transliteration.Ukrainian(
        Set.of("дихати", "болить", "біль", "сьогодні", "діяти"), Set.of("задиха", "набрякл"));
    assertEquals(cyrillic, rules.toCyrillic(latin));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "mama ne mozhe dykhaty, huby syni | EMERGENCY",
      "tato vpav i ne prykhodyt do tiamy | EMERGENCY",
      "syn vypyv dvadtsiat tabletok paratsetamolu | EMERGENCY",
      "u dochky sudomy vzhe p'iat khvylyn | EMERGENCY",
      "babusia ne reahuie i ne dykhaie | EMERGENCY",
      "cholovik kazhe shcho tysne v hrudiakh i viddaie v ruku | EMERGENCY",
      "dytyna zadykhayetsya, dopomozhit | EMERGENCY",
      "u didusia perekosylo oblychchia i ruka ne pidnimaietsia | EMERGENCY",
  })
  void catchesUkrainianInLatinLetters(String message, Level level) {
    assertEquals(level, TRIAGE.assess(message).level(), message);
    assertTrue(TRIAGE.renderedIn(message).contains("uk"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "chy mozhna daty dytyni paratsetamol pry temperaturi?",
      "vchora vpala z velosypeda, syniak na nozi, vse dobre",
  })
  void leavesUkrainianLookAlikesAlone(String message) {
    assertTrue(TRIAGE.renderedIn(message).contains("uk"), message);
    assertEquals(Level.NONE, TRIAGE.assess(message).level(), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // Russian: the Ukrainian rules do not know "net" as a negation
      "boli v grudi net, odyshki net, prosto kashel",
      "ne mogu dyshat, pomogite",
  })
  void leavesRussianToTheRussianRules(String message) {
    assertFalse(TRIAGE.renderedIn(message).contains("uk"), message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "дихати | dykhaty", "дихати | dyhaty", "дихати | dyxaty", "сьогодні | sohodni",
      "сьогодні | syogodni", "собою | soboiu", "собою | soboju", "щось | shchos", "щось | schos'",
      "обличчя | oblychchia", "обличчя | oblychchya", "задихається | zadykhaietsia",
      "мій | mii", "мій | miy", "мій | mij", "її | yiyi", "її | yii",
  })
  void bothAlphabetsMeetInTheKey(String cyrillic, String latin) {
    assertEquals(Transliteration.cyrillicKey(cyrillic),
        Transliteration.latinKey(latin, new int[2 * latin.length()]), latin);
  }
}
