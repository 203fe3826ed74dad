package faqbot.knowledge.eval;

import faqbot.knowledge.eval.LiveQa.Question;
import faqbot.knowledge.eval.LiveQa.Split;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs a ranking function over the judged LiveQA questions and scores it. The ranking function
 * is the system under test: it gets the patient's text and returns answer ids best first (an empty
 * list means "no answer").
 */
public final class LiveQaEvaluation {
  /** One ranked answer: its external id, the system's score, and its confidence in [0,1]. */
  public record Ranked(String answerId, double score, double confidence) {}

  /**
   * What the system did with one question: its ranking, and the answer id it shows the patient
   * ({@code null} when it declines), which need not be the ranking's first.
   */
  public record Response(List<Ranked> ranking, String shownId) {}

  /**
   * The rankings of one run, kept so they can be scored at several thresholds or written out, and
   * the answers shown ({@code null}: declined).
   */
  public record Run(List<Question> questions, List<List<Ranked>> rankings, List<String> shown) {}

  private final LiveQa liveQa;

  public LiveQaEvaluation(LiveQa liveQa) {
    this.liveQa = liveQa;
  }

  /** A run of a ranker that shows nothing: for the ranking figures only. */
  public Run run(Split split, Function<String, List<Ranked>> ranker) {
    return respond(split, text -> new Response(ranker.apply(text), null));
  }

  public Run respond(Split split, Function<String, Response> system) {
    List<Question> qs = liveQa.judgedQuestions(split);
    List<List<Ranked>> rankings = new ArrayList<>(qs.size());
    List<String> shown = new ArrayList<>(qs.size());
    for (Question q : qs) {
      Response response = system.apply(q.text());
      List<Ranked> r = response.ranking();
      rankings.add(List.copyOf(r.subList(0, Math.min(10, r.size()))));
      shown.add(response.shownId());
    }
    return new Run(qs, rankings, java.util.Collections.unmodifiableList(shown));
  }

  /**
   * Scores what the patients were shown: a decline scores 0 and counts as unanswered, as the
   * track scored a system that abstained.
   */
  public ShownMetrics scoreShown(Run run) {
    int n = run.questions().size();
    int answered = 0;
    int judged = 0;
    int p2 = 0, p3 = 0;
    double scoreSum = 0;
    for (int i = 0; i < n; i++) {
      String id = run.shown().get(i);
      if (id == null) {
        continue;
      }
      answered++;
      int g = liveQa.grade(run.questions().get(i).id(), id);
      if (g > 0) {
        judged++;
        scoreSum += g - 1;
      }
      if (g >= 2) p2++;
      if (g >= 3) p3++;
    }
    return new ShownMetrics(n, answered, ratio(answered, n), ratio(scoreSum, n),
        ratio(p2, answered), ratio(p3, answered), ratio(judged, answered));
  }

  /** Scores a run answering every question that got any ranking. */
  public Metrics score(Run run) {
    return score(run, Double.NEGATIVE_INFINITY);
  }

  /**
   * Scores a run as a bot that answers only when the top answer's confidence reaches {@code
   * threshold}: a question below it counts as unanswered (score 0) in every measure, as the
   * track scored a system that abstained.
   */
  public Metrics score(Run run, double threshold) {
    int n = run.questions().size();
    int answered = 0;
    double scoreSum = 0;
    int s2 = 0, s3 = 0, s4 = 0;
    double rr = 0;
    double ap = 0;
    int judgedTop = 0;
    int judgedAll = 0;
    int returnedAll = 0;
    for (int i = 0; i < n; i++) {
      int qid = run.questions().get(i).id();
      List<Ranked> ranking = run.rankings().get(i);
      if (ranking.isEmpty() || ranking.get(0).confidence() < threshold) {
        continue;
      }
      answered++;
      int top = liveQa.grade(qid, ranking.get(0).answerId());
      if (top > 0) {
        judgedTop++;
        scoreSum += top - 1;
      }
      if (top >= 2) s2++;
      if (top >= 3) s3++;
      if (top >= 4) s4++;
      int relevantSeen = 0;
      double precisionSum = 0;
      double reciprocal = 0;
      for (int rank = 1; rank <= ranking.size(); rank++) {
        int g = liveQa.grade(qid, ranking.get(rank - 1).answerId());
        returnedAll++;
        if (g > 0) {
          judgedAll++;
        }
        if (g >= 3) {
          relevantSeen++;
          precisionSum += (double) relevantSeen / rank;
          if (reciprocal == 0) {
            reciprocal = 1.0 / rank;
          }
        }
      }
      rr += reciprocal;
      // as trec_eval's map_cut_10: divided by all relevant answers of the question
      int relevant = liveQa.relevantCount(qid);
      ap += relevant == 0 ? 0 : precisionSum / relevant;
    }
    return new Metrics(n, answered,
        ratio(scoreSum, n),
        ratio(s2, n), ratio(s3, n), ratio(s4, n),
        ratio(s2, answered), ratio(s3, answered), ratio(s4, answered),
        ratio(rr, n), ratio(ap, n),
        ratio(judgedTop, answered), ratio(judgedAll, returnedAll));
  }

  private static double ratio(double a, int b) {
    return b == 0 ? 0 : a / b;
  }

  /** Writes the run as a TREC run file: {@code qid Q0 answer-id rank score tag}. */
  public static void writeTrecRun(Run run, String tag, Writer out) throws IOException {
    for (int i = 0; i < run.questions().size(); i++) {
      List<Ranked> ranking = run.rankings().get(i);
      for (int rank = 1; rank <= ranking.size(); rank++) {
        Ranked r = ranking.get(rank - 1);
        out.write(String.format(Locale.ROOT, "%d Q0 %s %d %.6f %s%n",
            run.questions().get(i).id(), r.answerId(), rank, r.score(), tag));
      }
    }
  }
}
