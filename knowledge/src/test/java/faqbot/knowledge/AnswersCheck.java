package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.QuestionsEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of figures per development set, in one JVM, to compare a ranking or confidence change
 * across the sets (fit on one, check on the others): for each question set (lay, own) the lines
 * answered right and wrong at the default threshold, the lines whose first answerable hit is right
 * (the ranking, before any threshold) and no-match lines answered; for the LiveQA dev split (odd
 * ids only) the ranking avgScore, the first answerable hit's avgScore with no threshold, and what
 * is shown at the threshold. Emergency triage (bot-core) is not applied. With a fourth argument,
 * lists each question-set line whose outcome is not right.
 *
 * <pre>
 * java -cp ... faqbot.knowledge.AnswersCheck $FAQBOT_HOME ../shared/data/liveqa-med-2017 \
 *   ../shared/data/lay-questions/lay-questions.jsonl,eval/own-questions.jsonl,eval/own-questions-2.jsonl [lines]
 * </pre>
 */
public final class AnswersCheck {
  private AnswersCheck() {}

  static final double THRESHOLD = 0.65;

  public static void main(String[] args) throws Exception {
    boolean lines = args.length > 3;
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (String file : args[2].split(",")) {
        int right = 0;
        int wrong = 0;
        int first = 0;
        int noMatchAnswered = 0;
        int n = 0;
        List<String> misses = new ArrayList<>();
        for (QuestionsEvaluation.Line line : QuestionsEvaluation.load(Path.of(file))) {
          n++;
          List<KnowledgeBase.Ranked> hits = kb.rank(line.text(), AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
          Optional<KnowledgeBase.Ranked> a = hits.stream().filter(h -> h.entry().isAnswerable()).findFirst();
          boolean firstRight = a.isPresent() && line.rightAnswer(a.get().entry());
          boolean shown = a.isPresent() && a.get().confidence() >= THRESHOLD;
          first += firstRight ? 1 : 0;
          if (shown && firstRight) {
            right++;
          } else if (shown) {
            wrong++;
            noMatchAnswered += line.group() == QuestionsEvaluation.Group.NO_MATCH ? 1 : 0;
          }
          if (lines && !(shown && firstRight) && !(line.group() == QuestionsEvaluation.Group.NO_MATCH && !shown)) {
            misses.add(String.format(Locale.ROOT, "  %s %s %s p=%.2f %s", line.id(),
                shown ? "WRONG" : firstRight ? "declined-right" : "declined",
                a.map(h -> h.entry().focus() + " / " + h.entry().questionType()).orElse("-"),
                a.map(KnowledgeBase.Ranked::confidence).orElse(0.0), line.text().replace('\n', ' ')));
          }
        }
        System.out.printf(Locale.ROOT, "%-28s right %3d wrong %3d first-right %3d no-match-answered %d of %d%n",
            Path.of(file).getFileName(), right, wrong, first, noMatchAnswered, n);
        misses.forEach(System.out::println);
      }
      LiveQa liveQa = LiveQa.load(Path.of(args[1]));
      List<LiveQa.Question> dev = liveQa.judgedQuestions(LiveQa.Split.DEV);
      double ranking = 0;
      double firstAnswerable = 0;
      double shownScore = 0;
      int shown = 0;
      int shownGood = 0;
      for (LiveQa.Question q : dev) {
        List<KnowledgeBase.Ranked> hits = kb.rank(q.text(), AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT);
        if (!hits.isEmpty()) {
          ranking += Math.max(0, liveQa.grade(q.id(), hits.get(0).entry().source().externalId()) - 1);
        }
        Optional<KnowledgeBase.Ranked> a = hits.stream().filter(h -> h.entry().isAnswerable()).findFirst();
        if (a.isPresent()) {
          int g = Math.max(0, liveQa.grade(q.id(), a.get().entry().source().externalId()) - 1);
          if (lines) {
            System.out.printf(Locale.ROOT, "  dev %d %s %s / %s score %d p=%.2f%n", q.id(),
                a.get().entry().source().externalId(), a.get().entry().focus(), a.get().entry().questionType(), g,
                a.get().confidence());
          }
          firstAnswerable += g;
          if (a.get().confidence() >= THRESHOLD) {
            shown++;
            shownScore += g;
            shownGood += g >= 1 ? 1 : 0;
          }
        }
      }
      System.out.printf(Locale.ROOT,
          "dev ranking avgScore %.3f first-answerable %.3f shown %d avgScore %.3f prec@2+ %.3f%n",
          ranking / dev.size(), firstAnswerable / dev.size(), shown, shownScore / dev.size(),
          shown == 0 ? 0 : (double) shownGood / shown);
    }
  }
}
