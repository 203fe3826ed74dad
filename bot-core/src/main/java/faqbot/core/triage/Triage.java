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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognizes messages that describe a medical emergency happening now, before any knowledge-base
 * search. Rules (trigger phrases, informational cues, present-situation markers) come from a data
 * file; negation is handled here because it depends on word positions, not on vocabulary.
 *
 * <p>A trigger fires unless
 *
 * <ul>
 *   <li>a negation word ("no", "not", "without", "denies", ...) stands a few words before it in
 *       the same clause ("I don't have trouble breathing"), or
 *   <li>its rule is of mode {@code context}, the message reads as a general question ("what are
 *       the symptoms of", "years ago", ...) and nothing marks a situation happening now ("right
 *       now", "I'm having", "my husband is", ...).
 * </ul>
 *
 * <p>When in doubt the rules lean towards firing: a needless emergency notice costs a patient a
 * few seconds, a missed one can cost far more.
 *
 * <p>Immutable and thread-safe.
 */
public final class Triage {

  /** Length of the index key for wildcard gate words; such words need at least this many letters. */
  static final int PREFIX_KEY = 4;

  private static final int NEGATION_WINDOW = 5;

  private static final Set<String> NEGATIONS =
      Set.of("no", "not", "never", "without", "denies", "denied", "deny", "denying", "nor",
          "neither", "none", "negative");

  /** Negation words followed by these are not negations: "no longer", "not sure if". */
  private static final Set<String> PSEUDO_NEGATION_NEXT =
      Set.of("longer", "one", "matter", "doubt", "sure", "only", "just", "certain", "know",
          "idea", "stop", "better", "improving", "go", "away", "helping");

  /** A clause boundary: negation before it does not reach the trigger after it. */
  private static final Set<String> CLAUSE_BREAKS =
      Set.of("but", "however", "although", "though", "except", "yet", "now", "suddenly", "then",
          "today", "tonight", "until", "because", "since");

  /** After "never", these words mean "never (had it) like this": an emphasis, not a denial. */
  private static final Set<String> NEVER_EMPHASIS = Set.of("like", "bad", "before", "worse", "severe");

  private static final String RESOURCE = "/faqbot/core/triage/rules.txt";

  private enum Kind { TRIGGER, INFO, PRESENT }

  private record Rule(int order, Kind kind, String id, Level level, String category,
      boolean always, PhrasePattern phrase) {}

  private record Indexed(Rule rule, PhrasePattern.Gate gate) {}

  private final List<Rule> rules;
  private final Map<String, Indexed[]> exactIndex;
  private final Map<String, Indexed[]> prefixIndex;

  private Triage(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    Map<String, List<Indexed>> exact = new HashMap<>();
    Map<String, List<Indexed>> prefix = new HashMap<>();
    for (Rule r : rules) {
      for (PhrasePattern.Gate g : r.phrase().gates()) {
        if (g.prefix()) {
          prefix.computeIfAbsent(g.word().substring(0, PREFIX_KEY), k -> new ArrayList<>())
              .add(new Indexed(r, g));
        } else {
          exact.computeIfAbsent(g.word(), k -> new ArrayList<>()).add(new Indexed(r, g));
        }
      }
    }
    this.exactIndex = freeze(exact);
    this.prefixIndex = freeze(prefix);
  }

  private static Map<String, Indexed[]> freeze(Map<String, List<Indexed>> m) {
    Map<String, Indexed[]> out = new HashMap<>(m.size() * 2);
    m.forEach((k, v) -> out.put(k, v.toArray(new Indexed[0])));
    return out;
  }

  private static final class DefaultHolder {
    static final Triage INSTANCE = readDefault();

    private static Triage readDefault() {
      InputStream in = Triage.class.getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new IllegalStateException("bundled triage rules missing: " + RESOURCE);
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("bundled triage rules unreadable: " + e.getMessage(), e);
      }
    }
  }

  /** The rules bundled with the bot; read once, shared. */
  public static Triage loadDefault() {
    return DefaultHolder.INSTANCE;
  }

  /**
   * Reads rules in the format of the bundled {@code rules.txt} (see its header).
   *
   * @throws IOException when reading fails or a line is not a valid rule; the message names the
   *     line number and what is wrong with it
   */
  public static Triage load(Reader rules) throws IOException {
    BufferedReader in = rules instanceof BufferedReader b ? b : new BufferedReader(rules);
    List<Rule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Kind section = null;
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
        section = switch (name) {
          case "triggers" -> Kind.TRIGGER;
          case "info" -> Kind.INFO;
          case "present" -> Kind.PRESENT;
          default -> throw bad(lineNo, "unknown section [" + name
              + "] (expected [triggers], [info] or [present])");
        };
        continue;
      }
      if (section == null) {
        throw bad(lineNo, "a rule before any section; start with [triggers], [info] or [present]");
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
      String phrase;
      if (section == Kind.TRIGGER) {
        level = switch (cols[1]) {
          case "EMERGENCY" -> Level.EMERGENCY;
          case "SELF_HARM" -> Level.SELF_HARM;
          default -> throw bad(lineNo, "unknown level '" + cols[1]
              + "' (expected EMERGENCY or SELF_HARM)");
        };
        category = cols[2];
        if (!category.matches("[A-Z][A-Z0-9_]*")) {
          throw bad(lineNo, "category must be UPPER_CASE, not '" + category + "'");
        }
        always = switch (cols[3]) {
          case "always" -> true;
          case "context" -> false;
          default -> throw bad(lineNo, "unknown mode '" + cols[3]
              + "' (expected always or context)");
        };
        phrase = cols[4];
      } else {
        phrase = cols[1];
      }
      PhrasePattern compiled;
      try {
        compiled = PhrasePattern.compile(phrase);
      } catch (IllegalArgumentException e) {
        throw bad(lineNo, "rule '" + id + "': " + e.getMessage());
      }
      out.add(new Rule(out.size(), section, id, level, category, always, compiled));
    }
    if (out.stream().noneMatch(r -> r.kind() == Kind.TRIGGER)) {
      throw new IOException("triage rules: no [triggers] rule found");
    }
    return new Triage(out);
  }

  private static IOException bad(int line, String what) {
    return new IOException("triage rules line " + line + ": " + what);
  }

  /**
   * Decides whether the message describes an emergency now. Never throws; any text, including
   * null, empty or very long text, is accepted.
   */
  public TriageResult assess(String text) {
    try {
      return assess(TextNormalizer.normalize(text));
    } catch (RuntimeException | StackOverflowError e) {
      // a bug here must not stop the patient from getting an answer; the log says which bug
      System.getLogger(Triage.class.getName())
          .log(System.Logger.Level.WARNING, "triage failed: " + e.getClass().getName());
      return TriageResult.none();
    }
  }

  private TriageResult assess(TextNormalizer.Normalized t) {
    int n = t.size();
    if (n == 0) {
      return TriageResult.none();
    }
    boolean[] done = new boolean[rules.size()];
    boolean info = false;
    boolean present = false;
    Rule best = null;
    Rule bestSuppressible = null;
    for (int i = 0; i < n; i++) {
      if (t.isPunctuation(i)) {
        continue;
      }
      String tok = t.tokens()[i];
      Indexed[] exact = exactIndex.get(tok);
      Indexed[] prefix = tok.length() >= PREFIX_KEY ? prefixIndex.get(tok.substring(0, PREFIX_KEY)) : null;
      for (int pass = 0; pass < 2; pass++) {
        Indexed[] cands = pass == 0 ? exact : prefix;
        if (cands == null) {
          continue;
        }
        for (Indexed c : cands) {
          Rule r = c.rule();
          if (done[r.order()] || (pass == 1 && !tok.startsWith(c.gate().word()))) {
            continue;
          }
          if (r.kind() == Kind.TRIGGER && best != null && !outranks(r, best)) {
            continue; // cannot change the outcome
          }
          if (r.phrase().matchAt(t, i) < 0) {
            continue;
          }
          switch (r.kind()) {
            case INFO -> {
              info = true;
              done[r.order()] = true;
            }
            case PRESENT -> {
              present = true;
              done[r.order()] = true;
            }
            case TRIGGER -> {
              if (negated(t, i)) {
                break; // the same rule may still fire un-negated later in the message
              }
              done[r.order()] = true;
              if (r.always()) {
                best = best == null || outranks(r, best) ? r : best;
              } else if (bestSuppressible == null || outranks(r, bestSuppressible)) {
                bestSuppressible = r;
              }
            }
          }
        }
      }
    }
    boolean suppress = info && !present;
    Rule winner = best;
    if (!suppress && bestSuppressible != null && (winner == null || outranks(bestSuppressible, winner))) {
      winner = bestSuppressible;
    }
    return winner == null
        ? TriageResult.none()
        : new TriageResult(winner.level(), winner.id(), winner.category());
  }

  /** Self-harm outranks other emergencies (its reply also names the emergency number), then file order. */
  private static boolean outranks(Rule a, Rule b) {
    if (a.level() != b.level()) {
      return a.level() == Level.SELF_HARM;
    }
    return a.order() < b.order();
  }

  private static boolean negated(TextNormalizer.Normalized t, int trigger) {
    String[] tok = t.tokens();
    for (int j = trigger - 1; j >= 0 && j >= trigger - NEGATION_WINDOW; j--) {
      if (t.isPunctuation(j) || CLAUSE_BREAKS.contains(tok[j])) {
        return false;
      }
      if (!NEGATIONS.contains(tok[j])) {
        continue;
      }
      if (j + 1 < tok.length && PSEUDO_NEGATION_NEXT.contains(tok[j + 1]) && j + 1 != trigger) {
        continue;
      }
      if (j > 0 && tok[j - 1].equals("or")) {
        continue; // "whether or not"
      }
      if (tok[j].equals("never") && emphasisFollows(t, trigger)) {
        return false;
      }
      return true;
    }
    return false;
  }

  private static boolean emphasisFollows(TextNormalizer.Normalized t, int trigger) {
    String[] tok = t.tokens();
    for (int k = trigger + 1; k < tok.length && k <= trigger + 10; k++) {
      if (NEVER_EMPHASIS.contains(tok[k])) {
        return true;
      }
    }
    return false;
  }
}
