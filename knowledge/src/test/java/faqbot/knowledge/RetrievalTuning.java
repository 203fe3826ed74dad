package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.LiveQaEvaluation;
import faqbot.knowledge.eval.Metrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Grid search of the question-understanding weights on the LiveQA DEV split only. Run against a
 * data directory that holds all of MedQuAD ({@code faqbot import ../shared/data/medquad}):
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.RetrievalTuning -Dexec.args="$FAQBOT_HOME ../shared/data/liveqa-med-2017"
 * </pre>
 */
public final class RetrievalTuning {
  private RetrievalTuning() {}

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    double[] focus = {0, 0.25, 0.5, 1.0};
    double[] focusType = {0, 0.25, 0.5, 1.0};
    double[] sharpness = {1, 2, 3};
    int[] mentions = {1, 2, 4};
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (double f : focus) {
        for (double ft : focusType) {
          for (double sh : sharpness) {
            for (int mc : mentions) {
              SearchTuning t = new SearchTuning(f, ft, "information", sh, mc);
              Metrics m = eval.score(eval.run(LiveQa.Split.DEV, text -> rank(kb, text, t)));
              System.out.printf(Locale.ROOT,
                  "focus %.2f type %.2f sharp %.0f mentions %d  avgScore %.4f  succ@3+ %.4f  MRR@10 %.4f  judged@1 %.3f%n",
                  f, ft, sh, mc, m.avgScore(), m.succ3(), m.mrr10(), m.judged1());
            }
          }
        }
      }
    }
  }

  static List<LiveQaEvaluation.Ranked> rank(KnowledgeBase kb, String text, SearchTuning t) {
    return kb.search(text, 10, t).stream()
        .map(h -> new LiveQaEvaluation.Ranked(h.entry().source().externalId(), h.score(), h.confidence()))
        .toList();
  }
}
