package faqbot.core;

import java.text.Normalizer;
import java.util.Locale;

/** Cleaning and shaping of user text. */
final class Texts {
  private Texts() {}

  /**
   * NFC-normalizes and removes control characters (keeping line breaks and tabs as spaces or
   * newlines) and the invisible bidirectional overrides that can make text display differently
   * from what it says.
   */
  static String sanitize(String s) {
    if (s == null) {
      return "";
    }
    String n = Normalizer.normalize(s, Normalizer.Form.NFC);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '\n') {
        sb.append('\n');
      } else if (c == '\r') {
        if (i + 1 >= n.length() || n.charAt(i + 1) != '\n') {
          sb.append('\n');
        }
      } else if (c == '\t') {
        sb.append(' ');
      } else if (Character.isISOControl(c) || isBidiControl(c) || c == '\uFEFF') {
        continue;
      } else {
        sb.append(c);
      }
    }
    return sb.toString().strip();
  }

  private static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200E' || c == '\u200F' || c == '\u061C';
  }

  /**
   * Whether the text has a letter or digit in any script: without one (spaces of any kind,
   * invisible characters, emoji, punctuation) there is nothing to search for or answer.
   */
  static boolean hasWords(String s) {
    return s != null && s.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  /** For grouping queue questions: lower case, letters and digits only, single spaces. */
  static String normalizeQuestion(String s) {
    String lower = sanitize(s).toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        if (space && sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(c);
        space = false;
      } else {
        space = true;
      }
    }
    return sb.toString();
  }

  /** Shortens to at most {@code max} characters on one line, cut where {@link TextSplit} cuts, marked with "…". */
  static String ellipsize(String s, int max) {
    return TextSplit.clip(s == null ? "" : s.strip().replaceAll("\\s+", " "), max);
  }

  /** One line for a button or a list: single spaces, at most {@code max} characters. */
  static String oneLine(String s, int max) {
    return ellipsize(s == null ? "" : s.replace('\n', ' '), max);
  }
}
