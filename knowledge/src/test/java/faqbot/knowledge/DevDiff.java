package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import java.nio.file.Path;
import java.util.List;

/**
 * Lists the LiveQA dev questions whose first hit or shown answer differs between the default
 * ranking and the same ranking without one mechanism, with grades, to see what a change does on
 * dev. Only the dev split is read.
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.DevDiff -Dexec.args="$FAQBOT_HOME ../shared/data/liveqa-med-2017"
 * </pre>
 */
public final class DevDiff {
  private DevDiff() {}

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    SearchTuning on = SearchTuning.DEFAULT;
    SearchTuning off = SearchTuning.DEFAULT.withSiblings(false);
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (LiveQa.Question q : liveQa.judgedQuestions(LiveQa.Split.DEV)) {
        List<KnowledgeBase.Ranked> a = kb.rank(q.text(), AnswerChoice.SEARCH_LIMIT, off);
        List<KnowledgeBase.Ranked> b = kb.rank(q.text(), AnswerChoice.SEARCH_LIMIT, on);
        String a1 = describe(liveQa, q, a.isEmpty() ? null : a.get(0));
        String b1 = describe(liveQa, q, b.isEmpty() ? null : b.get(0));
        String as = describe(liveQa, q, a.stream().filter(h -> h.entry().isAnswerable()).findFirst().orElse(null));
        String bs = describe(liveQa, q, b.stream().filter(h -> h.entry().isAnswerable()).findFirst().orElse(null));
        if (!a1.equals(b1) || !as.equals(bs)) {
          System.out.println(q.id() + " first: " + a1 + " -> " + b1 + " | shown: " + as + " -> " + bs);
        }
      }
    }
  }

  private static String describe(LiveQa liveQa, LiveQa.Question q, KnowledgeBase.Ranked h) {
    if (h == null) {
      return "-";
    }
    return h.entry().focus() + "/" + h.entry().questionType() + " g" + liveQa.grade(q.id(), h.entry().source().externalId())
        + String.format(" p%.2f", h.confidence());
  }
}
