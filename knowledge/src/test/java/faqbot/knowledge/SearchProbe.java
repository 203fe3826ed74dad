package faqbot.knowledge;

import java.nio.file.Path;
import java.util.List;

/**
 * Prints the ranked hits of messages (one per argument after the home, or lay lines by id) with
 * their topics, types, answerability and confidence features: a tuning aid.
 *
 * <pre>
 * java -cp ... faqbot.knowledge.SearchProbe $FAQBOT_HOME "message" ...
 * </pre>
 */
public final class SearchProbe {
  private SearchProbe() {}

  public static void main(String[] args) throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (int a = 1; a < args.length; a++) {
        String text = args[a];
        System.out.println("== " + text);
        System.out.println("   vocabulary " + ConsumerVocabulary.standard().medicalTerms(text)
            + " types " + QuestionTypes.detect(text) + " asked " + QuestionTypes.asked(text));
        List<KnowledgeBase.Ranked> r = kb.rank(text, AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
        for (KnowledgeBase.Ranked h : r) {
          System.out.printf("   %s %-50s %-18s p=%.2f %s%n", h.entry().isAnswerable() ? "A" : "-",
              h.entry().focus() == null ? h.entry().title() : h.entry().focus(), h.entry().questionType(),
              h.confidence(), java.util.Arrays.toString(h.features().vector()));
        }
      }
    }
  }
}
