package faqbot.knowledge.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * LiveQA figures of the answers the bot shows, next to the ranking figures of {@link Metrics}:
 * a good ranking is worth little if the entry the bot may show is not the good one.
 */
public record ShownMetrics(
    int questions,
    int answered,
    double answerRate,
    double avgScore,
    double prec2,
    double prec3,
    double judged1) {

  /** Name to value, in the order they are printed and checked. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("shown.answerRate", answerRate);
    m.put("shown.avgScore", avgScore);
    m.put("shown.prec@2+", prec2);
    m.put("shown.prec@3+", prec3);
    m.put("shown.judged@1", judged1);
    return m;
  }

  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-16s %d%n", "shown.answered", answered));
    asMap().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-16s %.4f%n", k, v)));
    return sb.toString();
  }
}
