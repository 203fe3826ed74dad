package faqbot.core.triage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.triage.TriageResult.Level;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every English emergency and urgent message of the tables, rewritten the way someone (or a
 * keyboard) can hide words from a plain matcher, must get the level its plain text gets:
 * invisible format characters inside each word, and one Cyrillic look-alike letter in each word.
 */
class ObfuscatedTriageTest {

  private static final Triage TRIAGE = Triage.loadDefault();

  /** Zero-width space, non-joiner, joiner, word joiner, soft hyphen, Mongolian vowel separator. */
  static final List<String> INVISIBLE =
      List.of("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u180e");

  static final Map<Character, Character> CYRILLIC = Map.of('a', '\u0430', 'e', '\u0435',
      'o', '\u043e', 'c', '\u0441', 'p', '\u0440', 'x', '\u0445', 'y', '\u0443', 'i', '\u0456',
      's', '\u0455');

  static String withInvisible(String text, String mark) {
    StringBuilder out = new StringBuilder();
    for (String word : text.split(" ", -1)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(word.length() >= 4 ? word.substring(0, 2) + mark + word.substring(2) : word);
    }
    return out.toString();
  }

  static String withLookAlikes(String text) {
    StringBuilder out = new StringBuilder();
    for (String word : text.split(" ", -1)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      char[] cs = word.toCharArray();
      // one letter per word, and never the only Latin letter: a word wholly in another script is
      // left as it is on purpose
      for (int i = 1; i < cs.length && cs.length >= 3; i++) {
        Character c = CYRILLIC.get(cs[i]);
        if (c != null) {
          cs[i] = c;
          break;
        }
      }
      out.append(cs);
    }
    return out.toString();
  }

  static List<String> englishAlarms() throws IOException {
    List<String> out = new ArrayList<>();
    for (TriageTableTest.Case c : TriageTableTest.cases()) {
      if (c.level() != Level.NONE && c.message().chars().allMatch(ch -> ch < 0x80)) {
        out.add(c.message());
      }
    }
    for (HeldOutTriageTest.Case c : HeldOutTriageTest.cases()) {
      if (c.lang().equals("en") && c.expected() != Level.NONE) {
        out.add(c.message());
      }
    }
    return out;
  }

  @Test
  void hiddenVariantsGetTheLevelOfThePlainText() throws IOException {
    List<String> misses = new ArrayList<>();
    int checked = 0;
    for (String plain : englishAlarms()) {
      Level expected = TRIAGE.assess(plain).level();
      if (expected == Level.NONE) {
        continue; // a plain miss is the tables' business, not this test's
      }
      List<String> variants = new ArrayList<>();
      INVISIBLE.forEach(mark -> variants.add(withInvisible(plain, mark)));
      variants.add(withLookAlikes(plain));
      for (String v : variants) {
        checked++;
        if (TRIAGE.assess(v).level() != expected) {
          misses.add(expected + " <- " + v);
        }
      }
    }
    assertTrue(checked > 1000, "checked " + checked);
    assertTrue(misses.isEmpty(), misses.size() + " of " + checked + " hidden variants missed: "
        + misses.subList(0, Math.min(10, misses.size())));
  }
}
