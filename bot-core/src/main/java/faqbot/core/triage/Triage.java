package faqbot.core.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recognizes messages that describe a medical emergency happening now, or a situation that a
 * clinician should see today, before anything else is done with the message. Rules come from one
 * data file per language ({@code rules-en.txt}, {@code rules-es.txt}, ...; see the header of the
 * English file for the format). Every language's rules read every message: a patient who writes
 * Spanish in an English chat, or whose message is too short for language detection, must still
 * be caught. The most severe finding wins (self-harm, emergency, urgent), then English, then file
 * order. A message that reads as Russian typed in Latin letters is also read by the Russian rules
 * in a Cyrillic rendering, and one that reads as Ukrainian typed in Latin letters by the Ukrainian
 * rules ({@link Transliteration}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Triage {

  /** The bundled languages, English first: it wins ties between languages. */
  static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "pt", "zh", "it", "ru", "nl", "pl",
      "uk", "tr", "ar", "vi", "hi", "id", "ja", "ko", "sv", "no", "da",
      "fa", "tl");

  private static final String RESOURCE = "/faqbot/core/triage/rules-%s.txt";

  /**
   * What each word means to each language's rules, cached across messages: patients use a few
   * thousand words, so after warm-up one lookup per token replaces a lookup per language plus a
   * scan of the wildcard words. Bounded so that a flood of made-up words cannot grow it forever.
   */
  static final int LEXICON_LIMIT = 200_000;

  private final List<RuleSet> ruleSets;
  /** Every rule set's [recovery] and [scene] phrases. */
  private final SentenceJoins joins;
  private final ConcurrentHashMap<String, Entry> lexicon = new ConcurrentHashMap<>();
  /** Whether a word no rule set reads is a Russian rule word rendered in Cyrillic. */
  private final ConcurrentHashMap<String, Boolean> cyrillicWords = new ConcurrentHashMap<>();
  /** Whether a word no rule set reads is a Ukrainian rule word rendered in Cyrillic. */
  private final ConcurrentHashMap<String, Boolean> ukrainianWords = new ConcurrentHashMap<>();

  /**
   * What a word means to each rule set (null when no set knows it), and the sets where one of
   * its triggers could start, as a bit mask: the per-message pass then touches only the sets
   * a word starts a trigger of; and whether {@link Spelling} repairs it. (Cues, whose words are the common ones, are looked for only in
   * the few messages where a context trigger fires.) {@code translit} packs the Russian
   * {@link Transliteration#markerWeight} (low two bits) and the Ukrainian one (the next two).
   */
  private record Entry(RuleSet.Words[] perSet, int triggerSets, boolean slip, int translit) {}

  private static final Entry NO_ENTRY = new Entry(null, 0, false, 0);
  private final Spelling spelling;
  /** The set that reads Russian typed in Latin letters ({@link Transliteration}), or -1. */
  private final int transliterated;
  /** The set that reads Ukrainian typed in Latin letters ({@link Transliteration}), or -1. */
  private final int ukrainian;
  /** Its rendering, built from its rule words; null without that set. */
  private final Transliteration.Ukrainian ukrainianRendering;

  private Triage(List<RuleSet> ruleSets) {
    this.ruleSets = List.copyOf(ruleSets);
    // every language's: a message is read by all of them, and a recovery in one language's words
    // is one in the others' rules too
    this.joins = new SentenceJoins(
        this.ruleSets.stream().flatMap(set -> set.recoveries().stream()).toList(),
        this.ruleSets.stream().flatMap(set -> set.scenes().stream()).toList());
    int ru = -1;
    int uk = -1;
    for (int s = 0; s < this.ruleSets.size(); s++) {
      if (this.ruleSets.get(s).language().equals(Transliteration.LANGUAGE)) {
        ru = s;
      }
      if (this.ruleSets.get(s).language().equals(Transliteration.UKRAINIAN)) {
        uk = s;
      }
    }
    this.transliterated = ru;
    this.ukrainian = uk;
    this.ukrainianRendering = uk < 0 ? null : new Transliteration.Ukrainian(
        this.ruleSets.get(uk).spelledWords(), this.ruleSets.get(uk).spelledStems());
    Set<String> words = new HashSet<>();
    this.ruleSets.forEach(set -> words.addAll(set.words()));
    Set<String> needed = new HashSet<>();
    Set<String> stems = new HashSet<>();
    Set<String> triggerWords = new HashSet<>();
    this.ruleSets.forEach(set -> {
      needed.addAll(set.neededWords());
      stems.addAll(set.stems());
      triggerWords.addAll(set.triggerWords());
    });
    Set<String> nordic = new HashSet<>();
    this.ruleSets.stream().filter(set -> Set.of("da", "no").contains(set.language()))
        .forEach(set -> {
          nordic.addAll(set.words());
          set.stems().forEach(stem -> nordic.add(stem + "*"));
        });
    this.spelling = new Spelling(words, wordsOf("de"), nordic, needed, stems, triggerWords,
        this::setsReading, wordsOf("fr"), onlyWordsOf("fr"));
    if (this.ruleSets.size() > Integer.SIZE) {
      throw new IllegalStateException("more rule sets than the lookup masks hold");
    }
    Set<String> ids = new HashSet<>();
    for (RuleSet set : this.ruleSets) {
      for (String id : set.triggerIds()) {
        if (!ids.add(id)) {
          throw new IllegalStateException("triage rule id '" + id + "' is used by two languages");
        }
      }
    }
  }

  private static final class DefaultHolder {
    static final Triage INSTANCE = readDefault();

    private static Triage readDefault() {
      Map<String, String> texts = new LinkedHashMap<>();
      Map<String, String> shared = new HashMap<>();
      for (String language : LANGUAGES) {
        String resource = String.format(RESOURCE, language);
        try (InputStream in = Triage.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("bundled triage rules missing: " + resource);
          }
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          texts.put(language, text);
          shared.put(language, RuleSet.sharedSections(text));
        } catch (IOException e) {
          throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
      }
      List<RuleSet> sets = new ArrayList<>();
      for (Map.Entry<String, String> e : texts.entrySet()) {
        // each file, then the sections the other files share (their line numbers come after)
        StringBuilder text = new StringBuilder(e.getValue());
        shared.forEach((other, part) -> {
          if (!other.equals(e.getKey()) && !part.isEmpty()) {
            text.append("\n# shared by rules-").append(other).append(".txt\n").append(part);
          }
        });
        try {
          sets.add(RuleSet.load(e.getKey(), new StringReader(text.toString())));
        } catch (IOException ex) {
          throw new UncheckedIOException(String.format(RESOURCE, e.getKey()) + ": "
              + ex.getMessage(), ex);
        }
      }
      return new Triage(sets);
    }
  }

  /** The rules bundled with the bot, every language; read once, shared. */
  public static Triage loadDefault() {
    return DefaultHolder.INSTANCE;
  }

  /**
   * Reads one set of rules in the format of the bundled {@code rules-en.txt} (see its header).
   *
   * @throws IOException when reading fails or a line is not a valid rule; the message names the
   *     line number and what is wrong with it
   */
  public static Triage load(Reader rules) throws IOException {
    return new Triage(List.of(RuleSet.load("custom", rules)));
  }

  /**
   * Decides how urgent the message is. Never throws; any text, including null, empty or very long
   * text, is accepted.
   */
  public TriageResult assess(String text) {
    return assess(text, null);
  }

  /**
   * As {@link #assess(String)}, but when rules of several languages find the same level, those of
   * {@code language} name it (and so the guidance's language): Polish "wstrząs anafilaktyczny"
   * also fires the Spanish "anafilaxia" rule, which is read first. Null prefers none.
   */
  public TriageResult assess(String text, String language) {
    try {
      Read read = read(text);
      TextNormalizer.Normalized normalized = read.text();
      if (normalized.size() == 0) {
        return TriageResult.none();
      }
      RuleSet.Lookups[] lookups = read.lookups();
      TriageResult best = TriageResult.none();
      for (int s = 0; s < ruleSets.size(); s++) {
        TriageResult r = ruleSets.get(s).assess(normalized, lookups[s]);
        int severity = RuleSet.severity(r.level());
        int bestSeverity = RuleSet.severity(best.level());
        if (severity > bestSeverity || severity == bestSeverity && severity > 0
            && ruleSets.get(s).language().equals(language)) {
          best = r;
        }
      }
      for (Rendering cyrillic : transliterated(text, read)) {
        TriageResult r = ruleSets.get(cyrillic.set())
            .assess(cyrillic.read().text(), cyrillic.read().lookups()[cyrillic.set()]);
        if (RuleSet.severity(r.level()) > RuleSet.severity(best.level())) {
          best = r;
        }
      }
      return best;
    } catch (RuntimeException | StackOverflowError e) {
      // a bug here must not stop the patient from getting an answer; the log says which bug
      System.getLogger(Triage.class.getName())
          .log(System.Logger.Level.WARNING, "triage failed: " + e.getClass().getName());
      return TriageResult.none();
    }
  }

  /**
   * The ids of every trigger of every language that fires on the text, not only the winner that
   * {@link #assess} names. For tests that check each rule on its own example.
   */
  List<String> firingRuleIds(String text) {
    Read read = read(text);
    TextNormalizer.Normalized normalized = read.text();
    RuleSet.Lookups[] lookups = read.lookups();
    List<String> out = new ArrayList<>();
    for (int s = 0; s < ruleSets.size(); s++) {
      out.addAll(ruleSets.get(s).firingRuleIds(normalized, lookups[s]));
    }
    for (Rendering cyrillic : transliterated(text, read)) {
      out.addAll(ruleSets.get(cyrillic.set())
          .firingRuleIds(cyrillic.read().text(), cyrillic.read().lookups()[cyrillic.set()]));
    }
    return out;
  }

  /**
   * The message rendered in Cyrillic when its words read as Russian typed in Latin letters
   * ({@link Transliteration}), as the Russian rules read it: once with the plain spelling where
   * a dropped soft sign leaves two rule words ("govorit", "dyshat"), once with the soft one, when
   * that differs; and, when its words read as Ukrainian typed in Latin letters, rendered as the
   * Ukrainian rules read it (both, when both hold: Ukrainian and Russian share many words); none
   * for every other message, which is not rendered at all.
   */
  private List<Rendering> transliterated(String text, Read read) {
    boolean russian = transliterated >= 0 && Transliteration.readsAsRussian(read.translit());
    boolean ukr = ukrainian >= 0 && Transliteration.rendersUkrainian(read.translit());
    if (!russian && !ukr) {
      return List.of();
    }
    // rendered from the folded text: invisible characters gone, and Cyrillic look-alikes inside a
    // Latin word ("brаtan" with a Cyrillic "а") read as the Latin letters they imitate
    String folded = TextNormalizer.fold(text);
    List<Rendering> out = new ArrayList<>(3);
    if (russian) {
      String plain = Transliteration.toCyrillic(folded, this::russianKnows, false);
      String soft = Transliteration.toCyrillic(folded, this::russianKnows, true);
      out.add(new Rendering(transliterated, read(plain)));
      if (!plain.equals(soft)) {
        out.add(new Rendering(transliterated, read(soft)));
      }
    }
    if (ukr) {
      out.add(new Rendering(ukrainian, read(ukrainianRendering.toCyrillic(folded))));
    }
    return out;
  }

  /** A Cyrillic rendering of a message and the rule set that reads it. */
  private record Rendering(int set, Read read) {}

  /** Whether some language's rules read the message in a Cyrillic rendering too; for tests. */
  boolean readsAsTransliterated(String text) {
    return !transliterated(text, read(text)).isEmpty();
  }

  /** The languages whose rules read the message in a Cyrillic rendering, in order; for tests. */
  List<String> renderedIn(String text) {
    return transliterated(text, read(text)).stream()
        .map(r -> ruleSets.get(r.set()).language()).distinct().toList();
  }

  /** The Russian counts, then the Ukrainian ones ({@link Transliteration#COUNTS}); for tests. */
  int[] transliterationCounts(String text) {
    return read(text).translit();
  }

  /** The Ukrainian rendering of a text, whether or not its words read as Ukrainian; for tests. */
  String ukrainianRendering(String text) {
    return ukrainianRendering.toCyrillic(TextNormalizer.fold(text));
  }

  private int russianKnows(String word) {
    return ruleSets.get(transliterated).spells(word);
  }

  /** The message as every language's rules read it, and what each token means to them. */
  private record Read(TextNormalizer.Normalized text, RuleSet.Lookups[] lookups, int[] translit) {}

  /**
   * The text as every language's rules read it, one-slip typos of emergency words repaired, with
   * its lookups. Whether a token is a slip is cached with what it means, so the common message
   * without one is not walked a second time for the repair.
   */
  private Read read(String text) {
    TextNormalizer.Normalized plain = joins.join(TextNormalizer.normalize(text));
    int[] translit = new int[Transliteration.COUNTS];
    RuleSet.Lookups[] lookups = lookups(plain, true, translit);
    if (lookups != null) {
      return new Read(plain, lookups, translit);
    }
    TextNormalizer.Normalized repaired = spelling.repair(plain);
    translit = new int[Transliteration.COUNTS];
    return new Read(repaired, lookups(repaired, false, translit), translit);
  }

  /**
   * For each language, what each token means to its rules; see {@link RuleSet.Lookups}. With
   * {@code slips}, null when a token is a slip that {@link Spelling} repairs. Adds the tokens'
   * {@link Transliteration#markerWeight} to {@code translit[0]}, counts the strong ones in
   * {@code translit[1]}, the words only a Cyrillic rendering reads in {@code translit[2]} and all
   * words in {@code translit[3]} (see {@link Transliteration#readsAsRussian}); the same four for
   * Ukrainian from {@code translit[Transliteration.UK]} on.
   */
  private RuleSet.Lookups[] lookups(TextNormalizer.Normalized text, boolean slips,
      int[] translit) {
    int sets = ruleSets.size();
    int n = text.size();
    int[] distinctOf = new int[n];
    // where some set's trigger can start: token, sets (a mask) and sentence, as plain ints; the
    // per-set lists are made after the loop, at their final sizes (growing an array per set per
    // token cost more than the lookups themselves on a Chinese message)
    int[] startToken = null;
    int[] startSets = null;
    int[] startSentence = null;
    int starts = 0;
    int[] triggerCount = new int[sets];
    Distinct distinct = new Distinct();
    String[] tokens = text.tokens();
    byte[] marks = text.marks();
    // the normaliser hands out one instance per word (TextNormalizer.Form), so a word repeated
    // in the message is found here by identity, without the two hash lookups; open addressing
    // over few probes, since the low bits of short words' hashes often collide
    int memoSize = Math.min(1024, Integer.highestOneBit(Math.max(16, n)) * 2);
    int memoShift = 32 - Integer.numberOfTrailingZeros(memoSize);
    int memoMask = memoSize - 1;
    String[] memoToken = new String[memoSize];
    Entry[] memoEntry = new Entry[memoSize];
    int[] memoDistinct = new int[memoSize];
    // what the loop asks of the entry, beside it: the sets its triggers start in (none for a
    // word no set knows), and whether it is a slip or a transliteration marker
    int[] memoSets = new int[memoSize];
    boolean[] memoRare = new boolean[memoSize];
    int sentence = 0;
    int wordCount = 0;
    for (int i = 0; i < n; i++) {
      int mark = marks[i];
      if (mark != 0) {
        distinctOf[i] = -1;
        if (mark == 2) {
          sentence++;
        }
        continue;
      }
      wordCount++;
      String token = tokens[i];
      int slot = (token.hashCode() * 0x9E3779B9) >>> memoShift;
      String memo = memoToken[slot];
      if (memo != token) {
        for (int p = 1; p < MEMO_PROBES && memo != null && memo != token; p++) {
          slot = (slot + 1) & memoMask;
          memo = memoToken[slot];
        }
        if (memo != token) {
          slot = memoMiss(token, slot, memoToken, memoEntry, memoDistinct, distinct);
          Entry e = memoEntry[slot];
          memoSets[slot] = memoDistinct[slot] < 0 ? 0 : e.triggerSets();
          memoRare[slot] = e.slip() || e.translit() > 0;
        }
      }
      distinctOf[i] = memoDistinct[slot];
      if (memoRare[slot]) {
        Entry e = memoEntry[slot];
        if (slips && e.slip()) {
          return null; // a token to repair: see read
        }
        int ru = e.translit() & 3;
        int uk = e.translit() >> 2;
        translit[0] += ru;
        translit[1] += Transliteration.strong(ru) ? 1 : 0;
        translit[Transliteration.UK] += uk;
        translit[Transliteration.UK + 1] += Transliteration.strong(uk) ? 1 : 0;
      }
      int m = memoSets[slot];
      if (m == 0) {
        continue;
      }
      if (startToken == null) {
        // room for every token left: never grown (a long message has thousands of starts)
        startToken = new int[n - i];
        startSets = new int[n - i];
        startSentence = new int[n - i];
      }
      startToken[starts] = i;
      startSets[starts] = m;
      startSentence[starts++] = sentence;
      for (; m != 0; m &= m - 1) {
        triggerCount[Integer.numberOfTrailingZeros(m)]++;
      }
    }
    translit[3] = wordCount;
    translit[Transliteration.UK + 3] = wordCount;
    // the evidence of each language is counted when its markers alone do not decide, and of both
    // when both have markers: which one's words the message holds more of decides the Ukrainian
    // rendering (Transliteration.rendersUkrainian)
    boolean both = translit[0] > 0 && translit[Transliteration.UK] > 0 && transliterated >= 0
        && ukrainian >= 0;
    if (translit[0] > 0 && transliterated >= 0
        && (both || !Transliteration.readsAsRussian(translit))) {
      countCyrillicWords(tokens, marks, n, distinctOf, translit);
    }
    RuleSet.Words[][] words = distinct.toArray();
    if (translit[Transliteration.UK] > 0 && ukrainian >= 0
        && (both || !Transliteration.readsAsUkrainian(translit))) {
      countUkrainianWords(tokens, marks, n, distinctOf, words, translit);
    }
    int[][] triggerTokens = new int[sets][];
    int[][] triggerSentences = new int[sets][];
    for (int s = 0; s < sets; s++) {
      if (triggerCount[s] > 0) {
        triggerTokens[s] = new int[triggerCount[s]];
        triggerSentences[s] = new int[triggerCount[s]];
      }
    }
    int[] filled = new int[sets];
    for (int k = 0; k < starts; k++) {
      for (int m = startSets[k]; m != 0; m &= m - 1) {
        int s = Integer.numberOfTrailingZeros(m);
        triggerTokens[s][filled[s]] = startToken[k];
        triggerSentences[s][filled[s]++] = startSentence[k];
      }
    }
    RuleSet.Lookups[] out = new RuleSet.Lookups[sets];
    for (int s = 0; s < sets; s++) {
      out[s] = new RuleSet.Lookups(s, distinctOf, words, triggerTokens[s], triggerSentences[s],
          triggerCount[s]);
    }
    return out;
  }

  /**
   * The different lexicon entries of one message, numbered as first seen. Entries are shared and
   * never change, so the same entry is the same word; a message has few known words, which a
   * scan finds faster than a map, and a long one with many gets a map.
   */
  private static final class Distinct {
    private static final int SCAN = 32;
    private RuleSet.Words[][] items = new RuleSet.Words[16][];
    private int size;
    private Map<RuleSet.Words[], Integer> index;

    int indexOf(RuleSet.Words[] perSet) {
      if (index != null) {
        Integer k = index.get(perSet);
        return k == null ? -1 : k;
      }
      for (int k = 0; k < size; k++) {
        if (items[k] == perSet) {
          return k;
        }
      }
      return -1;
    }

    int size() {
      return size;
    }

    void add(RuleSet.Words[] perSet) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      if (index == null && size == SCAN) {
        index = new IdentityHashMap<>();
        for (int k = 0; k < size; k++) {
          index.put(items[k], k);
        }
      }
      if (index != null) {
        index.put(perSet, size);
      }
      items[size++] = perSet;
    }

    RuleSet.Words[][] toArray() {
      return Arrays.copyOf(items, size);
    }
  }

  /** Slots of the per-message memo tried for a token before one is overwritten. */
  private static final int MEMO_PROBES = 4;

  /**
   * The memo slot for a token the memo does not hold, filled: {@code slot} (the last probed,
   * overwritten when every probed slot holds another word), or the first empty slot probed.
   */
  private int memoMiss(String token, int slot, String[] memoToken, Entry[] memoEntry,
      int[] memoDistinct, Distinct distinct) {
    Entry e = lexicon.get(token);
    if (e == null) {
      e = lookup(token);
      if (lexicon.size() < LEXICON_LIMIT) {
        lexicon.put(token, e);
      }
    }
    int d = -1;
    if (e.perSet() != null) {
      d = distinct.indexOf(e.perSet());
      if (d < 0) {
        d = distinct.size();
        distinct.add(e.perSet());
      }
    }
    memoToken[slot] = token;
    memoEntry[slot] = e;
    memoDistinct[slot] = d;
    return slot;
  }

  /**
   * Adds to {@code translit[2]} the words no rule set reads that the Russian rules read once
   * rendered in Cyrillic ({@link Transliteration#readsInCyrillic}). Only for a message with a
   * marker word: rendering every unknown word of every message would cost more than the rest of
   * triage on a long text of novel words.
   */
  private void countCyrillicWords(String[] tokens, byte[] marks, int n, int[] distinctOf,
      int[] translit) {
    for (int i = 0; i < n; i++) {
      if (marks[i] != 0 || distinctOf[i] >= 0 || Transliteration.markerWeight(tokens[i]) > 0) {
        continue;
      }
      translit[2] += remembered(cyrillicWords, tokens[i],
          t -> Transliteration.readsInCyrillic(t, this::russianKnows)) ? 1 : 0;
    }
  }

  /**
   * As {@link #countCyrillicWords}, for the Ukrainian rule words ({@link
   * Transliteration.Ukrainian#readsInCyrillic}), into {@code translit[Transliteration.UK + 2]};
   * a word that only the Ukrainian rules read as it is (their rules in Latin letters, "huby") is
   * tried too. Counts the words no Ukrainian scheme spells in {@code
   * translit[Transliteration.UK_FOREIGN]}.
   */
  private void countUkrainianWords(String[] tokens, byte[] marks, int n, int[] distinctOf,
      RuleSet.Words[][] words, int[] translit) {
    for (int i = 0; i < n; i++) {
      if (marks[i] == 0 && Transliteration.foreignToUkrainian(tokens[i])) {
        translit[Transliteration.UK_FOREIGN]++;
        continue;
      }
      if (marks[i] != 0 || distinctOf[i] >= 0 && !onlyUkrainian(words[distinctOf[i]])
          || Transliteration.ukrainianMarkerWord(tokens[i])) {
        continue;
      }
      translit[Transliteration.UK + 2] +=
          remembered(ukrainianWords, tokens[i], ukrainianRendering::readsInCyrillic) ? 1 : 0;
    }
  }

  /**
   * Whether {@code reads} holds for a token, remembered in {@code cache} while it holds fewer than
   * {@link #LEXICON_LIMIT} words (a message of novel words must not grow it without bound).
   */
  private static boolean remembered(ConcurrentHashMap<String, Boolean> cache, String token,
      java.util.function.Predicate<String> reads) {
    Boolean known = cache.get(token);
    if (known == null) {
      known = reads.test(token);
      if (cache.size() < LEXICON_LIMIT) {
        cache.put(token, known);
      }
    }
    return known;
  }

  /** Whether no rule set but the Ukrainian one reads a word as it is. */
  private boolean onlyUkrainian(RuleSet.Words[] perSet) {
    for (int s = 0; s < perSet.length; s++) {
      if (perSet[s] != null && s != ukrainian) {
        return false;
      }
    }
    return true;
  }

  private Entry lookup(String token) {
    RuleSet.Words[] perSet = new RuleSet.Words[ruleSets.size()];
    boolean any = false;
    int triggerSets = 0;
    for (int s = 0; s < perSet.length; s++) {
      RuleSet.Words w = ruleSets.get(s).lookup(token);
      perSet[s] = w;
      if (w != null) {
        any = true;
        triggerSets |= w.triggerGates().length > 0 ? 1 << s : 0;
      }
    }
    boolean slip = spelling.repair(token) != null;
    int translit = Transliteration.markerWeight(token)
        | Transliteration.ukrainianMarkerWeight(token) << 2;
    return any || slip || translit > 0
        ? new Entry(any ? perSet : null, triggerSets, slip, translit) : NO_ENTRY;
  }

  /** The words the rules of the language spell out. */
  private Set<String> wordsOf(String language) {
    Set<String> words = new HashSet<>();
    ruleSets.stream().filter(set -> set.language().equals(language))
        .forEach(set -> words.addAll(set.words()));
    return words;
  }

  /** The words the rules of the language spell out and those of no other language do. */
  private Set<String> onlyWordsOf(String language) {
    Set<String> words = wordsOf(language);
    ruleSets.stream().filter(set -> !set.language().equals(language))
        .forEach(set -> words.removeAll(set.words()));
    return words;
  }

  /** The rule sets whose rules read the word, as bits by their order. */
  private int setsReading(String word) {
    int sets = 0;
    for (int s = 0; s < ruleSets.size(); s++) {
      sets |= ruleSets.get(s).lookup(word) != null ? 1 << s : 0;
    }
    return sets;
  }

  /** The ids of the trigger rules, language by language in file order; for tests. */
  List<String> triggerIds() {
    List<String> out = new ArrayList<>();
    ruleSets.forEach(set -> out.addAll(set.triggerIds()));
    return out;
  }
}
