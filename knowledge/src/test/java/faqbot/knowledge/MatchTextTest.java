package faqbot.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MatchTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u180e", "\u200e",
      "\u200f", "\ufeff", "\u202e"})
  void formatCharactersInsideAWordAreRemoved(String invisible) {
    assertEquals("I want to kill myself", MatchText.fold("I want to kill my" + invisible + "self"));
    assertEquals("glaucoma", MatchText.fold("glau" + invisible + "coma"));
  }

  @Test
  void lookAlikeLettersInMixedWordsFoldToLatin() {
    // Cyrillic а, е, о, с, р, і, ѕ inside otherwise Latin words
    assertEquals("chest pain", MatchText.fold("\u0441hest p\u0430in"));
    assertEquals("kill myself", MatchText.fold("kill my\u0455\u0435lf"));
    assertEquals("poison", MatchText.fold("p\u043e\u0456son"));
    // Greek omicron
    assertEquals("stroke", MatchText.fold("str\u03bfke"));
  }

  @Test
  void wordsWhollyInAnotherScriptStay() {
    assertEquals("грипп и кашель", MatchText.fold("грипп и кашель"));
    assertEquals("我胸口很痛", MatchText.fold("我胸口很痛"));
    assertEquals("respiración", MatchText.fold("respiración"));
  }

  @Test
  void compatibilityFormsAreFolded() {
    assertEquals("chest pain", MatchText.fold("\uff43\uff48\uff45\uff53\uff54 pain"));
  }

  @Test
  void asciiIsReturnedAsIs() {
    String s = "I can't breathe";
    assertSame(s, MatchText.fold(s));
    assertEquals("", MatchText.fold(null));
  }
}
