package faqbot.core.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Sentence ends that the rules read as commas, because patients split one situation over two
 * sentences and the rules' gaps do not cross a sentence end. Two kinds, each every language's:
 * <ul>
 *   <li>[recovery] wording opening a sentence tells the event of the sentence before as over ("he
 *       fainted this morning. came round at once and is fine now"), which the rules read after
 *       the event ({@code !~N});
 *   <li>[scene] wording in a short sentence of its own sets the scene for the next ("I'm 34 weeks
 *       pregnant. Since yesterday the baby has not moved"; "he is on the bridge. he wrote sorry
 *       for everything"), which the rules read before the symptom.
 * </ul>
 * Every language's rules read the joined text, as they all read every message.
 */
final class SentenceJoins {
  /** How far into a sentence a recovery may start: after a subject ("he is fine now"). */
  private static final int OPENING = 5;

  /**
   * The longest sentence (in words) that a scene phrase joins to the next: a scene told on its own
   * is short ("Ich bin in der 35. Woche schwanger."); in a long sentence the pregnancy or the place
   * is one detail among others and the next sentence may be about anything.
   */
  private static final int SCENE_WORDS = 10;

  private final Phrases recoveries;
  private final Phrases scenes;

  SentenceJoins(List<PhrasePattern> recoveries, List<PhrasePattern> scenes) {
    this.recoveries = new Phrases(recoveries);
    this.scenes = new Phrases(scenes);
  }

  /** The text with each sentence end that a recovery follows or a scene precedes read as a comma; the text itself when none is. */
  TextNormalizer.Normalized join(TextNormalizer.Normalized text) {
    String[] tokens = text.tokens();
    byte[] marks = text.marks();
    String[] joined = null;
    byte[] joinedMarks = null;
    // one matcher per phrase and message: common words ("his", "my") start some phrases
    Matcher[] recoveryMatchers = recoveries.matchers();
    Matcher[] sceneMatchers = scenes.matchers();
    int sentenceStart = 0;
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (!text.isSentenceEnd(i)) {
        continue;
      }
      int start = sentenceStart;
      sentenceStart = i + 1;
      boolean scene = i - start <= SCENE_WORDS && scenes.matchAnywhere(text, start, i, sceneMatchers);
      if (!scene && !recoveries.matchAnywhere(text, i + 1,
          Math.min(tokens.length, i + 1 + OPENING), recoveryMatchers)) {
        continue;
      }
      if (joined == null) {
        joined = tokens.clone();
        joinedMarks = marks.clone();
      }
      joined[i] = ",";
      joinedMarks[i] = TextNormalizer.mark(",");
    }
    return joined == null ? text : new TextNormalizer.Normalized(joined, joinedMarks);
  }

  /** One kind's phrases, indexed by the words they can start with: a lookup per word. */
  private static final class Phrases {
    private final List<PhrasePattern> phrases;
    private final Map<String, int[]> byWord = new HashMap<>();
    /** The prefixes ("recuper*") phrases can start with, each with its phrase's index. */
    private final List<Prefixed> byPrefix = new ArrayList<>();

    private record Prefixed(String prefix, int phrase) {}

    Phrases(List<PhrasePattern> phrases) {
      this.phrases = List.copyOf(phrases);
      Map<String, List<Integer>> words = new HashMap<>();
      for (int i = 0; i < this.phrases.size(); i++) {
        for (PhrasePattern.Gate g : this.phrases.get(i).gates()) {
          if (g.prefix()) {
            byPrefix.add(new Prefixed(g.word(), i));
          } else {
            words.computeIfAbsent(g.word(), w -> new ArrayList<>()).add(i);
          }
        }
      }
      words.forEach((w, l) -> byWord.put(w, l.stream().mapToInt(Integer::intValue).toArray()));
    }

    Matcher[] matchers() {
      return new Matcher[phrases.size()];
    }

    /** Whether a phrase starts at a token from {@code from} up to {@code to} (exclusive), within one sentence. */
    boolean matchAnywhere(TextNormalizer.Normalized text, int from, int to, Matcher[] matchers) {
      String[] tokens = text.tokens();
      for (int j = from; j < to && !text.isSentenceEnd(j); j++) {
        int[] starting = byWord.get(tokens[j]);
        if (starting != null) {
          for (int p : starting) {
            if (matches(p, text, j, matchers)) {
              return true;
            }
          }
        }
        for (Prefixed p : byPrefix) {
          if (tokens[j].startsWith(p.prefix()) && matches(p.phrase(), text, j, matchers)) {
            return true;
          }
        }
      }
      return false;
    }

    private boolean matches(int phrase, TextNormalizer.Normalized text, int at, Matcher[] matchers) {
      PhrasePattern p = phrases.get(phrase);
      if (matchers[phrase] == null) {
        matchers[phrase] = p.pattern().matcher("");
      }
      return p.matchAt(matchers[phrase], text, at) >= 0;
    }
  }
}
