package faqbot.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a text is cut so that each piece fits a message or field limit: one rule for the core's
 * replies and for both adapters' messages, so an answer breaks at the same kind of place
 * everywhere. A cut goes at the last paragraph break in the second half of the room, else a line
 * break, else a sentence end (also after a closing quote or bracket, and after a CJK full stop,
 * which has no space after it), else a space; only when none is there does it cut inside a word,
 * and then never inside a surrogate pair. No cut goes where the caller says two characters belong
 * together.
 */
public final class TextSplit {
  private TextSplit() {}

  /** Whether a cut may go before {@code index} of {@code text}, the text being cut. */
  @FunctionalInterface
  public interface CutGuard {
    boolean allows(String text, int index);
  }

  private static final CutGuard ANYWHERE = (text, index) -> true;

  /** Pieces of at most {@code max} characters, stripped, none empty. */
  public static List<String> split(String text, int max) {
    return split(text, max, ANYWHERE);
  }

  /**
   * As {@link #split(String, int)}; a cut goes only where {@code guard} allows (Discord: not
   * between a backslash and the character it escapes).
   */
  public static List<String> split(String text, int max, CutGuard guard) {
    if (max < 2) {
      throw new IllegalArgumentException("max too small: " + max);
    }
    List<String> out = new ArrayList<>();
    String rest = text.strip();
    while (rest.length() > max) {
      int cut = cut(rest, max, guard);
      String piece = rest.substring(0, cut).strip();
      if (!piece.isEmpty()) {
        out.add(piece);
      }
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      out.add(rest);
    }
    return out;
  }

  /** The text shortened to at most {@code max} characters at a good place, marked with "…". */
  public static String clip(String text, int max) {
    return clip(text, max, ANYWHERE);
  }

  /** As {@link #clip(String, int)}, honouring {@code guard} as {@link #split} does. */
  public static String clip(String text, int max, CutGuard guard) {
    if (text.length() <= max) {
      return text;
    }
    if (max < 2) {
      throw new IllegalArgumentException("max too small: " + max);
    }
    return text.substring(0, cut(text, max - 1, guard)).strip() + "\u2026";
  }

  /**
   * Where to end the first piece of a text longer than {@code fit}: an index in [1, fit], the
   * piece being {@code text.substring(0, index)}.
   */
  public static int cut(String text, int fit) {
    return cut(text, fit, ANYWHERE);
  }

  static int cut(String s, int fit, CutGuard guard) {
    if (s.length() <= fit) {
      return s.length();
    }
    int floor = fit / 2;
    int paragraph = s.lastIndexOf("\n\n", fit);
    if (paragraph >= floor && paragraph > 0 && guard.allows(s, paragraph)) {
      return paragraph;
    }
    int line = s.lastIndexOf('\n', fit);
    if (line >= floor && line > 0 && guard.allows(s, line)) {
      return line;
    }
    for (int i = fit; i >= floor && i > 1; i--) {
      if (endsSentence(s, i) && guard.allows(s, i)) {
        return i;
      }
    }
    for (int i = fit; i >= floor && i > 0; i--) {
      if (Character.isWhitespace(s.charAt(i)) && guard.allows(s, i)) {
        return i;
      }
    }
    // one loop for both, so that stepping back from a forbidden cut cannot land inside a pair
    int cut = Math.max(1, fit);
    while (cut > 1 && (Character.isLowSurrogate(s.charAt(cut)) || !guard.allows(s, cut))) {
      cut--;
    }
    return cut;
  }

  /** Whether a sentence ends just before index {@code i}. */
  private static boolean endsSentence(String s, int i) {
    char before = s.charAt(i - 1);
    if (before == '\u3002' || before == '\uFF01' || before == '\uFF1F') {
      return true;
    }
    if (!Character.isWhitespace(s.charAt(i))) {
      return false;
    }
    boolean closer = before == ')' || before == '"' || before == '\u201D' || before == '\'';
    return isSentenceEnd(before) || closer && i > 1 && isSentenceEnd(s.charAt(i - 2));
  }

  private static boolean isSentenceEnd(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\u2026';
  }
}
