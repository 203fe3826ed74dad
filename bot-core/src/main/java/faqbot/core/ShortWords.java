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
  /** Each listed word's language; words listed for two languages are left out. */
  private static final Map<String, String> LANGUAGE_OF = read();

  private ShortWords() {}

  /** How many words a message has, and the one language with the most of them (null on a tie). */
  record Counts(int words, String best, int bestHits) {
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
    for (String w : NOT_LETTERS.split(plain)) {
      if (w.isEmpty()) {
        continue;
      }
      words++;
      String language = LANGUAGE_OF.get(w);
      if (language != null) {
        hits.merge(language, 1, Integer::sum);
      }
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
    return new Counts(words, tie ? null : best, bestHits);
  }

  private static Map<String, String> read() {
    Properties p = BundledTexts.read("short-words.properties");
    Map<String, String> out = new HashMap<>();
    Set<String> shared = new HashSet<>();
    for (String language : p.stringPropertyNames()) {
      for (String w : p.getProperty(language).trim().split("\\s+")) {
        String before = out.putIfAbsent(w, language);
        if (before != null && !before.equals(language)) {
          shared.add(w);
        }
      }
    }
    out.keySet().removeAll(shared);
    return Map.copyOf(out);
  }
}
