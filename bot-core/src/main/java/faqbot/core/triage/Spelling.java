package faqbot.core.triage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repairs one-slip typos of the words that name an emergency, because someone typing in panic
 * drops, doubles or swaps a letter ("brething", "overdosd", "cheset", "unconsious"). Only those
 * words are repair targets: every other rule word has real-word neighbours that must stay what
 * they are ("liver" is not "sliver", "early" is not "nearly"). A token is repaired only when it is
 * not a word of any rule and exactly one target lies one slip away; substituted letters are not
 * repaired ("heard" is not "heart"), nor are tokens under five letters ("hear").
 */
final class Spelling {

  /** Emergency words as patients mean them; each is also spelled out in the rules. */
  private static final Set<String> TARGETS = Set.of(
      "breathe", "breathing", "breath", "breathless", "chest", "stroke", "seizure", "seizures",
      "seizing", "unconscious", "unresponsive", "overdose", "overdosed", "overdosing", "bleeding",
      "choking", "suicide", "suicidal", "myself", "poison", "poisoned", "allergic",
      "anaphylaxis", "anaphylactic", "swollen", "swelling", "throat", "collapsed", "fainted",
      "drooping", "slurred", "slurring", "vomiting", "pressure", "attack", "ambulance",
      "emergency", "tablets", "tongue", "numbness", "paralysed", "paralyzed", "bladder",
      "kyphoplasty", "vertebroplasty", "headache", "convulsing", "convulsion", "convulsions",
      "gasping", "wheezing", "crushing", "squeezing", "epipen", "inhaler",
      "responding", "conscious", "passing", "suffocating");

  /** Shorter tokens have too many real-word neighbours ("hear", "heart"). */
  private static final int MIN_WORD = 5;
  private static final int CACHE_LIMIT = 100_000;
  private static final String NONE = "";

  private final Set<String> words;
  /** The German rules' words, spelled with the umlaut folded away ("hangt", "plotzlich"). */
  private final Set<String> germanWords;
  /** A rule word with one letter left out, mapped to that word; NONE when two words share it. */
  private final Map<String, String> dropped = new HashMap<>();
  private final ConcurrentHashMap<String, String> repaired = new ConcurrentHashMap<>();

  Spelling(Set<String> words) {
    this(words, Set.of());
  }

  Spelling(Set<String> words, Set<String> germanWords) {
    this.words = Set.copyOf(words);
    this.germanWords = Set.copyOf(germanWords);
    for (String w : TARGETS) {
      int last = w.length() - 1;
      for (int i = 0; i < w.length(); i++) {
        if (i == last && (w.charAt(i) == 's' || w.charAt(i) == 'd')) {
          continue; // "collapse" is a word of its own, not a slip of "collapsed"
        }
        String key = w.substring(0, i) + w.substring(i + 1);
        if (!this.words.contains(key)) {
          dropped.merge(key, w, (a, b) -> a.equals(b) ? a : NONE);
        }
      }
    }
  }

  /** The text with slipped words repaired; the same instance when nothing needed repair. */
  TextNormalizer.Normalized repair(TextNormalizer.Normalized text) {
    String[] tokens = text.tokens();
    String[] out = null;
    for (int i = 0; i < tokens.length; i++) {
      String fixed = repair(tokens[i]);
      if (fixed != null) {
        if (out == null) {
          out = tokens.clone();
        }
        out[i] = fixed;
      }
    }
    return out == null ? text : TextNormalizer.join(out);
  }

  /** The rule word the token was meant to be, or null. */
  String repair(String token) {
    if (token.length() < MIN_WORD || words.contains(token) || !isLowerAscii(token)) {
      return null;
    }
    String cached = repaired.get(token);
    if (cached == null) {
      cached = candidate(token);
      if (repaired.size() < CACHE_LIMIT) {
        repaired.put(token, cached);
      }
    }
    return cached.isEmpty() ? null : cached;
  }

  private String candidate(String t) {
    String german = umlautFolded(t);
    if (german != null) {
      return german;
    }
    List<String> found = new ArrayList<>(2);
    String missing = dropped.get(t); // "chst" for "chest"
    if (missing != null) {
      found.add(missing);
    }
    if (t.length() > MIN_WORD) {
      // "brreathing" for "breathing"; but "shocks" is a plural, not a slip of "shock", and
      // "electric shocks" down a leg is no electric shock
      int last = t.length() - 1;
      for (int i = 0; i < t.length(); i++) {
        if (i == last && (t.charAt(i) == 's' || t.charAt(i) == 'd')) {
          continue;
        }
        addIfWord(found, t.substring(0, i) + t.substring(i + 1));
      }
    }
    if (t.length() >= MIN_WORD) {
      char[] c = t.toCharArray();
      for (int i = 0; i + 1 < c.length; i++) { // "cheset" for "chest"
        if (c[i] == c[i + 1]) {
          continue;
        }
        char x = c[i];
        c[i] = c[i + 1];
        c[i + 1] = x;
        addIfWord(found, new String(c));
        c[i + 1] = c[i];
        c[i] = x;
      }
    }
    String only = null;
    for (String f : found) {
      if (f.equals(NONE) || (only != null && !only.equals(f))) {
        return NONE;
      }
      only = f;
    }
    return only == null ? NONE : only;
  }

  /**
   * German typed without umlauts spells them ae, oe, ue ("haengt", "ploetzlich", "hoert nicht
   * auf"); the rules fold the umlaut to its vowel. A token becomes the German rule word it spells
   * that way, and only a German one: "oeil" must not become the English "oil".
   */
  private String umlautFolded(String t) {
    if (germanWords.isEmpty() || !(t.contains("ae") || t.contains("oe") || t.contains("ue"))) {
      return null;
    }
    String folded = t.replace("ae", "a").replace("oe", "o").replace("ue", "u");
    return germanWords.contains(folded) ? folded : null;
  }

  private void addIfWord(List<String> found, String w) {
    if (TARGETS.contains(w)) {
      found.add(w);
    }
  }

  private static boolean isLowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }
}
