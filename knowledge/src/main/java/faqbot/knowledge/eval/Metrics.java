package faqbot.knowledge.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * LiveQA figures for one run, as the track defined them: grades 1..4 score 0..3; "relevant" means
 * grade 3 or 4; an unjudged answer counts as incorrect.
 */
public record Metrics(
    int questions,
    int answered,
    double avgScore,
    double succ2, double succ3, double succ4,
    double prec2, double prec3, double prec4,
    double mrr10,
    double map10,
    double judged1,
    double judged10) {

  /** Name to value, in the order they are printed and checked. */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("avgScore", avgScore);
    m.put("succ@2+", succ2);
    m.put("succ@3+", succ3);
    m.put("succ@4+", succ4);
    m.put("prec@2+", prec2);
    m.put("prec@3+", prec3);
    m.put("prec@4+", prec4);
    m.put("MRR@10", mrr10);
    m.put("MAP@10", map10);
    m.put("judged@1", judged1);
    m.put("judged@10", judged10);
    return m;
  }

  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-10s %d%n", "questions", questions));
    sb.append(String.format(Locale.ROOT, "%-10s %d%n", "answered", answered));
    asMap().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-10s %.4f%n", k, v)));
    return sb.toString();
  }
}
