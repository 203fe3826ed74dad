package faqbot.knowledge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Consumer-health vocabulary: the words patients use for a condition or a body part
 * ("thinning bones", "piles", "womb", "water tablet") mapped to the medical names the knowledge
 * base uses ("osteoporosis", "hemorrhoids", "uterus", "diuretic"). A message that uses a lay phrase
 * is searched as if it also named the medical term: the term joins the lexical query, the topic
 * mentions and the sentence embedding. The original message is still what question types,
 * safety rules and everything else read.
 *
 * <p>The table is {@code consumer-vocabulary.txt} beside this class; its header says how each line
 * is chosen. Each line is {@code medical term = pattern ; pattern ...}, perhaps followed by a
 * {@code # comment}: a pattern is a regular expression over the lower-cased message (straight
 * apostrophes), matched between word boundaries. A line {@code @name = expression} defines a part
 * that later patterns write as {@code @name}, so an expression many lines share is written once.
 *
 * <p>Thread-safe and immutable.
 */
final class ConsumerVocabulary {
  record Rule(String medical, Pattern pattern) {}

  private static final String WORD_START = "\\b";
  /** A defined part's name; before {@link #DEFAULT}, which is parsed as the class initialises. */
  private static final Pattern NAME = Pattern.compile("@[a-z][a-z-]*");

  private static final ConsumerVocabulary DEFAULT = load("consumer-vocabulary.txt");

  private final List<Rule> rules;
  /** One pattern of all rules: most messages match none, and one scan rules them all out. */
  private final Pattern any;

  ConsumerVocabulary(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    // one leading boundary outside the alternation: at most positions the scan fails at once
    StringBuilder b = new StringBuilder();
    for (Rule r : rules) {
      String p = r.pattern().pattern();
      b.append(b.length() == 0 ? "" : "|").append(p, WORD_START.length(), p.length());
    }
    this.any = Pattern.compile(b.length() == 0 ? "(?!)" : "\\b(?:" + b + ")");
  }

  static ConsumerVocabulary standard() {
    return DEFAULT;
  }

  int size() {
    return rules.size();
  }

  /** The medical terms the message's lay words stand for, each once, in table order. */
  List<String> medicalTerms(String message) {
    if (message == null || message.isEmpty()) {
      return List.of();
    }
    String text = normalize(message);
    if (!any.matcher(text).find()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : rules) {
      if (!out.contains(r.medical()) && r.pattern().matcher(text).find()) {
        out.add(r.medical());
      }
    }
    return new ArrayList<>(out);
  }

  static String normalize(String message) {
    return message.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
  }

  static ConsumerVocabulary load(String resource) {
    try (InputStream in = ConsumerVocabulary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the table's lines; a malformed line is an error, so a typo cannot silently drop a rule. */
  static ConsumerVocabulary parse(List<String> lines) {
    List<Rule> rules = new ArrayList<>();
    Map<String, String> defined = new HashMap<>();
    int n = 0;
    for (String raw : lines) {
      n++;
      // a comment may follow the patterns
      String line = raw.replaceFirst("(^|\\s)#.*$", "").strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || eq == line.length() - 1) {
        throw new IllegalArgumentException("consumer vocabulary line " + n + ": expected 'term = pattern ; ...'");
      }
      String left = line.substring(0, eq).strip();
      String right = line.substring(eq + 1).strip();
      if (left.startsWith("@")) {
        if (!NAME.matcher(left).matches()) {
          throw new IllegalArgumentException("consumer vocabulary line " + n + ": '" + left
              + "' is not a name (@ and lower-case letters or hyphens)");
        }
        String expression = expand(right, defined, n);
        compile(expression, n);
        if (defined.putIfAbsent(left, expression) != null) {
          throw new IllegalArgumentException("consumer vocabulary line " + n + ": " + left + " is defined twice");
        }
        continue;
      }
      for (String p : right.split(";")) {
        String pattern = p.strip();
        if (pattern.isEmpty()) {
          throw new IllegalArgumentException("consumer vocabulary line " + n + ": empty pattern");
        }
        rules.add(new Rule(left, compile(WORD_START + "(?:" + expand(pattern, defined, n) + ")\\b", n)));
      }
    }
    return new ConsumerVocabulary(rules);
  }


  /** Puts each {@code @name} defined above in its place, as a group of its own. */
  private static String expand(String pattern, Map<String, String> defined, int lineNo) {
    Matcher m = NAME.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String expression = defined.get(m.group());
      if (expression == null) {
        throw new IllegalArgumentException("consumer vocabulary line " + lineNo + ": " + m.group()
            + " is not defined above");
      }
      m.appendReplacement(out, Matcher.quoteReplacement("(?:" + expression + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Pattern compile(String regex, int lineNo) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("consumer vocabulary line " + lineNo + ": " + e.getDescription()
          + " in '" + e.getPattern() + "'", e);
    }
  }
}
