package faqbot.knowledge;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer;

/**
 * The form of a patient's message that rules and search match against; the original text stays
 * what is shown and logged. One invisible character or one look-alike letter must not hide
 * "kill myself" from triage or turn "glaucoma" into "coma" for search, so:
 *
 * <ul>
 *   <li>NFKC folds compatibility forms (full-width letters, ligatures, superscripts);
 *   <li>every format character (Unicode category Cf: zero-width spaces and joiners, word joiner,
 *       soft hyphen, Mongolian vowel separator, direction marks, BOM) is removed, since none of
 *       them separates words;
 *   <li>inside a word that mixes Latin letters with letters of another script, each non-Latin
 *       letter is replaced by its Latin look-alike (its Unicode TR39 confusable skeleton, when that
 *       is a Latin letter). A word wholly in another script ("грипп", "胸痛") stays as it is.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class MatchText {

  // the skeleton data are immutable once built; building them is the costly part
  private static final SpoofChecker SKELETONS = new SpoofChecker.Builder()
      .setChecks(SpoofChecker.CONFUSABLE).build();

  private MatchText() {}

  /**
   * Lower case without accents ("Fièvre" is "fievre"), for word lists typed without them: the
   * bot's small-talk and language word lists, and topic names.
   */
  public static String withoutAccents(String text) {
    return ACCENTS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static final java.util.regex.Pattern ACCENTS = java.util.regex.Pattern.compile("\\p{M}+");

  /** The text to match; never null. Plain ASCII comes back as the same instance. */
  public static String fold(String raw) {
    if (raw == null) {
      return "";
    }
    if (isAscii(raw)) {
      return raw;
    }
    String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
    // most messages have neither a format character nor a mixed word: the copy is only made at
    // the first change, until then the text stands for itself (2,000 characters of Russian or
    // Chinese cost a third of a rewrite)
    StringBuilder out = null;
    int wordStart = -1; // in out, or in s while out is null: the two agree up to the first change
    boolean latin = false;
    boolean other = false;
    for (int i = 0; i < s.length(); ) {
      int at = i;
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.FORMAT) {
        out = out != null ? out : new StringBuilder(s.length()).append(s, 0, at);
        continue;
      }
      if (isLetter(type) || type == Character.NON_SPACING_MARK) {
        if (wordStart < 0) {
          wordStart = out == null ? at : out.length();
          latin = false;
          other = false;
        }
        int script = script(cp, type);
        if (script == UScript.LATIN) {
          latin = true;
        } else if (script != UScript.COMMON && script != UScript.INHERITED) {
          other = true;
        }
        if (out != null) {
          out.appendCodePoint(cp);
        }
        continue;
      }
      out = endWord(s, out, wordStart, at, latin && other);
      wordStart = -1;
      if (out != null) {
        out.appendCodePoint(cp);
      }
    }
    out = endWord(s, out, wordStart, s.length(), latin && other);
    return out == null ? s : out.toString();
  }

  /**
   * At the end of a word (at {@code end} of {@code s}): a mixed word is folded, in the copy,
   * which is made here when this is the first change. Returns the copy, or null while there is
   * none.
   */
  private static StringBuilder endWord(String s, StringBuilder out, int wordStart, int end,
      boolean mixed) {
    if (wordStart < 0 || !mixed) {
      return out;
    }
    StringBuilder copy = out != null ? out : new StringBuilder(s.length()).append(s, 0, end);
    foldWord(copy, wordStart);
    return copy;
  }

  private static boolean isLetter(int type) {
    return type >= Character.UPPERCASE_LETTER && type <= Character.OTHER_LETTER;
  }

  /**
   * A letter's script: the blocks patients write most (Latin, Cyrillic, Han, kana, Hangul) by
   * their ranges, where every letter has that script; anything else, and every mark, from ICU.
   */
  private static int script(int cp, int type) {
    if (isLetter(type)) {
      if (cp < 0x250) {
        return cp < 0x80 || cp >= 0xC0 ? UScript.LATIN : UScript.getScript(cp);
      }
      if (cp >= 0x400 && cp <= 0x4FF) {
        return UScript.CYRILLIC;
      }
      if (cp >= 0x4E00 && cp <= 0x9FFF) {
        return UScript.HAN;
      }
      if (cp >= 0x3041 && cp <= 0x3096) {
        return UScript.HIRAGANA;
      }
      if (cp >= 0x30A1 && cp <= 0x30FA) {
        return UScript.KATAKANA;
      }
      if (cp >= 0xAC00 && cp <= 0xD7A3) {
        return UScript.HANGUL;
      }
    }
    return UScript.getScript(cp);
  }

  /** Replaces the non-Latin letters of the word that starts at {@code from} by Latin look-alikes. */
  private static void foldWord(StringBuilder out, int from) {
    String word = out.substring(from);
    StringBuilder folded = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      int script = UScript.getScript(cp);
      if (script == UScript.LATIN || script == UScript.COMMON || script == UScript.INHERITED) {
        folded.appendCodePoint(cp);
        continue;
      }
      String skeleton = SKELETONS.getSkeleton(new String(Character.toChars(cp)));
      folded.append(isLatinLetters(skeleton) ? skeleton : new String(Character.toChars(cp)));
    }
    out.setLength(from);
    out.append(folded);
  }

  private static boolean isLatinLetters(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp) || UScript.getScript(cp) != UScript.LATIN) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
