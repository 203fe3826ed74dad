package faqbot.core;

import faqbot.knowledge.Entry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entry titles as a patient reads them. MedQuAD's questions are generated from templates with
 * the topic pasted in as the source site wrote it: "What is (are) Chest Pain ?". The stored
 * question stays as it is (search and the LiveQA judgments key on it); only what is shown changes.
 *
 * <p>Every title: runs of spaces collapse, no space before punctuation, "? ?" becomes "?", and
 * the first letter is a capital. MedQuAD titles also lose the template's seams ("is (are)" takes
 * the verb the topic needs; "What I need to know about" and "Parasites - " inside a question and
 * the doubled "What causes Causes of" go) and end with a question mark.
 *
 * <p>Capitals in MedQuAD titles: most collections title-case their topics, so a capital there
 * says nothing about whether the word is a name. The rule, applied to every capitalised word
 * after the first word of the title ("Leukemia", not "HIV", "DiGeorge" or "A"):
 *
 * <ol>
 *   <li>the entry's own answer decides where it uses the word mid-sentence: lower case when it
 *       writes the word in lower case more often than capitalised ("chest pain"), a capital
 *       otherwise ("Down syndrome", "Klippel-Trenaunay");
 *   <li>with no such use, a possessive keeps its capital ("Parkinson's", "Graves'"), and so does
 *       a word alone in parentheses (mostly brand names: "(Cervarix)"); other words are lower case.
 * </ol>
 *
 * That is for topics written in title case (every longer word of the entry's focus
 * capitalised). In a topic the site wrote in sentence case ("Barrett esophagus", "Allergic
 * rhinitis") the capitals are the site's: only the topic's first word, capitalised as the start
 * of the topic, is decided by the answer, and keeps its capital when the answer is silent.
 *
 * A name that the answer never uses mid-sentence in a title-cased topic is lower-cased ("down
 * syndrome" for a question without an answer): the answer is the only dictionary at hand.
 */
final class Titles {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+(?=[?!.,;:])");
  private static final Pattern REPEATED_QUESTION_MARK = Pattern.compile("\\?(\\s*\\?)+");
  private static final Pattern IS_ARE = Pattern.compile("(?i)\\b(is|are) \\((is|are)\\)\\s*(.*)$");
  // an NIDDK booklet title or a CDC section name pasted in front of the topic
  private static final Pattern SEAMS = Pattern.compile(
      "(?i)(?<=\\S )(what i need to know about|parasites -) (?=\\S)");
  private static final Pattern FOCUS_SEAM =
      Pattern.compile("(?i)^(what i need to know about|parasites -) ");
  private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
  private static final Pattern QUESTION_TOPIC = Pattern.compile(
      "(?i)(how|what|when|why|who|where|which|do|does|can|should) ");
  private static final Pattern CAUSES_CAUSES = Pattern.compile("(?i)^what causes causes of ");
  private static final Pattern DANGLING = Pattern.compile("(?i)\\b(for|of|about|by|with)\\?$");
  private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}\\p{Ll}+");
  private static final Pattern HEAD_END = Pattern.compile(
      "(?i) (for|in|of|and|with|during|after|among|related to) |\\s*[(,/;]| - ");
  private static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "as", "at", "by",
      "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "without", "after");
  // an -s word that is one thing: "What is diabetes?"
  private static final Set<String> SINGULAR_S = Set.of("diabetes", "herpes", "measles", "mumps",
      "rabies", "rickets", "scabies", "shingles", "gas", "series", "news", "mellitus", "lupus",
      "tetanus", "sepsis", "aids", "genetics", "diabetes insipidus", "hives", "lens");
  // possessives that are not names: "my child's urinary tract infection"
  private static final Set<String> COMMON_POSSESSIVES = Set.of("child", "children", "women",
      "men", "woman", "man", "baby", "person", "people", "body", "kid", "kids", "parent",
      "parents", "caregiver");

  private Titles() {}

  /** The title of {@code e} as shown to a patient. */
  static String of(Entry e, String raw) {
    String collection = e.source().collection();
    if (collection == null || !collection.startsWith("MedQuAD/")) {
      return tidy(raw);
    }
    return medquad(raw, e.focus(), e.answerText());
  }

  /**
   * A title made of a patient's question, for a moderator to accept or replace: one line, tidy,
   * ending as a question ("my grandmother has glaucoma , is it hereditary" becomes "My grandmother
   * has glaucoma, is it hereditary?").
   */
  static String question(String raw) {
    String s = tidy(Texts.oneLine(raw, 120));
    s = s.replaceAll("[\\s,;:\\-]+$", "");
    if (!s.isEmpty() && ".?!".indexOf(s.charAt(s.length() - 1)) < 0) {
      s = s + "?";
    }
    return s;
  }

  /** Spacing and punctuation only: the author's words and capitals stay. */
  static String tidy(String raw) {
    String s = SPACES.matcher(raw).replaceAll(" ").strip();
    s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("");
    s = REPEATED_QUESTION_MARK.matcher(s).replaceAll("?");
    return capitaliseFirst(s);
  }

  /**
   * A MedQuAD question as a patient would write it. {@code focus} (the document's topic) and
   * {@code answer} (the evidence for capitals) may be null.
   */
  static String medquad(String raw, String focus, String answer) {
    String s = tidy(raw);
    s = CAUSES_CAUSES.matcher(s).replaceFirst("What causes ");
    s = SEAMS.matcher(s).replaceAll("");
    if (!s.endsWith("?") && !s.endsWith(".")) {
      s = s + "?";
    }
    if (focus != null && !focus.isBlank() && DANGLING.matcher(s).find()) {
      s = s.substring(0, s.length() - 1) + " " + focus.strip() + "?";
    }
    Matcher isAre = IS_ARE.matcher(s);
    if (isAre.find() && QUESTION_TOPIC.matcher(isAre.group(3)).lookingAt()) {
      // "What is (are) How to avoid exercise injuries ?": the topic is the question
      s = capitaliseFirst(isAre.group(3));
    } else if (isAre.find(0)) {
      String topic = isAre.group(3);
      if (topic.equals("?") && focus != null && !focus.isBlank()) {
        topic = focus.strip() + "?";
      }
      String verb = plural(topic) ? "are" : "is";
      if (Character.isUpperCase(isAre.group(1).charAt(0))) {
        verb = capitaliseFirst(verb);
      }
      s = s.substring(0, isAre.start()) + verb + (topic.startsWith("?") ? "" : " ") + topic;
    }
    return capitaliseFirst(recase(s, focus, answer));
  }

  /** Whether a topic's head noun is plural: "Kidney Stones in Adults", not "Diabetes". */
  static boolean plural(String topic) {
    String t = topic.replaceAll("[?.!]+$", "").strip();
    Matcher end = HEAD_END.matcher(t);
    String head = end.find() && end.start() > 0 ? t.substring(0, end.start()) : t;
    String[] words = head.strip().split(" ");
    String last = words[words.length - 1];
    String lower = last.toLowerCase(Locale.ROOT);
    if (last.length() < 3 || last.equals(last.toUpperCase(Locale.ROOT))
        || SINGULAR_S.contains(lower)) {
      return false;
    }
    return lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us")
        && !lower.endsWith("is") && !lower.endsWith("ics") && !lower.endsWith("'s");
  }

  private static String recase(String s, String focus, String answer) {
    Matcher m = LETTERS.matcher(s);
    if (!m.find()) {
      return s;
    }
    if (focus != null) {
      focus = FOCUS_SEAM.matcher(focus.strip()).replaceFirst("");
    }
    boolean titleCased = focus != null && titleCased(focus);
    int topicStart = focus == null ? -1
        : s.toLowerCase(Locale.ROOT).indexOf(focus.strip().toLowerCase(Locale.ROOT));
    // the answer is read for the few words to decide only: a title is made for every hit shown
    // or offered, and an answer runs to thousands of words
    Set<String> undecided = new java.util.HashSet<>();
    while (m.find()) {
      if ((titleCased || m.start() == topicStart) && CAPITALISED.matcher(m.group()).matches()) {
        undecided.add(m.group().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, int[]> evidence = undecided.isEmpty() ? Map.of() : evidence(answer, undecided);
    m.reset();
    m.find();
    StringBuilder out = new StringBuilder(s.substring(0, m.end()));
    int at = m.end();
    while (m.find()) {
      out.append(s, at, m.start());
      String w = m.group();
      at = m.end();
      // a topic in sentence case: its capitals are the site's, but for its first word
      boolean decide = titleCased || m.start() == topicStart;
      if (!decide || !CAPITALISED.matcher(w).matches()) {
        out.append(w);
        continue;
      }
      String lower = w.toLowerCase(Locale.ROOT);
      int[] seen = evidence.get(lower);
      boolean keep;
      if (seen != null) {
        keep = seen[1] >= seen[0];
      } else if (possessive(s, at)) {
        keep = !COMMON_POSSESSIVES.contains(lower);
      } else {
        // brand names and abbreviations are what parentheses mostly hold: "(Cervarix)"
        keep = !titleCased || inParentheses(s, m.start());
      }
      out.append(keep ? w : lower);
    }
    out.append(s.substring(at));
    return out.toString();
  }

  /** A word that is all a parenthesis holds: "(Cervarix)", not "(also known as ...)". */
  private static boolean inParentheses(String s, int start) {
    int open = start - 1;
    int close = s.indexOf(')', start);
    return open >= 0 && s.charAt(open) == '(' && close >= 0
        && LETTERS.matcher(s.substring(start, close)).matches();
  }

  private static boolean possessive(String s, int end) {
    return end < s.length() && (s.charAt(end) == '\'' || s.charAt(end) == '\u2019');
  }

  /** Every word of four or more letters that is not a small word starts with a capital. */
  static boolean titleCased(String topic) {
    // "(also known as Whipworm Infection)": a parenthesis is written as running text
    Matcher m = LETTERS.matcher(PARENTHESES.matcher(topic).replaceAll(" "));
    while (m.find()) {
      String w = m.group();
      if (w.length() >= 4 && !SMALL_WORDS.contains(w) && Character.isLowerCase(w.charAt(0))) {
        return false;
      }
    }
    return true;
  }

  /**
   * How often the answer writes each word in lower case and capitalised ({lower, capitalised})
   * where case carries meaning: not at the start of a sentence, a line or a list item, and not
   * in a heading (a line without closing punctuation, often title-cased itself).
   */
  private static Map<String, int[]> evidence(String answer, Set<String> words) {
    Map<String, int[]> out = new HashMap<>();
    if (answer == null) {
      return out;
    }
    // the lengths of the words asked about: most words of the answer are skipped by length alone
    java.util.BitSet lengths = new java.util.BitSet();
    for (String w : words) {
      lengths.set(w.length());
    }
    // line by line (as split at "\R"), stripped, read in place: no copy of the answer per title
    int n = answer.length();
    for (int next = 0; next <= n; ) {
      int from = next;
      int to = from;
      while (to < n && !lineBreak(answer.charAt(to))) {
        to++;
      }
      next = to + (to + 1 < n && answer.charAt(to) == '\r' && answer.charAt(to + 1) == '\n' ? 2 : 1);
      while (from < to && Character.isWhitespace(answer.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(answer.charAt(to - 1))) {
        to--;
      }
      char first = from < to ? answer.charAt(from) : ' ';
      boolean item = first == '-' || first == '\u2022' || first == '*';
      if (from == to || (!item && ".!?:;)".indexOf(answer.charAt(to - 1)) < 0)) {
        continue;
      }
      boolean start = true;
      for (int i = from; i < to; ) {
        char c = answer.charAt(i);
        if (Character.isLetter(c)) {
          int j = i;
          boolean ascii = true;
          while (j < to && Character.isLetter(answer.charAt(j))) {
            ascii &= answer.charAt(j) < 0x80;
            j++;
          }
          // lower case can lengthen a word outside ASCII ("\u0130"): those are always looked at
          if (!start && (lengths.get(j - i) || !ascii)) {
            String w = answer.substring(i, j);
            String lower = w.toLowerCase(Locale.ROOT);
            if (!words.contains(lower)) {
              // not asked about
            } else if (CAPITALISED.matcher(w).matches()) {
              out.computeIfAbsent(lower, k -> new int[2])[1]++;
            } else if (w.equals(lower)) {
              out.computeIfAbsent(w, k -> new int[2])[0]++;
            }
          }
          start = false;
          i = j;
          continue;
        }
        if (".!?:".indexOf(c) >= 0) {
          start = true;
        } else if (Character.isDigit(c)) {
          start = false;
        }
        i++;
      }
    }
    return out;
  }

  /** The characters {@code \R} breaks a line at ("\r\n" is one break). */
  private static boolean lineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u000B' || c == '\u000C' || c == '\u0085'
        || c == '\u2028' || c == '\u2029';
  }

  private static String capitaliseFirst(String s) {
    if (s.isEmpty() || !Character.isLowerCase(s.charAt(0))) {
      return s;
    }
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
