package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.LiveQaEvaluation;
import faqbot.knowledge.eval.Metrics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What each ranking technique adds, on both splits (the README's ablation table). Weights were
 * chosen on dev with {@link RetrievalTuning}; test is only reported.
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.RetrievalAblation -Dexec.args="$FAQBOT_HOME ../shared/data/liveqa-med-2017"
 * </pre>
 */
public final class RetrievalAblation {
  private RetrievalAblation() {}

  public static void main(String[] args) throws Exception {
    LiveQaEvaluation eval = new LiveQaEvaluation(LiveQa.load(Path.of(args[1])));
    SearchTuning d = SearchTuning.DEFAULT;
    Map<String, SearchTuning> rows = new LinkedHashMap<>();
    rows.put("BM25 over question/title/focus/answer", SearchTuning.BM25_ONLY);
    rows.put("+ topic bonus alone", new SearchTuning(0.5, 0, d.plainType(), d.sharpness(), d.mentions()));
    rows.put("+ topic-and-type bonus (chosen)", d);
    rows.put("  same, every topic mentioned counts", new SearchTuning(d.focus(), d.focusType(), d.plainType(), d.sharpness(), 99));
    rows.put("  same, no default type", new SearchTuning(d.focus(), d.focusType(), null, d.sharpness(), d.mentions()));
    rows.put("  same, plus topic bonus 0.5", new SearchTuning(0.5, d.focusType(), d.plainType(), d.sharpness(), d.mentions()));
    System.out.println("| ranking | dev avgScore | dev MRR@10 | dev succ@3+ | test avgScore | test MRR@10 | test succ@3+ | test judged@1 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (Map.Entry<String, SearchTuning> row : rows.entrySet()) {
        Metrics dev = eval.score(eval.run(LiveQa.Split.DEV, t -> RetrievalTuning.rank(kb, t, row.getValue())));
        Metrics test = eval.score(eval.run(LiveQa.Split.TEST, t -> RetrievalTuning.rank(kb, t, row.getValue())));
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", row.getKey(),
            dev.avgScore(), dev.mrr10(), dev.succ3(), test.avgScore(), test.mrr10(), test.succ3(), test.judged1());
      }
    }
  }
}
