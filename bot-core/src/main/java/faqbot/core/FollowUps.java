package faqbot.core;

import faqbot.knowledge.MatchText;
import java.util.Set;

/**
 * Whether a message that found nothing on its own may be a follow-up to the last answer: "is it
 * contagious?", "what about children?", "and in pregnancy?", "symptoms?". Such a message is
 * searched again with the last answer's topic; a message that names its own topic is answered (or
 * declined) on its own words, so a new question is never bent toward the old one.
 */
final class FollowUps {
  /** Longer messages tell their own story. */
  static final int MAX_WORDS = 12;
  /** This short, a message rarely names anything but an aspect of the last topic. */
  private static final int BARE_WORDS = 3;

  private static final Set<String> POINTING_BACK = Set.of("it", "its", "this", "that", "these",
      "those", "they", "them", "their");
  private static final Set<String> CONTINUING = Set.of("and", "also", "what about", "how about",
      "what if", "and what about", "and how about", "same for", "but what about");

  private FollowUps() {}

  static boolean refersBack(String text) {
    String folded = MatchText.fold(text).replaceAll("[^\\p{L}\\p{N}']+", " ").strip();
    if (folded.isEmpty()) {
      return false;
    }
    String[] words = folded.split(" ");
    if (words.length > MAX_WORDS) {
      return false;
    }
    if (words.length <= BARE_WORDS) {
      return true;
    }
    for (String starter : CONTINUING) {
      if (folded.startsWith(starter + " ")) {
        return true;
      }
    }
    for (String w : words) {
      if (POINTING_BACK.contains(w.replace("'s", ""))) {
        return true;
      }
    }
    return false;
  }
}
