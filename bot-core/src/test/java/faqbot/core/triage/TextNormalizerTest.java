package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.MatchText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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

  /**
   * Hindi as typed: with or without nukta and nasal marks, Devanagari digits, the danda; the vowel
   * signs stay in their word.
   */
  @Test
  void devanagariIsFoldedAsHindiIsTyped() {
    assertEquals(norm("सास नही"), norm("साँस नहीं"));
    assertEquals(norm("सास नही"), norm("सांस नहीं"));
    assertEquals(norm("ज्यादा खून"), norm("ज़्यादा ख़ून"));
    assertEquals("नीद की 25 गोलिया", norm("नींद की २५ गोलियाँ"));
    assertEquals("दर्द है . अभी", norm("दर्द है। अभी"));
    assertEquals(1, TextNormalizer.normalize("सुन्न").size());
    assertTrue(TextNormalizer.normalize("दर्द है। अभी").isSentenceEnd(2));
  }

  /**
   * Persian as typed: the zero-width non-joiner inside a word is dropped ("می‌تونم" is the word run
   * together, as patients also type it), Persian ya and kaf read as an Arabic keyboard types them,
   * Persian digits are digits, and a word typed with a space stays two words.
   */
  @Test
  void persianIsFoldedAsItIsTyped() {
    assertEquals(norm("میتونم"), norm("می\u200cتونم"));
    assertEquals("ميتونم", norm("می\u200cتونم"));
    assertEquals(norm("فكر كنم سكته كرده"), norm("فکر کنم سکته کرده"));
    assertEquals("20 تا قرص", norm("۲۰ تا قرص"));
    assertEquals(2, TextNormalizer.normalize("می تونم").size());
    assertEquals(norm("نفس نمیکشه"), norm("نفس نمی\u200cکشه"));
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

  /**
   * The per-character fold that most messages take must give what the whole-text NFKC, format
   * removal, look-alike folding and accent removal give: random texts mixing the characters it
   * handles with some it does not (combining marks, format characters, Cyrillic, ligatures).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void quickFoldIsTheFullFold(long seed) {
    Random random = new Random(seed);
    int[][] ranges = {{0x20, 0x7e}, {0x80, 0x24f}, {0x300, 0x36f}, {0x400, 0x4ff},
        {0x600, 0x6ff}, {0x1e00, 0x1eff}, {0x2000, 0x206f}, {0x3000, 0x303f}, {0x4e00, 0x4eff},
        {0xfb00, 0xfb06}, {0xfb50, 0xfdff}, {0xfe70, 0xfeff}, {0xff01, 0xff65}};
    int quick = 0;
    for (int n = 0; n < 2000; n++) {
      StringBuilder text = new StringBuilder();
      int rare = random.nextInt(4) == 0 ? random.nextInt(ranges.length) : -1;
      for (int k = random.nextInt(12) + 1; k > 0; k--) {
        int[] r = random.nextInt(3) == 0 ? ranges[random.nextInt(ranges.length)]
            : ranges[random.nextBoolean() ? 0 : rare >= 0 ? rare : 1];
        text.append((char) (r[0] + random.nextInt(r[1] - r[0] + 1)));
      }
      String raw = text.toString();
      String fast = TextNormalizer.quickFold(raw);
      if (fast != null) {
        quick++;
        assertEquals(TextNormalizer.foldForRules(MatchText.fold(raw)), fast, raw);
      }
    }
    assertTrue(quick > 300, "quick fold taken " + quick + " times");
  }

  /**
   * Every character of the basic plane, alone and beside a Latin, a Cyrillic, an Arabic and a Han
   * letter, a digit, a space and a combining mark, in either order: wherever the per-character
   * fold answers, it gives the full fold.
   */
  @Test
  void quickFoldIsTheFullFoldForEveryCharacter() {
    String[] neighbours = {"a", "\u00e9", "\u1ec7", "\u0434", "\u0628", "\u0629", "\u4e2d", "7",
        "\u0663", " ", ".", "\u0301", "\u0323\u0302", "\u064b", "\u0654", "\u200b"};
    int quick = 0;
    for (int c = 0; c < 0x10000; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      String one = String.valueOf((char) c);
      List<String> texts = new ArrayList<>(List.of(one, one + one));
      for (String n : neighbours) {
        texts.add(n + one);
        texts.add(one + n);
        texts.add(n + one + n);
      }
      for (String raw : texts) {
        String fast = TextNormalizer.quickFold(raw);
        if (fast != null) {
          quick++;
          assertEquals(TextNormalizer.foldForRules(MatchText.fold(raw)), fast,
              "U+" + Integer.toHexString(c) + " in " + raw);
        }
      }
    }
    assertTrue(quick > 100_000, "quick fold taken " + quick + " times");
  }

  /**
   * Combining marks, which the per-character fold drops, after and before letters of every range
   * it reads (every 13th), two in a row, and composing ones ("e" and U+0301, "\u0627" and
   * U+0653): the full fold composes them, then drops them.
   */
  @Test
  void quickFoldDropsMarksAsTheFullFoldDoes() {
    int[][] letters = {{0x41, 0x7a}, {0x80, 0x24f}, {0x400, 0x4ff}, {0x600, 0x6ff},
        {0x1e00, 0x1eff}, {0x4e00, 0x4eff}, {0xff01, 0xff5e}};
    int[][] marks = {{0x300, 0x36f}, {0x483, 0x489}, {0x610, 0x61a}, {0x64b, 0x65f},
        {0x670, 0x670}, {0x6d6, 0x6ed}};
    int quick = 0;
    for (int[] m : marks) {
      for (int mark = m[0]; mark <= m[1]; mark++) {
        String mk = String.valueOf((char) mark);
        for (int[] l : letters) {
          for (int c = l[0]; c <= l[1]; c += 13) {
            String one = String.valueOf((char) c);
            for (String raw : List.of(one + mk, mk + one, one + mk + "\u0301" + one,
                "a" + mk + " " + one, one + "\u064b" + mk, "e\u0301" + mk, "\u0627\u0653" + mk)) {
              String fast = TextNormalizer.quickFold(raw);
              if (fast != null) {
                quick++;
                assertEquals(TextNormalizer.foldForRules(MatchText.fold(raw)), fast,
                    "U+" + Integer.toHexString(mark) + " beside U+" + Integer.toHexString(c));
              }
            }
          }
        }
      }
    }
    assertTrue(quick > 50_000, "quick fold taken " + quick + " times");
  }
}
