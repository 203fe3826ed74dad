package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import java.nio.file.Path;
import java.util.List;

/** Top answers per DEV question under two weightings, with grades (a tuning aid). */
public final class RetrievalCompare {
  private RetrievalCompare() {}

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    SearchTuning a = SearchTuning.BM25_ONLY;
    SearchTuning b = new SearchTuning(Double.parseDouble(args[2]), Double.parseDouble(args[3]), "information",
        Double.parseDouble(args[4]), Integer.parseInt(args[5]));
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (LiveQa.Question q : liveQa.judgedQuestions(LiveQa.Split.DEV)) {
        List<SearchHit> ha = kb.search(q.text(), 3, a);
        List<SearchHit> hb = kb.search(q.text(), 3, b);
        System.out.println(q.id() + "  A: " + show(liveQa, q, ha) + "\n     B: " + show(liveQa, q, hb));
      }
    }
  }

  private static String show(LiveQa l, LiveQa.Question q, List<SearchHit> hits) {
    StringBuilder sb = new StringBuilder();
    for (SearchHit h : hits) {
      sb.append(h.entry().source().externalId()).append('(').append(l.grade(q.id(), h.entry().source().externalId()))
          .append(' ').append(h.entry().focus()).append('/').append(h.entry().questionType()).append(")  ");
    }
    return sb.toString();
  }
}
