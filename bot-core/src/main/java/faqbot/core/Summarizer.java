package faqbot.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extractive summaries of a doctor's reply: a run of whole consecutive sentences copied verbatim,
 * never cut mid-sentence and never rephrased, so the medical content stays the doctor's own.
 * Consecutive sentences keep each other's context ("If the pain persists, ..."), which picking
 * scattered sentences would lose.
 */
final class Summarizer {
  static final int DEFAULT_MAX_CHARS = 600;

  private static final Set<String> ABBREVIATIONS = Set.of("dr", "mr", "mrs", "ms", "prof", "st",
      "e.g", "i.e", "vs", "etc", "approx", "no", "fig", "jr", "sr", "mg", "ml", "cf", "al", "inc",
      "dept", "u.s", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
      "oct", "nov", "dec");
  private static final Pattern GREETING = Pattern.compile(
      "(?i)^(hello|hi|hey|dear\\b.*|greetings|good (morning|afternoon|evening))[\\s,.!:;-]*$");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "to", "in",
      "is", "are", "it", "my", "i", "me", "you", "your", "for", "on", "with", "what", "how", "can",
      "do", "does", "be", "this", "that", "was", "will", "should", "at", "as", "by", "from",
      "have", "has", "if", "about", "there", "which", "why", "when", "who", "am", "so", "but");

  private Summarizer() {}

  /** A sentence, and whether it began a line (kept so list items stay on their own lines). */
  private record Sentence(String text, boolean lineStart) {}

  /** Splits text into sentences; line breaks always end a sentence (lists, headings). */
  static List<String> sentences(String text) {
    return split(text).stream().map(Sentence::text).toList();
  }

  private static List<Sentence> split(String text) {
    List<Sentence> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
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
            out.add(new Sentence(s, lineStart));
            lineStart = false;
          }
          start = end;
          i = end - 1;
        }
      }
      String rest = l.substring(start).strip();
      if (!rest.isEmpty()) {
        out.add(new Sentence(rest, lineStart));
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
   * The summary of {@code text} for {@code question}: the whole text when it fits; otherwise the
   * run of consecutive whole sentences of at most {@code maxChars} characters that shares most
   * words with the question, preferring the beginning. Empty when not even one sentence fits.
   */
  static String summarize(String text, String question, int maxChars) {
    if (text == null || text.isBlank()) {
      return "";
    }
    List<Sentence> all = split(text);
    List<String> sentences = all.stream().map(Sentence::text).toList();
    String joinedAll = join(all);
    if (joinedAll.length() <= maxChars) {
      return joinedAll;
    }
    Set<String> queryWords = words(question);
    int n = sentences.size();
    double[] relevance = new double[n];
    for (int i = 0; i < n; i++) {
      Set<String> w = words(sentences.get(i));
      int hits = 0;
      for (String q : queryWords) {
        if (w.contains(q)) {
          hits++;
        }
      }
      relevance[i] = GREETING.matcher(sentences.get(i)).matches() ? -0.5 : hits;
    }
    int bestStart = -1;
    int bestEnd = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int start = 0; start < n; start++) {
      int len = -1;
      double score = 0;
      int end = start;
      while (end < n && len + 1 + sentences.get(end).length() <= maxChars) {
        len += 1 + sentences.get(end).length();
        score += relevance[end];
        end++;
      }
      if (end == start) {
        continue;
      }
      // the opening of a reply usually carries its point: favour it, and favour fuller windows
      double total = score + (start == 0 ? 1.5 : 0) - start * 0.05 + len / (double) maxChars;
      if (total > bestScore) {
        bestScore = total;
        bestStart = start;
        bestEnd = end;
      }
    }
    if (bestStart < 0) {
      return "";
    }
    // a window made only of a greeting is no summary
    List<Sentence> chosen = new ArrayList<>(all.subList(bestStart, bestEnd));
    while (chosen.size() > 1 && GREETING.matcher(chosen.get(0).text()).matches()) {
      chosen.remove(0);
    }
    if (chosen.size() == 1 && GREETING.matcher(chosen.get(0).text()).matches()) {
      return "";
    }
    return join(chosen);
  }

  /** Sentences of one line joined by a space, lines by a line break (same length either way). */
  private static String join(List<Sentence> sentences) {
    StringBuilder sb = new StringBuilder();
    for (Sentence s : sentences) {
      if (sb.length() > 0) {
        sb.append(s.lineStart() ? '\n' : ' ');
      }
      sb.append(s.text());
    }
    return sb.toString();
  }

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    if (text == null) {
      return out;
    }
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() > 2 && !STOP.contains(w)) {
        out.add(w.length() > 4 ? w.substring(0, 4) : w); // crude stemming: leak/leaks/leakage
      }
    }
    return out;
  }
}
