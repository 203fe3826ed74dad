package faqbot.core;

import faqbot.knowledge.MatchText;
import java.util.Set;

/**
 * Whether a message that found nothing on its own may be a follow-up to the last answer: "is it
 * contagious?", "what about children?", "and in pregnancy?", "symptoms?", "what is the treatment". Such a message is
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

  /**
   * A message made only of these names an aspect, not a topic: "what is the treatment", "how is
   * it diagnosed", "any side effects?", "what about in pregnancy".
   */
  private static final Set<String> ASPECT_WORDS = Set.of(
      // question and function words
      "what", "whats", "what's", "how", "why", "when", "where", "which", "who", "is", "are", "was",
      "the", "a", "an", "do", "does", "did", "can", "could", "would", "should", "will", "i", "you",
      "we", "be", "of", "for", "there", "any", "anything", "to", "get", "gets", "with", "in", "on",
      "about", "my", "me", "it", "its", "so", "or", "and", "also", "else", "other", "more", "most",
      "usually", "normally", "long", "much", "often", "best", "way", "ways", "like",
      // aspects patients ask about next
      "treatment", "treatments", "treat", "treated", "cure", "cured", "curable", "therapy",
      "medicine", "medicines", "medication", "medications", "drugs", "pills", "symptoms",
      "symptom", "signs", "sign", "cause", "causes", "caused", "diagnosis", "diagnosed",
      "diagnose", "test", "tests", "tested", "prevent", "prevented", "prevention", "avoid",
      "outlook", "prognosis", "risk", "risks", "contagious", "catching", "spread", "spreads",
      "hereditary", "inherited", "genetic", "serious", "dangerous", "deadly", "fatal", "last",
      "lasts", "complications", "side", "effects", "stages", "stage", "survival", "rate",
      "common", "normal", "help", "helps", "diet", "food", "foods", "eat", "exercise", "kids",
      "children", "child", "babies", "baby", "adults", "elderly", "pregnancy", "pregnant", "women",
      "men", "home", "remedies", "remedy", "surgery", "recovery", "worse", "better", "go", "away");

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
    boolean aspectOnly = true;
    for (String w : words) {
      aspectOnly &= ASPECT_WORDS.contains(w);
    }
    if (aspectOnly) {
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
