package faqbot.core.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phrase from the rules file, compiled to a regular expression over the canonical text of
 * {@link TextNormalizer}. The phrase language is deliberately small so that a clinician can review
 * and edit the rules without knowing regular expressions:
 *
 * <ul>
 *   <li>{@code chest pain} words in sequence, one space apart in the canonical text;
 *   <li>{@code breath*} a word starting with "breath";
 *   <li>{@code {pain|pressure|tight*}} one of the alternatives (each may be several words);
 *   <li>{@code [really|very]} optional alternatives;
 *   <li>{@code ~3} up to three arbitrary words or commas (at most {@value #MAX_GAP}), never
 *       crossing a sentence end;
 *   <li>{@code ~~3} the same, but its last two words may not deny what follows ("cuello duro,
 *       no tengo fiebre") even in a language whose plain gaps do not check negation;
 *   <li>{@code !{question|read}} the next words are not one of these (only after a required word);
 *   <li>{@code !~8{came round|back to normal}} none of these within the next eight words of the
 *       sentence: an event told as over and recovered from ("fainted this morning, came round at
 *       once") is not the emergency its first words name. A recovery that opens the next sentence
 *       is in this one by then ({@link SentenceJoins} reads the end between them as a comma).
 * </ul>
 *
 * <p>Matching is anchored at the first required element (the "gate"), whose literal words index
 * the rule, so a message is scanned once and only rules whose gate word occurs are tried.
 */
final class PhrasePattern {

  /** A gate word: the exact word, or a prefix when the rule wrote {@code word*}. */
  record Gate(String word, boolean prefix) {}

  /** Longer gaps would let a phrase span unrelated statements in a run-on message. */
  static final int MAX_GAP = 12;

  private final Pattern pattern;
  /** Whether a word of the phrase is a sentence end ("help ."): other phrases stop at one. */
  private final boolean readsSentenceEnd;
  private final List<Gate> gates;
  private final List<List<Gate>> required;
  private final int span;
  /**
   * The most tokens the expression reads from where it starts: its span, the words its
   * lookaheads ("!{...}", a count's "years", a gap's "not sure") may read after it, and one more.
   */
  private final int reach;
  private final int lookahead;

  private PhrasePattern(Pattern pattern, List<Gate> gates, List<List<Gate>> required, int span,
      int lookahead, boolean readsSentenceEnd) {
    this.pattern = pattern;
    this.readsSentenceEnd = readsSentenceEnd;
    this.gates = gates;
    this.required = required;
    this.span = span;
    this.lookahead = lookahead;
    this.reach = span + lookahead + 2;
  }

  /**
   * The most tokens a match can cover, its first (gate) token included: every needed word of the
   * phrase lies within this many tokens of where it starts. A cheap window check before the
   * expression runs.
   */
  int span() {
    return span;
  }

  Pattern pattern() {
    return pattern;
  }

  List<Gate> gates() {
    return gates;
  }

  /** Whether the phrase has a sentence end as one of its words; gaps never cross one. */
  boolean readsSentenceEnd() {
    return readsSentenceEnd;
  }

  /**
   * The required elements after the gate, each as the words one of which must occur somewhere in
   * the message for the phrase to have a chance (for a multi-word alternative its longest word);
   * a cheap filter before running the expression.
   * Punctuation is left out (the filter looks at words only), which just makes it less strict.
   */
  List<List<Gate>> required() {
    return required;
  }

  /**
   * Matches the phrase starting exactly at token i; returns the index of the token after the
   * match, or -1.
   */
  int matchAt(TextNormalizer.Normalized text, int i) {
    return matchAt(pattern.matcher(""), text, i);
  }

  /**
   * As {@link #matchAt(TextNormalizer.Normalized, int)} reusing a matcher of this pattern. The
   * expression runs on the tokens it can read ({@link #reach}) joined, not on the whole message:
   * it reads nothing before its start, and nothing past its reach, so the outcome is the same;
   * and a 100 KB message needs no 100 KB text for the one expression that runs on it.
   */
  int matchAt(Matcher m, TextNormalizer.Normalized text, int i) {
    int n = text.size();
    int to = Math.min(n, i + reach);
    String window = text.window(i, to);
    m.reset(window);
    if (!m.lookingAt()) {
      return -1;
    }
    int end = m.end();
    // tokens of the window whose start lies before the match's end
    String[] tokens = text.tokens();
    int k = i;
    for (int at = 0; k < to && at < end; k++) {
      at += tokens[k].length() + 1;
    }
    if (to < n && k + lookahead + 2 > to) {
      // cannot happen while reach holds; if it did, the whole text answers
      m.reset(text.text());
      m.region(text.starts()[i], text.text().length());
      if (!m.lookingAt()) {
        return -1;
      }
      int[] starts = text.starts();
      for (k = i; k < n && starts[k] < m.end(); k++) { }
      return k;
    }
    return k;
  }

  /**
   * A count of five or more, in digits or words, in the languages the rules are written for:
   * "took 13 iron pills", "swallowed forty tablets", "tome veinte pastillas", "preso una ventina di pastiglie".
   */
  static final String MANY = "#many";

  private static final List<String> MANY_WORDS = List.of(
      // English
      "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
      "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", "dozens", "hundreds",
      // Spanish and Portuguese
      "cinco", "seis", "siete", "sete", "ocho", "oito", "nueve", "nove", "diez", "dez", "once",
      "doce", "quince", "quinze", "veinte", "vinte", "treinta", "trinta", "cuarenta", "quarenta",
      "cincuenta", "cinquenta", "cien", "cem", "docena", "duzia",
      "trece", "catorce", "treze", "catorze", "quatorze", "dezesseis", "dezasseis", "dezessete",
      "dezassete", "dezoito", "dezenove", "dezanove", "sesenta", "sessenta", "setenta",
      "ochenta", "oitenta", "noventa", "docenas", "duzias", "dezena", "dezenas",
      // French
      "cinq", "sept", "huit", "neuf", "dix", "onze", "douze", "quinze", "vingt", "trente",
      "quarante", "cinquante", "cent", "douzaine", "treize", "quatorze", "seize", "soixante",
      "douzaines",
      // German
      "funf", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwolf", "zwoelf",
      "zwanzig", "dreissig", "vierzig", "funfzig", "hundert", "dutzend",
      "dreizehn", "vierzehn", "funfzehn", "fuenfzehn", "sechzehn", "siebzehn", "achtzehn",
      "neunzehn", "sechzig", "siebzig", "achtzig", "neunzig", "dutzende",
      // Italian, with the approximate counts patients use ("una ventina di pastiglie")
      "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici", "tredici",
      "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove", "venti",
      "trenta", "quaranta", "cinquanta", "sessanta", "cento", "dozzina", "decina", "quindicina",
      "ventina", "trentina", "quarantina", "cinquantina", "centinaio");

  /** Whether the token is a count word ("veinte", "funfundzwanzig"), which is no typo. */
  static boolean isCountWord(String token) {
    return MANY_WORD_SET.contains(token) || MANY_STEMS.stream().anyMatch(token::startsWith);
  }

  private static final Set<String> MANY_WORD_SET = Set.copyOf(MANY_WORDS);

  /**
   * Counts written as one word from a stem: Spanish 16 to 29 ("dieciseis", "veinticinco", the
   * Italian "dieci" included) and German 21 to 99 ("funfundzwanzig"). Each stem is its own gate.
   */
  private static final List<String> MANY_STEMS = List.of("dieci", "veinti", "einund", "zweiund",
      "dreiund", "vierund", "funfund", "fuenfund", "sechsund", "siebenund", "achtund", "neunund");

  /**
   * Years and months after a count make it a duration ("tomo dieciseis anos la pastilla de la
   * tension", "took 20 years of blood pressure pills"), not a number of pills; days and weeks do
   * not ("a week's worth", "5 days of pills at once" can be an overdose).
   */
  private static final List<String> DURATIONS = List.of("years", "year", "yrs", "anos", "ano",
      "ans", "annees", "jahre", "jahren", "anni", "jaar", "jaren", "lat", "roku", "лет", "года",
      "год", "months", "meses", "mois", "monate", "monaten", "mesi", "maanden", "miesiecy",
      "месяцев", "месяца");

  private static final String MANY_REGEX = "(?:[5-9]|[1-9][0-9]+|"
      + String.join("|", MANY_WORDS.stream().distinct().toList()) + "|(?:"
      + String.join("|", MANY_STEMS) + ")[a-z]*)(?! (?:" + String.join("|", DURATIONS)
      + ")(?![^ ]))";

  static PhrasePattern compile(String phrase) {
    return compile(phrase, Set.of(), Set.of());
  }

  /**
   * As {@link #compile(String)}, with gaps whose last two words may not be one of the given
   * negation words: in "hit his head yesterday, he is fine, no vomiting" or "hives but no trouble
   * breathing" the symptom after the gap is denied, so the phrase does not occur. A negation
   * earlier in the gap ("he is not making sense and is very hard to wake") denies something else
   * and is let through.
   */
  static PhrasePattern compile(String phrase, Set<String> negations, Set<String> notBefore) {
    return compile(phrase, negations, notBefore, true);
  }

  /**
   * As {@link #compile(String, Set, Set)}; with {@code plainGapsChecked} false only gaps written
   * {@code ~~N} check the negation words (languages whose trigger phrases contain negations, as in
   * "no puede respirar", where a plain gap before "puede" must not reject "no").
   */
  static PhrasePattern compile(String phrase, Set<String> negations, Set<String> notBefore,
      boolean plainGapsChecked) {
    return compile(phrase, negations, notBefore, plainGapsChecked, Set.of());
  }

  /**
   * As {@link #compile(String, Set, Set, boolean)}; a negation word right after one of
   * {@code notAfter} is the second half of a compound whose hyphen the text lost, and a gap may
   * end on it: French "nouveau-né" is read "nouveau ne", and that "ne" is "born", not a denial.
   */
  static PhrasePattern compile(String phrase, Set<String> negations, Set<String> notBefore,
      boolean plainGapsChecked, Set<String> notAfter) {
    // possessive: what follows a word is always a space or the end, so giving back letters of
    // the word can never help, and backtracking through them costs time on every failed try
    String word = "(?:[^ .;!?][^ ]*+|,)";
    // "will not stop vomiting": a negation before one of notBefore negates nothing
    String compound = notAfter.isEmpty() ? "" : "(?<!(?:^| )"
        + trie(notAfter.stream().sorted().map(PhrasePattern::atoms).toList()) + " )";
    String lastWord = "(?!" + compound
        + trie(negations.stream().sorted().map(PhrasePattern::atoms).toList())
        + "(?= |$)(?! " + trie(notBefore.stream().sorted().map(PhrasePattern::atoms).toList())
        + "(?: |$)))" + word;
    List<String> elements = split(spaceIdeographs(phrase));
    int gate = -1;
    for (int i = 0; i < elements.size(); i++) {
      String e = elements.get(i);
      if (isNegative(e)) {
        throw new IllegalArgumentException("'!' needs a required word before it");
      }
      if (!e.startsWith("[") && !e.startsWith("~")) {
        gate = i;
        break;
      }
    }
    if (gate < 0) {
      throw new IllegalArgumentException("the phrase needs at least one required word");
    }
    // elements before the gate are optional or gaps: they cannot change whether the phrase occurs
    StringBuilder re = new StringBuilder();
    List<Gate> gates = new ArrayList<>();
    List<List<Gate>> required = new ArrayList<>();
    int span = 0;
    // a count and a gap's last word read one token past themselves, each "!{...}" its words
    int lookahead = 1;
    for (int i = gate; i < elements.size(); i++) {
      String e = elements.get(i);
      boolean first = i == gate;
      span += tokens(e);
      if (isNegative(e)) {
        lookahead += e.startsWith("!~") ? distantWords(e) + tokens(e.substring(e.indexOf('{')))
            : tokens(e.substring(1));
      }
      if (e.startsWith("~")) {
        boolean checked = e.startsWith("~~") || plainGapsChecked;
        int n = parseGap(e.startsWith("~~") ? e.substring(1) : e);
        // commas may fall inside a gap ("pain in my arm and jaw, clammy"); sentence ends may not
        // the last two words of a gap may not deny what follows ("hives but no trouble breathing")
        if (negations.isEmpty() || !checked) {
          re.append("(?: ").append(word).append("){0,").append(n).append('}');
        } else if (n == 1) {
          re.append("(?: ").append(lastWord).append(")?");
        } else {
          re.append("(?:(?: ").append(word).append("){0,").append(n - 2).append("}(?: ")
              .append(lastWord).append("){2}|(?: ").append(lastWord).append("))?");
        }
      } else if (e.startsWith("[")) {
        re.append("(?: ").append(alternatives(e, '[', ']', null, null, false)).append(")?");
      } else if (e.equals(MANY)) {
        if (first) {
          throw new IllegalArgumentException(MANY + " cannot start a phrase");
        }
        re.append(' ').append(MANY_REGEX);
        List<Gate> filter = new ArrayList<>();
        MANY_WORDS.stream().distinct().forEach(w -> filter.add(new Gate(w, false)));
        MANY_STEMS.forEach(w -> filter.add(new Gate(w, true)));
        for (char d = '1'; d <= '9'; d++) {
          filter.add(new Gate(String.valueOf(d), true));
        }
        required.add(List.copyOf(filter));
      } else if (e.startsWith("!~")) {
        int brace = e.indexOf('{');
        int n = distantWords(e);
        // the words in between are any but sentence ends, as a gap's: a recovery further on in the
        // next sentence does not void this one (one opening it was joined to this by SentenceJoins);
        // nor does one denied right before it ("not fine today")
        String last = negations.isEmpty() ? word : lastWord;
        re.append("(?!(?:(?: ").append(word).append("){0,").append(n - 1).append("} ").append(last)
            .append(")? ").append(alternatives(e.substring(brace), '{', '}', null, null, false))
            .append("(?![^ ]))");
      } else if (isNegative(e)) {
        String body = e.substring(1);
        String alts = body.startsWith("{") ? alternatives(body, '{', '}', null, null, false) : word(body);
        re.append("(?! ").append(alts).append("(?![^ ]))");
      } else if (e.startsWith("{")) {
        if (!first) {
          re.append(' ');
        }
        List<Gate> words = new ArrayList<>();
        List<Gate> filter = new ArrayList<>();
        re.append(alternatives(e, '{', '}', words, filter, first));
        if (first) {
          for (Gate g : words) {
            gates.add(gate(g.prefix() ? g.word() + "*" : g.word()));
          }
          // "{passed out|was knocked out}" starts at "was", but needs "knocked" to be there
          if (!filter.equals(words) && filter.stream().noneMatch(PhrasePattern::isPunctuation)) {
            required.add(List.copyOf(filter));
          }
        } else if (filter.stream().noneMatch(PhrasePattern::isPunctuation)) {
          required.add(List.copyOf(filter));
        }
      } else {
        if (!first) {
          re.append(' ');
        }
        re.append(word(e));
        if (first) {
          gates.add(gate(e));
        } else if (!isPunctuation(gateWord(e))) {
          required.add(List.of(gateWord(e)));
        }
      }
    }
    String last = elements.get(elements.size() - 1);
    if (last.startsWith("~")) {
      throw new IllegalArgumentException("a phrase cannot end with a gap");
    }
    re.append("(?![^ ])");
    boolean readsSentenceEnd = false;
    for (String e : elements) {
      // "!{...}" is syntax, a "!" inside braces a word ("{help !|help .}")
      for (String t : (isNegative(e) ? e.substring(1) : e).split("[ {}\\[\\]|]")) {
        readsSentenceEnd |= t.length() == 1 && TextNormalizer.SENTENCE_ENDS.indexOf(t.charAt(0)) >= 0;
      }
    }
    return new PhrasePattern(Pattern.compile(re.toString()), List.copyOf(gates),
        List.copyOf(required), span, lookahead, readsSentenceEnd);
  }

  /** "胸口痛" is written as one word in a rule but is three tokens in a message. */
  private static String spaceIdeographs(String phrase) {
    StringBuilder out = new StringBuilder(phrase.length() + 8);
    for (int i = 0; i < phrase.length(); i++) {
      char c = phrase.charAt(i);
      if (c >= 0x80 && TextNormalizer.isIdeograph(c)) {
        out.append(' ').append(c).append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static List<String> split(String phrase) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = phrase.length();
    while (i < n) {
      char c = phrase.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      int end;
      int distant = c == '!' && i + 1 < n && phrase.charAt(i + 1) == '~' ? phrase.indexOf('{', i) : -1;
      if (distant >= 0 && phrase.substring(i + 2, distant).matches("[0-9]+")
          || c == '!' && i + 1 < n && phrase.charAt(i + 1) == '{') {
        end = phrase.indexOf('}', i);
        if (end < 0) {
          throw new IllegalArgumentException("'!{' without a closing '}'");
        }
        if (indexOfAny(phrase, "{[", phrase.indexOf('{', i) + 1, end) >= 0) {
          throw new IllegalArgumentException("alternatives cannot be nested");
        }
        end++;
      } else if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        end = phrase.indexOf(close, i);
        if (end < 0) {
          throw new IllegalArgumentException("'" + c + "' without a closing '" + close + "'");
        }
        int nested = indexOfAny(phrase, "{[", i + 1, end);
        if (nested >= 0) {
          throw new IllegalArgumentException("alternatives cannot be nested");
        }
        end++;
      } else {
        end = i;
        while (end < n && !Character.isWhitespace(phrase.charAt(end))) {
          end++;
        }
      }
      out.add(phrase.substring(i, end));
      i = end;
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty phrase");
    }
    return out;
  }

  private static int indexOfAny(String s, String chars, int from, int to) {
    for (int i = from; i < to; i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** How many words a {@code !~N{...}} element looks ahead: its N. */
  private static int distantWords(String element) {
    return parseGap(element.substring(1, element.indexOf('{')));
  }

  private static int parseGap(String e) {
    int n;
    try {
      n = Integer.parseInt(e.substring(1));
    } catch (NumberFormatException ex) {
      n = -1;
    }
    if (n < 1 || n > MAX_GAP) {
      throw new IllegalArgumentException("a gap is ~1 to ~" + MAX_GAP + ", not '" + e + "'");
    }
    return n;
  }

  /**
   * With {@code gate}, a filter word is not taken from the first word of an alternative of
   * several words when another will do: that word is the gate, which is present wherever the
   * rule is tried, so it would filter nothing ("{注射肾上腺素|...}" ran at every "注" of "注意").
   */
  private static String alternatives(String e, char open, char close, List<Gate> gates,
      List<Gate> filterWords, boolean gate) {
    String inner = e.substring(1, e.length() - 1);
    List<List<String>> alts = new ArrayList<>();
    for (String alt : inner.split("\\|", -1)) {
      String[] words = alt.trim().split("\\s+");
      if (words.length == 0 || words[0].isEmpty()) {
        throw new IllegalArgumentException("empty alternative in '" + e + "'");
      }
      List<String> atoms = new ArrayList<>();
      for (int w = 0; w < words.length; w++) {
        if (w > 0) {
          atoms.add(" ");
        }
        atoms.addAll(wordAtoms(words[w]));
      }
      alts.add(atoms);
      if (gates != null) {
        gates.add(gateWord(words[0]));
      }
      if (filterWords != null) {
        String[] after = gate && words.length > 1
            ? java.util.Arrays.copyOfRange(words, 1, words.length) : words;
        String rare = rarest(after);
        // a common word ("the", "了") would filter less than the gate does
        boolean better = !isPunctuation(gateWord(rare)) && !COMMON.contains(rare);
        filterWords.add(gateWord(better ? rare : rarest(words)));
      }
    }
    return trie(alts);
  }

  /**
   * The alternatives as one expression that shares their common beginnings: "{chest pain|chest
   * pressure|cheek}" becomes {@code che(?:st (?:pain|pressure)|ek)}. Java tries the branches of an
   * alternation one by one; after sharing, a failing letter rules out a whole group of them at
   * once, which matters for the long word lists of the rules. Matches the same texts; branches
   * keep their first-seen order. Each alternative is a list of atoms (a letter, an escape, a
   * space, {@code [^ ]*+}).
   */
  static String trie(List<List<String>> alternatives) {
    Node root = new Node();
    for (List<String> alt : alternatives) {
      Node n = root;
      for (String atom : alt) {
        Node next = n.children.get(atom);
        if (next == null) {
          next = new Node();
          n.children.put(atom, next);
          n.order.add(atom);
        }
        n = next;
      }
      if (!n.end) {
        n.end = true;
        n.order.add(END);
      }
    }
    StringBuilder out = new StringBuilder();
    root.emit(out);
    return out.toString();
  }

  private static final String END = "";

  private static final class Node {
    final java.util.Map<String, Node> children = new java.util.HashMap<>();
    final List<String> order = new ArrayList<>();
    boolean end;

    void emit(StringBuilder out) {
      if (order.size() == 1) {
        String atom = order.get(0);
        if (!atom.equals(END)) {
          out.append(atom);
          children.get(atom).emit(out);
        }
        return;
      }
      out.append("(?:");
      for (int k = 0; k < order.size(); k++) {
        if (k > 0) {
          out.append('|');
        }
        String atom = order.get(k);
        if (!atom.equals(END)) {
          out.append(atom);
          children.get(atom).emit(out);
        }
      }
      out.append(')');
    }
  }

  /** A plain word as atoms for {@link #trie}: one per letter. */
  private static List<String> atoms(String word) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      out.add(c == '.' ? "\\." : String.valueOf(c));
    }
    return out;
  }

  /** Tokens an element of a phrase can cover at most: a word 1, a gap ~n n, alternatives their longest. */
  private static int tokens(String element) {
    if (element.startsWith("~")) {
      return parseGap(element.startsWith("~~") ? element.substring(1) : element);
    }
    if (isNegative(element)) {
      return 0;
    }
    if (element.startsWith("{") || element.startsWith("[")) {
      int most = 0;
      for (String alt : element.substring(1, element.length() - 1).split("\\|", -1)) {
        most = Math.max(most, alt.trim().split("\\s+").length);
      }
      return most;
    }
    return 1;
  }

  /**
   * The word of a multi-word alternative that best shows it may occur: the longest one that is not
   * punctuation ("responding" rather than "not" in "not responding"), since long words are rare.
   */
  private static String rarest(String[] words) {
    String best = null;
    for (String w : words) {
      if (isPunctuation(gateWord(w))) {
        continue;
      }
      if (best == null || rank(w) > rank(best)) {
        best = w;
      }
    }
    return best == null ? words[0] : best;
  }

  /** Longer is rarer; a word every message has ("the", "my", "不") ranks below any other. */
  private static int rank(String w) {
    return COMMON.contains(w) ? w.length() : 1000 + w.length();
  }

  /**
   * Words too common to show that a phrase may occur: picked as the filter word of "in the eye",
   * "the" would let the rule's expression run on almost every message.
   */
  private static final Set<String> COMMON = Set.copyOf(List.of(
      "the", "a", "an", "my", "his", "her", "their", "our", "your", "its", "in", "into", "on",
      "at", "to", "of", "for", "with", "from", "by", "and", "or", "is", "are", "was", "were", "be",
      "been", "am", "it", "i", "he", "she", "they", "we", "you", "me", "him", "them", "us", "that",
      "this", "so", "very", "really", "not", "no", "do", "does", "did", "have", "has", "had",
      "can", "will", "just", "up", "out", "all", "what", "when", "after", "about", "there",
      "de", "la", "el", "le", "les", "los", "las", "en", "un", "una", "une", "y", "et", "que",
      "se", "me", "mi", "mon", "ma", "mes", "der", "die", "das", "und", "ich", "ist", "nicht",
      "o", "e", "do", "da", "meu", "minha", "nao", "no", "na", "um", "uma",
      "我", "你", "他", "她", "的", "了", "在", "是", "不", "有", "要", "很", "就", "都", "也", "和",
      "会", "能", "没", "一", "个", "这", "那", "人", "吗", "呢", "吧", "啊", "好", "还", "到", "去",
      "来", "上", "下", "得", "着", "过", "被", "把", "让", "给", "对", "说", "自", "己", "子"));

  private static String word(String w) {
    return String.join("", wordAtoms(w));
  }

  /** The expression of one word of a phrase, as atoms for {@link #trie}. */
  private static List<String> wordAtoms(String w) {
    if (w.length() == 1 && TextNormalizer.PUNCTUATION.indexOf(w.charAt(0)) >= 0) {
      return List.of(Pattern.quote(w)); // sentence punctuation is a token of its own
    }
    int star = w.indexOf('*');
    if (star >= 0 && star != w.length() - 1) {
      throw new IllegalArgumentException("'*' may only end a word: '" + w + "'");
    }
    String body = star >= 0 ? w.substring(0, star) : w;
    if (body.isEmpty()) {
      throw new IllegalArgumentException("'*' needs a word before it");
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.'
          || (c >= 0x80 && Character.isLetterOrDigit(c) && !Character.isUpperCase(c)
              && TextNormalizer.foldForRules(String.valueOf(c)).equals(String.valueOf(c)))
          || TextNormalizer.isWordMark(c);
      if (!ok) {
        throw new IllegalArgumentException(
            "words are lower-case letters and digits only, without accents (contractions are"
                + " expanded, 'can't' is written 'cannot'): '" + w + "'");
      }
    }
    List<String> out = atoms(body);
    if (star >= 0) {
      out.add("[^ ]*+"); // possessive: a space or the end of the token always follows
    }
    return out;
  }

  /** "!{...}" or "!word"; a lone "!" is the exclamation mark. */
  private static boolean isNegative(String element) {
    return element.length() > 1 && element.charAt(0) == '!';
  }

  private static boolean isPunctuation(Gate g) {
    return g.word().length() == 1 && TextNormalizer.PUNCTUATION.indexOf(g.word().charAt(0)) >= 0;
  }

  private static Gate gateWord(String w) {
    boolean prefix = w.endsWith("*");
    return new Gate(prefix ? w.substring(0, w.length() - 1) : w, prefix);
  }

  private static Gate gate(String w) {
    boolean prefix = w.endsWith("*");
    String body = prefix ? w.substring(0, w.length() - 1) : w;
    if (isPunctuation(new Gate(body, false))) {
      throw new IllegalArgumentException("a phrase cannot start with punctuation: '" + w + "'");
    }
    if (prefix && body.length() < RuleSet.MIN_GATE_STEM) {
      throw new IllegalArgumentException(
          "a wildcard word that starts a phrase needs at least " + RuleSet.MIN_GATE_STEM
              + " letters before '*': '" + w + "'");
    }
    return new Gate(body, prefix);
  }
}
