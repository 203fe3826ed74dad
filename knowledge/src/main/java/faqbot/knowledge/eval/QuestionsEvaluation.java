package faqbot.knowledge.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import faqbot.knowledge.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the bot shows for patient-style messages with known right answers, in the format of the
 * lay-questions development set: answerable lines name the right MedQuAD documents by focus and
 * question types, seed lines the seed document, and no-match lines expect an honest decline.
 */
public final class QuestionsEvaluation {
  public enum Group {
    ANSWERABLE("answerable"), SEED("seed"), NO_MATCH("no_match");

    final String key;

    Group(String key) {
      this.key = key;
    }
  }

  /**
   * One message. For ANSWERABLE, {@code focus} is matched with {@link java.util.regex.Matcher#find}
   * (Python's re.search) against the lower-cased focus of an entry; for SEED, {@code seedKind}
   * is the kind of entry the seed document gives.
   */
  public record Line(String id, String text, Group group, Pattern focus, Set<String> qtypes,
      Entry.Kind seedKind) {

    /** Whether showing {@code e} answers this message. */
    public boolean rightAnswer(Entry e) {
      if (!e.isAnswerable() || e.answerText().isBlank()) {
        return false;
      }
      return switch (group) {
        case ANSWERABLE -> e.focus() != null && e.questionType() != null
            && qtypes.contains(e.questionType().toLowerCase(Locale.ROOT))
            && focus.matcher(e.focus().toLowerCase(Locale.ROOT)).find();
        // only the two seed documents are seeds in an evaluation home, one of each kind
        case SEED -> "seed".equals(e.source().collection()) && e.kind() == seedKind;
        case NO_MATCH -> false;
      };
    }
  }

  /** What the bot did with a message: the entry it showed (null: none), or emergency guidance. */
  public record Response(Entry shown, boolean emergency) {
    public static Response declined() {
      return new Response(null, false);
    }

    public static Response emergencyGuidance() {
      return new Response(null, true);
    }

    public static Response answered(Entry e) {
      return new Response(e, false);
    }
  }

  /** What happened to one line. */
  public record Result(Line line, Response response, boolean right) {
    public String format() {
      Entry e = response.shown();
      String what = response.emergency() ? "emergency"
          : e == null ? "declined"
          : (right ? "right " : "WRONG ") + e.source().externalId() + " [" + e.focus() + " / "
              + e.questionType() + "]";
      return line.id() + " " + line.group().key + " " + what;
    }
  }

  /** The figures, by name as printed; every name in {@link #LOWER_IS_BETTER} regresses upwards. */
  public record Figures(int lines, int emergencies, Map<String, Double> values, List<Result> results) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-24s %d%n", "lines", lines));
      sb.append(String.format(Locale.ROOT, "%-24s %d%n", "emergency", emergencies));
      values.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-24s %.4f%n", k, v)));
      return sb.toString();
    }
  }

  /** Figures where less is better: answering a message with a wrong entry, or at all when none fits. */
  public static final Set<String> LOWER_IS_BETTER = Set.of("wrongAnswer", "shouldAnswer.wrongAnswer",
      "answerable.wrongAnswer", "seed.wrongAnswer", "no_match.wrongAnswer", "no_match.answerRate");

  private QuestionsEvaluation() {}

  /** Reads a JSONL file; a malformed line is an error naming it. */
  public static List<Line> load(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Line> out = new ArrayList<>();
    int lineNo = 0;
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (raw.isBlank()) {
        continue;
      }
      try {
        out.add(parse(json.readTree(raw)));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        throw new IOException(file + " line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  static Line parse(JsonNode n) {
    String id = required(n, "id");
    String text = required(n, "text");
    if (n.hasNonNull("expect")) {
      if (!n.get("expect").asText().equals("no_match")) {
        throw new IllegalArgumentException("expect must be no_match");
      }
      return new Line(id, text, Group.NO_MATCH, null, Set.of(), null);
    }
    if (n.hasNonNull("source")) {
      Entry.Kind kind = switch (n.get("source").asText()) {
        case "seed-qa" -> Entry.Kind.QA;
        case "seed-article" -> Entry.Kind.ARTICLE;
        default -> throw new IllegalArgumentException("source must be seed-qa or seed-article");
      };
      return new Line(id, text, Group.SEED, null, Set.of(), kind);
    }
    Pattern focus;
    try {
      focus = Pattern.compile(required(n, "focus"));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("focus is not a regular expression: " + e.getDescription());
    }
    JsonNode qtypes = n.get("qtypes");
    if (qtypes == null || !qtypes.isArray() || qtypes.isEmpty()) {
      throw new IllegalArgumentException("an answerable line needs qtypes");
    }
    Set<String> types = new java.util.TreeSet<>();
    qtypes.forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
    return new Line(id, text, Group.ANSWERABLE, focus, types, null);
  }

  private static String required(JsonNode n, String field) {
    if (!n.hasNonNull(field) || n.get(field).asText().isBlank()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return n.get(field).asText();
  }

  /**
   * Asks {@code bot} about every line. Emergency guidance shows no entry, so it counts as not
   * answered (and as an honest decline on a no-match line).
   */
  public static Figures evaluate(List<Line> lines, Function<String, Response> bot) {
    int[] n = new int[Group.values().length];
    int[] right = new int[n.length];
    int[] wrong = new int[n.length];
    int emergencies = 0;
    List<Result> results = new ArrayList<>(lines.size());
    for (Line line : lines) {
      Response r = bot.apply(line.text());
      results.add(new Result(line, r, r.shown() != null && line.rightAnswer(r.shown())));
      int g = line.group().ordinal();
      n[g]++;
      if (r.emergency()) {
        emergencies++;
      }
      if (r.shown() == null) {
        continue;
      }
      if (line.rightAnswer(r.shown())) {
        right[g]++;
      } else {
        wrong[g]++;
      }
    }
    int all = lines.size();
    int allRight = sum(right);
    int allWrong = sum(wrong);
    int nm = Group.NO_MATCH.ordinal();
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("success@1", ratio(allRight, all));
    v.put("wrongAnswer", ratio(allWrong, all));
    v.put("answerRate", ratio(allRight + allWrong, all));
    v.put("honestDecline", ratio(n[nm] - wrong[nm], n[nm]));
    // the lines that have a right answer (answerable and seed): over all lines, whose no-match
    // part can add no success, a set with a tenth of no-match lines could never reach 0.9
    v.put("shouldAnswer.success@1", ratio(allRight - right[nm], all - n[nm]));
    v.put("shouldAnswer.wrongAnswer", ratio(allWrong - wrong[nm], all - n[nm]));
    for (Group group : Group.values()) {
      int g = group.ordinal();
      if (group != Group.NO_MATCH) {
        v.put(group.key + ".success@1", ratio(right[g], n[g]));
      }
      v.put(group.key + ".wrongAnswer", ratio(wrong[g], n[g]));
      v.put(group.key + ".answerRate", ratio(right[g] + wrong[g], n[g]));
    }
    return new Figures(all, emergencies, v, List.copyOf(results));
  }

  private static int sum(int[] a) {
    int s = 0;
    for (int x : a) {
      s += x;
    }
    return s;
  }

  private static double ratio(double a, int b) {
    return b == 0 ? 0 : a / b;
  }
}
