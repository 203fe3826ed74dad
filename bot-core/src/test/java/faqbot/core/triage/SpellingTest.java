package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpellingTest {

  private static final Spelling SPELLING = spellingOfTheBundledRules();

  private static Spelling spellingOfTheBundledRules() {
    try {
      var field = Triage.class.getDeclaredField("spelling");
      field.setAccessible(true);
      return (Spelling) field.get(Triage.loadDefault());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "brething, breathing", // a letter left out
      "overdosd, overdosed",
      "unconsious, unconscious",
      "brreathing, breathing", // a letter typed twice
      "chset, chest", // two letters swapped
      "seziure, seizure",
  })
  void repairsOneSlipOfAnEmergencyWord(String typed, String meant) {
    assertEquals(meant, SPELLING.repair(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "liver", "early", "limb", "heel", "lack", "eight", // real words next to rule words
      "hear", "heard", // short, or one substituted letter away from "heart"
      "collapse", "shocks", "tablet", // inflections are words, not slips
      "breathing", "chest", // already rule words
      "xyzzyq"})
  void leavesWordsAlone(String word) {
    assertNull(SPELLING.repair(word));
  }

  @ParameterizedTest
  @CsvSource({
      "inconsicente, inconsciente", // Spanish, two letters swapped
      "poitirne, poitrine", // French
      "bewusstlso, bewusstlos", // German
      "comprimdios, comprimidos", // Portuguese, a letter left out
      "nieprzytmony, nieprzytomny", // Polish
      "respriando, respirando", // a slip inside the stem of "respir*"
      "sangardo, sangrado", // two slips that reach one stem are one repair
      "unconscioys, unconscious", // a neighbouring key struck, in a long word
      "lyrrics, lyrics", // a word that frames what follows as a song
      "documentaore, documentaire", // French, a neighbouring key
      "inconsciemte, inconsciente",
  })
  void repairsOneSlipOfATriggerWordInAnyLanguage(String typed, String meant) {
    assertEquals(meant, SPELLING.repair(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "veinte", "venti", // counts: "veinte" is not the Italian "venite"
      "venuti", // a word of its own, not "svenuti" without its first letter
      "overdoses", // a stem's start ("overdo") is no slip of the stem "overdoz"
      "kedim", "binge", // five letters: too many words in other languages lie one slip away
      "olustu", // six letters, one slip from a word that would silence a trigger ("olmustu")
      "respirando", // read by the stem already
      "breeding", "cooking"}) // one letter from "bleeding", "choking", but not a key away
  void leavesWordsOfOtherLanguagesAlone(String word) {
    assertNull(SPELLING.repair(word));
  }

  @ParameterizedTest
  @CsvSource({
      "verrueckt, verruckt", // German typed without umlauts
      "ploetzlich, plotzlich",
      "spuelmaschinentabs, spulmaschinentabs",
  })
  void readsUmlautsTypedAsTwoLettersAsTheGermanRuleWord(String typed, String meant) {
    assertEquals(meant, SPELLING.repair(typed));
  }

  @ParameterizedTest
  @CsvSource({
      "bloeder, bloder", // Danish and Norwegian typed without their letters: blø-
      "vaagne, vagne", // vågne
      "doesig, dosig",
  })
  void readsDanishAndNorwegianTypedWithoutTheirLetters(String typed, String meant) {
    assertEquals(meant, SPELLING.repair(typed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"naar", "toe", "doe"}) // Dutch and English words stay
  void foldsAaAndOeOnlyTowardsDanishAndNorwegianRuleWords(String word) {
    assertNull(SPELLING.repair(word));
  }

  @ParameterizedTest
  @ValueSource(strings = {"oeil", "pueblo", "tissues", "queue"})
  void foldsUmlautsOnlyTowardsGermanRuleWords(String word) {
    assertNull(SPELLING.repair(word));
  }

  @ParameterizedTest
  @CsvSource({
      "helppp, help", // the last letter drawn out
      "respiraaaa, respira",
      "могууу, могу", // in any alphabet
      "wooont, will not", // a contraction, expanded as typed plainly
      "brreathinggg, breathing", // a slip as well
  })
  void readsALetterDrawnOutAsTypedOnce(String typed, String meant) {
    assertEquals(meant, SPELLING.repair(typed));
  }

  @Test
  void aDrawnOutWordIsReadInTheMessagesLanguage() {
    assertEquals("there is blood everywhere", repaired("there is bloooood everywhere"));
    assertEquals("det sprutar blod", repaired("det sprutar bloooood"));
    assertEquals("just a runny nose", repaired("just a runny noooose"));
  }

  @Test
  void readsAFrenchElisionTypedWithoutItsApostropheInAFrenchMessage() {
    assertEquals("mon fils s etouffe avec un bonbon",
        repaired("mon fils setouffe avec un bonbon"));
    assertEquals("j ai pris tous mes cachets pour en finir",
        repaired("jai pris tous mes cachets pour en finir"));
    // the Norwegian "mora" is no "m ora", however many words the French rules share with it
    assertEquals("mora mi dode av det for lenge siden",
        repaired("mora mi døde av det for lenge siden"));
  }

  @Test
  void leavesARunTheRulesReadAlone() {
    assertNull(SPELLING.repair("kkkkk")); // the Brazilian laugh, a stem of the rules
    assertNull(SPELLING.repair("1000"));
  }

  private static String repaired(String message) {
    return String.join(" ", SPELLING.repair(TextNormalizer.normalize(message)).tokens());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "EMERGENCY | my bf overdosd on xanax",
      "EMERGENCY | he is not brething",
      "NONE      | what does the liver do after a collapse of the lung",
      "EMERGENCY | mi padre esta inconsicente en el suelo",
      "NONE      | the lyrrics say I want to die but the tune is so upbeat",
      "EMERGENCY | vores lille dreng vil ikke vaagne og er helt slap",
      "EMERGENCY | mi padre no respiraaaaa",
      "NONE      | essa prova ta me matando kkkkk quero morrer",
  })
  void aRepairedMessageIsTriagedAsTheIntendedOne(TriageResult.Level level, String message) {
    assertEquals(level, Triage.loadDefault().assess(message).level());
  }
}
