package faqbot.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extractive summaries of a doctor's reply: whole sentences copied verbatim, never cut
 * mid-sentence and never rephrased, so the medical content stays the doctor's own.
 *
 * <p>A summary leads: it starts where the reply starts (after a greeting or thanks), because a
 * doctor opens with the point and a patient reads a summary as "the first part of the answer".
 * It is cut only between units a reader can follow on their own: a heading stays with its text,
 * a list's lead-in sentence with its items (a list may lose items at its end, never its
 * lead-in), and a sentence telling the patient when to get care that follows shortly after the
 * part shown is kept, other sentences giving way to it.
 */
final class Summarizer {
  static final int DEFAULT_MAX_CHARS = 600;

  private static final Set<String> ABBREVIATIONS = Set.of("dr", "mr", "mrs", "ms", "prof", "st",
      "e.g", "i.e", "vs", "etc", "approx", "no", "fig", "jr", "sr", "mg", "ml", "cf", "al", "inc",
      "dept", "u.s", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
      "oct", "nov", "dec");
  private static final Pattern GREETING = Pattern.compile(
      "(?i)^(hello|hi|hey|dear\\b.*|greetings|good (morning|afternoon|evening))[\\s,.!:;-]*$");
  // an opening that only thanks or sympathises: the reply's point comes after it
  private static final Pattern PLEASANTRY = Pattern.compile("(?i)^(thanks?( you)? for\\b.*"
      + "|thank you[\\s.!]*|(we|i) understand (your|that|how)\\b.*"
      + "|(i am|i'm|we are) sorry to hear\\b.*)");
  /**
   * Words that tell a patient when to get care. A summary that leaves out "go to an emergency
   * department if ..." reads as a reassurance the doctor did not give.
   */
  private static final Pattern SEEK_CARE = Pattern.compile("(?i)\\b("
      + "seek (prompt |immediate |urgent |emergency )?(medical )?(care|help|attention|treatment"
      + "|advice|evaluation)"
      + "|(call|see|consult|contact|visit|tell|talk to|talk with|check with|follow up with"
      + "|return to|go back to) (your|a|the|an) (own )?(outpatient )?(doctor|physician"
      + "|health ?care (provider|professional|team)|provider|gp|nurse|surgeon|specialist"
      + "|pediatrician|dentist|pharmacist|clinic|emergency|hospital|er)\\b"
      + "|call (911|999|112|an ambulance)"
      + "|(go|get|come) (straight |right away )?to (the |an |a )?(nearest )?(emergency|er\\b"
      + "|hospital)"
      + "|emergency (room|department|care|services)"
      + "|(get|needs?|requires?|need to get) (immediate |urgent |prompt )?medical (attention|help"
      + "|care)"
      + "|medical (attention|help|care) (right away|immediately|at once|promptly|urgently))");
  private static final Pattern ITEM = Pattern.compile(
      "^([-\u2022*\u25aa\u2013\u00b7]\\s*|\\d{1,2}[.)]\\s+|\\(\\d{1,2}\\)\\s+)\\S.*");
  private static final int HEADING_MAX_CHARS = 80;
  private static final int REPEAT_MIN_WORDS = 4;
  private static final Pattern REPEAT_KEY = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final int HEADING_MAX_WORDS = 10;

  /** A collection's label before the text ("Summary : Human papillomaviruses ..."). */
  private static final Pattern LABEL = Pattern.compile("^\\s*Summary\\s*:\\s*");

  private Summarizer() {}

  /** The text without a leading "Summary :" label, which reads as template to a patient. */
  static String withoutLabel(String text) {
    return text == null ? null : LABEL.matcher(text).replaceFirst("");
  }

  /** A sentence; its line (list items and headings are lines) and whether it began that line. */
  private record Sentence(String text, boolean lineStart, int line) {}


  /** Splits text into sentences; line breaks always end a sentence (lists, headings). */
  static List<String> sentences(String text) {
    return split(text).stream().map(Sentence::text).toList();
  }

  private static List<Sentence> split(String text) {
    List<Sentence> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int lineNo = -1;
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      lineNo++;
      boolean lineStart = true;
      int start = 0;
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        if ((c == '.' || c == '!' || c == '?') && endsSentence(l, i)) {
          int end = i + 1;
          // closing quotes and brackets belong to the sentence they end
          while (end < l.length() && "\"')]\u201d\u2019".indexOf(l.charAt(end)) >= 0) {
            end++;
          }
          String s = l.substring(start, end).strip();
          if (!s.isEmpty()) {
            out.add(new Sentence(s, lineStart, lineNo));
            lineStart = false;
          }
          start = end;
          i = end - 1;
        }
      }
      String rest = l.substring(start).strip();
      if (!rest.isEmpty()) {
        out.add(new Sentence(rest, lineStart, lineNo));
      }
    }
    return out;
  }

  private static boolean endsSentence(String l, int i) {
    int next = i + 1;
    while (next < l.length() && "\"')]\u201d\u2019".indexOf(l.charAt(next)) >= 0) {
      next++;
    }
    if (next < l.length() && !Character.isWhitespace(l.charAt(next))) {
      return false; // 2.5 mg, e.g.x, example.com
    }
    if (l.charAt(i) != '.') {
      return true;
    }
    // the word before the period: an abbreviation or a single letter (initials) does not end it
    int w = i;
    while (w > 0 && (Character.isLetter(l.charAt(w - 1)) || l.charAt(w - 1) == '.')) {
      w--;
    }
    String word = l.substring(w, i).toLowerCase(Locale.ROOT);
    if (ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0))
        && Character.isUpperCase(l.charAt(w)))) {
      return false;
    }
    // "1." at the start of a line is a list number, not a sentence
    if (word.isEmpty() && i > 0 && Character.isDigit(l.charAt(i - 1))) {
      int d = i;
      while (d > 0 && Character.isDigit(l.charAt(d - 1))) {
        d--;
      }
      if (d == 0) {
        return false;
      }
    }
    int after = next;
    while (after < l.length() && Character.isWhitespace(l.charAt(after))) {
      after++;
    }
    // a lower-case continuation after a period is rarely a new sentence ("approx. ten")
    return after >= l.length() || !Character.isLowerCase(l.charAt(after));
  }


  /**
   * The summary of {@code text}: the whole text when it fits in {@code maxChars}; otherwise its
   * opening, cut between units (see the class comment), plus any sentence telling the patient
   * when to seek care that starts within {@code maxChars} characters after the part shown. Empty
   * when not even the first unit fits.
   */
  static String summarize(String text, int maxChars) {
    if (text == null || text.isBlank()) {
      return "";
    }
    return summarize(text, maxChars, false);
  }

  /**
   * {@link #summarize(String, int)}; with {@code skipOpeningQuestion}, an opening question is left
   * out: in a collection's answer it restates the heading above it ("What are the signs and
   * symptoms of Aniridia?" under "What are the symptoms of Aniridia?"). A doctor's opening question
   * stays: it may be what the rest answers to.
   */
  static String summarize(String text, int maxChars, boolean skipOpeningQuestion) {
    if (text == null || text.isBlank()) {
      return "";
    }
    List<Sentence> all = split(withoutLabel(text));
    int first = 0;
    if (skipOpeningQuestion && all.size() > 1 && all.get(0).text().endsWith("?")) {
      first++;
    }
    while (first < all.size() - 1 && isPleasantry(all.get(first).text())) {
      first++;
    }
    if (isPleasantry(all.get(first).text())) {
      return "";
    }
    List<Sentence> reply = withoutRepeats(all.subList(first, all.size()));
    String whole = join(reply, range(0, reply.size()));
    if (whole.length() <= maxChars) {
      return whole;
    }
    List<Group> groups = groups(reply);
    // the opening: whole groups while they fit, then as much of a list as fits with its lead-in
    List<Integer> chosen = new ArrayList<>();
    List<Group> taken = new ArrayList<>();
    int next = 0;
    for (; next < groups.size(); next++) {
      Group g = groups.get(next);
      List<Integer> attempt = new ArrayList<>(chosen);
      attempt.addAll(g.units());
      if (join(reply, attempt).length() <= maxChars) {
        chosen = attempt;
        taken.add(g);
        continue;
      }
      Group part = g.cut(reply, chosen, maxChars);
      if (part != null) {
        chosen.addAll(part.units());
        taken.add(part);
      }
      break;
    }
    if (taken.isEmpty()) {
      return "";
    }
    int shownEnd = end(reply, taken.get(taken.size() - 1));
    for (Group care : seekCare(reply, groups, taken, shownEnd + maxChars)) {
      taken = withRoomFor(reply, taken, care, maxChars);
    }
    List<Integer> units = new ArrayList<>();
    taken.forEach(g -> units.addAll(g.units()));
    return join(reply, units);
  }

  /**
   * The sentences less those of {@value #REPEAT_MIN_WORDS} words or more said earlier in the text
   * (compared without a list mark, case, punctuation or spacing): some sources repeat a list under
   * its own heading, and a summary must not show a patient the same questions twice. Shorter
   * ones ("- Fever") may rightly stand in two lists. Lines are renumbered without gaps.
   */
  private static List<Sentence> withoutRepeats(List<Sentence> sentences) {
    Set<String> seen = new HashSet<>();
    List<Sentence> out = new ArrayList<>(sentences.size());
    int oldLine = -1;
    int newLine = -1;
    for (Sentence s : sentences) {
      String key = REPEAT_KEY.matcher(s.text().toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
      if (key.split(" ").length >= REPEAT_MIN_WORDS && !seen.add(key)) {
        continue;
      }
      boolean firstOfLine = s.line() != oldLine;
      if (firstOfLine) {
        oldLine = s.line();
        newLine++;
      }
      out.add(new Sentence(s.text(), firstOfLine, newLine));
    }
    return out;
  }

  static boolean isSeekCare(String sentence) {
    return SEEK_CARE.matcher(sentence).find();
  }

  private static boolean isPleasantry(String sentence) {
    return GREETING.matcher(sentence).matches() || PLEASANTRY.matcher(sentence).matches();
  }

  /**
   * Units a summary keeps or drops whole: a sentence; a list (its lead-in sentence and items);
   * a heading with the unit after it. {@code items} are the ends (positions in {@code units},
   * exclusive) of a list's item lines, where a list that does not fit whole may be cut, and
   * {@code itemsFrom} the position of its first item (-1 when the group is no list).
   */
  private record Group(List<Integer> units, List<Integer> items, int itemsFrom, boolean seekCare) {
    /** The longest start of this list that fits after {@code before}: lead-in and 1+ items. */
    Group cut(List<Sentence> s, List<Integer> before, int maxChars) {
      Group best = null;
      for (int end : items) {
        List<Integer> part = units.subList(0, end);
        List<Integer> attempt = new ArrayList<>(before);
        attempt.addAll(part);
        if (join(s, attempt).length() > maxChars) {
          break;
        }
        best = new Group(List.copyOf(part), List.of(), -1,
            part.stream().anyMatch(u -> isSeekCare(s.get(u).text())));
      }
      return best;
    }
  }

  private static List<Group> groups(List<Sentence> s) {
    int n = s.size();
    int lines = n == 0 ? 0 : s.get(n - 1).line() + 1;
    // the first sentence of each line, and which lines are list items and headings
    int[] lineFirst = new int[lines + 1];
    Arrays.fill(lineFirst, -1);
    for (int i = n - 1; i >= 0; i--) {
      lineFirst[s.get(i).line()] = i;
    }
    lineFirst[lines] = n;
    boolean[] item = new boolean[lines];
    for (int l = 0; l < lines; l++) {
      item[l] = lineFirst[l] >= 0 && ITEM.matcher(s.get(lineFirst[l]).text()).matches();
    }
    List<Group> out = new ArrayList<>();
    List<Integer> heading = new ArrayList<>();
    int i = 0;
    while (i < n) {
      int line = s.get(i).line();
      boolean lastOfLine = i + 1 == n || s.get(i + 1).line() != line;
      boolean leadIn = lastOfLine && !item[line] && line + 1 < lines && item[line + 1];
      List<Integer> units = new ArrayList<>(heading);
      List<Integer> items = new ArrayList<>();
      int itemsFrom = -1;
      int end;
      if (leadIn || item[line]) {
        if (leadIn) {
          units.add(i);
          line++;
        }
        itemsFrom = units.size();
        while (line < lines && item[line]) {
          for (int u = lineFirst[line]; u < lineFirst[line + 1]; u++) {
            units.add(u);
          }
          items.add(units.size());
          line++;
        }
        end = lineFirst[line];
      } else if (isHeading(s, i, lines)) {
        heading.add(i);
        i++;
        continue;
      } else {
        units.add(i);
        end = i + 1;
      }
      heading.clear();
      out.add(new Group(units, items, itemsFrom,
          units.stream().anyMatch(u -> isSeekCare(s.get(u).text()))));
      i = end;
    }
    if (!heading.isEmpty()) {
      out.add(new Group(List.copyOf(heading), List.of(), -1, false));
    }
    return out;
  }

  /** A short line of its own with no closing punctuation, followed by more text. */
  private static boolean isHeading(List<Sentence> s, int i, int lines) {
    Sentence h = s.get(i);
    boolean wholeLine = h.lineStart() && (i + 1 == s.size() || s.get(i + 1).lineStart());
    if (!wholeLine || h.line() + 1 >= lines) {
      return false;
    }
    String t = h.text();
    char last = t.charAt(t.length() - 1);
    return t.length() <= HEADING_MAX_CHARS && t.split("\\s+").length <= HEADING_MAX_WORDS
        && ".!?,;:".indexOf(last) < 0;
  }

  /** Where a group ends in the text, in characters of the joined reply (for "how near"). */
  private static int end(List<Sentence> s, Group g) {
    int last = g.units().get(g.units().size() - 1);
    return join(s, range(0, last + 1)).length();
  }

  /**
   * Seek-care sentences not shown that start within {@code reach} characters of the reply. A
   * list item comes with its lead-in, so that "- fever above 38.5 C" keeps its "Call your doctor
   * if you have".
   */
  private static List<Group> seekCare(List<Sentence> s, List<Group> groups, List<Group> taken,
      int reach) {
    Set<Integer> shown = new HashSet<>();
    taken.forEach(g -> shown.addAll(g.units()));
    List<Group> out = new ArrayList<>();
    for (Group g : groups) {
      if (!g.seekCare()) {
        continue;
      }
      for (int k = 0; k < g.units().size(); k++) {
        int u = g.units().get(k);
        if (shown.contains(u) || !isSeekCare(s.get(u).text())
            || join(s, range(0, u)).length() > reach) {
          continue;
        }
        List<Integer> units = new ArrayList<>();
        if (g.itemsFrom() >= 0 && k >= g.itemsFrom()) {
          // an item: with its lead-in when the list has one, and its whole line
          if (g.itemsFrom() > 0) {
            int lead = g.units().get(g.itemsFrom() - 1);
            if (!shown.contains(lead)) {
              units.add(lead);
            }
          }
          int line = s.get(u).line();
          for (int v : g.units()) {
            if (s.get(v).line() == line && !shown.contains(v)) {
              units.add(v);
            }
          }
        } else if (k == g.itemsFrom() - 1) {
          // a lead-in ("Call your doctor if you have") means nothing without an item
          units.add(u);
          int line = s.get(g.units().get(k + 1)).line();
          g.units().stream().filter(v -> s.get(v).line() == line).forEach(units::add);
        } else {
          units.add(u);
        }
        units.forEach(shown::add);
        out.add(new Group(units, List.of(), -1, true));
      }
    }
    return out;
  }

  /**
   * {@code taken} plus {@code care}, in text order, dropping groups from the end of the opening
   * (never its first group, never one that itself tells when to seek care) until it fits; as it
   * was when no such room can be made.
   */
  private static List<Group> withRoomFor(List<Sentence> s, List<Group> taken, Group care,
      int maxChars) {
    List<Group> attempt = new ArrayList<>(taken);
    attempt.add(care);
    while (length(s, attempt) > maxChars) {
      int drop = -1;
      for (int k = attempt.size() - 2; k >= 1; k--) {
        if (!attempt.get(k).seekCare()) {
          drop = k;
          break;
        }
      }
      if (drop < 0) {
        return taken;
      }
      attempt.remove(drop);
    }
    return attempt;
  }

  private static int length(List<Sentence> s, List<Group> groups) {
    List<Integer> units = new ArrayList<>();
    groups.forEach(g -> units.addAll(g.units()));
    return join(s, units).length();
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(i);
    }
    return out;
  }

  /**
   * The sentences at {@code units} (ascending): a space between sentences of one line, a line
   * break before a new line and wherever sentences were left out, so a gap never reads as one
   * sentence running on.
   */
  private static String join(List<Sentence> s, List<Integer> units) {
    StringBuilder sb = new StringBuilder();
    int prev = -2;
    for (int u : units) {
      Sentence x = s.get(u);
      if (sb.length() > 0) {
        sb.append(x.lineStart() || u != prev + 1 ? '\n' : ' ');
      }
      sb.append(x.text());
      prev = u;
    }
    return sb.toString();
  }
}
