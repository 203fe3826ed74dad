package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.QuestionsEvaluation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-set validation of {@link Confidence}: for each candidate feature set, fits the model on
 * two of the three development sets (LiveQA dev, the lay questions, the own questions) and
 * measures, at the default threshold, what the bot would show on the third, which the fit never
 * saw; the current coefficients are measured the same way (in sample for dev and lay, which they
 * were fitted on). A confidence that holds on a set it was not fitted on is what unseen patients
 * get. The test split is never read.
 *
 * <pre>
 * java -cp ... faqbot.knowledge.ConfidenceCross $FAQBOT_HOME ../shared/data/liveqa-med-2017 \
 *   ../shared/data/lay-questions/lay-questions.jsonl eval/own-questions.jsonl
 * </pre>
 */
public final class ConfidenceCross {
  private ConfidenceCross() {}

  static final double THRESHOLD = 0.65;

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    Map<String, List<ConfidenceFit.Sample>> sets = new LinkedHashMap<>();
    sets.put("dev", new ArrayList<>());
    sets.put("lay", new ArrayList<>());
    sets.put("own", new ArrayList<>());
    int devQuestions;
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      List<LiveQa.Question> dev = liveQa.judgedQuestions(LiveQa.Split.DEV);
      devQuestions = dev.size();
      for (LiveQa.Question q : dev) {
        shown(kb, q.text()).ifPresent(h -> {
          int g = liveQa.grade(q.id(), h.entry().source().externalId());
          sets.get("dev").add(new ConfidenceFit.Sample("dev", h.features().vector(), g >= 2, Math.max(0, g - 1)));
        });
      }
      for (String name : new String[] {"lay", "own"}) {
        Path file = Path.of(name.equals("lay") ? args[2] : args[3]);
        for (QuestionsEvaluation.Line line : QuestionsEvaluation.load(file)) {
          shown(kb, line.text()).ifPresent(h -> sets.get(name).add(new ConfidenceFit.Sample(
              line.group().name(), h.features().vector(), line.rightAnswer(h.entry()), 0)));
        }
      }
    }
    String[] names = Confidence.Features.NAMES;
    Map<String, Set<String>> candidates = new LinkedHashMap<>();
    candidates.put("all", Set.of(names));
    candidates.put("no lexical", Set.of("cosine", "lexicalRecip", "denseRecip", "topic", "type", "margin",
        "unknown", "support", "named"));
    candidates.put("ranks cosine named unknown", Set.of("cosine", "lexicalRecip", "denseRecip", "named", "unknown"));
    candidates.put("+ margin", Set.of("cosine", "lexicalRecip", "denseRecip", "named", "unknown", "margin"));
    candidates.put("+ support", Set.of("cosine", "lexicalRecip", "denseRecip", "named", "unknown", "support"));
    candidates.put("+ type", Set.of("cosine", "lexicalRecip", "denseRecip", "named", "unknown", "type"));
    candidates.put("+ type support", Set.of("cosine", "lexicalRecip", "denseRecip", "named", "unknown", "type", "support"));
    candidates.put("+ lexical", Set.of("cosine", "lexicalRecip", "denseRecip", "named", "unknown", "lexical"));
    candidates.put("cosine named unknown", Set.of("cosine", "named", "unknown"));
    candidates.put("cosine lexRank named unknown", Set.of("cosine", "lexicalRecip", "named", "unknown"));

    System.out.println("current coefficients (fitted on dev and lay):");
    report("  ", sets, devQuestions, x -> Confidence.fitted().probability(features(x)));
    for (double lambda : new double[] {0.1, 1}) {
      for (Map.Entry<String, Set<String>> c : candidates.entrySet()) {
        boolean[] dropped = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
          dropped[i] = !c.getValue().contains(names[i]);
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-30s l=%.1f", c.getKey(), lambda));
        double lossSum = 0;
        int lossN = 0;
        for (String held : sets.keySet()) {
          List<ConfidenceFit.Sample> train = new ArrayList<>();
          sets.forEach((k, v) -> {
            if (!k.equals(held)) {
              train.addAll(v);
            }
          });
          double[] w = monotone(train, lambda, dropped);
          List<ConfidenceFit.Sample> test = sets.get(held);
          for (ConfidenceFit.Sample s : test) {
            double p = p(w, s.x());
            lossSum -= Math.log(Math.max(1e-9, s.right() ? p : 1 - p));
            lossN++;
          }
          line.append(" | ").append(held).append(' ').append(figures(test, devQuestions, x -> p(w, x)));
        }
        line.append(String.format(Locale.ROOT, " | held-out log loss %.4f", lossSum / lossN));
        System.out.println(line);
      }
    }
  }

  private static Confidence.Features features(double[] x) {
    return new Confidence.Features(x[0], x[1], rank(x[2]), rank(x[3]), x[4] > 0, x[5] > 0, x[6], x[7], x[8], x[9]);
  }

  private static int rank(double recip) {
    return recip <= 0 ? 0 : (int) Math.round(1 / recip);
  }

  private static void report(String indent, Map<String, List<ConfidenceFit.Sample>> sets, int devQuestions,
      java.util.function.ToDoubleFunction<double[]> p) {
    StringBuilder line = new StringBuilder(indent);
    sets.forEach((k, v) -> line.append(" | ").append(k).append(' ').append(figures(v, devQuestions, p)));
    System.out.println(line);
  }

  /** dev: shown, avgScore, prec@2+; a question set: right and wrong shown. */
  private static String figures(List<ConfidenceFit.Sample> samples, int devQuestions,
      java.util.function.ToDoubleFunction<double[]> p) {
    int shown = 0;
    int right = 0;
    int gain = 0;
    boolean dev = !samples.isEmpty() && samples.get(0).set().equals("dev");
    for (ConfidenceFit.Sample s : samples) {
      if (p.applyAsDouble(s.x()) >= THRESHOLD) {
        shown++;
        right += s.right() ? 1 : 0;
        gain += s.gain();
      }
    }
    return dev
        ? String.format(Locale.ROOT, "shown %d avg %.3f prec %.3f", shown, (double) gain / devQuestions,
            shown == 0 ? 0 : (double) right / shown)
        : String.format(Locale.ROOT, "right %d wrong %d", right, shown - right);
  }

  private static double p(double[] w, double[] x) {
    double z = w[0];
    for (int i = 0; i < x.length; i++) {
      z += w[i + 1] * x[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  static double[] monotone(List<ConfidenceFit.Sample> samples, double lambda, boolean[] excluded) {
    boolean[] dropped = excluded.clone();
    while (true) {
      double[] w = ConfidenceFit.fit(samples, lambda, dropped);
      int worst = -1;
      for (int i = 0; i < dropped.length; i++) {
        if (!dropped[i] && ConfidenceFit.EVIDENCE.contains(Confidence.Features.NAMES[i]) && w[i + 1] < 0
            && (worst < 0 || w[i + 1] < w[worst + 1])) {
          worst = i;
        }
      }
      if (worst < 0) {
        for (int i = 0; i < dropped.length; i++) {
          if (dropped[i]) {
            w[i + 1] = 0;
          }
        }
        return w;
      }
      dropped[worst] = true;
    }
  }

  private static Optional<KnowledgeBase.Ranked> shown(KnowledgeBase kb, String text) {
    return kb.rank(text, AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT).stream()
        .filter(h -> h.entry().isAnswerable()).findFirst();
  }
}
