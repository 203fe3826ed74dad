package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.QuestionsEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Tuning aid: for each line, the types asked and the first answerable hit's type and outcome. */
public final class TypeCheck {
  private TypeCheck() {}

  public static void main(String[] args) throws Exception {
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (String file : args[2].split(",")) {
        for (QuestionsEvaluation.Line line : QuestionsEvaluation.load(Path.of(file))) {
          List<KnowledgeBase.Ranked> hits = kb.rank(line.text(), AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
          print(line.id(), line.text(), hits, h -> line.rightAnswer(h.entry()) ? "R" : "W");
        }
      }
      LiveQa liveQa = LiveQa.load(Path.of(args[1]));
      for (LiveQa.Question q : liveQa.judgedQuestions(LiveQa.Split.DEV)) {
        List<KnowledgeBase.Ranked> hits = kb.rank(q.text(), AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
        print("dev" + q.id(), q.text(), hits, h -> "g" + liveQa.grade(q.id(), h.entry().source().externalId()));
      }
    }
  }

  private static void print(String id, String text, List<KnowledgeBase.Ranked> hits,
      java.util.function.Function<KnowledgeBase.Ranked, String> outcome) {
    Set<String> asked = QuestionTypes.asked(SearchQueryBuilder.bounded(text));
    Optional<KnowledgeBase.Ranked> a = hits.stream().filter(h -> h.entry().isAnswerable()).findFirst();
    StringBuilder alts = new StringBuilder();
    for (KnowledgeBase.Ranked h : hits) {
      if (h.entry().isAnswerable() && h != a.orElse(null)) {
        alts.append(String.format(Locale.ROOT, " | %s/%s p=%.2f %s", h.entry().focus(), h.entry().questionType(),
            h.confidence(), outcome.apply(h)));
      }
    }
    System.out.printf(Locale.ROOT, "%s asked=%s shown=%s p=%.2f %s ||%s%n", id, asked,
        a.map(h -> h.entry().focus() + "/" + h.entry().questionType()).orElse("-"),
        a.map(KnowledgeBase.Ranked::confidence).orElse(0.0), a.map(outcome).orElse("-"), alts);
  }
}
