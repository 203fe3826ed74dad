package faqbot.core.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Repairs one-slip typos of the words the rules read, because someone typing in panic drops,
 * doubles or swaps a letter ("brething", "overdosd", "cheset", "unconsious", "respriar",
 * "convlusion"), and the words that make a message a question, a story or history slip as often
 * ("the lyrrics say", "a documentaore about"). The repair targets are the words the rules of
 * any language need, six letters or longer, the stems of their wildcard words ("respir*"), five
 * letters or longer, and a few shorter English emergency words; shorter words have too many
 * real-word neighbours ("liver" is not "sliver", "early" is not "nearly"). A token is repaired
 * only when it is not a word of any rule, no stem starts it, and exactly one target lies one slip
 * away; a struck neighbouring key is repaired only in tokens of seven letters or more ("heard" is
 * not "heart"), and no token under five letters ("hear"). A letter drawn out for emphasis
 * ("helppp", "no respiraaaa") is read back as typed once or twice, in any alphabet.
 */
final class Spelling {

  /** English emergency words as patients mean them; each is also spelled out in the rules. */
  private static final Set<String> ENGLISH_TARGETS = Set.of(
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
  /** Shorter tokens are folded as Danish or Norwegian only for their å ("faa", "paa"). */
  private static final int MIN_NORDIC = 4;
  /** Tokens shorter than this are repaired only towards the words of trigger phrases. */
  private static final int MIN_CONTEXT_TOKEN = 7;
  /** Rule words shorter than this are left to {@link #ENGLISH_TARGETS}. */
  private static final int MIN_NEEDED_WORD = 6;
  /**
   * A key next to the one meant is struck only in tokens this long: shorter words lie one
   * letter from other words too often ("breeding" from "bleeding" is two keys apart, but
   * "bleed" and "blees" are not).
   */
  private static final int MIN_STRUCK = 7;
  /** The letters around each key of a QWERTY keyboard, the layout of most Latin-script ones. */
  private static final Map<Character, String> KEYBOARD_NEIGHBOURS = neighbours(
      "qwertyuiop", "asdfghjkl", "zxcvbnm");
  /** Shorter stems start too many words of other meanings. */
  private static final int MIN_STEM = 5;
  private static final int CACHE_LIMIT = 100_000;
  /** A letter typed this many times in a row is drawn out for emphasis ("helppp", "peitoooo"). */
  private static final int DRAWN_OUT = 3;
  /** Drawn-out runs of a token whose every one-or-two-letter reading is tried. */
  private static final int MAX_DRAWN_RUNS = 2;
  /** Between the readings of a token that the message's language chooses from. */
  private static final String ALTERNATIVES = "|";
  /** The French elided words, which glue on when the apostrophe is left out ("jai", "sarrete"). */
  private static final List<String> FRENCH_ELISIONS =
      List.of("l", "d", "j", "n", "m", "t", "s", "c", "qu");
  /** French-only words and glued elisions a message needs before the glue is read as two. */
  private static final int FRENCH_ENOUGH = 2;
  private static final String NONE = "";

  private final Set<String> words;
  private final Set<String> targets;
  /** The words and stems ("respir*") of the trigger phrases. */
  private final Set<String> triggerWords;
  private final Set<String> stems;
  /** The stems by their first {@link #MIN_STEM} letters, shortest first. */
  private final Map<String, List<String>> stemsByHead;
  private final int longestStem;
  /** The German rules' words, the umlaut folded away ("hangt", "plotzlich"), without stems. */
  private final Set<String> germanWords;
  /** The Danish and Norwegian rules' words, and their stems with a '*' ("blod*"). */
  private final Set<String> nordicWords;
  /** A target with one letter left out, mapped to that target; NONE when two share it. */
  private final Map<String, String> dropped = new HashMap<>();
  /** A stem with one letter left out, mapped to that stem; NONE when two share it. */
  private final Map<String, String> droppedStems = new HashMap<>();
  private final ConcurrentHashMap<String, String> repaired = new ConcurrentHashMap<>();
  /** The rule sets (bits) whose rules read the word, as a word or by a stem of any length. */
  private final ToIntFunction<String> setsReading;
  /** The French rules' words, which an elided word glues on to ("jai", "lair"). */
  private final Set<String> frenchWords;
  /**
   * The French rules' words that no other language's rules spell ("quoi", "depuis"), which tell
   * a message is French ("que", "les", "je" are Spanish, Portuguese or Dutch as well).
   */
  private final Set<String> frenchOnlyWords;

  Spelling(Set<String> words, Set<String> germanWords, Set<String> nordicWords,
      Set<String> neededWords, Set<String> neededStems, Set<String> triggerWords,
      ToIntFunction<String> setsReading, Set<String> frenchWords, Set<String> frenchOnlyWords) {
    this.setsReading = setsReading;
    this.frenchWords = Set.copyOf(frenchWords);
    this.frenchOnlyWords = Set.copyOf(frenchOnlyWords);
    this.nordicWords = Set.copyOf(nordicWords);
    this.words = Set.copyOf(words);
    this.triggerWords = Set.copyOf(triggerWords);
    this.germanWords = Set.copyOf(germanWords);
    Set<String> t = new HashSet<>(ENGLISH_TARGETS);
    neededWords.stream().filter(w -> w.length() >= MIN_NEEDED_WORD).forEach(t::add);
    this.targets = Set.copyOf(t);
    this.stems = neededStems.stream().filter(w -> w.length() >= MIN_STEM)
        .collect(Collectors.toUnmodifiableSet());
    this.longestStem = stems.stream().mapToInt(String::length).max().orElse(0);
    this.stemsByHead = stems.stream().sorted(Comparator.comparingInt(String::length))
        .collect(Collectors.groupingBy(stem -> stem.substring(0, MIN_STEM), Collectors.toList()));
    for (String w : targets) {
      int last = w.length() - 1;
      // a first letter is seldom the one left out, and "venuti" is a word, not "svenuti"
      for (int i = ENGLISH_TARGETS.contains(w) ? 0 : 1; i < w.length(); i++) {
        if (i == last && (w.charAt(i) == 's' || w.charAt(i) == 'd')) {
          continue; // "collapse" is a word of its own, not a slip of "collapsed"
        }
        String key = w.substring(0, i) + w.substring(i + 1);
        if (!this.words.contains(key)) {
          dropped.merge(key, w, (a, b) -> a.equals(b) ? a : NONE);
        }
      }
    }
    for (String stem : stems) {
      // an inner letter: a stem without its last one is a word's start of its own ("overdo" of
      // "overdoz*"), and a first letter is seldom the one left out
      for (int i = 1; i < stem.length() - 1; i++) {
        String key = stem.substring(0, i) + stem.substring(i + 1);
        if (!stems.contains(key)) {
          droppedStems.merge(key, stem, (a, b) -> a.equals(b) ? a : NONE);
        }
      }
    }
  }

  /** The text with slipped words repaired; the same instance when nothing needed repair. */
  TextNormalizer.Normalized repair(TextNormalizer.Normalized text) {
    String[] tokens = text.tokens();
    List<String> out = null;
    double[] languages = null;
    int french = -1;
    for (int i = 0; i < tokens.length; i++) {
      String fixed = repair(tokens[i]);
      if (fixed != null && out == null) {
        out = new ArrayList<>(List.of(tokens).subList(0, i));
      }
      if (isGluedElision(tokens[i], fixed)) {
        // a glued elision, read as two words only in a message other French words make French
        // (which rule sets read the other words does not tell: "mora" is no "m ora" in Norwegian)
        french = french < 0 ? frenchWordsIn(tokens) : french;
        fixed = french >= FRENCH_ENOUGH ? fixed.substring(tokens[i].length() + 1) : null;
      } else if (fixed != null && fixed.contains(ALTERNATIVES)) {
        languages = languages == null ? languagesOf(tokens) : languages;
        fixed = likeliest(fixed, languages);
      }
      if (out != null) {
        // a drawn-out contraction is its expansion: "wooont" is "will not"
        out.addAll(List.of((fixed != null ? fixed : tokens[i]).split(" ")));
      }
    }
    return out == null ? text : TextNormalizer.join(out.toArray(new String[0]));
  }

  /** How many different tokens are French only or glued elisions. */
  private int frenchWordsIn(String[] tokens) {
    Set<String> french = new HashSet<>();
    for (String t : tokens) {
      if (frenchOnlyWords.contains(t) || isGluedElision(t, repair(t))) {
        french.add(t);
      }
    }
    return french.size();
  }

  /** Whether the repair of the token is its {@link #unelided} readings, the token first. */
  private static boolean isGluedElision(String token, String repaired) {
    return repaired != null && repaired.length() > token.length()
        && repaired.startsWith(token) && repaired.startsWith(ALTERNATIVES, token.length());
  }

  /**
   * For each rule set (a bit), how much of the message its rules read: a word read by several
   * sets counts for each in part, so the words that the sets share ("kan", "ta") do not decide.
   */
  private double[] languagesOf(String[] tokens) {
    double[] weights = new double[Integer.SIZE];
    for (String t : tokens) {
      int sets = setsReading.applyAsInt(t);
      double share = 1.0 / Math.max(1, Integer.bitCount(sets));
      for (int s = 0; sets != 0; s++, sets >>>= 1) {
        weights[s] += (sets & 1) * share;
      }
    }
    return weights;
  }

  /**
   * The first reading in the language whose rules read most of the message ("blood" in English,
   * "blod" in Swedish), else the first.
   */
  private String likeliest(String readings, double[] languages) {
    int language = 0;
    for (int s = 1; s < languages.length; s++) {
      language = languages[s] > languages[language] ? s : language;
    }
    String[] all = readings.split(Pattern.quote(ALTERNATIVES));
    for (String reading : all) {
      if ((setsReading.applyAsInt(reading.split(" ")[0]) >>> language & 1) == 1) {
        return reading;
      }
    }
    return all[0];
  }

  /**
   * The rule word the token was meant to be, or null; a drawn-out contraction gives its words
   * ("will not"), and a drawn-out token two rule words, split by {@link #ALTERNATIVES}.
   */
  String repair(String token) {
    if (words.contains(token)) {
      return null;
    }
    if (isDrawnOut(token)) {
      return cached(token, this::undrawn);
    }
    if (!isLowerAscii(token)) {
      return null;
    }
    return cached(token, this::unelidedOrCandidate);
  }

  private String unelidedOrCandidate(String t) {
    String unelided = unelided(t);
    if (unelided != null) {
      return unelided;
    }
    if (t.length() < MIN_WORD) {
      // "doer" (dør, dies), and the short words with an å: "faa luft", "paa", "naa"; but "toe"
      // and "doe" are English
      String nordic = t.length() >= MIN_NORDIC || t.contains("aa") ? nordicFolded(t) : null;
      return nordic == null ? NONE : nordic;
    }
    return candidate(t);
  }

  /**
   * French typed without the apostrophe glues the elided word on ("jai", "cest", "sarrete",
   * "lair"): the token as typed, then the two words, as {@link #ALTERNATIVES}, for the message
   * to choose ("dadieu" is no "dad" in French, "mora" no "m ora" in Norwegian); null when the
   * token is a French rule word as typed, or the rest is none, or does not start with a vowel or
   * an h, as elision needs.
   */
  private String unelided(String t) {
    if (frenchWords.contains(t)) {
      return null;
    }
    for (String elided : FRENCH_ELISIONS) {
      int at = elided.length();
      if (t.length() >= at + 2 && t.startsWith(elided) && "aeiouyh".indexOf(t.charAt(at)) >= 0
          && frenchWords.contains(t.substring(at))) {
        return t + ALTERNATIVES + elided + " " + t.substring(at);
      }
    }
    return null;
  }

  private String cached(String token, UnaryOperator<String> repair) {
    String cached = repaired.get(token);
    if (cached == null) {
      cached = repair.apply(token);
      if (repaired.size() < CACHE_LIMIT) {
        repaired.put(token, cached);
      }
    }
    return cached.isEmpty() ? null : cached;
  }

  /** Whether a letter is typed {@link #DRAWN_OUT} times or more in a row. */
  private static boolean isDrawnOut(String t) {
    int run = 1;
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      run = c == t.charAt(i - 1) && Character.isLetter(c) ? run + 1 : 1;
      if (run == DRAWN_OUT) {
        return true;
      }
    }
    return false;
  }

  /**
   * The word a drawn-out token spells with each long run of a letter typed once or twice: a rule
   * word ("feeeel" is "feel", "stoppp" is "stop"), else the shortest reading a rule stem starts
   * ("bleedingggg"), else the slip repair of the runs typed once or twice ("brreathinggg"). Two
   * rule words ("bloooood": the Swedish "blod", the English "blood") are both returned, split by
   * {@link #ALTERNATIVES}, the likelier spelling first, for the message's other words to choose.
   */
  private String undrawn(String t) {
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < t.length(); ) {
      int end = i + 1;
      while (end < t.length() && t.charAt(end) == t.charAt(i)) {
        end++;
      }
      if (end - i >= DRAWN_OUT && Character.isLetter(t.charAt(i))) {
        runs.add(new int[] {i, end});
      }
      i = end;
    }
    int first = runs.get(0)[0];
    if (setsReading.applyAsInt(t) != 0
        && (first == 0 || setsReading.applyAsInt(t.substring(0, first)) == 0)) {
      return NONE; // a rule's stem reaches into the run: "kkkkk" laughs in Brazil
    }
    // every choice of one or two letters per run, up to a few runs; beyond, all one or all two
    int choices = runs.size() <= MAX_DRAWN_RUNS ? 1 << runs.size() : 2;
    Map<String, Integer> readings = new HashMap<>();
    String stemmed = null;
    for (int choice = 0; choice < choices; choice++) {
      StringBuilder v = new StringBuilder(t.length());
      int likely = 0;
      int from = 0;
      for (int r = 0; r < runs.size(); r++) {
        int[] run = runs.get(r);
        boolean once = runs.size() <= MAX_DRAWN_RUNS ? (choice >> r & 1) == 1 : choice == 1;
        char c = t.charAt(run[0]);
        v.append(t, from, run[0]).append(c);
        if (!once) {
          v.append(c);
        }
        // a run is drawn out from one letter more often than from two ("noooose" is a nose)
        likely += once ? 1 : 0;
        from = run[1];
      }
      String candidate = v.append(t, from, t.length()).toString();
      String expanded = TextNormalizer.replacement(candidate); // "wooont", "donttt"
      if (expanded != null || words.contains(candidate)) {
        readings.merge(expanded != null ? expanded : candidate, likely, Math::max);
      } else if (setsReading.applyAsInt(candidate) != 0) {
        stemmed = stemmed == null || candidate.length() < stemmed.length() ? candidate : stemmed;
      }
    }
    if (!readings.isEmpty()) {
      return readings.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .map(Map.Entry::getKey).collect(Collectors.joining(ALTERNATIVES));
    }
    if (stemmed != null) {
      return stemmed;
    }
    String once = t;
    String twice = t;
    for (int[] run : runs) {
      String letters = t.substring(run[0], run[1]);
      once = once.replace(letters, letters.substring(0, 1));
      twice = twice.replace(letters, letters.substring(0, 2));
    }
    for (String v : List.of(once, twice)) {
      if (isLowerAscii(v) && v.length() >= MIN_WORD) {
        String slip = candidate(v);
        if (!slip.isEmpty()) {
          return slip;
        }
      }
    }
    return NONE;
  }

  private String candidate(String t) {
    if (PhrasePattern.isCountWord(t)) {
      return NONE; // "veinte" is a count, not the Italian "venite"
    }
    String german = umlautFolded(t);
    if (german != null) {
      return german;
    }
    String nordic = nordicFolded(t);
    if (nordic != null) {
      return nordic;
    }
    if (shortestStemOf(t) != null) {
      return NONE; // the rules read it already
    }
    // what each slip would make of the token, keyed by the target it reaches: slips that reach
    // one stem in different ways ("sangardo": "sangrado", "sangrdo") are one repair
    Map<String, String> found = new HashMap<>(4);
    String missing = dropped.get(t); // "chst" for "chest"
    if (missing != null && (t.length() >= MIN_NEEDED_WORD || ENGLISH_TARGETS.contains(missing))) {
      found.put(keyOf(missing), missing);
    }
    for (int length = MIN_STEM; length < Math.min(t.length(), longestStem); length++) {
      String stem = droppedStems.get(t.substring(0, length)); // "respiar" for "respir*"
      if (stem != null) {
        found.putIfAbsent(stem, stem + t.substring(length));
      }
    }
    if (t.length() > MIN_WORD) {
      // "brreathing" for "breathing"; but "shocks" is a plural, not a slip of "shock", and
      // "electric shocks" down a leg is no electric shock
      int last = t.length() - 1;
      for (int i = 0; i < t.length(); i++) {
        if (i == last && (t.charAt(i) == 's' || t.charAt(i) == 'd')) {
          continue;
        }
        addIfTarget(found, t.substring(0, i) + t.substring(i + 1));
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
        addIfTarget(found, new String(c));
        c[i + 1] = c[i];
        c[i] = x;
      }
    }
    if (found.isEmpty() && t.length() >= MIN_STRUCK) {
      // a neighbouring key only when no letter was left out, doubled or swapped: "overdosd" is
      // "overdosed", not "overdose" as well
      char[] c = t.toCharArray();
      for (int i = 1; i < c.length; i++) { // "convulsiom" for "convulsion"
        char typed = c[i];
        for (char k : KEYBOARD_NEIGHBOURS.getOrDefault(typed, "").toCharArray()) {
          c[i] = k;
          addIfTarget(found, new String(c));
        }
        c[i] = typed;
      }
    }
    if (found.size() != 1 || found.containsKey(NONE)) {
      return NONE;
    }
    String key = found.keySet().iterator().next();
    String repaired = found.get(key);
    // six-letter words of one language lie one slip from seven-letter words of another
    // ("olustu", formed, from "olmustu", had been): a short token is repaired towards the words
    // that tell an emergency, not towards those that would silence one
    boolean trigger = ENGLISH_TARGETS.contains(key) || triggerWords.contains(key)
        || triggerWords.contains(key + "*");
    return t.length() >= MIN_CONTEXT_TOKEN || trigger ? repaired : NONE;
  }

  /** What a repair reaches: a target word's stem where a rule stem starts it ("breath"). */
  private String keyOf(String target) {
    String stem = shortestStemOf(target);
    return stem == null ? target : stem;
  }

  /** The shortest rule stem the token starts with, or null. */
  private String shortestStemOf(String t) {
    if (t.length() < MIN_STEM) {
      return null;
    }
    // one lookup by the first letters, not one per prefix length: every slip tried on a token
    // asks this, and a long message of unknown words tries thousands
    for (String stem : stemsByHead.getOrDefault(t.substring(0, MIN_STEM), List.of())) {
      if (t.startsWith(stem)) {
        return stem;
      }
    }
    return null;
  }

  /**
   * German typed without umlauts spells them ae, oe, ue ("haengt", "ploetzlich", "hoert nicht
   * auf"); the rules fold the umlaut to its vowel. A token becomes the German rule word it spells
   * that way, and only a German one: "oeil" must not become the English "oil".
   */
  private String umlautFolded(String t) {
    return folded(t, germanWords, "ae", "a", "oe", "o", "ue", "u");
  }

  /**
   * Danish and Norwegian typed without their letters spell å as aa and ø as oe ("paa", "oejet",
   * "doer", "bloeder"); the rules fold them to a and o. A token becomes the Danish or Norwegian
   * rule word it spells that way, or a word one of their stems starts, and only theirs: the Dutch
   * "naar" stays.
   */
  private String nordicFolded(String t) {
    return folded(t, nordicWords, "aa", "a", "oe", "o");
  }

  /**
   * The token with each two-letter spelling (pairs of typed, folded) replaced, when it holds one
   * and the result is one of {@code ruleWords} or starts with one of their stems ("blod*");
   * else null.
   */
  private static String folded(String t, Set<String> ruleWords, String... spellings) {
    boolean holds = false;
    for (int i = 0; i < spellings.length && !holds; i += 2) {
      holds = t.contains(spellings[i]);
    }
    if (ruleWords.isEmpty() || !holds) {
      return null;
    }
    String folded = t;
    for (int i = 0; i < spellings.length; i += 2) {
      folded = folded.replace(spellings[i], spellings[i + 1]);
    }
    if (ruleWords.contains(folded)) {
      return folded;
    }
    for (int length = MIN_NORDIC; length <= folded.length(); length++) {
      if (ruleWords.contains(folded.substring(0, length) + "*")) {
        return folded;
      }
    }
    return null;
  }

  private void addIfTarget(Map<String, String> found, String w) {
    if (targets.contains(w)) {
      found.put(keyOf(w), w);
      return;
    }
    String stem = shortestStemOf(w);
    if (stem != null) {
      found.putIfAbsent(stem, w);
    }
  }

  private static Map<Character, String> neighbours(String... rows) {
    Map<Character, String> out = new HashMap<>();
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < rows[r].length(); i++) {
        StringBuilder near = new StringBuilder();
        for (int rr = Math.max(0, r - 1); rr <= Math.min(rows.length - 1, r + 1); rr++) {
          for (int j = i - 1; j <= i + 1; j++) {
            if (j >= 0 && j < rows[rr].length() && !(rr == r && j == i)) {
              near.append(rows[rr].charAt(j));
            }
          }
        }
        out.put(rows[r].charAt(i), near.toString());
      }
    }
    return Map.copyOf(out);
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
