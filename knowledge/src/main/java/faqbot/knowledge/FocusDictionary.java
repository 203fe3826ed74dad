package faqbot.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;

/**
 * The medical topics (MedQuAD's "focus": a disease, drug, test or gene) the knowledge base knows,
 * with their synonyms, and a finder for their mentions in free text. A patient who names a
 * condition is asking about that condition; every entry with that focus is then a candidate,
 * whatever words the rest of the message uses.
 *
 * <p>Names are compared after light normalization (lower case, accents folded, plurals
 * stemmed, punctuation dropped) but with stop words kept, so "Vitamin A" stays distinct from
 * "vitamin".
 */
final class FocusDictionary {
  /** Longest topic name, in words, that a mention can have. */
  static final int MAX_WORDS = 8;

  private static final Analyzer NAMES = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      Tokenizer source = new StandardTokenizer();
      TokenStream s = new LowerCaseFilter(source);
      s = new ASCIIFoldingFilter(s);
      s = new BritishSpellingFilter(s);
      // patients write "peyronies", "bells palsy", "menieres": the possessive goes, as the plural does
      s = new org.apache.lucene.analysis.en.EnglishPossessiveFilter(s);
      s = new EnglishMinimalStemFilter(s);
      // the minimal stemmer leaves "illnesses" as "illnesse" beside "illness": NIDDK's "Foodborne
      // Illnesses" and MedlinePlus's "Foodborne Illness" were two topics, and a question about
      // preventing food poisoning got the overview of one instead of the other's prevention entry
      s = new org.apache.lucene.analysis.pattern.PatternReplaceFilter(s, SSES, "ss", false);
      return new TokenStreamComponents(source, s);
    }
  };

  private static final java.util.regex.Pattern SSES = java.util.regex.Pattern.compile("sse$");

  /** A normalized name (words joined by a space) to the normalized focus it names. */
  private final Map<String, String> names = new HashMap<>();
  /**
   * The first word of every name to the most words a name starting with it has: most words of a
   * message start no name, and this rules them out with one lookup instead of one per length.
   */
  private final Map<String, Integer> longestFrom = new HashMap<>();

  private void put(String name, String focus, boolean replace) {
    if (replace) {
      names.put(name, focus);
    } else {
      names.putIfAbsent(name, focus);
    }
    String[] w = name.split(" ");
    longestFrom.merge(w[0], Math.min(MAX_WORDS, w.length), Math::max);
    ageVariant(name, focus);
    String bag = bag(java.util.Arrays.asList(w));
    if (bag != null) {
      // as with names, a topic's own name is never another topic's synonym
      if (replace) {
        bags.put(bag, focus);
        ownBags.put(bag, focus);
      } else {
        bags.putIfAbsent(bag, focus);
      }
    }
    routeless(name, focus, w);
    // "Ehlers-Danlos syndrome" is written "Ehlers Danlos": the name without its last word, when
    // that is a generic one and at least two words remain (never "heart" for "heart disease")
    for (String generic : GENERIC_LAST_WORDS) {
      if (name.endsWith(" " + generic) && w.length >= 3) {
        String shorter = name.substring(0, name.length() - generic.length() - 1);
        if (shortNames.putIfAbsent(shorter, focus) == null) {
          longestFrom.merge(w[0], Math.min(MAX_WORDS, w.length - 1), Math::max);
        }
      }
    }
  }

  /**
   * The routes MedlinePlus's drug pages name their medicine by ("Metronidazole Oral",
   * "Metronidazole Injection"), as key() writes them, the one a patient most likely means by the
   * bare name first: a tablet at home before an injection in hospital.
   */
  private static final List<String> ROUTES = List.of("oral", "oral inhalation", "inhalation",
      "nasal spray", "nasal", "topical", "transdermal patch", "transdermal", "ophthalmic", "otic",
      "rectal", "vaginal", "buccal", "sublingual", "injection");

  /**
   * A medicine's name without its route ("metronidazole" for "Metronidazole Oral") to its topic
   * for each route it has, in the order of {@link #ROUTES}: "can I drink alcohol while taking
   * metronidazole" named no medicine, and was answered with the overview of alcohol.
   */
  private final Map<String, String[]> routeless = new HashMap<>();

  private void routeless(String name, String focus, String[] w) {
    for (int r = 0; r < ROUTES.size(); r++) {
      String route = ROUTES.get(r);
      if (name.endsWith(" " + route) && name.length() > route.length() + 1) {
        String shorter = name.substring(0, name.length() - route.length() - 1);
        String[] byRoute = routeless.computeIfAbsent(shorter, k -> new String[ROUTES.size()]);
        if (byRoute[r] == null) {
          byRoute[r] = focus;
        }
        longestFrom.merge(w[0], Math.min(MAX_WORDS, shorter.split(" ").length), Math::max);
        return;
      }
    }
  }

  /**
   * Words of a message that say which form of a medicine it is about, to the routes they point
   * to, best first: "estradiol 75g patch" is the patch's page, not the cream's.
   */
  private static final Map<String, List<String>> ROUTE_HINTS = Map.ofEntries(
      Map.entry("patch", List.of("transdermal patch", "transdermal", "topical")),
      Map.entry("cream", List.of("topical")), Map.entry("gel", List.of("topical")),
      Map.entry("ointment", List.of("topical", "ophthalmic")), Map.entry("lotion", List.of("topical")),
      Map.entry("tablet", List.of("oral")), Map.entry("pill", List.of("oral")),
      Map.entry("capsule", List.of("oral")), Map.entry("syrup", List.of("oral")),
      Map.entry("inhaler", List.of("oral inhalation", "inhalation")),
      Map.entry("puffer", List.of("oral inhalation", "inhalation")),
      Map.entry("nebulizer", List.of("oral inhalation", "inhalation")),
      Map.entry("spray", List.of("nasal spray", "nasal")),
      Map.entry("eye", List.of("ophthalmic")), Map.entry("ear", List.of("otic")),
      Map.entry("drop", List.of("ophthalmic", "otic")),
      Map.entry("injection", List.of("injection")), Map.entry("shot", List.of("injection")),
      Map.entry("jab", List.of("injection")), Map.entry("suppository", List.of("rectal")),
      Map.entry("vaginal", List.of("vaginal")));

  /** The routes the message's words point to, best first (empty when none). */
  private static List<String> routeHints(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      for (String route : ROUTE_HINTS.getOrDefault(w, List.of())) {
        if (!out.contains(route)) {
          out.add(route);
        }
      }
    }
    return out;
  }

  /** The topic a medicine named without its route stands for: the route hinted, else the first. */
  private String withoutRoute(String name, List<String> hints) {
    String[] byRoute = routeless.get(name);
    if (byRoute == null) {
      return null;
    }
    for (String hint : hints) {
      String focus = byRoute[ROUTES.indexOf(hint)];
      if (focus != null) {
        return focus;
      }
    }
    for (String focus : byRoute) {
      if (focus != null) {
        return focus;
      }
    }
    return null;
  }

  /**
   * Names by their words in any order ("lewy body dementia" for "dementia with Lewy bodies"):
   * the sorted words of two to {@link #BAG_WORDS} words, function words left out.
   */
  private final Map<String, String> bags = new HashMap<>();
  /** The order-free keys of topics' own names: one beats another topic's synonym. */
  private final Map<String, String> ownBags = new HashMap<>();
  static final int BAG_WORDS = 4;

  /** The order-free key of a span of words, or null when it is no name-like span. */
  private static String bag(List<String> words) {
    List<String> content = new ArrayList<>(words.size());
    for (String x : words) {
      if (x.equals("and") || x.equals("or")) {
        // "diverticulosis or diverticulitis" names two topics, not "diverticulosis and diverticulitis"
        return null;
      }
      if (!org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(x)) {
        content.add(x);
      }
    }
    if (content.size() < 2 || content.size() > BAG_WORDS) {
      return null;
    }
    java.util.Collections.sort(content);
    return String.join(" ", content);
  }

  private static boolean functionWord(String word) {
    return org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word);
  }

  private static final List<String> GENERIC_LAST_WORDS = List.of("syndrome", "disease", "disorder");
  /**
   * Names (normalized) with a generic last word added, or taken away when two words remain:
   * MedQuAD's sources name one condition with and without it ("Restless Legs", "Restless Legs
   * Syndrome"). Never a single word ("heart" for "heart disease").
   */
  static java.util.Set<String> genericVariants(Collection<String> names) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String name : names) {
      String[] w = name.split(" ");
      boolean endsGeneric = false;
      for (String generic : GENERIC_LAST_WORDS) {
        if (name.endsWith(" " + generic)) {
          endsGeneric = true;
          if (w.length >= 3) {
            out.add(name.substring(0, name.length() - generic.length() - 1));
          }
        }
      }
      if (!endsGeneric && w.length >= 2) {
        GENERIC_LAST_WORDS.forEach(g -> out.add(name + " " + g));
      }
    }
    out.removeAll(names);
    return out;
  }

  /**
   * Names with the qualifiers NIDDK puts on its own pages about a topic another source names
   * plainly: "What I need to know about Hepatitis C" and "Kidney Stones in Adults" answer the
   * questions ("treatment", "symptoms") that MedlinePlus's "Hepatitis C" and "Kidney Stones"
   * overviews do not, so a sibling for the kind asked is looked for under these names too.
   * Adults only: a message is about an adult unless it says otherwise, and the children's pages
   * are found by the age rule of topic mentions.
   */
  static java.util.Set<String> qualifiedVariants(Collection<String> names) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String name : names) {
      if (name.isEmpty() || name.startsWith(NEED_TO_KNOW) || name.endsWith(IN_ADULTS)) {
        continue;
      }
      out.add(NEED_TO_KNOW + name);
      out.add(name + IN_ADULTS);
    }
    out.removeAll(names);
    return out;
  }

  // as key() writes them (lower case, plurals stemmed)
  private static final String NEED_TO_KNOW = "what i need to know about ";
  private static final String IN_ADULTS = " in adult";

  /** Names without their generic last word; a full name always wins over one of these. */
  private final Map<String, String> shortNames = new HashMap<>();

  /**
   * Topics for one age group ("childhood astrocytoma", "irritable bowel syndrome in children",
   * "adult acute lymphoblastic leukemia"), by the name without the age: patients name the
   * condition and say who has it. Values: {the children's topic, the adults' topic}.
   */
  private final Map<String, String[]> ageVariants = new HashMap<>();

  private void ageVariant(String name, String focus) {
    String base = null;
    int slot = -1;
    if (name.startsWith("childhood ")) {
      base = name.substring("childhood ".length());
      slot = 0;
    } else if (name.endsWith(" in children")) {
      base = name.substring(0, name.length() - " in children".length());
      slot = 0;
    } else if (name.startsWith("adult ")) {
      base = name.substring("adult ".length());
      slot = 1;
    } else if (name.endsWith(" in adult")) {
      base = name.substring(0, name.length() - " in adult".length());
      slot = 1;
    }
    if (base == null || base.isBlank()) {
      return;
    }
    String[] v = ageVariants.computeIfAbsent(base, k -> new String[2]);
    if (v[slot] == null) {
      v[slot] = focus;
    }
    String[] w = base.split(" ");
    longestFrom.merge(w[0], Math.min(MAX_WORDS, w.length), Math::max);
  }

  /** A message about a child: who has the condition decides between a topic's age variants. */
  private static final java.util.regex.Pattern CHILD = java.util.regex.Pattern.compile(
      "\\b(son|sons|daughters?|child|children|kids?|baby|babies|toddlers?|infants?|newborns?|boy|girl"
      + "|teen|teenager|grandson|granddaughter|nephew|niece|(1[0-7]|[1-9]) ?(yo|y/o|yrs? old|years? old|month old|months old))\\b");

  static boolean aboutAChild(String text) {
    return CHILD.matcher(text.toLowerCase(java.util.Locale.ROOT)).find();
  }

  /** The topic a name stands for in this message, age variants and short names included. */
  private String lookup(String name, boolean child) {
    return lookup(name, child, List.of());
  }

  private String lookup(String name, boolean child, List<String> hints) {
    String focus = names.get(name);
    String[] v = ageVariants.get(name);
    if (v != null) {
      if (child && v[0] != null) {
        return v[0];
      }
      if (focus == null) {
        return child || v[1] == null ? v[0] : v[1];
      }
    }
    if (focus != null && !focus.equals(name) && !ownBags.isEmpty()) {
      // "Lewy body dementia", a synonym of dementia, is "dementia with Lewy bodies" by name
      String own = ownBags.get(bag(java.util.Arrays.asList(name.split(" "))));
      if (own != null) {
        return own;
      }
    }
    if (focus != null) {
      return focus;
    }
    String shorter = shortNames.get(name);
    return shorter != null ? shorter : withoutRoute(name, hints);
  }

  /** One topic mentioned in a text. */
  record Mention(String focusKey, int words) {}

  /** Adds a topic and its synonyms; a name already taken by another topic keeps its first owner. */
  void add(String focus, Collection<String> synonyms) {
    String key = key(focus);
    if (key.isEmpty()) {
      return;
    }
    put(key, key, false);
    for (String a : acronyms(focus, synonyms)) {
      acronyms.putIfAbsent(a, new AcronymOwner(key, 1));
    }
    for (String s : synonyms) {
      if (!findableName(s)) {
        continue;
      }
      String k = key(s);
      if (!k.isEmpty()) {
        put(k, key, false);
      }
    }
  }

  /** The dictionary of every topic in the index (its {@link EntryIndex#FOCUS_NAMES} terms). */
  static FocusDictionary fromIndex(IndexReader reader) throws IOException {
    FocusDictionary d = new FocusDictionary();
    Terms terms = MultiTerms.getTerms(reader, EntryIndex.FOCUS_NAMES);
    if (terms == null) {
      return d;
    }
    TermsEnum te = terms.iterator();
    // terms come sorted, so a name shared by several topics goes to the same one every time
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      String s = t.utf8ToString();
      int sep = s.indexOf(EntryIndex.NAME_SEPARATOR);
      if (sep > 0 && s.startsWith(ACRONYM_MARK)) {
        String acronym = s.substring(ACRONYM_MARK.length(), sep);
        String focus = s.substring(sep + 1);
        // an acronym several topics share goes to the one most entries name by it
        int df = te.docFreq();
        AcronymOwner owner = d.acronyms.get(acronym);
        if (owner == null || df > owner.entries()) {
          d.acronyms.put(acronym, new AcronymOwner(focus, df));
        }
      } else if (sep > 0 && s.startsWith(EPONYM_MARK)) {
        String word = s.substring(EPONYM_MARK.length(), sep);
        String focus = s.substring(sep + 1);
        d.eponyms.putIfAbsent(word + "s", focus);
        d.eponyms.putIfAbsent(word + "'s", focus);
      } else if (sep > 0 && !s.startsWith(ALIAS_MARK)) {
        String name = s.substring(0, sep);
        String focus = s.substring(sep + 1);
        // a topic's own name is never another topic's synonym
        d.put(name, focus, name.equals(focus));
      }
    }
    return d;
  }

  int size() {
    return names.size();
  }

  /**
   * Whether a synonym can be looked for in free text. Short all-capital abbreviations ("THE",
   * "AND", "ALL" are real MedQuAD synonyms) read as ordinary words once lower-cased, and so do
   * names that are English function words.
   */
  static boolean findableName(String raw) {
    if (raw == null) {
      return false;
    }
    String t = raw.strip();
    if (t.length() <= 5 && t.equals(t.toUpperCase(java.util.Locale.ROOT)) && !t.matches(".*\\d.*")) {
      return false;
    }
    List<String> w = words(t);
    return !w.isEmpty() && !(w.size() == 1
        && (w.get(0).length() < 3 || org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w.get(0))
            || SearchAnalyzers.FILLER.contains(w.get(0))));
  }

  private static final java.util.regex.Pattern EPONYM =
      java.util.regex.Pattern.compile("(?i)^\\s*([\\p{L}-]{4,})['\u2019]s (disease|syndrome)\\s*$");

  /**
   * The eponym of a condition named after a person ("Peyronie's disease": "peyronie"), which
   * patients write alone as "peyronies" or "peyronie's"; null when the name is not a possessive
   * eponym. Stored with {@link #EPONYM_MARK} among the entry's names.
   */
  static String eponym(String raw) {
    if (raw == null) {
      return null;
    }
    java.util.regex.Matcher m = EPONYM.matcher(raw);
    return m.matches() ? EPONYM_MARK + fold(m.group(1)) : null;
  }

  static final String EPONYM_MARK = "~";
  /** Marks an acronym among an entry's names: found case-sensitively, in capitals only. */
  static final String ACRONYM_MARK = "^";

  private record AcronymOwner(String focus, int entries) {}

  /** "TB" to "tuberculosi": acronyms, as written (capitals), to the topic most entries give them. */
  private final Map<String, AcronymOwner> acronyms = new HashMap<>();

  private static final java.util.regex.Pattern ACRONYM =
      java.util.regex.Pattern.compile("[A-Z](?=[A-Z0-9]*[A-Z])[A-Z0-9]{1,5}");
  private static final java.util.regex.Pattern PARENTHESIZED_ACRONYM =
      java.util.regex.Pattern.compile("\\(([A-Z](?=[A-Z0-9]*[A-Z])[A-Z0-9]{1,5})\\)");

  /**
   * The acronyms a topic goes by: its synonyms that are capitals (and digits) only, two to six
   * long ("TB", "ALL", "CVID"), and one its label gives in parentheses ("Acute lymphoblastic
   * leukemia (ALL)"). They are no {@link #findableName}: lower-cased, many are ordinary words.
   */
  static List<String> acronyms(String focus, Collection<String> synonyms) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    if (focus != null) {
      java.util.regex.Matcher m = PARENTHESIZED_ACRONYM.matcher(focus);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    for (String s : synonyms) {
      if (s != null && ACRONYM.matcher(s.strip()).matches()) {
        out.add(s.strip());
      }
    }
    return new ArrayList<>(out);
  }

  private static final java.util.regex.Pattern CAPITAL_WORD =
      java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])([A-Z][A-Z0-9]{1,5})(s?)(?![\\p{L}\\p{N}])");
  /** Words before an acronym that is also an English word ("ALL") that make it a name. */
  private static final java.util.Set<String> NAMING_CUES = java.util.Set.of(
      "with", "has", "have", "had", "having", "for", "of", "about", "called", "from", "diagnosed");
  /** Words after such an acronym that make it the English word ("ALL the time", "ALL of it"). */
  private static final java.util.Set<String> WORD_CUES = java.util.Set.of(
      "the", "a", "an", "of", "my", "his", "her", "our", "their", "your", "its", "these", "those",
      "this", "that", "day", "night", "time", "over", "around", "along", "i", "we", "you",
      "right", "good", "fine", "well", "gone", "better", "done");

  /**
   * Acronyms written in capitals in the text. Case tells "TB" and "ALL" (the leukemia) from the
   * words: a message mostly in capitals has no telling case, so none are found in it; an acronym
   * that is also an English word counts only after a word that names something ("diagnosed with
   * ALL") and not before one that makes it the word ("ALL the time"); a capital word beside
   * another capital word that is no acronym is emphasis ("NOT ALL").
   */
  private void findAcronyms(String text, boolean child, Map<String, Mention> found) {
    if (acronyms.isEmpty() || shouting(text)) {
      return;
    }
    java.util.regex.Matcher m = CAPITAL_WORD.matcher(text);
    while (m.find()) {
      AcronymOwner owner = acronyms.get(m.group(1));
      if (owner == null) {
        continue;
      }
      String lower = m.group(1).toLowerCase(java.util.Locale.ROOT);
      String before = neighbour(text, m.start(), -1);
      String after = neighbour(text, m.end(), 1);
      if (capitalNonAcronym(before) || capitalNonAcronym(after)) {
        continue;
      }
      boolean word = org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(lower)
          || SearchAnalyzers.FILLER.contains(lower) || COMMON_WORDS.contains(lower);
      if (word && (!NAMING_CUES.contains(before.toLowerCase(java.util.Locale.ROOT))
          || WORD_CUES.contains(after.toLowerCase(java.util.Locale.ROOT)))) {
        continue;
      }
      // "Acute lymphoblastic leukemia (ALL)": the name the acronym abbreviates, which may have a
      // topic for the patient's age group
      String focus = owner.focus();
      String suffix = " " + lower;
      if (focus.endsWith(suffix)) {
        String named = lookup(focus.substring(0, focus.length() - suffix.length()), child);
        focus = named != null ? named : focus;
      }
      found.putIfAbsent(focus, new Mention(focus, 1));
    }
  }

  /** Short English words that are also some topic's acronym, beyond stop words and filler. */
  private static final java.util.Set<String> COMMON_WORDS = java.util.Set.of(
      "all", "art", "bad", "cat", "dog", "fat", "hat", "hip", "mad", "man", "men", "pal", "pat",
      "pet", "sad", "ski", "top", "war", "web", "arm", "leg", "eye", "ear", "gap", "rim", "pot",
      "now", "new", "old", "one", "two", "ten", "cut", "hot", "ok", "us", "mr", "dr", "st");

  private boolean capitalNonAcronym(String word) {
    return word.length() >= 2 && word.equals(word.toUpperCase(java.util.Locale.ROOT))
        && word.chars().anyMatch(Character::isLetter) && !acronyms.containsKey(word);
  }

  /** The word next to a position (direction -1: the one before it, 1: the one after), or "". */
  private static String neighbour(String text, int at, int direction) {
    int i = at;
    if (direction < 0) {
      i--;
      while (i >= 0 && !Character.isLetterOrDigit(text.charAt(i))) {
        i--;
      }
      int end = i + 1;
      while (i >= 0 && Character.isLetterOrDigit(text.charAt(i))) {
        i--;
      }
      return text.substring(i + 1, end);
    }
    while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
      i++;
    }
    int start = i;
    while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
      i++;
    }
    return text.substring(start, i);
  }

  /** Whether most of the text's letters are capitals. */
  static boolean shouting(String text) {
    int letters = 0;
    int capitals = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        capitals += Character.isUpperCase(c) ? 1 : 0;
      }
    }
    return letters > 0 && capitals * 2 > letters;
  }
  /** Marks a name from {@link #aliases} among an entry's names: not looked for in messages. */
  static final String ALIAS_MARK = "=";

  private static final java.util.regex.Pattern CATEGORY = java.util.regex.Pattern.compile("^[\\p{L}]+ - (.+)$");
  private static final java.util.regex.Pattern ALSO_KNOWN =
      java.util.regex.Pattern.compile("(?i)^(.*?)\\s*\\((?:also known as|also called) ([^)]+)\\)\\s*$");

  /**
   * The names a topic's own label holds besides itself, which MedQuAD's sources write in their
   * own ways: "Parasites - Enterobiasis (also known as Pinworm Infection)" names enterobiasis and
   * pinworm infection, "Gum (Periodontal) Disease" gum disease. Another source's entries about
   * the same condition are then found by these names.
   */
  static List<String> aliases(String focus) {
    List<String> out = new ArrayList<>();
    if (focus == null || focus.isBlank()) {
      return out;
    }
    String s = focus.strip();
    java.util.regex.Matcher c;
    while ((c = CATEGORY.matcher(s)).matches()) {
      s = c.group(1).strip();
    }
    java.util.regex.Matcher aka = ALSO_KNOWN.matcher(s);
    if (aka.matches()) {
      out.add(aka.group(1));
      out.add(aka.group(2));
    } else {
      out.add(s.replaceAll("\\s*\\([^)]*\\)", " ").strip());
    }
    String own = key(focus);
    return out.stream().filter(FocusDictionary::findableName).map(FocusDictionary::key)
        .filter(k -> !k.isEmpty() && !k.equals(own)).distinct().toList();
  }

  private static String fold(String word) {
    return MatchText.withoutAccents(word);
  }

  /**
   * "peyronies" or "peyronie's" to the topic. Only the possessive or plural form counts: many
   * eponyms are also ordinary words ("Still's disease", "Down syndrome", "Pick's disease") that a
   * message uses in their plain form.
   */
  private final Map<String, String> eponyms = new HashMap<>();
  private static final java.util.regex.Pattern RAW_WORD = java.util.regex.Pattern.compile("[\\p{L}][\\p{L}'\u2019-]*");

  /** The normalized form of a topic name, as stored with each entry. */
  static String key(String name) {
    if (name == null) {
      return "";
    }
    // a search compares the topics of its hits with each other, each an analysis of its own:
    // the same few thousand topic names, analysed once each
    String k = KEYS.get(name);
    if (k == null) {
      k = String.join(" ", words(name));
      if (KEYS.size() >= KEYS_KEPT) {
        KEYS.clear();
      }
      KEYS.put(name, k);
    }
    return k;
  }

  /** Whether two topic names are the same topic by their keys; a blank name is no topic. */
  static boolean sameTopic(String a, String b) {
    String k = key(a);
    return !k.isEmpty() && k.equals(key(b));
  }

  private static final int KEYS_KEPT = 20_000;
  private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Topics mentioned in the text, longest names first where names overlap ("type 2 diabetes"
   * rather than "diabetes"), each once, in order of first mention.
   */
  List<Mention> find(String text) {
    List<String> w = words(text);
    Map<String, Mention> found = new java.util.LinkedHashMap<>();
    boolean child = aboutAChild(text);
    List<String> hints = routeless.isEmpty() ? List.of() : routeHints(w);
    int i = 0;
    while (i < w.size()) {
      int matched = 0;
      String addedHere = null;
      int longest = longestFrom.getOrDefault(w.get(i), 0);
      for (int n = Math.min(longest, w.size() - i); n >= 1; n--) {
        String focus = lookup(String.join(" ", w.subList(i, i + n)), child, hints);
        if (focus != null) {
          addedHere = found.putIfAbsent(focus, new Mention(focus, n)) == null ? focus : null;
          matched = n;
          break;
        }
      }
      // a longer span naming a topic in another word order wins over a shorter name in order
      if (!functionWord(w.get(i))) {
        for (int n = Math.min(BAG_WORDS + 1, w.size() - i); n > Math.max(1, matched); n--) {
          List<String> span = w.subList(i, i + n);
          String bag = functionWord(span.get(n - 1)) ? null : bag(span);
          String focus = bag == null ? null : bags.get(bag);
          if (focus != null) {
            if (addedHere != null) {
              found.remove(addedHere);
            }
            found.putIfAbsent(focus, new Mention(focus, n));
            matched = n;
            break;
          }
        }
      }
      i += Math.max(1, matched);
    }
    findAcronyms(text, child, found);
    if (!eponyms.isEmpty()) {
      java.util.regex.Matcher m = RAW_WORD.matcher(text);
      while (m.find()) {
        String focus = eponyms.get(fold(m.group()).replace('\u2019', '\''));
        if (focus != null) {
          found.putIfAbsent(focus, new Mention(focus, 1));
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    try (TokenStream ts = NAMES.tokenStream("name", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysis of an in-memory string failed", e);
    }
    return out;
  }
}
