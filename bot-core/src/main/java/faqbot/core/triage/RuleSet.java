package faqbot.core.triage;

import faqbot.core.triage.TriageResult.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The triage rules of one language, from one rules file. Recognizes messages that describe a
 * medical emergency happening now, or a situation to be seen today; negation is handled here
 * because it depends on word positions, not on vocabulary (its words come from the file).
 *
 * <p>A trigger fires unless
 *
 * <ul>
 *   <li>a negation word ("no", "not", "without", "denies", ...) stands a few words before it in
 *       the same clause ("I don't have trouble breathing"), or
 *   <li>its rule is of mode {@code context} and either the message reads as a general question
 *       ("what are the symptoms of", "is it hereditary") with nothing anywhere marking a situation
 *       happening now ("right now", "I'm having", "my husband is lying"), or its own sentence
 *       places it in the past ("5 years ago", "in 2015", "history of") without such a marker in
 *       that sentence. Past wording is judged per sentence so that "He had a stroke years ago.
 *       Now he suddenly can't lift his arm." still fires on the second sentence.
 * </ul>
 *
 * <p>When in doubt the rules lean towards firing: a needless emergency notice costs a patient a
 * few seconds, a missed one can cost far more.
 *
 * <p>Immutable and thread-safe.
 */
final class RuleSet {

  /**
   * Letters a wildcard word needs before '*' when it starts a phrase: a shorter stem ("br*")
   * would try the rule at too many words.
   */
  static final int MIN_GATE_STEM = 4;

  private static final int NEGATION_WINDOW = 5;

  /**
   * How many characters after a trigger's match a [denial] may start in a language written
   * without spaces: the rest of a word.
   */
  private static final int DENIAL_REACH = 4;

  /**
   * Japanese and Korean endings that close a word or a clause ("息苦しい咳はない", "숨차고 열은
   * 없어요"), and object particles, after which a denial is of the verb ("자해를 멈출 수가
   * 없어요": cannot stop): a denial past one of them is not of the trigger's word.
   */
  private static final Set<String> WORD_ENDINGS = Set.of("い", "て", "で", "た", "だ", "る", "ど",
      "ば", "を", "고", "서", "며", "요", "데", "면", "니", "다", "을", "를");

  /**
   * With {@code -Dfaqbot.triage.profile=true} (TriageProfile, a test tool) every run of a rule's
   * expression is timed: rule id to {nanoseconds, runs, matches}. Off, the check folds away.
   */
  static final boolean PROFILE = Boolean.getBoolean("faqbot.triage.profile");

  static final Map<String, long[]> PROFILE_TOTALS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Negation words an English trigger's gap may not end on. Other languages check only gaps
   * written ~~N, against their file's negation words: negation is part of many of their trigger
   * phrases ("ne ... pas", "no puedo"), so a plain gap must let it through.
   */
  private static final Set<String> ENGLISH_GAP_NEGATIONS =
      Set.of("no", "not", "never", "without", "nor");

  /** A word of a phrase, not a stem ("breath*"), a class ("@person") or a count ("#many"). */
  private static final Pattern PLAIN_WORD =
      Pattern.compile("(?<![@#a-z])[a-z]+(?![a-z*])");
  /** The stem of a wildcard word ("respir" of "respir*"). */
  private static final Pattern STEM = Pattern.compile("(?<![@#a-z])([a-z]+)\\*");
  /** {@link #PLAIN_WORD} and {@link #STEM} in any alphabet. */
  private static final Pattern SPELLED_WORD = Pattern.compile("(?<![@#\\p{L}])\\p{L}+(?![\\p{L}*])");
  private static final Pattern SPELLED_STEM = Pattern.compile("(?<![@#\\p{L}])(\\p{L}+)\\*");
  /** Words a phrase needs to be absent ("!{question|read}"). */
  private static final Pattern EXCLUDED = Pattern.compile("!(~[0-9]*)?(\\{[^}]*\\}|[a-z*]+)");

  /** English negation, used by a rules file without a [negation] section. */
  private static final Set<String> NEGATIONS =
      Set.of("no", "not", "never", "without", "denies", "denied", "deny", "denying", "nor",
          "neither", "none", "negative");

  /** Negation words followed by these are not negations: "no longer", "not sure if". */
  private static final Set<String> NOT_NEGATED_BEFORE =
      Set.of("longer", "one", "matter", "doubt", "sure", "only", "just", "certain", "know",
          "idea", "stop", "better", "improving", "go", "away", "helping", "warning", "reason");

  /** "no i can't breathe": a "no" right before a pronoun answers someone, it negates nothing. */
  private static final Set<String> INTERJECTION_NEXT =
      Set.of("i", "he", "she", "we", "they", "my", "his", "her", "our", "it", "please", "way");

  /** A clause boundary: negation before it does not reach the trigger after it. */
  private static final Set<String> BREAKS =
      Set.of("but", "however", "although", "though", "except", "yet", "now", "suddenly", "then",
          "today", "tonight", "until", "because", "since");

  /**
   * "and" (in each bundled language) before one of these starts a new clause with its own
   * subject: "her hand won't grip and her mouth is drooping" does not deny the drooping. Kept to
   * possessives and subject pronouns: "no pain and numbness" still lists what is denied.
   */
  private static final Set<String> CLAUSE_AND = Set.of("and", "y", "e", "et", "und");
  private static final Set<String> NEW_SUBJECT =
      Set.of("my", "his", "her", "their", "our", "he", "she", "they", "we", "i",
          "mi", "su", "sus", "mon", "ma", "mes", "son", "sa", "ses", "il", "elle",
          "mein", "meine", "sein", "seine", "ihr", "ihre", "er", "meu", "minha", "seu", "sua",
          "ele", "ela");

  /**
   * English "and" before one of these starts a second predicate of the same subject, which the
   * negation of the first does not reach: "the baby isn't feeding and is really floppy" does not
   * deny the floppiness, as "he can't walk and has a fever" does not deny the fever.
   */
  private static final Set<String> NEW_PREDICATE =
      Set.of("is", "was", "has", "keeps", "kept", "seems", "looks", "feels", "became", "started",
          "went", "got");

  /**
   * The generic "you" of a question ("can anxiety make you feel like you can't breathe?"): an
   * always-trigger said of it is judged as a context trigger, so that the question can stop it.
   */
  private static final Set<String> GENERIC_SUBJECTS =
      Set.of("you", "someone", "somebody", "anyone", "anybody", "people");
  /**
   * Pets in the bundled languages: a trigger whose subject is one ("my hamster isn't breathing",
   * "mi perro convulsiono") is about an animal, not a patient, whatever the tense; a person
   * named after the pet ("the dog knocked her over and she collapsed") is judged as usual.
   */
  private static final Set<String> PETS = Set.of("dog", "doggy", "puppy", "cat", "kitten",
      "kitty", "hamster", "rabbit", "bunny", "parrot", "budgie", "horse", "pony", "ferret", "pet",
      "perro", "perra", "perrito", "perrita", "gato", "gata", "gatito", "gatita", "mascota",
      "conejo", "cachorro", "cachorra", "cao", "cadela", "gatinho", "gatinha", "coelho",
      "chien", "chienne", "chiot", "chat", "chatte", "chaton", "lapin",
      "hund", "hundin", "welpe", "katze", "kater", "katzchen", "kaninchen", "haustier",
      // farm and small animals ('our sheep is choking', 'my chicken is having a seizure'); not
      // "calf" or "kid", which are a leg and a child
      "sheep", "ewe", "lamb", "goat", "cow", "heifer", "bull", "pig", "piglet", "hen", "chicken",
      "rooster", "duck", "goose", "donkey", "mare", "foal", "alpaca", "llama", "gerbil", "tortoise",
      "vaca", "oveja", "cabra", "caballo", "yegua", "cerdo", "gallina", "burro",
      "vache", "mouton", "brebis", "chevre", "cheval", "jument", "cochon", "poule",
      "kuh", "schaf", "ziege", "pferd", "schwein", "huhn", "kalb",
      // Italian ('il mio gatto respira male'); not "cane", which is also a walking stick
      "gatto", "gatta", "gattino", "gattina", "micio", "micia", "cagnolino", "cagnolina",
      "cucciolo", "cucciola", "coniglio", "coniglietto", "criceto", "pappagallo", "cavallo",
      "ovelha", "cavalo", "egua", "porco", "galinha",
      // Turkish, Ukrainian and Arabic as folded ('kedim nefes alamiyor', 'кіт погано дихає',
      // 'قطتي مش قادره تتنفس'); not Vietnamese "cho" and "meo", which are also "for" and "crooked"
      "kedi", "kedim", "kedimiz", "kedisi", "kopek", "kopegim", "kopegimiz", "kopegi", "kopekler",
      "papagan", "papaganim", "hamsterim", "tavsan", "tavsanim", "kusum", "kusumuz",
      "кіт", "кішка", "кошеня", "собака", "пес", "песик", "цуценя", "хомяк", "хомячок", "папуга",
      "кролик", "قطتي", "قطه", "القطه", "قطتنا", "بستي", "بسي", "البسه", "كلبي", "كلبنا", "الكلب",
      "كلب", "عصفوري", "العصفور", "حصاني", "الحصان", "ارنبي", "الارنب");
  /** Words between a subject and its verb: "my cat is not breathing", "you can't breathe". */
  private static final Set<String> SUBJECT_AUX = Set.of("is", "was", "has", "had", "been",
      "keeps", "just", "suddenly", "still", "really", "will", "would", "can", "could", "does",
      "did", "esta", "ta", "est", "ist", "hat", "a", "tuvo", "teve", "ha", "se",
      // 'mi perro tiene convulsiones', 'meu cachorro tem', 'il gatto sta male'
      "tiene", "tem", "sta",
      // 'mon chat a du mal a respirer', whose trigger may start at 'mal' (batch bp)
      "du");
  /**
   * What an animal does to a person (a bite, a torn ear, a scratch in the eye): a trigger of
   * these kinds is about the person it happened to, even when the animal is its subject.
   */
  private static final Set<String> INFLICTED = Set.of("WOUND", "AMPUTATION", "INJURY",
      "BLEEDING", "EYE", "HEAD_INJURY");

  /** Who a trigger starting at the token is said of. */
  enum Subject { PATIENT, GENERIC, PET }

  static Subject subject(TextNormalizer.Normalized t, int trigger) {
    String[] tok = t.tokens();
    for (int j = trigger - 1, skipped = 0; j >= 0 && skipped <= 2; j--, skipped++) {
      if (t.isPunctuation(j)) {
        break;
      }
      if (CLAUSE_AND.contains(tok[j])) {
        // a second predicate of the clause's subject: "my dog ate chocolate and is breathing fast"
        return petLeadsClause(t, j) ? Subject.PET : Subject.PATIENT;
      }
      Subject word = SUBJECT_WORDS.get(tok[j]);
      if (word == Subject.PET || word == Subject.GENERIC) {
        return word;
      }
      if (word == null) {
        break;
      }
    }
    return Subject.PATIENT;
  }

  /** Whether the clause that ends at token {@code end} opens with a pet ("my dog", "the cat"). */
  private static boolean petLeadsClause(TextNormalizer.Normalized t, int end) {
    int start = end;
    while (start > 0 && !t.isPunctuation(start - 1)) {
      start--;
    }
    String[] tok = t.tokens();
    for (int k = start; k < Math.min(start + 2, end); k++) {
      if (PETS.contains(tok[k])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The three sets above as one map, asked once per word at every trigger start: a pet, a
   * generic subject, or (PATIENT) a word between a subject and its verb; in that order of
   * precedence where a word is in several.
   */
  private static final Map<String, Subject> SUBJECT_WORDS = new HashMap<>();

  static {
    SUBJECT_AUX.forEach(w -> SUBJECT_WORDS.put(w, Subject.PATIENT));
    GENERIC_SUBJECTS.forEach(w -> SUBJECT_WORDS.put(w, Subject.GENERIC));
    PETS.forEach(w -> SUBJECT_WORDS.put(w, Subject.PET));
  }

  /** After "never", these words mean "never (had it) like this": an emphasis, not a denial. */
  private static final Set<String> NEVER_EMPHASIS = Set.of("like", "bad", "before", "worse", "severe");

  /**
   * PRESENT_WEAK: wording that reads as happening now only until something dates it ("my friend
   * passed out" is news, "my friend passed out last summer" is history): like PRESENT, except that
   * a PAST phrase in the same sentence still wins.
   */
  private enum Kind {
    TRIGGER, INFO, PAST, PRESENT, PRESENT_WEAK, FRAME, FRAME_WEAK, MEDIA, RECOVERY, SCENE, DENIAL
  }

  /** The words of a language that negate what follows, and what stops or voids them. */
  /**
   * continues: words that negate only when they carry on a negation said earlier in the clause,
   * commas included: the Italian "né" ("non ho febbre, né dolore") is typed "ne", which is also
   * the pronoun of "ne ha prese venti". not-after: words after which a negation word is the
   * second half of a compound whose hyphen the text lost ("nouveau-né").
   */
  record Negation(Set<String> words, Set<String> notBefore, Set<String> breaks,
      Set<String> continues, Set<String> notAfter) {
    static final Negation ENGLISH =
        new Negation(NEGATIONS, NOT_NEGATED_BEFORE, BREAKS, Set.of(), Set.of());

    /**
     * Whether the token at {@code j} is a negation word, not the second half of a compound split
     * at its hyphen: French "nouveau-né" is read "nouveau ne", and that "ne" is "born".
     */
    boolean negates(String[] tok, int j) {
      return words.contains(tok[j]) && !(j > 0 && notAfter.contains(tok[j - 1]));
    }
  }

  /**
   * recent: a context trigger that also needs a sign in its own sentence that it is
   * happening now ("had a seizure" is history unless "this morning", "just", "right now"...).
   * fullMask: one bit per indexed element; all seen means every needed word occurs.
   */
  record Rule(int order, Kind kind, String id, Level level, String category,
      boolean always, boolean recent, PhrasePattern phrase, long fullMask) {
    Rule(int order, Kind kind, String id, Level level, String category, boolean always,
        boolean recent, PhrasePattern phrase) {
      this(order, kind, id, level, category, always, recent, phrase,
          mask(1 + phrase.required().size()));
    }

    private static long mask(int elements) {
      return elements >= 64 ? -1L : (1L << elements) - 1;
    }
  }

  /**
   * What the tokens of one message mean to this rule set. The arrays are shared by every rule
   * set of the message (built once by {@link Triage}): each different word once in
   * {@code distinct}, per rule set ({@code distinct[d][set]}, null when this set does not know
   * it), token i being {@code distinct[distinctOf[i]]} ({@code -1} for punctuation and words no
   * rule set knows). A message repeats "the", "my", "and" many times; work that
   * depends on the word alone is done once per word. Of this set's own, the tokens where one of
   * its triggers could start, in text order, with their sentence numbers: a Chinese
   * message is 2,000 tokens, and most rule sets have no trigger to start at any of them.
   */
  record Lookups(int set, int[] distinctOf, Words[][] distinct, int[] triggerTokens,
      int[] triggerSentences, int triggerCount) {
    Words at(int i) {
      int d = distinctOf[i];
      return d < 0 ? null : distinct[d][set];
    }

    int size() {
      return distinctOf.length;
    }
  }

  /** Wildcard words are bucketed by first letter; the few that start beyond ASCII share one. */
  private static int bucket(char first) {
    return first < 128 ? first : 0;
  }

  /** Word {@code element} of a rule (0 is its gate); {@code prefix} for wildcard words, else null. */
  private record Entry(Rule rule, int element, String prefix) {}

  /**
   * What one token means to this rule set, flattened for the per-token loop: the rules (by order)
   * and element bits it supplies, and the triggers and cues that could start at it.
   */
  record Words(int[] orders, long[] bits, int[] triggerGates, int[] cueGates) {
    /**
     * The element bits of rule {@code order} this word supplies, 0 when none: orders are sorted
     * and each rule is there once, so a common word ("my", "i") that hundreds of rules use is
     * searched, not walked, by the window check at every start.
     */
    long bitsOf(int order) {
      int k = Arrays.binarySearch(orders, order);
      return k < 0 ? 0 : bits[k];
    }

    static Words of(List<Entry> entries) {
      // per rule, the bits of all its elements this word is, in rule order
      java.util.TreeMap<Integer, Long> byRule = new java.util.TreeMap<>();
      int triggers = 0;
      int cues = 0;
      for (int k = 0; k < entries.size(); k++) {
        Entry e = entries.get(k);
        byRule.merge(e.rule().order(), 1L << e.element(), (a, b) -> a | b);
        if (e.element() == 0) {
          if (e.rule().kind() == Kind.TRIGGER) {
            triggers++;
          } else {
            cues++;
          }
        }
      }
      int[] orders = new int[byRule.size()];
      long[] bits = new long[byRule.size()];
      int at = 0;
      for (Map.Entry<Integer, Long> r : byRule.entrySet()) {
        orders[at] = r.getKey();
        bits[at++] = r.getValue();
      }
      int[] triggerGates = new int[triggers];
      int[] cueGates = new int[cues];
      triggers = 0;
      cues = 0;
      for (Entry e : entries) {
        if (e.element() == 0) {
          if (e.rule().kind() == Kind.TRIGGER) {
            triggerGates[triggers++] = e.rule().order();
          } else {
            cueGates[cues++] = e.rule().order();
          }
        }
      }
      return new Words(orders, bits, triggerGates, cueGates);
    }
  }

  /**
   * Rules by the words they need. Exact words map straight to entries; wildcard words are few and
   * bucketed by their first letter, then checked with startsWith (no substring per token).
   */
  private record Index(Map<String, Entry[]> exact, Entry[][] prefixByFirstChar) {
    static Index of(List<Rule> rules) {
      // sets: "{having|had} ..." must not try the same rule twice at one word
      Map<String, Set<Entry>> exact = new HashMap<>();
      List<Set<Entry>> prefix = new ArrayList<>();
      for (int c = 0; c < 128; c++) {
        prefix.add(new LinkedHashSet<>());
      }
      for (Rule r : rules) {
        List<List<PhrasePattern.Gate>> elements = new ArrayList<>();
        elements.add(r.phrase().gates());
        elements.addAll(r.phrase().required());
        for (int e = 0; e < elements.size() && e < 64; e++) {
          for (PhrasePattern.Gate g : elements.get(e)) {
            if (g.prefix()) {
              // phrase words are [a-z0-9.], so the first char is ASCII
              prefix.get(bucket(g.word().charAt(0))).add(new Entry(r, e, g.word()));
            } else {
              exact.computeIfAbsent(g.word(), k -> new LinkedHashSet<>()).add(new Entry(r, e, null));
            }
          }
        }
      }
      Map<String, Entry[]> e = new HashMap<>();
      exact.forEach((k, v) -> e.put(k, v.toArray(new Entry[0])));
      Entry[][] p = new Entry[128][];
      for (int c = 0; c < 128; c++) {
        p[c] = prefix.get(c).isEmpty() ? null : prefix.get(c).toArray(new Entry[0]);
      }
      return new Index(e, p);
    }
  }

  private final String language;
  private final List<Rule> rules;
  private final Index index;
  private final Negation negation;
  private final long[] fullMasks;
  private final Set<String> words;
  /** The whole words and the wildcard stems the phrases need (not those they exclude). */
  private final Set<String> neededWords;
  private final Set<String> stems;
  /** Every word and every stem its phrases spell, in any alphabet and any position. */
  private final Set<String> spelled;
  private final Set<String> spelledStems;
  private final int shortestSpelledStem;
  private final int longestSpelledStem;
  /** Those of the trigger phrases, stems with their '*' ("respir*"). */
  private final Set<String> triggerWords;
  /** The [frame] rules, tried only where a trigger has fired. */
  private final Rule[] frames;
  /** The [present] and [present-weak] rules, which a frame yields to beyond its clause. */
  private final Rule[] presents;
  /** The [recovery] phrases ({@link SentenceJoins}). */
  private final List<PhrasePattern> recoveries;
  /** The [scene] phrases ({@link SentenceJoins}). */
  private final List<PhrasePattern> scenes;
  /**
   * The [denial] phrases: a negation that follows what it denies, as Japanese and Korean put it
   * ("息苦しさはない", "호흡곤란은 없어요"). The negation words look before a trigger and cannot see it.
   */
  private final PhrasePattern[] denials;
  /**
   * "No" and "without" before a noun, which deny history wording after them ({@link #deniedCue});
   * English only: "no" is a preposition and article in Portuguese ("no verão passado", last
   * summer) and a verb's negation in Spanish and Italian.
   */
  private final Set<String> cueDeterminers;

  private RuleSet(String language, List<Rule> rules, Negation negation, Set<String> words,
      Set<String> neededWords, Set<String> stems, Set<String> spelled, Set<String> spelledStems,
      Set<String> triggerWords, List<PhrasePattern> recoveries,
      List<PhrasePattern> scenes, List<PhrasePattern> denials) {
    this.language = language;
    this.recoveries = List.copyOf(recoveries);
    this.scenes = List.copyOf(scenes);
    this.denials = denials.toArray(PhrasePattern[]::new);
    this.cueDeterminers = language.equals("en") ? Set.of("no", "without") : Set.of();
    this.words = Set.copyOf(words);
    this.neededWords = Set.copyOf(neededWords);
    this.stems = Set.copyOf(stems);
    this.spelled = Set.copyOf(spelled);
    this.spelledStems = Set.copyOf(spelledStems);
    this.shortestSpelledStem = spelledStems.stream().mapToInt(String::length).min().orElse(1);
    this.longestSpelledStem = spelledStems.stream().mapToInt(String::length).max().orElse(0);
    this.triggerWords = Set.copyOf(triggerWords);
    this.rules = List.copyOf(rules);
    this.fullMasks = this.rules.stream().mapToLong(Rule::fullMask).toArray();
    this.index = Index.of(this.rules);
    this.negation = negation;
    this.frames = this.rules.stream()
        .filter(r -> r.kind() == Kind.FRAME || r.kind() == Kind.FRAME_WEAK).toArray(Rule[]::new);
    this.presents = this.frames.length == 0 ? new Rule[0] : this.rules.stream()
        .filter(r -> r.kind() == Kind.PRESENT || r.kind() == Kind.PRESENT_WEAK)
        .toArray(Rule[]::new);
  }

  String language() {
    return language;
  }

  List<PhrasePattern> recoveries() {
    return recoveries;
  }

  List<PhrasePattern> scenes() {
    return scenes;
  }

  /** Suffix of a section that the other bundled languages read too: "[past shared]". */
  static final String SHARED = " shared";

  /**
   * The sections of a rules file marked shared ("[negation shared]", "[info shared]", "[past
   * shared]", "[present shared]", "[present-weak shared]"), as rules text that another language's
   * file can end with. Every language's rules read every message, so the wording that says a
   * message is a general question, history or happening now in one language must judge the
   * triggers of the others too (an Italian "è morta di infarto nel 2010" fires the Spanish
   * "infarto"). Shared phrases may not use @names: each file defines its own.
   *
   * @throws IOException when a shared line uses an @name or a shared section is not one of these
   */
  static String sharedSections(String rules) throws IOException {
    StringBuilder out = new StringBuilder();
    boolean shared = false;
    int lineNo = 0;
    for (String line : rules.split("\\R")) {
      lineNo++;
      String s = line.strip();
      if (s.startsWith("[") && s.endsWith("]")) {
        String name = s.substring(1, s.length() - 1).strip().toLowerCase(Locale.ROOT);
        shared = name.endsWith(SHARED);
        if (shared) {
          String base = name.substring(0, name.length() - SHARED.length()).strip();
          if (!Set.of("negation", "info", "past", "present", "present-weak", "frame", "frame-weak",
              "media", "denial").contains(base)) {
            throw bad(lineNo, "section [" + name + "] cannot be shared");
          }
          out.append('[').append(base).append("]\n");
        }
        continue;
      }
      if (!shared || s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (DEFINED.matcher(s).find()) {
        throw bad(lineNo, "a shared rule cannot use an @name (each file has its own)");
      }
      out.append(s).append('\n');
    }
    return out.toString();
  }

  /**
   * Reads rules in the format of the bundled {@code rules-en.txt} (see its header).
   *
   * @throws IOException when reading fails or a line is not a valid rule; the message names the
   *     line number and what is wrong with it
   */
  static RuleSet load(String language, Reader rules) throws IOException {
    BufferedReader in = rules instanceof BufferedReader b ? b : new BufferedReader(rules);
    List<Rule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> defines = new HashMap<>();
    Map<String, Set<String>> negation = new HashMap<>();
    Set<String> words = new HashSet<>();
    Set<String> neededWords = new HashSet<>();
    Set<String> stems = new HashSet<>();
    Set<String> spelled = new HashSet<>();
    Set<String> spelledStems = new HashSet<>();
    Set<String> triggerWords = new HashSet<>();
    List<PhrasePattern> recoveries = new ArrayList<>();
    List<PhrasePattern> scenes = new ArrayList<>();
    List<PhrasePattern> denials = new ArrayList<>();
    Kind section = null;
    String special = null;
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      if (s.startsWith("[") && s.endsWith("]")) {
        String name = s.substring(1, s.length() - 1).strip().toLowerCase(Locale.ROOT);
        // "[info shared]": read here as [info]; Triage also appends it to the other languages
        name = name.endsWith(SHARED) ? name.substring(0, name.length() - SHARED.length()).strip()
            : name;
        special = name.equals("define") || name.equals("negation") ? name : null;
        section = special != null ? null : switch (name) {
          case "triggers" -> Kind.TRIGGER;
          case "info" -> Kind.INFO;
          case "past" -> Kind.PAST;
          case "present" -> Kind.PRESENT;
          case "present-weak" -> Kind.PRESENT_WEAK;
          case "frame" -> Kind.FRAME;
          case "frame-weak" -> Kind.FRAME_WEAK;
          case "media" -> Kind.MEDIA;
          case "recovery" -> Kind.RECOVERY;
          case "scene" -> Kind.SCENE;
          case "denial" -> Kind.DENIAL;
          default -> throw bad(lineNo, "unknown section [" + name + "] (expected [define], "
              + "[negation], [triggers], [info], [past], [present], [present-weak], [frame], "
              + "[frame-weak], [media], [recovery], [scene] or [denial])");
        };
        continue;
      }
      if ("define".equals(special)) {
        String[] cols = s.split("\\s+", 2);
        if (cols.length < 2 || !cols[0].matches("@[a-z][a-z0-9-]*")
            || !cols[1].startsWith("{") || !cols[1].endsWith("}")) {
          throw bad(lineNo, "expected: @name {alternative|alternative|...}");
        }
        if (defines.putIfAbsent(cols[0], expand(cols[1], defines, lineNo)) != null) {
          throw bad(lineNo, "duplicate definition '" + cols[0] + "'");
        }
        continue;
      }
      if ("negation".equals(special)) {
        String[] cols = s.split("\\s+");
        if (!Set.of("words", "not-before", "not-after", "breaks", "gap-stop", "continues")
            .contains(cols[0]) || cols.length < 2) {
          throw bad(lineNo,
              "expected: words|not-before|not-after|breaks|gap-stop|continues followed by words");
        }
        Set<String> set = negation.computeIfAbsent(cols[0], k -> new HashSet<>());
        for (int i = 1; i < cols.length; i++) {
          set.add(TextNormalizer.foldForRules(cols[i]).toLowerCase(Locale.ROOT));
        }
        continue;
      }
      if (section == null) {
        throw bad(lineNo,
            "a rule before any section; start with [triggers], [info], [past] or [present]");
      }
      String[] cols = s.split("\\s+", section == Kind.TRIGGER ? 5 : 2);
      int want = section == Kind.TRIGGER ? 5 : 2;
      if (cols.length < want) {
        throw bad(lineNo, section == Kind.TRIGGER
            ? "expected: id level category mode phrase"
            : "expected: id phrase");
      }
      String id = cols[0];
      if (!ids.add(id)) {
        throw bad(lineNo, "duplicate rule id '" + id + "'");
      }
      Level level = null;
      String category = null;
      boolean always = false;
      boolean recent = false;
      String phrase;
      if (section == Kind.TRIGGER) {
        level = switch (cols[1]) {
          case "EMERGENCY" -> Level.EMERGENCY;
          case "SELF_HARM" -> Level.SELF_HARM;
          case "URGENT" -> Level.URGENT;
          default -> throw bad(lineNo, "unknown level '" + cols[1]
              + "' (expected EMERGENCY, SELF_HARM or URGENT)");
        };
        category = cols[2];
        if (!category.matches("[A-Z][A-Z0-9_]*")) {
          throw bad(lineNo, "category must be UPPER_CASE, not '" + category + "'");
        }
        always = cols[3].equals("always");
        recent = cols[3].equals("recent");
        if (!always && !recent && !cols[3].equals("context")) {
          throw bad(lineNo, "unknown mode '" + cols[3] + "' (expected always, context or recent)");
        }
        phrase = cols[4];
      } else {
        phrase = cols[1];
      }
      PhrasePattern compiled;
      String expanded = expand(phrase, defines, lineNo);
      Matcher word = PLAIN_WORD.matcher(expanded);
      while (word.find()) {
        words.add(word.group());
      }
      Matcher anyWord = SPELLED_WORD.matcher(expanded);
      while (anyWord.find()) {
        spelled.add(anyWord.group());
      }
      Matcher anyStem = SPELLED_STEM.matcher(expanded);
      while (anyStem.find()) {
        spelledStems.add(anyStem.group(1));
      }
      // a slip of a word a phrase needs is repaired, whatever the phrase's section: a slipped
      // "lyrics" or "documentary" must still frame what follows
      String needed = EXCLUDED.matcher(expanded).replaceAll(" ");
      Matcher needWord = PLAIN_WORD.matcher(needed);
      while (needWord.find()) {
        neededWords.add(needWord.group());
        if (section == Kind.TRIGGER) {
          triggerWords.add(needWord.group());
        }
      }
      Matcher stem = STEM.matcher(needed);
      while (stem.find()) {
        stems.add(stem.group(1));
        if (section == Kind.TRIGGER) {
          triggerWords.add(stem.group(1) + "*");
        }
      }
      try {
        boolean english = language.equals("en");
        boolean trigger = section == Kind.TRIGGER;
        // a cue's gap written ~~N may not end on a negation either: "but it was never severe"
        // tells no severe symptom going on now
        Set<String> gapWords = english ? ENGLISH_GAP_NEGATIONS : gapWords(negation);
        Set<String> gapNotBefore = english ? NOT_NEGATED_BEFORE
            : negation.getOrDefault("not-before", NOT_NEGATED_BEFORE);
        compiled = PhrasePattern.compile(expanded, gapWords, gapNotBefore, trigger && english,
            trigger ? negation.getOrDefault("not-after", Set.of()) : Set.of());
      } catch (IllegalArgumentException e) {
        throw bad(lineNo, "rule '" + id + "': " + e.getMessage());
      }
      if (section == Kind.RECOVERY) {
        recoveries.add(compiled);
        continue;
      }
      if (section == Kind.DENIAL) {
        denials.add(compiled);
        continue;
      }
      if (section == Kind.SCENE) {
        scenes.add(compiled);
        continue;
      }
      out.add(new Rule(out.size(), section, id, level, category, always, recent, compiled));
    }
    if (out.stream().noneMatch(r -> r.kind() == Kind.TRIGGER)) {
      throw new IOException("triage rules: no [triggers] rule found");
    }
    Negation neg = negation.isEmpty() ? Negation.ENGLISH : new Negation(
        Set.copyOf(negation.getOrDefault("words", Set.of())),
        Set.copyOf(negation.getOrDefault("not-before", Set.of())),
        Set.copyOf(negation.getOrDefault("breaks", Set.of())),
        Set.copyOf(negation.getOrDefault("continues", Set.of())),
        Set.copyOf(negation.getOrDefault("not-after", Set.of())));
    return new RuleSet(language, out, neg, words, neededWords, stems, spelled, spelledStems,
        triggerWords, recoveries,
        scenes, denials);
  }

  /**
   * Replaces each {@code @name} by its definition; a name not defined above is an error. Inside
   * alternatives ("{a @person|an @person}") each alternative is repeated once per word of the
   * class, since alternatives do not nest.
   */
  /**
   * What a ~~ gap of a non-English file may not end on: its negation words, and its gap-stop
   * words, which soften a denial that follows ("el bebe casi no se mueve" moves less, it is not
   * still) without denying anything themselves.
   */
  private static Set<String> gapWords(Map<String, Set<String>> negation) {
    Set<String> out = new HashSet<>(negation.getOrDefault("words", Set.of()));
    out.addAll(negation.getOrDefault("gap-stop", Set.of()));
    return out;
  }

  private static String expand(String phrase, Map<String, String> defines, int lineNo)
      throws IOException {
    if (phrase.indexOf('@') < 0) {
      return phrase;
    }
    Matcher group = GROUP.matcher(phrase);
    StringBuilder flat = new StringBuilder();
    while (group.find()) {
      String body = group.group(2);
      if (body.indexOf('@') < 0) {
        continue;
      }
      List<String> alternatives = new ArrayList<>();
      for (String alt : body.split("\\|", -1)) {
        expandAlternative(alt.strip(), defines, lineNo, alternatives);
      }
      group.appendReplacement(flat, Matcher.quoteReplacement(
          group.group(1) + String.join("|", alternatives) + group.group(3)));
    }
    group.appendTail(flat);
    Matcher m = DEFINED.matcher(flat);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(definition(m.group(), defines, lineNo)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void expandAlternative(String alt, Map<String, String> defines, int lineNo,
      List<String> out) throws IOException {
    Matcher m = DEFINED.matcher(alt);
    if (!m.find()) {
      out.add(alt);
      return;
    }
    String body = definition(m.group(), defines, lineNo);
    for (String word : body.substring(1, body.length() - 1).split("\\|")) {
      expandAlternative(alt.substring(0, m.start()) + word.strip() + alt.substring(m.end()),
          defines, lineNo, out);
    }
  }

  private static String definition(String name, Map<String, String> defines, int lineNo)
      throws IOException {
    String body = defines.get(name);
    if (body == null) {
      throw bad(lineNo, "'" + name + "' is not defined in a [define] section above");
    }
    return body;
  }

  /** An alternatives group: opening "{", "[" or "!{", body, closing bracket. */
  private static final Pattern GROUP = Pattern.compile("(!?\\{|\\[)([^\\]}]*)([}\\]])");
  private static final Pattern DEFINED = Pattern.compile("@[a-z][a-z0-9-]*");

  private static IOException bad(int line, String what) {
    return new IOException("triage rules line " + line + ": " + what);
  }

  /** What one message has shown so far; one per call, so the rule set stays immutable. */
  private static final class Scan {
    final TextNormalizer.Normalized text;
    /** What each token means to this rule set (null for none), for the window check. */
    Lookups lookups;
    /** Made when the first expression runs: most rule sets run none for a message. */
    Matcher[] matchers;
    /**
     * Made at first use, as the matchers: most rule sets reading a message have a trigger word
     * in it but no rule whose every word is there, and a set has hundreds of rules.
     */
    private boolean[] done;
    /** The sentence a rule last fired in, plus one (0: none yet), so a new array needs no fill. */
    private int[] lastSentence;
    final long[] seen;
    Rule best; // best trigger that no cue can suppress
    List<Rule> contextHits;
    List<Integer> contextSentences;
    /** The same sentences as a set: long messages have thousands, and cues ask about each. */
    Set<Integer> contextSentenceSet;
    boolean info;
    boolean presentAnywhere;
    Set<Integer> pastSentences = Set.of();
    Set<Integer> presentSentences = Set.of();
    Set<Integer> weakPresentSentences = Set.of();

    /** When not null, every always-trigger that fires, and no rule is skipped as outranked. */
    final List<Rule> allAlways;

    Scan(TextNormalizer.Normalized text, int rules, List<Rule> allAlways) {
      this.text = text;
      this.allAlways = allAlways;
      this.seen = new long[rules];
    }

    boolean[] done() {
      if (done == null) {
        done = new boolean[seen.length];
      }
      return done;
    }

    int[] lastSentence() {
      if (lastSentence == null) {
        lastSentence = new int[seen.length];
      }
      return lastSentence;
    }

    boolean matches(Rule r, int token) {
      return matchEnd(r, token) >= 0;
    }

    /** The index of the token after the rule's match starting at the token, or -1. */
    int matchEnd(Rule r, int token) {
      if (matchers == null) {
        matchers = new Matcher[seen.length];
      }
      Matcher m = matchers[r.order()];
      if (m == null) {
        m = r.phrase().pattern().matcher("");
        matchers[r.order()] = m;
      }
      if (!PROFILE) {
        return r.phrase().matchAt(m, text, token);
      }
      long start = System.nanoTime();
      int end = r.phrase().matchAt(m, text, token);
      long[] totals = PROFILE_TOTALS.computeIfAbsent(r.id(), k -> new long[3]);
      synchronized (totals) {
        totals[0] += System.nanoTime() - start;
        totals[1]++;
        totals[2] += end >= 0 ? 1 : 0;
      }
      return end;
    }
  }

  /** The strongest trigger that fires on the normalized message, or none. */
  TriageResult assess(TextNormalizer.Normalized t, Lookups lookups) {
    if (t.size() == 0 || lookups.triggerCount() == 0) {
      return TriageResult.none(); // no trigger of this language can start anywhere
    }
    Scan scan = new Scan(t, rules.size(), null);
    scan.lookups = lookups;
    Starts triggers = collect(scan, lookups, Kind.TRIGGER);
    // always-triggers settle scan.best first: a context trigger matters only if it outranks it
    Starts context = new Starts();
    int[] d = triggers.data;
    for (int k = 0; k < triggers.size; k += 3) {
      Rule r = rules.get(d[k]);
      if ((scan.seen[r.order()] & r.fullMask()) != r.fullMask()) {
        continue;
      }
      if (scan.best != null && !outranks(r, scan.best)) {
        // cannot change the outcome, always or context (best only gets better); in a long
        // message, most starts after the first finding
        continue;
      }
      Subject who = subject(scan.text, d[k + 1]);
      if (who == Subject.PET && !INFLICTED.contains(r.category())) {
        continue;
      }
      if (r.always() && who != Subject.GENERIC) {
        visit(r, scan, d[k + 1], d[k + 2]);
      } else {
        context.add(d[k], d[k + 1], d[k + 2]);
      }
    }
    Rule winner = contextWinner(scan, context);
    return result(winner != null ? winner : scan.best);
  }

  /**
   * The best context trigger that fires and that no cue suppresses, if it outranks scan.best;
   * else null. The same outcome as running every trigger and then every cue over the message
   * ({@link #firing}), found with less work: rules are tried best first and the first one that
   * fires in a sentence where it survives wins, so worse rules and later sentences are never
   * run; past and present wording is looked for only in the sentences asked about; and the
   * message-wide question check (info without any present wording), which suppresses every
   * context trigger alike, is made once, when the first one fires.
   */
  private Rule contextWinner(Scan scan, Starts context) {
    if (context.size == 0) {
      return null;
    }
    int[] d = context.data;
    // each rule's starts chained in text order (first[o], then next[k / 3]): a long message has
    // thousands of starts, and walking all of them for each candidate rule cost more than the
    // rules themselves
    int[] first = new int[rules.size()];
    Arrays.fill(first, -1);
    int[] next = new int[context.size / 3];
    for (int k = context.size - 3; k >= 0; k -= 3) {
      next[k / 3] = first[d[k]];
      first[d[k]] = k;
    }
    List<Rule> candidates = new ArrayList<>();
    for (int k = 0; k < context.size; k += 3) {
      Rule r = rules.get(d[k]);
      if (first[d[k]] == k && (scan.best == null || outranks(r, scan.best))) {
        candidates.add(r);
      }
    }
    candidates.sort((a, b) -> outranks(a, b) ? -1 : outranks(b, a) ? 1 : 0);
    Cues cues = null;
    for (Rule r : candidates) {
      int o = r.order();
      for (int k = first[o]; k >= 0; k = next[k / 3]) {
        int token = d[k + 1];
        int sentence = d[k + 2];
        if (scan.lastSentence()[o] == sentence + 1) {
          continue;
        }
        // a sentence whose cues are known and leave this rule nothing (dated, a film's, or not
        // recent enough) needs no expression run: a long pasted history has a dated alarm word
        // in most sentences, each tried by every rule of that word. Cues exist here, so the
        // question check is made and the outcome is the one a firing start would have given
        if (cues != null && cues.decided(sentence) && !cues.survives(r, sentence)) {
          continue;
        }
        if (!fires(r, scan, token)) {
          continue;
        }
        scan.lastSentence()[o] = sentence + 1;
        if (cues == null) {
          cues = new Cues(scan);
          if (cues.questionOnly()) {
            return null; // every context trigger is suppressed alike
          }
        }
        if (cues.survives(r, sentence)) {
          return r;
        }
      }
    }
    return null;
  }

  /** Whether a trigger fires at the token: {@link #visit}'s checks for a trigger, in its order. */
  private boolean fires(Rule r, Scan scan, int token) {
    if (!inWindow(r, scan, token)) {
      return false;
    }
    boolean negated = negated(negation, scan.text, token);
    if (negated && !breakWithin(negation, scan.text, token, r.phrase().span())) {
      return false;
    }
    int end = scan.matchEnd(r, token);
    return end >= 0 && !(negated && !spansBreak(negation, scan.text, token, end))
        && !deniedAfter(scan.text, end) && !framed(scan, token);
  }

  /**
   * Whether history or general-question wording ([past], [info]) is denied, so that it neither
   * dates nor turns into a question what the message tells: "my dad has chest pain, no history of
   * heart problems", "سابقه قلبی نداره". Only a {@link #cueDeterminers} word right before the cue
   * counts (a negated verb before history wording, "never had one since", still tells history),
   * or a [denial] right after it. Both paths that read cues ask it: {@link Cues} and {@link #visit}.
   */
  private boolean deniedCue(Kind kind, TextNormalizer.Normalized text, int token, int end) {
    return (kind == Kind.PAST || kind == Kind.INFO)
        && (token > 0 && cueDeterminers.contains(text.tokens()[token - 1])
            || deniedAfter(text, end));
  }

  /**
   * Whether a [denial] phrase starts where a trigger's match ends, or, in Japanese and Korean, a
   * few characters later in the same word run: a match often ends on a stem ("吐" of "吐き気もない",
   * "숨" of "숨쉬기 힘들지는 않아요"). Punctuation ends the reach, so a denial of the next symptom
   * ("息苦しい、咳はない") stays its own.
   */
  private boolean deniedAfter(TextNormalizer.Normalized text, int end) {
    if (denials.length == 0) {
      return false;
    }
    String[] tokens = text.tokens();
    // in languages of words ("تنگی نفس ندارم", "ulti nahi hui") the denial is the next word: a
    // reach of words would deny the trigger for the next symptom's denial ("... دارم و درد ندارم")
    int reach = end < text.size() && TextNormalizer.isIdeograph(tokens[end].charAt(0))
        ? DENIAL_REACH : 0;
    for (int at = end; at < text.size() && at <= end + reach; at++) {
      if (!Character.isLetter(tokens[at].codePointAt(0))
          || at > end && WORD_ENDINGS.contains(tokens[at - 1])) {
        return false;
      }
      for (PhrasePattern denial : denials) {
        if (denial.matchAt(text, at) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a [frame] phrase in the trigger's sentence puts it inside a story, a song, a game, a
   * figure of speech or a hypothetical ("the lyrics say i want to die", "in the game the medic
   * says he is having a stroke", "the heart attack burger"): what it tells is no event, whatever
   * present wording the story holds, and always-triggers are stopped too. A frame reaches the
   * trigger only within its clause: a break word ("but", "now", "suddenly"...) or "and" before a
   * new subject between them ends it ("in the film he collapses and my chest hurts"), and so does
   * a possessive of the writer's ("my", "our"), which names someone real ("my wife fainted in the
   * show"). A frame that covers the trigger's first word ("heart attack burger") always reaches it.
   */
  private boolean framed(Scan scan, int token) {
    return framed(scan, token, true);
  }

  /**
   * As {@link #framed(Scan, int)}; without {@code yieldToPresent}, present wording is not asked,
   * and only [frame] phrases count (the present wording a hypothetical holds is the writer's).
   */
  private boolean framed(Scan scan, int token, boolean yieldToPresent) {
    if (frames.length == 0) {
      return false;
    }
    TextNormalizer.Normalized t = scan.text;
    int from = token;
    while (from > 0 && !t.isSentenceEnd(from)) {
      from--;
    }
    int to = token + 1;
    while (to < t.size() && !t.isSentenceEnd(to)) {
      to++;
    }
    for (Rule f : frames) {
      boolean weak = f.kind() == Kind.FRAME_WEAK;
      if ((scan.seen[f.order()] & f.fullMask()) != f.fullMask() || !yieldToPresent && weak) {
        continue; // a needed word is missing from the whole message
      }
      for (int i = from; i < to; i++) {
        if (!inWindow(f, scan, i)) {
          continue;
        }
        int end = scan.matchEnd(f, i);
        if (end < 0) {
          continue;
        }
        // a frame around the trigger's first word is a whole figure of speech ("mia suocera mi fa
        // venire un infarto"); one beside it yields to the writer's own people or self before the
        // trigger ("my wife fainted in the show", "my son collapsed in the song contest and isnt
        // breathing", "i collapsed in the show")
        // a hypothetical's "if" governs its clause whoever is named before it ("my son asked me
        // what to do if grandma stops breathing") or in it ("what do i do if my baby stops
        // breathing"); it yields to present wording anywhere instead
        if ((i <= token && end > token
            || end <= token && !frameEnds(t, end, token, !weak)
                && (weak || !any(t, WRITERS_OWN, from, token))
            || i > token && !frameEnds(t, token + 1, i) && !any(t, WRITERS_OWN, from, token)
                && !any(t, WRITER, from, token))
            && !(yieldToPresent && (weak
                ? presentOutside(scan, i, end)
                : presentBeyond(scan, Math.min(i, token), Math.max(end, token + 1), from, to)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether [present] or [present-weak] wording lies outside the frame's clause: in another
   * sentence ("what happens in your body during anaphylaxis? my daughter is having one right
   * now") or past a clause break ("i tried to kill myself years ago and now i want to do it
   * again tonight"). The writer then tells something happening now beside the story, and the
   * frame does not silence the trigger. [from, to) is the sentence, [a, b) the frame and trigger.
   */
  private boolean presentBeyond(Scan scan, int a, int b, int from, int to) {
    TextNormalizer.Normalized t = scan.text;
    for (Rule p : presents) {
      if ((scan.seen[p.order()] & p.fullMask()) != p.fullMask()) {
        continue;
      }
      for (int k = 0; k < t.size(); k++) {
        if (k >= a && k < b || !inWindow(p, scan, k) || scan.matchEnd(p, k) < 0) {
          continue;
        }
        // present wording inside a frame of its own ("we covered it in class today") tells no event
        if ((k < from || k >= to || k >= b && frameEnds(t, b, k + 1)
            || k < a && frameEnds(t, k, a)) && !framed(scan, k, false)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * For a [frame-weak] phrase (a hypothetical): whether [present] wording lies anywhere outside the
   * phrase [a, b) itself, its own clause included ("what would happen if i took 30 paracetamol, i
   * just did"). News-like [present-weak] wording ("a toddler swallowed") is what a hypothetical
   * imagines, and does not count.
   */
  private boolean presentOutside(Scan scan, int a, int b) {
    TextNormalizer.Normalized t = scan.text;
    for (Rule p : presents) {
      if (p.kind() != Kind.PRESENT || (scan.seen[p.order()] & p.fullMask()) != p.fullMask()) {
        continue;
      }
      for (int k = 0; k < t.size(); k++) {
        if ((k < a || k >= b) && inWindow(p, scan, k) && scan.matchEnd(p, k) >= 0
            && !framed(scan, k, false)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether tokens [from, to) hold a clause break or a possessive of the writer's; commas and
   * colons do not end a frame ("the lyrics go: i want to die").
   */
  private boolean frameEnds(TextNormalizer.Normalized t, int from, int to) {
    return frameEnds(t, from, to, true);
  }

  /** As {@link #frameEnds(TextNormalizer.Normalized, int, int)}; a possessive ends it if asked. */
  private boolean frameEnds(TextNormalizer.Normalized t, int from, int to, boolean possessive) {
    String[] tok = t.tokens();
    for (int k = from; k < to; k++) {
      if (negation.breaks().contains(tok[k]) || possessive && WRITERS_OWN.contains(tok[k])) {
        return true;
      }
      // "and my chest hurts", "and honestly i want to die too", "y yo también quiero morir"; the
      // subject may be the first word of what the frame would reach ("... and honestly i feel the
      // same")
      if (FRAME_AND.contains(tok[k]) && (subjectAt(tok, k + 1, to, FRAME_SUBJECT)
          || subjectAt(tok, k + 2, to, FRAME_SUBJECT))) {
        return true;
      }
      // "in the book she takes 30 pills, i just took 30 pills too": the writer's own clause after a
      // comma, unless the comma follows a verb of saying ("the lyrics go, i want to die")
      if (tok[k].equals(",") && (k == 0 || !SAYING.contains(tok[k - 1]))
          && (subjectAt(tok, k + 1, to, WRITER) || subjectAt(tok, k + 2, to, WRITER))) {
        return true;
      }
    }
    return false;
  }

  /** Whether token k, at most {@code to} (the first word a frame would reach), is one of the words. */
  private static boolean subjectAt(String[] tok, int k, int to, Set<String> words) {
    return k <= to && k < tok.length && words.contains(tok[k]);
  }

  /** Verbs that introduce a quotation, after which a comma does not end a frame. */
  private static final Set<String> SAYING = Set.of("say", "says", "said", "go", "goes", "went",
      "sing", "sings", "sang", "write", "writes", "wrote", "read", "reads", "is", "was", "like");

  private static boolean any(TextNormalizer.Normalized t, Set<String> words, int from, int to) {
    String[] tok = t.tokens();
    for (int k = from; k < to; k++) {
      if (words.contains(tok[k])) {
        return true;
      }
    }
    return false;
  }

  /** The writer as a subject, in the bundled languages. */
  private static final Set<String> WRITER = Set.of("i", "we", "yo", "je", "j", "ich", "wir", "eu",
      "io", "ik", "wij", "我");

  /** "and" in the bundled languages, for where a frame ends: the negation's, and Dutch and Chinese. */
  private static final Set<String> FRAME_AND = union(CLAUSE_AND, Set.of("en", "和"));

  /** A new subject after "and" ends a frame: the negation's, and "I" in the bundled languages. */
  private static final Set<String> FRAME_SUBJECT = union(NEW_SUBJECT,
      Set.of("yo", "je", "j", "ich", "eu", "io", "ik", "me", "we", "wij", "nous", "wir", "我"));

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  /** Possessives that name the writer's own people, in the bundled languages. */
  private static final Set<String> WRITERS_OWN = Set.of("my", "our", "mi", "mis", "nuestro",
      "nuestra", "mon", "ma", "mes", "notre", "nos", "mein", "meine", "meinem", "meinen", "meiner",
      "unser", "unsere", "unseren", "unserem", "meu", "minha", "meus", "minhas", "nosso", "nossa",
      "mio", "mia", "miei", "mie", "nostro", "nostra", "mijn", "onze");

  /**
   * The cues of one message, each kind looked for only where and when it is asked about, and
   * only its own rules: a long message has a cue start at nearly every word ("i", "my", "is"),
   * and collecting them all cost more than the few sentences asked about.
   */
  private final class Cues {
    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;

    private final Scan scan;
    /** Tokens of sentence s: from first[s] to first[s + 1]. */
    private final int[] first;
    private final byte[] past;
    private final byte[] media;
    private final byte[] present;
    private final byte[] weak;
    /** Per kind (its ordinal) and word: the cue rules of that kind it can start, every word there. */
    private final int[][][] gatesOf = new int[Kind.values().length][][];

    Cues(Scan scan) {
      this.scan = scan;
      TextNormalizer.Normalized t = scan.text;
      int sentences = 1;
      for (int i = 0; i < t.size(); i++) {
        if (t.isSentenceEnd(i)) {
          sentences++;
        }
      }
      first = new int[sentences + 1];
      for (int i = 0, s = 0; i < t.size(); i++) {
        if (t.isSentenceEnd(i)) {
          first[++s] = i; // a sentence end is numbered with the sentence it opens
        }
      }
      first[sentences] = t.size();
      past = new byte[sentences];
      media = new byte[sentences];
      present = new byte[sentences];
      weak = new byte[sentences];
    }

    /** Whether a context trigger firing in the sentence is left standing by its sentence's cues. */
    boolean survives(Rule r, int sentence) {
      if (has(present, Kind.PRESENT, sentence)) {
        return true;
      }
      if (has(past, Kind.PAST, sentence)) {
        return false;
      }
      boolean news = has(weak, Kind.PRESENT_WEAK, sentence);
      // a film, a book or a game named in the sentence makes it a story's, unless the sentence
      // also tells news of someone real ("watching a film and my dad collapsed")
      if (!news && has(media, Kind.MEDIA, sentence)) {
        return false;
      }
      return !r.recent() || news;
    }

    /**
     * Whether {@link #survives} has been asked about the sentence: then every cue it reads for
     * any rule is known (which ones it reads depends on the sentence, and on the rule only last).
     */
    boolean decided(int sentence) {
      return present[sentence] != UNKNOWN;
    }

    /** A general question (info wording) with nothing anywhere saying it is happening now. */
    boolean questionOnly() {
      int tokens = scan.text.size();
      if (!any(Kind.INFO, 0, tokens)) {
        return false;
      }
      for (int s = 0; s < present.length; s++) {
        if (present[s] == YES || weak[s] == YES) {
          return false;
        }
      }
      return !any(Kind.PRESENT, 0, tokens) && !any(Kind.PRESENT_WEAK, 0, tokens);
    }

    private boolean has(byte[] memo, Kind kind, int sentence) {
      if (memo[sentence] == UNKNOWN) {
        memo[sentence] = any(kind, first[sentence], first[sentence + 1]) ? YES : NO;
      }
      return memo[sentence] == YES;
    }

    /** Whether a cue of the kind matches at a token in [from, to). */
    private boolean any(Kind kind, int from, int to) {
      Lookups lookups = scan.lookups;
      int[] distinctOf = lookups.distinctOf();
      int[][] gates = gatesOf[kind.ordinal()];
      if (gates == null) {
        gates = new int[lookups.distinct().length][];
        gatesOf[kind.ordinal()] = gates;
      }
      for (int i = from; i < to; i++) {
        int d = distinctOf[i];
        if (d < 0) {
          continue;
        }
        int[] g = gates[d];
        if (g == null) {
          Words w = lookups.distinct()[d][lookups.set()];
          g = w == null ? NO_GATES : ofKind(ready(w.cueGates(), scan.seen), kind);
          gates[d] = g;
        }
        for (int o : g) {
          Rule r = rules.get(o);
          if (inWindow(r, scan, i) && !deniedTime(r, scan, i)) {
            int end = scan.matchEnd(r, i);
            if (end >= 0 && !deniedCue(kind, scan.text, i, end)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    private int[] ofKind(int[] orders, Kind kind) {
      int n = 0;
      for (int o : orders) {
        n += rules.get(o).kind() == kind ? 1 : 0;
      }
      if (n == 0) {
        return NO_GATES;
      }
      int[] out = new int[n];
      n = 0;
      for (int o : orders) {
        if (rules.get(o).kind() == kind) {
          out[n++] = o;
        }
      }
      return out;
    }
  }

  /**
   * The ids of every trigger that fires on the text, in rule order; not only the winner that
   * {@link #assess} names. For tests that check each rule on its own example.
   */
  List<String> firingRuleIds(TextNormalizer.Normalized text, Lookups lookups) {
    List<Rule> always = new ArrayList<>();
    Scan scan = new Scan(text, rules.size(), always);
    List<Rule> context = firing(scan, lookups);
    Set<Rule> all = new HashSet<>(always);
    all.addAll(context);
    return all.stream().sorted((a, b) -> Integer.compare(a.order(), b.order())).map(Rule::id).toList();
  }

  /** The ids of the trigger rules, in file order; for tests. */
  /** Every whole word the rules spell out (not the stems before a '*'), for spelling repair. */
  Set<String> words() {
    return words;
  }

  /** The whole words the phrases need, for spelling repair. */
  Set<String> neededWords() {
    return neededWords;
  }

  /** The stems of the phrases' wildcard words ("respir" of "respir*"), for spelling repair. */
  Set<String> stems() {
    return stems;
  }

  /** The words and stems ("respir*") the trigger phrases need. */
  Set<String> triggerWords() {
    return triggerWords;
  }

  List<String> triggerIds() {
    return rules.stream().filter(r -> r.kind() == Kind.TRIGGER).map(Rule::id).toList();
  }

  /** Runs the rules; returns the context triggers no cue suppresses (always-triggers: scan.best). */
  private List<Rule> firing(Scan scan, Lookups lookups) {
    if (scan.text.size() == 0) {
      return List.of();
    }
    scan.lookups = lookups;
    run(collect(scan, lookups, Kind.TRIGGER), scan);
    if (scan.contextHits == null) {
      return List.of();
    }
    // cue words ("what", "is", "my", "years") are common: find them only when they matter
    run(collect(scan, lookups, null), scan);
    List<Rule> out = new ArrayList<>();
    if (!(scan.info && !scan.presentAnywhere)) {
      for (int h = 0; h < scan.contextHits.size(); h++) {
        Integer s = scan.contextSentences.get(h);
        boolean past = scan.pastSentences.contains(s) && !scan.presentSentences.contains(s);
        boolean unconfirmed = scan.contextHits.get(h).recent() && !scan.presentSentences.contains(s)
            && !scan.weakPresentSentences.contains(s);
        if (!past && !unconfirmed) {
          out.add(scan.contextHits.get(h));
        }
      }
    }
    return out;
  }

  private static TriageResult result(Rule winner) {
    return winner == null
        ? TriageResult.none()
        : new TriageResult(winner.level(), winner.id(), winner.category());
  }

  /** Where rules could start: triples of rule order, token index, sentence number. */
  private static final class Starts {
    int[] data = new int[24];
    int size;

    void add(int rule, int token, int sentence) {
      if (size + 3 > data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size++] = rule;
      data[size++] = token;
      data[size++] = sentence;
    }
  }

  private static final int[] NO_GATES = new int[0];

  /** The rules of these gates whose every needed word occurs in the message. */
  private int[] ready(int[] gates, long[] seen) {
    int n = 0;
    int[] out = null;
    for (int o : gates) {
      if ((seen[o] & fullMasks[o]) == fullMasks[o]) {
        if (out == null) {
          out = new int[gates.length];
        }
        out[n++] = o;
      }
    }
    return out == null ? NO_GATES : Arrays.copyOf(out, n);
  }

  /**
   * Where the rules of one kind could start: triggers (kind TRIGGER) or cues (kind null), only
   * rules whose every needed word occurs somewhere in the message. Cues are collected in a second
   * call, only for messages with a context trigger, since their words are the most common ones
   * (and only by {@link #firingRuleIds}: {@link #assess} asks {@link Cues} per kind and sentence).
   */
  private Starts collect(Scan scan, Lookups lookups, Kind kind) {
    boolean triggers = kind == Kind.TRIGGER;
    long[] seen = scan.seen;
    Words[][] distinct = lookups.distinct();
    int set = lookups.set();
    if (triggers) {
      for (Words[] perSet : distinct) {
        Words w = perSet[set];
        if (w != null) {
          int[] orders = w.orders();
          long[] bits = w.bits();
          for (int k = 0; k < orders.length; k++) {
            seen[orders[k]] |= bits[k];
          }
        }
      }
    }
    // which of a word's gates are ready depends on the word only: worked out once per word
    int[][] gatesOf = new int[distinct.length][];
    int[] distinctOf = lookups.distinctOf();
    int[] tokens = triggers ? lookups.triggerTokens() : null;
    int[] sentences = triggers ? lookups.triggerSentences() : null;
    int count = triggers ? lookups.triggerCount() : lookups.size();
    TextNormalizer.Normalized t = scan.text;
    Starts starts = new Starts();
    int sentence = 0;
    for (int k = 0; k < count; k++) {
      int i = triggers ? tokens[k] : k;
      if (triggers) {
        sentence = sentences[k];
      } else if (t.isSentenceEnd(i)) {
        sentence++;
      }
      int d = distinctOf[i];
      if (d < 0) {
        continue;
      }
      int[] gates = gatesOf[d];
      if (gates == null) {
        Words w = distinct[d][set];
        gates = w == null ? NO_GATES : ready(triggers ? w.triggerGates() : w.cueGates(), seen);
        gatesOf[d] = gates;
      }
      for (int o : gates) {
        starts.add(o, i, sentence);
      }
    }
    return starts;
  }




  /** Every word its phrases spell, in any alphabet and any position ({@link #spells}). */
  Set<String> spelledWords() {
    return spelled;
  }

  /** Every stem of a wildcard word its phrases spell, without the '*' ({@link #spells}). */
  Set<String> spelledStems() {
    return spelledStems;
  }

  /**
   * How well the phrases know a word, in any alphabet and wherever it stands in them: 2 when one
   * spells it whole, 1 when a stem of theirs starts it ("дыш" of "дыш*"), 0 otherwise.
   */
  int spells(String word) {
    if (spelled.contains(word)) {
      return 2;
    }
    for (int end = Math.min(word.length(), longestSpelledStem); end >= shortestSpelledStem; end--) {
      if (spelledStems.contains(word.substring(0, end))) {
        return 1;
      }
    }
    return 0;
  }

  /**
   * The rule words a token stands for: its exact entries and the wildcard entries it starts
   * with; null when none. Depends on the token only, so {@link Triage} caches it across messages.
   */
  Words lookup(String tok) {
    Entry[] exact = index.exact().get(tok);
    Entry[] prefix = index.prefixByFirstChar()[bucket(tok.charAt(0))];
    List<Entry> out = new ArrayList<>(exact == null ? List.of() : Arrays.asList(exact));
    if (prefix != null) {
      for (Entry e : prefix) {
        if (tok.startsWith(e.prefix())) {
          out.add(e);
        }
      }
    }
    return out.isEmpty() ? null : Words.of(out);
  }


  /** Runs the expressions of the rules whose every needed word occurs. */
  private void run(Starts starts, Scan scan) {
    int[] d = starts.data;
    for (int k = 0; k < starts.size; k += 3) {
      Rule r = rules.get(d[k]);
      if ((scan.seen[r.order()] & r.fullMask()) == r.fullMask()) {
        visit(r, scan, d[k + 1], d[k + 2]);
      }
    }
  }

  private void visit(Rule r, Scan scan, int token, int sentence) {
    int o = r.order();
    if (scan.done()[o] || scan.lastSentence()[o] == sentence + 1) {
      return; // already known for this message or this sentence
    }
    switch (r.kind()) {
      case TRIGGER -> {
        if (scan.allAlways == null && scan.best != null && !outranks(r, scan.best)) {
          return; // cannot change the outcome
        }
      }
      case INFO -> {
        if (scan.info) {
          return;
        }
      }
      case PAST -> {
        // past wording only matters in a sentence with a context trigger
        if (scan.pastSentences.contains(sentence) || !scan.contextSentenceSet.contains(sentence)) {
          return;
        }
      }
      case PRESENT -> {
        if (scan.presentSentences.contains(sentence)
            || (scan.presentAnywhere && !scan.contextSentenceSet.contains(sentence))) {
          return;
        }
      }
      case PRESENT_WEAK -> {
        if (scan.presentSentences.contains(sentence) || scan.weakPresentSentences.contains(sentence)
            || (scan.presentAnywhere && !scan.contextSentenceSet.contains(sentence))) {
          return;
        }
      }
    }
    if (!inWindow(r, scan, token)) {
      return; // a needed word is missing near this start: the expression cannot match here
    }
    if (r.kind() == Kind.TRIGGER && negated(negation, scan.text, token)
        && !breakWithin(negation, scan.text, token, r.phrase().span())) {
      return; // negated, and no match could reach past a clause break: spansBreak would say no
    }
    if (deniedTime(r, scan, token)) {
      return;
    }
    int end = scan.matchEnd(r, token);
    if (end < 0 || deniedCue(r.kind(), scan.text, token, end)) {
      return;
    }
    switch (r.kind()) {
      case INFO -> {
        scan.info = true;
        scan.done()[o] = true;
      }
      case PAST -> {
        scan.pastSentences = add(scan.pastSentences, sentence);
        scan.lastSentence()[o] = sentence + 1;
      }
      case PRESENT -> {
        scan.presentAnywhere = true;
        scan.presentSentences = add(scan.presentSentences, sentence);
        scan.lastSentence()[o] = sentence + 1;
      }
      case PRESENT_WEAK -> {
        scan.presentAnywhere = true;
        scan.weakPresentSentences = add(scan.weakPresentSentences, sentence);
        scan.lastSentence()[o] = sentence + 1;
      }
      case TRIGGER -> {
        if (negated(negation, scan.text, token) && !spansBreak(negation, scan.text, token, end)
            || deniedAfter(scan.text, end)) {
          return; // the same rule may still fire un-negated later, even in this sentence
        }
        Subject who = subject(scan.text, token);
        if (who == Subject.PET && !INFLICTED.contains(r.category())) {
          return;
        }
        if (framed(scan, token)) {
          return; // the same rule may still fire outside the frame
        }
        if (r.always() && who != Subject.GENERIC) {
          scan.done()[o] = true;
          scan.best = scan.best == null || outranks(r, scan.best) ? r : scan.best;
          if (scan.allAlways != null) {
            scan.allAlways.add(r);
          }
        } else {
          scan.lastSentence()[o] = sentence + 1;
          if (scan.contextHits == null) {
            scan.contextHits = new ArrayList<>();
            scan.contextSentences = new ArrayList<>();
            scan.contextSentenceSet = new HashSet<>();
          }
          scan.contextHits.add(r);
          scan.contextSentences.add(sentence);
          scan.contextSentenceSet.add(sentence);
        }
      }
    }
  }

  /**
   * Whether a [present] cue starts inside a denial: the time word of a denied symptom dates
   * nothing ("had a stroke in 2015, no chest pain today" told no stroke today).
   */
  private boolean deniedTime(Rule r, Scan scan, int token) {
    return r.kind() == Kind.PRESENT && negated(negation, scan.text, token);
  }

  /**
   * Whether every needed word of the rule occurs within its span from the start token: the
   * message-wide check of {@link #collect} lets a rule through when "hurts" is anywhere in a
   * long message; this one, a few array reads, spares the expression at most starts. The window
   * ends at the sentence's end for a phrase that cannot read one (gaps never cross it): "her chest
   * hurts, no fever. I had ... last month" ran `chest.pain-recent-after`'s expression at every
   * "chest" of a long message because "last" followed in the next sentence.
   */
  private static boolean inWindow(Rule r, Scan scan, int token) {
    Lookups lookups = scan.lookups;
    long need = r.fullMask() & ~1L;
    if (need == 0 || r.fullMask() == -1L) {
      return true;
    }
    int o = r.order();
    int last = Math.min(lookups.size() - 1, token + r.phrase().span() - 1);
    boolean inSentence = !r.phrase().readsSentenceEnd();
    long got = 0;
    for (int j = token; j <= last; j++) {
      if (inSentence && j > token && scan.text.isSentenceEnd(j)) {
        return false;
      }
      Words w = lookups.at(j);
      if (w == null) {
        continue;
      }
      got |= w.bitsOf(o);
      if ((got & need) == need) {
        return true;
      }
    }
    return false;
  }

  private static Set<Integer> add(Set<Integer> set, int value) {
    Set<Integer> out = set.isEmpty() ? new HashSet<>() : set;
    out.add(value);
    return out;
  }

  /**
   * Self-harm outranks other emergencies (its reply also names the emergency number), an
   * emergency outranks what is urgent, then file order.
   */
  static boolean outranks(Rule a, Rule b) {
    if (a.level() != b.level()) {
      return severity(a.level()) > severity(b.level());
    }
    return a.order() < b.order();
  }

  static int severity(Level level) {
    return switch (level) {
      case NONE -> 0;
      case URGENT -> 1;
      case EMERGENCY -> 2;
      case SELF_HARM -> 3;
    };
  }

  private static boolean negated(Negation n, TextNormalizer.Normalized t, int trigger) {
    String[] tok = t.tokens();
    for (int j = trigger - 1; j >= 0 && j >= trigger - NEGATION_WINDOW; j--) {
      if (t.isPunctuation(j) || n.breaks().contains(tok[j])) {
        return false;
      }
      if (CLAUSE_AND.contains(tok[j]) && j + 1 <= trigger && NEW_SUBJECT.contains(tok[j + 1])) {
        return false;
      }
      if (tok[j].equals("and") && j + 1 < trigger && NEW_PREDICATE.contains(tok[j + 1])) {
        return false;
      }
      if (n.continues().contains(tok[j])) {
        if (continuesNegation(n, t, j)) {
          return true;
        }
        continue;
      }
      if (!n.negates(tok, j)) {
        continue;
      }
      if (j + 1 < tok.length && n.notBefore().contains(tok[j + 1]) && j + 1 != trigger) {
        continue;
      }
      if (tok[j].equals("no") && j + 1 < tok.length && INTERJECTION_NEXT.contains(tok[j + 1])) {
        continue;
      }
      if (j > 0 && tok[j - 1].equals("or")) {
        continue; // "whether or not"
      }
      if (tok[j].equals("never") && emphasisFollows(n, t, trigger)) {
        return false;
      }
      return true;
    }
    return false;
  }

  /** Whether a negation word comes before the continuing word at {@code at} in its clause. */
  private static boolean continuesNegation(Negation n, TextNormalizer.Normalized t, int at) {
    String[] tok = t.tokens();
    for (int j = at - 1; j >= 0 && j >= at - 2 * NEGATION_WINDOW; j--) {
      boolean comma = tok[j].equals(",");
      if (!comma && (t.isPunctuation(j) || n.breaks().contains(tok[j]))) {
        return false;
      }
      if (n.negates(tok, j)
          && !(j + 1 < tok.length && n.notBefore().contains(tok[j + 1]))) {
        return true;
      }
    }
    return false;
  }

  /**
   * "i never get headaches but now the worst one of my life": a trigger that goes on past a
   * word that starts a new clause says something the negation before it does not reach.
   */
  private static boolean spansBreak(Negation n, TextNormalizer.Normalized t, int trigger, int end) {
    String[] tok = t.tokens();
    boolean broken = false;
    for (int k = trigger + 1; k < end; k++) {
      if (n.negates(tok, k)) {
        return false; // "no leg pain, but no numbness either": negated on both sides
      }
      // a comma only lists more of what is negated ("no pain, numbness or weakness")
      broken |= !t.isPunctuation(k) && n.breaks().contains(tok[k]);
    }
    return broken;
  }

  /** Whether a clause break word lies in the tokens a match starting at the trigger can cover. */
  private static boolean breakWithin(Negation n, TextNormalizer.Normalized t, int trigger, int span) {
    String[] tok = t.tokens();
    int last = Math.min(tok.length - 1, trigger + span - 1);
    for (int k = trigger + 1; k <= last; k++) {
      if (n.breaks().contains(tok[k])) {
        return true;
      }
    }
    return false;
  }

  /** "never had pain like this": the emphasis must follow within the same clause. */
  private static boolean emphasisFollows(Negation n, TextNormalizer.Normalized t, int trigger) {
    String[] tok = t.tokens();
    for (int k = trigger + 1; k < tok.length && k <= trigger + 10; k++) {
      if (t.isPunctuation(k) || n.breaks().contains(tok[k])) {
        return false;
      }
      if (NEVER_EMPHASIS.contains(tok[k])) {
        return true;
      }
    }
    return false;
  }
}
