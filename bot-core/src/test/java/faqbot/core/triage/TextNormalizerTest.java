package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  private static String norm(String s) {
    return TextNormalizer.normalize(s).text();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I can't breathe            | i cannot breathe",
      "I can\u2019t breathe       | i cannot breathe",
      "i cant breath              | i cannot breath",
      "I can not brethe           | i cannot breathe",
      "I'm not able to breathe    | i am cannot breathe",
      "it won't stop              | it will not stop",
      "He's  NOT\tbreathing       | he is not breathing",
      "my husband's lips          | my husband lips",
      "'quoted' words             | quoted words",
      "fever 38.5, help!!!        | fever 38.5 , help !",
      "line one\\nline two        | line one . line two",
      "w/o pain                   | without pain",
      "chest/arm pain             | chest arm pain",
      "pls help u                 | please help you",
      "siezure                    | seizure",
  })
  void normalizes(String in, String expected) {
    assertEquals(expected, norm(in.replace("\\n", "\n")));
  }

  @Test
  void startsPointAtTheTokens() {
    TextNormalizer.Normalized n = TextNormalizer.normalize("No!  chest   pain.");
    assertEquals(5, n.size());
    for (int i = 0; i < n.size(); i++) {
      assertTrue(n.text().startsWith(n.tokens()[i], n.starts()[i]), "token " + i);
    }
    assertTrue(n.isPunctuation(1));
    assertTrue(n.isSentenceEnd(1));
    assertFalse(n.isPunctuation(2));
  }

  @Test
  void commaIsPunctuationButNotASentenceEnd() {
    TextNormalizer.Normalized n = TextNormalizer.normalize("a, b");
    assertTrue(n.isPunctuation(1));
    assertFalse(n.isSentenceEnd(1));
  }

  @Test
  void compatibilityCharactersAreFolded() {
    assertEquals("i cannot breathe", norm("Ｉ ｃａｎ’ｔ ｂｒｅａｔｈｅ"));
  }

  @Test
  void ordinalNumberDoesNotEndTheSentence() {
    TextNormalizer.Normalized n = TextNormalizer.normalize("in der 9. woche");
    assertEquals("in der 9 woche", n.text());
    // German capitalises the noun after the ordinal; the article before it tells
    assertEquals("schwanger in der 20 woche und", norm("schwanger in der 20. Woche und"));
    assertEquals("seit dem 3 tag fieber", norm("seit dem 3. Tag Fieber"));
    // a sentence that ends on a number still ends
    assertEquals("took 20 . now", norm("took 20. Now"));
  }

  @Test
  void emptyInput() {
    assertEquals(0, TextNormalizer.normalize(null).size());
    assertEquals(0, TextNormalizer.normalize("").size());
    assertEquals(0, TextNormalizer.normalize(" - / ").size());
  }
}
