package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Latency of plain BM25 against the chosen ranking (a profiling aid). */
public final class SearchCost {
  private SearchCost() {}

  public static void main(String[] args) throws Exception {
    List<String> qs = LiveQa.load(Path.of(args[1])).judgedQuestions(LiveQa.Split.ALL).stream()
        .map(LiveQa.Question::text).toList();
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      for (SearchTuning t : List.of(SearchTuning.BM25_ONLY, SearchTuning.DEFAULT, SearchTuning.BM25_ONLY, SearchTuning.DEFAULT)) {
        for (int w = 0; w < 5; w++) for (String q : qs) kb.search(q, 10, t);
        long[] ns = new long[qs.size() * 10];
        int i = 0;
        for (int r = 0; r < 10; r++) for (String q : qs) { long t0 = System.nanoTime(); kb.search(q, 10, t); ns[i++] = System.nanoTime() - t0; }
        Arrays.sort(ns);
        System.out.printf("%s p50 %.2f p90 %.2f p99 %.2f%n", t, ns[ns.length / 2] / 1e6, ns[(int) (ns.length * 0.9)] / 1e6, ns[(int) (ns.length * 0.99)] / 1e6);
      }
    }
  }
}
