package faqbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Corrects the misspelt condition names patients write ("alzhimers", "neumonia", "hemmoroids",
 * "diabeties", "symptons"): a word no entry contains, one or two letters away from a word of a
 * topic the knowledge base answers, is read as that word. The knowledge base names each condition
 * correctly, so a misspelt name matches nothing: no topic is found, the lexical query loses its
 * most telling word and the question is declined.
 *
 * <p>Guarded three ways, because most words no entry contains are ordinary English ("kettle",
 * "fridge", "grandad"): the word must be unknown to the whole index (questions, titles, topics,
 * answers); the correction must be close for the word's length (one edit up to seven letters, two
 * from eight, a swap of neighbours counting as one); and it must make the message name a topic it
 * did not name before, or be one of the few words that say what kind of question it is.
 *
 * <p>Built once per index version; thread-safe and immutable.
 */
final class Misspellings {
  /** Words shorter than this are left alone: too many short words are a letter apart. */
  static final int MIN_LETTERS = 5;
  /** From this length, two edits are allowed. */
  static final int TWO_EDITS_FROM = 8;

  /**
   * Words that say what a question asks for (as {@link QuestionTypes} reads them), which patients
   * misspell as often as names ("symptons", "treatmant") but which name no topic.
   */
  static final List<String> ASKING_WORDS = List.of("symptoms", "symptom", "treatment", "treatments",
      "causes", "cause", "diagnosis", "diagnosed", "prevent", "prevention", "contagious",
      "hereditary", "inherited", "genetic", "prognosis", "outlook", "complications", "medication",
      "medicine", "cure");

  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'\u2019]*");
  /** Answers first: they hold almost every word the other fields do, so most words take one look. */
  private static final String[] KNOWN_FIELDS = {EntryIndex.ANSWER, EntryIndex.QUESTION,
      EntryIndex.TITLE, EntryIndex.FOCUS};

  private final IndexReader reader;
  private final Analyzer analyzer;
  private final FocusDictionary dictionary;
  /**
   * Candidate corrections (the words of answerable topics' names, and the asking words) by length
   * and first letter, the only ones {@link #sameStart} lets a word be compared with: trying every
   * candidate of a length was a sixth of a search's Java time, almost all of it spent on words
   * that could not be taken whatever their distance.
   */
  private final Map<Integer, Map<Character, List<String>>> byLength = new HashMap<>();
  /** Candidates with a silent first letter ("pneumonia"), by length and second letter. */
  private final Map<Integer, Map<Character, List<String>>> silentByLength = new HashMap<>();
  private final Set<String> asking = new HashSet<>();

  private Misspellings(IndexReader reader, Analyzer analyzer, FocusDictionary dictionary) {
    this.reader = reader;
    this.analyzer = analyzer;
    this.dictionary = dictionary;
  }

  /** The corrections an index allows: the words of the names of topics with an answerable entry. */
  static Misspellings fromIndex(IndexReader reader, Analyzer analyzer, FocusDictionary dictionary)
      throws IOException {
    Misspellings m = new Misspellings(reader, analyzer, dictionary);
    Set<String> answerable = answerableTopics(reader);
    Set<String> words = new HashSet<>();
    Terms terms = MultiTerms.getTerms(reader, EntryIndex.FOCUS_NAMES);
    if (terms != null) {
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        String s = t.utf8ToString();
        int sep = s.indexOf(EntryIndex.NAME_SEPARATOR);
        if (sep <= 0 || s.startsWith(FocusDictionary.ACRONYM_MARK)
            || !answerable.contains(s.substring(sep + 1))) {
          continue;
        }
        String name = s.substring(0, sep);
        if (name.startsWith(FocusDictionary.EPONYM_MARK) || name.startsWith(FocusDictionary.ALIAS_MARK)) {
          name = name.substring(1);
        }
        for (String w : name.split(" ")) {
          if (w.length() >= MIN_LETTERS - 1 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            words.add(w);
          }
        }
      }
    }
    for (String w : ASKING_WORDS) {
      words.add(w);
      m.asking.add(w);
    }
    for (String w : words) {
      m.byLength.computeIfAbsent(w.length(), k -> new HashMap<>())
          .computeIfAbsent(w.charAt(0), k -> new ArrayList<>()).add(w);
      if (silentStart(w)) {
        m.silentByLength.computeIfAbsent(w.length(), k -> new HashMap<>())
            .computeIfAbsent(w.charAt(1), k -> new ArrayList<>()).add(w);
      }
    }
    return m;
  }

  /** The focus keys of topics with at least one answerable entry. */
  private static Set<String> answerableTopics(IndexReader reader) throws IOException {
    Set<String> out = new HashSet<>();
    FixedBitSet answerable = new FixedBitSet(Math.max(1, reader.maxDoc()));
    for (var leaf : reader.leaves()) {
      PostingsEnum p = leaf.reader().postings(new Term(EntryIndex.ANSWERABLE, EntryIndex.ANSWERABLE));
      if (p == null) {
        continue;
      }
      for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
        answerable.set(leaf.docBase + d);
      }
    }
    for (var leaf : reader.leaves()) {
      Terms t = leaf.reader().terms(EntryIndex.FOCUS_KEY);
      if (t == null) {
        continue;
      }
      TermsEnum te = t.iterator();
      PostingsEnum p = null;
      for (BytesRef b = te.next(); b != null; b = te.next()) {
        p = te.postings(p, PostingsEnum.NONE);
        for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
          if (answerable.get(leaf.docBase + d)) {
            out.add(b.utf8ToString());
            break;
          }
        }
      }
    }
    return out;
  }

  /**
   * The text with its misspelt names and asking words corrected; the text itself when none is.
   * A name is judged as a whole: "artrial fibrilation" has two misspelt words, neither of which
   * names a topic once corrected alone, and "artrial" is as near to "arterial" as to "atrial";
   * together they name atrial fibrillation. So every word's nearest candidates are tried
   * together, and a correction stays only where the message then names a topic it did not before.
   */
  String correct(String text) {
    if (text == null || text.isEmpty() || byLength.isEmpty()) {
      return text;
    }
    List<Fix> fixes = new ArrayList<>();
    Dictionaries dictionaries = new Dictionaries();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String word = m.group().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      if (word.endsWith("'s")) {
        word = word.substring(0, word.length() - 2) + "s";
      }
      word = word.replace("'", "");
      if (word.length() < MIN_LETTERS || !word.chars().allMatch(c -> c >= 'a' && c <= 'z') || known(word, dictionaries)) {
        continue;
      }
      List<String> nearest = nearest(word);
      if (!nearest.isEmpty()) {
        fixes.add(new Fix(word, m.start(), m.end(), nearest));
      }
    }
    if (fixes.isEmpty()) {
      return text;
    }
    String[] chosen = new String[fixes.size()];
    for (int i = 0; i < chosen.length; i++) {
      List<String> c = fixes.get(i).candidates();
      chosen[i] = c.size() == 1 ? c.get(0) : null;
    }
    Set<String> named = topics(text);
    // a word with equally near candidates takes the one that names a topic with the rest
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i] != null) {
        continue;
      }
      for (int j = 0; j < i && chosen[i] == null; j++) {
        chosen[i] = fixes.get(j).word().equals(fixes.get(i).word()) ? chosen[j] : null;
      }
      if (chosen[i] != null) {
        continue;
      }
      Set<String> before = topics(apply(text, fixes, chosen));
      String only = null;
      for (String c : fixes.get(i).candidates()) {
        chosen[i] = c;
        if (!before.containsAll(topics(apply(text, fixes, chosen)))) {
          if (only != null) {
            only = null;
            break;
          }
          only = c;
        }
      }
      chosen[i] = only;
    }
    // then each correction that no newly named topic needs is undone (asking words always stay),
    // with every place the same word is written
    Set<String> gained = new HashSet<>(topics(apply(text, fixes, chosen)));
    gained.removeAll(named);
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i] == null || asking.contains(chosen[i]) || writtenBefore(fixes, i)) {
        continue;
      }
      String[] without = chosen.clone();
      for (int j = 0; j < chosen.length; j++) {
        if (fixes.get(j).word().equals(fixes.get(i).word())) {
          without[j] = null;
        }
      }
      if (topics(apply(text, fixes, without)).containsAll(gained)) {
        System.arraycopy(without, 0, chosen, 0, chosen.length);
      }
    }
    return apply(text, fixes, chosen);
  }

  /** Whether the word of fix {@code i} was written earlier in the message: judged there already. */
  private static boolean writtenBefore(List<Fix> fixes, int i) {
    for (int j = 0; j < i; j++) {
      if (fixes.get(j).word().equals(fixes.get(i).word())) {
        return true;
      }
    }
    return false;
  }

  /** One misspelt word of a message, where it stands, and its nearest candidates. */
  private record Fix(String word, int start, int end, List<String> candidates) {}

  private static String apply(String text, List<Fix> fixes, String[] chosen) {
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i] == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8);
      }
      Fix f = fixes.get(i);
      out.append(text, copied, f.start()).append(chosen[i]);
      copied = f.end();
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  private Set<String> topics(String text) {
    Set<String> out = new HashSet<>();
    dictionary.find(text).forEach(x -> out.add(x.focusKey()));
    return out;
  }

  /**
   * The candidates nearest to a word, as the word would be written: a plural stays a plural
   * ("hemmoroids" to "hemorrhoids", "diabeties" to "diabetes"); none when none is close enough.
   * Forms of one name ("cataract", "cataracts") count once.
   */
  List<String> nearest(String word) {
    String stem = FocusDictionary.key(word);
    if (stem.isEmpty() || stem.contains(" ")) {
      return List.of();
    }
    List<String> best = new ArrayList<>();
    Set<String> bestNames = new HashSet<>();
    int bestDistance = Integer.MAX_VALUE;
    for (String form : stem.equals(word) ? List.of(word) : List.of(word, stem)) {
      boolean asWritten = form.equals(word);
      int max = form.length() >= TWO_EDITS_FROM ? 2 : 1;
      for (int len = form.length() - max; len <= form.length() + max; len++) {
        // the candidates sameStart allows: those with the word's first letter, and those whose
        // silent first letter the word left out (a silent pair's letters differ: no candidate twice)
        List<String> same = byLength.getOrDefault(len, Map.of()).getOrDefault(form.charAt(0), List.of());
        List<String> silent = silentByLength.getOrDefault(len, Map.of()).getOrDefault(form.charAt(0), List.of());
        for (int i = 0, n = same.size() + silent.size(); i < n; i++) {
          String c = i < same.size() ? same.get(i) : silent.get(i - same.size());
          int d = distance(form, c, max);
          if (d > max || d == 0 || d > bestDistance) {
            continue;
          }
          String written = asWritten || c.endsWith("s") || !word.endsWith("s") ? c : c + "s";
          String name = FocusDictionary.key(written);
          if (name.equals(stem)) {
            // another form of the word itself ("symptom" for "symptoms"): no misspelling
            return List.of();
          }
          if (d < bestDistance) {
            best.clear();
            bestNames.clear();
            bestDistance = d;
          }
          if (bestNames.add(name)) {
            best.add(written);
          }
        }
      }
    }
    return best;
  }

  /**
   * Whether a word can be a misspelling of a candidate by its first letter: patients rarely get
   * the first letter wrong, and ordinary words one letter longer than a name ("cricket" and
   * "rickets") would otherwise read as it. A silent first letter is the exception ("neumonia",
   * "soriasis", "nee").
   */
  static boolean sameStart(String word, String candidate) {
    if (word.charAt(0) == candidate.charAt(0)) {
      return true;
    }
    return silentStart(candidate) && word.charAt(0) == candidate.charAt(1);
  }

  private static boolean silentStart(String candidate) {
    return candidate.length() > 2 && SILENT_STARTS.contains(candidate.substring(0, 2));
  }

  private static final Set<String> SILENT_STARTS = Set.of("pn", "ps", "kn", "wr", "gn", "rh");

  /**
   * Whether any entry holds the word (as the index analyses it); stop words count as known. A term
   * is in a segment's dictionary only while a document of the segment holds it (or held it: a
   * deleted one counts, as in the document frequency).
   */
  private boolean known(String word, Dictionaries dictionaries) {
    try (TokenStream ts = analyzer.tokenStream(EntryIndex.ANSWER, word)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      boolean any = false;
      while (ts.incrementToken()) {
        any = true;
        BytesRef t = new BytesRef(term);
        for (int f = 0; f < KNOWN_FIELDS.length; f++) {
          if (dictionaries.holds(f, t)) {
            ts.end();
            return true;
          }
        }
      }
      ts.end();
      return !any;
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
  }

  /**
   * The term dictionaries of {@link #KNOWN_FIELDS}, one enum per segment and field, opened when
   * first needed and reused for all the words of one message: looking each word up through the
   * reader opened an enum per segment for every field and word.
   */
  private final class Dictionaries {
    private final TermsEnum[][] enums = new TermsEnum[KNOWN_FIELDS.length][];

    boolean holds(int field, BytesRef term) throws IOException {
      TermsEnum[] perLeaf = enums[field];
      if (perLeaf == null) {
        List<org.apache.lucene.index.LeafReaderContext> leaves = reader.leaves();
        perLeaf = new TermsEnum[leaves.size()];
        for (int i = 0; i < perLeaf.length; i++) {
          Terms t = leaves.get(i).reader().terms(KNOWN_FIELDS[field]);
          perLeaf[i] = t == null ? null : t.iterator();
        }
        enums[field] = perLeaf;
      }
      for (TermsEnum te : perLeaf) {
        if (te != null && te.seekExact(term)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Optimal string alignment distance (Levenshtein with a swap of neighbours as one edit), or
   * {@code max + 1} as soon as it must exceed {@code max}.
   */
  static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int n = a.length();
    int m = b.length();
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[m];
  }
}
