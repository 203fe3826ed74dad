package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhrasePatternTest {

  /** True when the phrase matches starting at some token of the text. */
  private static boolean matches(String phrase, String text) {
    PhrasePattern p = PhrasePattern.compile(phrase);
    TextNormalizer.Normalized n = TextNormalizer.normalize(text);
    for (int i = 0; i < n.size(); i++) {
      if (p.matchAt(n, i) >= 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void wordsMatchWholeTokensOnly() {
    assertTrue(matches("chest pain", "bad chest pain today"));
    assertEquals(false, matches("chest pain", "chest painful"));
    assertEquals(false, matches("chest pain", "mychest pain"));
  }

  @Test
  void doubleTildeGapChecksNegationEvenWhenPlainGapsDoNot() {
    PhrasePattern p = PhrasePattern.compile("cuello ~3 duro ~~12 fiebre", java.util.Set.of("no"),
        java.util.Set.of(), false);
    assertTrue(matchesAny(p, "tengo el cuello duro y fiebre"));
    assertEquals(false, matchesAny(p, "tengo el cuello duro, no tengo fiebre"));
    PhrasePattern plain = PhrasePattern.compile("bebe ~4 mueve", java.util.Set.of("no"),
        java.util.Set.of(), false);
    assertTrue(matchesAny(plain, "el bebe no se mueve"));
  }

  @Test
  void doubleTildeGapMayEndOnTheSecondHalfOfACompound() {
    PhrasePattern p = PhrasePattern.compile("nuque ~3 raide ~~12 fievre", java.util.Set.of("ne",
        "pas"), java.util.Set.of(), false, java.util.Set.of("nouveau"));
    assertTrue(matchesAny(p, "nuque raide chez notre nouveau-né, fièvre à 39"));
    assertEquals(false, matchesAny(p, "nuque raide mais il ne fait pas de fièvre"));
    PhrasePattern without = PhrasePattern.compile("nuque ~3 raide ~~12 fievre",
        java.util.Set.of("ne", "pas"), java.util.Set.of(), false);
    assertEquals(false, matchesAny(without, "nuque raide chez notre nouveau-né, fièvre à 39"));
  }

  private static boolean matchesAny(PhrasePattern p, String text) {
    TextNormalizer.Normalized n = TextNormalizer.normalize(text);
    for (int i = 0; i < n.size(); i++) {
      if (p.matchAt(n, i) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Counts of five and up in words, teens and compounds included, in the rule languages. */
  @ParameterizedTest
  @ValueSource(strings = {"took 13 pills", "took thirteen pills",
      "took trece pills", "took dieciseis pills", "took veinticinco pills", "took dezessete pills",
      "took quatorze pills", "took seize pills", "took funfzehn pills", "took fünfzehn pills",
      "took funfundzwanzig pills", "took dreiundvierzig pills", "took sechzig pills"})
  void countsInWordsAreMany(String text) {
    assertTrue(matches("took #many pills", text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"took 3 pills", "took two pills",
      "took tres pills", "took zwei pills", "took und pills", "took 16 years pills",
      "took dieciseis anos pills", "took twenty years of pills"})
  void fewOrNoCountsAreNotMany(String text) {
    assertEquals(false, matches("took #many ~3 pills", text), text);
  }

  @Test
  void wildcardMatchesWordStarts() {
    assertTrue(matches("breath*", "breathing"));
    assertTrue(matches("chest ~2 hurt*", "chest really hurts"));
    assertEquals(false, matches("breath*", "abreath"));
  }

  @Test
  void alternativesAndOptionals() {
    assertTrue(matches("{face|smile} is droop*", "her smile is drooping"));
    assertTrue(matches("pain in [the] [middle of] [my] chest", "pain in the middle of my chest"));
    assertTrue(matches("pain in [the] [middle of] [my] chest", "pain in chest"));
    assertEquals(false, matches("pain in [the] chest", "pain in my chest"));
  }

  @Test
  void gapsStopAtSentenceEndsButNotCommas() {
    assertTrue(matches("arm ~4 sweating", "pain in my arm, sweating"));
    assertEquals(false, matches("arm ~4 sweating", "pain in my arm. sweating"));
    assertEquals(false, matches("arm ~2 sweating", "arm and a lot of sweating"));
  }

  @Test
  void negativeLookaheadExcludesFollowers() {
    assertTrue(matches("i have !{a question|read}", "i have chest pain"));
    assertEquals(false, matches("i have !{a question|read}", "i have a question"));
    assertTrue(matches("i have !{a question|read}", "i have a headache"));
  }

  @Test
  void distantLookaheadLooksAsFarAsItsGapWithinTheSentence() {
    String p = "{fainted|passed out} !~6{came round|back to normal}";
    assertEquals(false, matches(p, "i fainted this morning, came round at once"));
    assertTrue(matches(p, "i fainted this morning and she is still out cold"));
    // beyond the gap, or in the next sentence, a recovery does not void the event
    assertTrue(matches(p, "i fainted in the shower this morning and my wife says i came round"));
    assertTrue(matches(p, "he fainted. then he came round"));
    assertTrue(matches("pain !~3{coughing} in my chest", "pain in my chest"));
  }

  @Test
  void distantLookaheadIgnoresADeniedRecovery() {
    PhrasePattern p = PhrasePattern.compile("seizure !~8{fine today}", java.util.Set.of("not", "no"),
        java.util.Set.of(), false);
    assertEquals(false, matchesAny(p, "a seizure this morning, fine today"));
    assertTrue(matchesAny(p, "a seizure this morning, she is not fine today"));
  }

  @Test
  void punctuationCanFollowAWord() {
    assertTrue(matches("help !", "please help!!!"));
    assertEquals(false, matches("help !", "help me"));
    // the word filter ignores punctuation, so it must not hide the rule either
    assertEquals(List.of(List.of(new PhrasePattern.Gate("me", false))),
        PhrasePattern.compile("help ! me").required());
  }

  @Test
  void gatesComeFromTheFirstRequiredElement() {
    PhrasePattern p = PhrasePattern.compile("[really] ~2 {crushing|tight*} chest");
    assertEquals(List.of(new PhrasePattern.Gate("crushing", false), new PhrasePattern.Gate("tight", true)),
        p.gates());
  }

  @Test
  void malformedPhrasesAreRejectedWithAReason() {
    for (String bad : List.of("", "[only optional]", "~2", "chest ~2", "{a|b", "{a|{b}}", "{a||b}",
        "Chest", "can't", "a*b", "*", "!{x} chest", "chest ~0 pain", "chest ~x pain", "! help",
        "{.|help} me")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PhrasePattern.compile(bad), bad);
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
    }
  }

  @Test
  void onlyAPhraseWithASentenceEndAmongItsWordsReadsPastOne() {
    assertTrue(PhrasePattern.compile("{help me|help .|help !}").readsSentenceEnd());
    assertTrue(PhrasePattern.compile("chest ~3 pain [.] now").readsSentenceEnd());
    // "!{...}" is syntax, and a gap never crosses a sentence end
    assertFalse(PhrasePattern.compile("chest ~3 {pain|ache} ~10 {yesterday|last week} !{from coughing}")
        .readsSentenceEnd());
  }
}
