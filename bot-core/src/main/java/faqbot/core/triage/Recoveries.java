package faqbot.core.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The [recovery] phrases of every language: wording that, opening a sentence, tells the event of
 * the sentence before as over ("he fainted this morning. came round at once and is fine now").
 * Patients tell an event and its end in two sentences, and the rules that read a recovery after
 * the event ({@code !~N} and a gap) do not cross a sentence end; so the end between the two is
 * read as a comma. Every language's rules read the joined text, as they all read every message.
 */
final class Recoveries {
  /** How far into a sentence a phrase may start: after a subject ("he is fine now"). */
  private static final int OPENING = 5;

  private final List<PhrasePattern> phrases;
  /** The phrases (their indexes) by the exact words they can start with: a lookup per word. */
  private final Map<String, int[]> byWord = new HashMap<>();
  /** The prefixes ("recuper*") phrases can start with, each with its phrase's index. */
  private record Prefixed(String prefix, int phrase) {}

  private final List<Prefixed> byPrefix = new ArrayList<>();

  Recoveries(List<PhrasePattern> phrases) {
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

  /** The text with each sentence end that a recovery follows read as a comma; the text itself when none does. */
  TextNormalizer.Normalized join(TextNormalizer.Normalized text) {
    String[] tokens = text.tokens();
    byte[] marks = text.marks();
    String[] joined = null;
    byte[] joinedMarks = null;
    // one matcher per phrase and message: common words ("his", "my") start some phrases
    Matcher[] matchers = new Matcher[phrases.size()];
    for (int i = 0; i + 1 < tokens.length; i++) {
      if (!text.isSentenceEnd(i) || !opensWithRecovery(text, i + 1, matchers)) {
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

  private boolean opensWithRecovery(TextNormalizer.Normalized text, int from, Matcher[] matchers) {
    String[] tokens = text.tokens();
    for (int j = from; j < tokens.length && j < from + OPENING && !text.isSentenceEnd(j); j++) {
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
