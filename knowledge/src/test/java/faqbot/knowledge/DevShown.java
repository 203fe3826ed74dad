package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lists, per LiveQA dev question, the bot's six hits with their grades and confidences, the hit
 * it would show first marked, and the best answerable grade among the judged entries, to see why
 * a shown answer is missing or poor. Only the dev split is read.
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.DevShown -Dexec.args="$FAQBOT_HOME ../shared/data/liveqa-med-2017"
 * </pre>
 */
public final class DevShown {
  private DevShown() {}

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    boolean verbose = args.length > 2;
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (LiveQa.Question q : liveQa.judgedQuestions(LiveQa.Split.DEV)) {
        List<KnowledgeBase.Ranked> r = kb.rank(q.text(), AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
        StringBuilder b = new StringBuilder();
        boolean shownMarked = false;
        for (KnowledgeBase.Ranked h : r) {
          int g = liveQa.grade(q.id(), h.entry().source().externalId());
          boolean shown = !shownMarked && h.entry().isAnswerable();
          shownMarked |= shown;
          b.append(String.format(Locale.ROOT, "%n   %s%s g%d p%.2f %s / %s%s", shown ? "*" : " ",
              h.entry().isAnswerable() ? "A" : "-", g, h.confidence(), h.entry().focus(),
              h.entry().questionType(), shown && verbose ? " " + features(h.features()) : ""));
        }
        System.out.println("Q" + q.id() + " types " + QuestionTypes.detect(q.text()) + " | "
            + q.text().replace('\n', ' ').substring(0, Math.min(200, q.text().length())) + b);
      }
    }
  }

  private static String features(Confidence.Features f) {
    StringBuilder b = new StringBuilder("{");
    double[] x = f.vector();
    for (int i = 0; i < x.length; i++) {
      b.append(Confidence.Features.NAMES[i]).append('=')
          .append(String.format(Locale.ROOT, "%.2f", x[i])).append(i + 1 < x.length ? " " : "}");
    }
    return b.toString();
  }
}
