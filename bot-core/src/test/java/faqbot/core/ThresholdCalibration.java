package faqbot.core;

import faqbot.knowledge.AnswerChoice;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.SearchHit;
import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.LiveQaEvaluation;
import faqbot.knowledge.eval.ShownMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answer rate against precision of the core's answering rule ({@link AnswerChoice}: the best
 * answerable hit, shown when its confidence reaches the threshold) on the LiveQA 2017 judged
 * questions, for choosing {@link CoreConfig#confidenceThreshold()}. Needs a knowledge base with MedQuAD imported, such as
 * the one {@link CoreBench} leaves with {@code home=DIR}:
 *
 * <pre>
 * mvn -q -pl bot-core -am -Pbench test -DskipTests -Dbench.main=faqbot.core.ThresholdCalibration \
 *     -Dbench.args="home=/tmp/faqbench split=DEV"
 * </pre>
 */
public final class ThresholdCalibration {
  private ThresholdCalibration() {}

  public static void main(String[] args) throws Exception {
    String home = null;
    String split = "DEV";
    for (String a : String.join(" ", args).split("\\s+")) {
      if (a.startsWith("home=")) {
        home = a.substring(5);
      } else if (a.startsWith("split=")) {
        split = a.substring(6).toUpperCase(Locale.ROOT);
      }
    }
    Path liveqa = Path.of(System.getProperty("faqbot.shared", "../shared"), "data", "liveqa-med-2017");
    if (home == null || !Files.isDirectory(liveqa)) {
      System.out.println("usage: home=DIR (a knowledge base with MedQuAD) [split=DEV|TEST|ALL]; "
          + "LiveQA expected at " + liveqa);
      return;
    }
    LiveQa data = LiveQa.load(liveqa);
    LiveQaEvaluation eval = new LiveQaEvaluation(data);
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(home))) {
      List<LiveQa.Question> questions = data.judgedQuestions(LiveQa.Split.valueOf(split));
      Map<String, List<SearchHit>> hits = new HashMap<>();
      for (LiveQa.Question q : questions) {
        hits.put(q.text(), kb.search(q.text(), AnswerChoice.SEARCH_LIMIT));
      }
      System.out.printf(Locale.ROOT, "%-9s %9s %8s %8s %8s %8s %8s%n", "threshold", "answered",
          "rate", "prec@2+", "prec@3+", "succ@3+", "avgScore");
      for (int i = 0; i <= 20; i++) {
        double t = i * 0.05;
        // the core's own rule, so the curve is what patients would get at each threshold
        ShownMetrics m = eval.scoreShown(eval.respond(LiveQa.Split.valueOf(split), text ->
            new LiveQaEvaluation.Response(List.of(), AnswerChoice.choose(hits.get(text), t)
                .map(h -> h.entry().source().externalId()).orElse(null))));
        System.out.printf(Locale.ROOT, "%-9.2f %9d %8.3f %8.3f %8.3f %8.3f %8.3f%n", t, m.answered(),
            m.answerRate(), m.prec2(), m.prec3(), m.prec3() * m.answerRate(), m.avgScore());
      }
    }
  }
}
