package faqbot.core;

import faqbot.knowledge.MatchText;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language of a message too short for the n-gram detector, from its common words (see
 * {@code short-words.properties}): "ich bin krank" has 11 letters and no English word, and was
 * searched in English and queued for moderators who could not answer it.
 */
final class ShortWords {
  /** Apostrophes stay inside words: "j'ai" is French, "ai" alone may be AI. */
  private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}']+");
  /**
   * Each listed word's languages. A word of several languages ("que" is Spanish, French and
   * Portuguese) is a witness for each of them: it tells that the message is not English even when
   * it cannot tell which language it is.
   */
  private static final Map<String, Set<String>> LANGUAGES_OF;
  /**
   * Question frames ("was ist", "o que e", "wat is"): two words that are each English or too
   * short to tell, and together the usual way to ask "what is" in one language. A frame counts as
   * two witnesses for its language.
   */
  private static final Map<String, String> FRAME_LANGUAGE;

  static {
    Properties p = BundledTexts.read("short-words.properties");
    Map<String, Set<String>> words = new HashMap<>();
    Map<String, String> frames = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.endsWith(".frames")) {
        String language = key.substring(0, key.length() - ".frames".length());
        for (String frame : p.getProperty(key).split("\\|")) {
          frames.put(frame.strip(), language);
        }
      } else {
        for (String w : p.getProperty(key).trim().split("\\s+")) {
          words.computeIfAbsent(w, k -> new HashSet<>()).add(key);
        }
      }
    }
    LANGUAGES_OF = Map.copyOf(words);
    FRAME_LANGUAGE = Map.copyOf(frames);
  }

  private ShortWords() {}

  /**
   * How many words a message has (single letters, which tell no language, are not counted), how
   * many are common words of some other language than English, and the one language with the most
   * witnesses (null on a tie).
   */
  record Counts(int words, int foreign, Map<String, Integer> hits, String best, int bestHits) {
    /** The language whose words make up at least half of the message and most of it, or null. */
    String language() {
      return best != null && bestHits * 2 >= words ? best : null;
    }

    /**
     * Whether {@code language}, a detector's unsure guess, is also the language with the most
     * common words in the message, at least two: two witnesses agreeing ("mia madre respira male,
     * ha le labbra blu, che faccio?" is Italian at 0.6 by n-grams and has "mia", "male", "ha").
     */
    boolean confirm(String language) {
      return language.equals(best) && bestHits >= 2;
    }

    /**
     * Whether the message has no English word and at least two common words of other languages,
     * half of its words or more, whichever languages they are.
     */
    boolean foreignOnly(int englishWords) {
      return englishWords == 0 && foreign >= 2 && foreign * 2 >= words;
    }

    /** Whether a common word of {@code language} is in the message. */
    boolean witnesses(String language) {
      return hits.containsKey(language);
    }

    /**
     * Whether one other language has at least two common words in the message and more than
     * its {@code englishWords}: "co to jest cukrzyca" has "co" and "jest" against "to".
     */
    boolean outnumber(int englishWords) {
      return best != null && bestHits >= 2 && bestHits > englishWords;
    }
  }

  static Counts counts(String text) {
    String plain = MatchText.withoutAccents(text);
    Map<String, Integer> hits = new HashMap<>();
    int words = 0;
    int foreign = 0;
    String previous = null;
    for (String w : NOT_LETTERS.split(plain)) {
      if (w.isEmpty()) {
        continue;
      }
      if (w.codePointCount(0, w.length()) > 1) {
        words++;
      }
      Set<String> languages = LANGUAGES_OF.get(w);
      if (languages != null) {
        foreign++;
        for (String language : languages) {
          hits.merge(language, 1, Integer::sum);
        }
      }
      String frame = previous == null ? null : FRAME_LANGUAGE.get(previous + " " + w);
      if (frame != null) {
        hits.merge(frame, 2, Integer::sum);
      }
      previous = w;
    }
    String best = null;
    int bestHits = 0;
    boolean tie = false;
    for (Map.Entry<String, Integer> e : hits.entrySet()) {
      if (e.getValue() > bestHits) {
        best = e.getKey();
        bestHits = e.getValue();
        tie = false;
      } else if (e.getValue() == bestHits) {
        tie = true;
      }
    }
    return new Counts(words, foreign, Map.copyOf(hits), tie ? null : best, bestHits);
  }
}
