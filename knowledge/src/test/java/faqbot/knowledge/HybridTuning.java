package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.LiveQaEvaluation;
import faqbot.knowledge.eval.Metrics;
import faqbot.knowledge.eval.QuestionsEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the fusion weights ({@link SearchTuning#dense}, {@code agreement}, {@code rrfK}) on the
 * LiveQA dev split and the lay questions: dev avgScore and MRR@10 of the ranking, and on the lay
 * set how often the first answerable hit among the bot's six is right (the answer before any
 * threshold; emergency triage, which lives in bot-core, is left out). The test split is never read.
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.HybridTuning \
 *   -Dexec.args="$FAQBOT_HOME ../shared/data/liveqa-med-2017 ../shared/data/lay-questions/lay-questions.jsonl"
 * </pre>
 */
public final class HybridTuning {
  private HybridTuning() {}

  public static void main(String[] args) throws Exception {
    LiveQaEvaluation eval = new LiveQaEvaluation(LiveQa.load(Path.of(args[1])));
    List<QuestionsEvaluation.Line> lay = QuestionsEvaluation.load(Path.of(args[2]));
    double[] dense = args.length > 3 ? parse(args[3]) : new double[] {0, 0.5, 1, 1.5};
    double[] agreement = args.length > 4 ? parse(args[4]) : new double[] {0, 1, 2};
    double[] ks = args.length > 5 ? parse(args[5]) : new double[] {20, 60};
    boolean[] filters = args.length > 6 ? new boolean[] {Boolean.parseBoolean(args[6])} : new boolean[] {false, true};
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (double d : dense) {
        for (double a : agreement) {
          for (double k : ks) {
           for (boolean filter : filters) {
            SearchTuning t = SearchTuning.DEFAULT.withFusion(d, a, (int) k, filter);
            Metrics m = eval.score(eval.run(LiveQa.Split.DEV, text -> RetrievalTuning.rank(kb, text, t)));
            double[] l = layFirst(kb, lay, t);
            System.out.printf(Locale.ROOT,
                "dense %.2f agree %.2f k %2d answerable %s  dev avgScore %.4f MRR@10 %.4f succ@3+ %.4f  lay first-right %.4f (answerable %.4f, seed %.4f)%n",
                d, a, (int) k, filter, m.avgScore(), m.mrr10(), m.succ3(), l[0], l[1], l[2]);
           }
          }
        }
      }
    }
  }

  /** Share of answerable and seed lines whose first answerable hit among six is right. */
  static double[] layFirst(KnowledgeBase kb, List<QuestionsEvaluation.Line> lay, SearchTuning t) {
    int[] n = new int[2];
    int[] right = new int[2];
    for (QuestionsEvaluation.Line line : lay) {
      if (line.group() == QuestionsEvaluation.Group.NO_MATCH) {
        continue;
      }
      int g = line.group() == QuestionsEvaluation.Group.ANSWERABLE ? 0 : 1;
      n[g]++;
      var shown = AnswerChoice.choose(kb.search(line.text(), AnswerChoice.SEARCH_LIMIT, t), 0);
      if (shown.isPresent() && line.rightAnswer(shown.get().entry())) {
        right[g]++;
      }
    }
    return new double[] {(double) (right[0] + right[1]) / (n[0] + n[1]), (double) right[0] / n[0],
        (double) right[1] / n[1]};
  }

  private static double[] parse(String csv) {
    String[] p = csv.split(",");
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Double.parseDouble(p[i]);
    }
    return out;
  }
}
