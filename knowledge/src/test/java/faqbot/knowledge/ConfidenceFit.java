package faqbot.knowledge;

import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.QuestionsEvaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fits {@link Confidence}: a logistic regression of "the hit the bot would show is a right
 * answer" on {@link Confidence.Features}, over the LiveQA dev split (right: graded 2 or better,
 * i.e. at least related and useful) and the lay questions (right: the expected topic and question
 * type, or the seed document; any answer to a no-match line is wrong). Writes the coefficients to
 * {@code confidence.properties} and prints, per threshold, what the bot would do on both sets, from
 * which the default threshold is chosen. The test split is never read.
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=faqbot.knowledge.ConfidenceFit \
 *   -Dexec.args="$FAQBOT_HOME ../shared/data/liveqa-med-2017 ../shared/data/lay-questions/lay-questions.jsonl,eval/own-questions.jsonl knowledge/src/main/resources/faqbot/knowledge/confidence.properties"
 * </pre>
 */
public final class ConfidenceFit {
  private ConfidenceFit() {}

  /** One shown hit: its features, whether it is right, and what it scores for LiveQA (grade - 1). */
  record Sample(String set, double[] x, boolean right, int gain) {}

  public static void main(String[] args) throws Exception {
    LiveQa liveQa = LiveQa.load(Path.of(args[1]));
    // the lay questions, and any further question sets after a comma (eval/own-questions.jsonl)
    List<QuestionsEvaluation.Line> lay = new ArrayList<>();
    for (String file : args[2].split(",")) {
      lay.addAll(QuestionsEvaluation.load(Path.of(file)));
    }
    List<Sample> samples = new ArrayList<>();
    int devQuestions;
    int[] layCounts = new int[3];
    try (KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]))) {
      List<LiveQa.Question> dev = liveQa.judgedQuestions(LiveQa.Split.DEV);
      devQuestions = dev.size();
      for (LiveQa.Question q : dev) {
        shown(kb, q.text()).ifPresent(h -> {
          int g = liveQa.grade(q.id(), h.entry().source().externalId());
          samples.add(new Sample("dev", h.features().vector(), g >= 2, Math.max(0, g - 1)));
        });
      }
      for (QuestionsEvaluation.Line line : lay) {
        layCounts[line.group().ordinal()]++;
        shown(kb, line.text()).ifPresent(h -> samples.add(new Sample(line.group().name(),
            h.features().vector(), line.rightAnswer(h.entry()), 0)));
      }
    }
    // the regularisation is chosen by the out-of-fold log loss of a 5-fold cross-validation (folds
    // by sample position, so a fold mixes both sets); the table below is printed both in sample and
    // out of fold, the honest one
    double lambda = 0;
    double bestLoss = Double.MAX_VALUE;
    for (double l : new double[] {1e-2, 1e-1, 0.3, 1, 3, 10}) {
      double loss = 0;
      for (double[] pr : outOfFold(samples, l)) {
        loss -= Math.log(Math.max(1e-9, pr[1] > 0 ? pr[0] : 1 - pr[0]));
      }
      System.out.printf(Locale.ROOT, "# lambda %.2f: out-of-fold log loss %.4f%n", l, loss / samples.size());
      if (loss < bestLoss) {
        bestLoss = loss;
        lambda = l;
      }
    }
    double[] w = monotone(samples, lambda);
    StringBuilder out = new StringBuilder();
    out.append("# Logistic regression of \"the shown hit is right\" on Confidence.Features, fitted by\n")
        .append("# ConfidenceFit (its javadoc has the command) on the LiveQA dev split and the question sets\n")
        .append("# " + args[2].replaceAll("[^,]*/", "") + ".\n")
        .append(String.format(Locale.ROOT, "# %d samples (%d right).%n", samples.size(),
            samples.stream().filter(Sample::right).count()))
        .append(String.format(Locale.ROOT, "# L2 weight %.2f, chosen by 5-fold cross-validation.%n", lambda))
        .append(String.format(Locale.ROOT, "intercept=%.6f%n", w[0]));
    for (int i = 0; i < Confidence.Features.NAMES.length; i++) {
      out.append(String.format(Locale.ROOT, "%s=%.6f%n", Confidence.Features.NAMES[i], w[i + 1]));
    }
    System.out.print(out);
    if (args.length > 3) {
      Files.writeString(Path.of(args[3]), out.toString(), StandardCharsets.UTF_8);
    }
    Confidence c = new Confidence(w[0], java.util.Arrays.copyOfRange(w, 1, w.length));
    double[] inSample = samples.stream().mapToDouble(s -> p(c, s.x())).toArray();
    List<double[]> oof = outOfFold(samples, lambda);
    double[] outOfFold = oof.stream().mapToDouble(pr -> pr[0]).toArray();
    table("in sample", samples, inSample, devQuestions, layCounts);
    table("out of fold (5-fold cross-validation)", samples, outOfFold, devQuestions, layCounts);
  }

  private static void table(String title, List<Sample> samples, double[] probability, int devQuestions,
      int[] layCounts) {
    System.out.println("# " + title);
    System.out.println("threshold | dev answered prec@2+ avgScore | lay success wrong noMatchDecline");
    for (double t = 0; t <= 0.951; t += 0.05) {
      int devAns = 0, devRight = 0, devGain = 0, layRight = 0, layWrong = 0, nmAnswered = 0;
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        if (probability[i] < t) {
          continue;
        }
        if (s.set().equals("dev")) {
          devAns++;
          devRight += s.right() ? 1 : 0;
          devGain += s.gain();
        } else {
          layRight += s.right() ? 1 : 0;
          layWrong += s.right() ? 0 : 1;
          nmAnswered += s.set().equals("NO_MATCH") ? 1 : 0;
        }
      }
      int layAll = layCounts[0] + layCounts[1] + layCounts[2];
      System.out.printf(Locale.ROOT, "%.2f | %.3f %.3f %.3f | %.3f %.3f %.3f%n", t,
          (double) devAns / devQuestions, devAns == 0 ? 0 : (double) devRight / devAns,
          (double) devGain / devQuestions, (double) layRight / layAll, (double) layWrong / layAll,
          1 - (double) nmAnswered / layCounts[QuestionsEvaluation.Group.NO_MATCH.ordinal()]);
    }
  }

  /** Each sample's probability from a model fitted without its fold, and whether it is right (1/0). */
  static List<double[]> outOfFold(List<Sample> samples, double lambda) {
    int folds = 5;
    double[][] out = new double[samples.size()][];
    for (int f = 0; f < folds; f++) {
      List<Sample> train = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        if (i % folds != f) {
          train.add(samples.get(i));
        }
      }
      double[] w = monotone(train, lambda);
      Confidence c = new Confidence(w[0], java.util.Arrays.copyOfRange(w, 1, w.length));
      for (int i = f; i < samples.size(); i += folds) {
        out[i] = new double[] {p(c, samples.get(i).x()), samples.get(i).right() ? 1 : 0};
      }
    }
    return java.util.Arrays.asList(out);
  }

  private static double p(Confidence c, double[] x) {
    // ranks back from their reciprocals
    return c.probability(new Confidence.Features(x[0], x[1], rank(x[2]), rank(x[3]), x[4] > 0,
        x[5] > 0, x[6], x[7], x[8], x[9]));
  }

  private static int rank(double recip) {
    return recip <= 0 ? 0 : (int) Math.round(1 / recip);
  }

  /** The hit the bot would show: the first answerable among its six. */
  private static Optional<KnowledgeBase.Ranked> shown(KnowledgeBase kb, String text) {
    return kb.rank(text, AnswerChoice.SEARCH_LIMIT, SearchTuning.DEFAULT).stream()
        .filter(h -> h.entry().isAnswerable()).findFirst();
  }

  /**
   * Features that are evidence for a right answer: a fitted weight below zero for one of them
   * (collinear features share their effect, and a few hundred samples let one go negative) would
   * make more evidence lower the confidence, so such a feature is dropped and the rest refitted.
   */
  static final java.util.Set<String> EVIDENCE = java.util.Set.of("cosine", "lexicalRecip", "denseRecip",
      "topic", "type", "margin", "support", "named");

  static double[] monotone(List<Sample> samples, double lambda) {
    boolean[] dropped = new boolean[Confidence.Features.NAMES.length];
    while (true) {
      double[] w = fit(samples, lambda, dropped);
      int worst = -1;
      for (int i = 0; i < dropped.length; i++) {
        if (!dropped[i] && EVIDENCE.contains(Confidence.Features.NAMES[i]) && w[i + 1] < 0
            && (worst < 0 || w[i + 1] < w[worst + 1])) {
          worst = i;
        }
      }
      if (worst < 0) {
        return w;
      }
      dropped[worst] = true;
    }
  }

  /** L2-regularised logistic regression by Newton's method (a handful of features, a few hundred samples). */
  static double[] fit(List<Sample> samples, double lambda, boolean[] dropped) {
    int d = samples.get(0).x().length + 1;
    double[] w = new double[d];
    for (int iter = 0; iter < 50; iter++) {
      double[] grad = new double[d];
      double[][] hess = new double[d][d];
      for (Sample s : samples) {
        double[] x = withBias(s.x());
        for (int i = 1; i < d; i++) {
          x[i] = dropped[i - 1] ? 0 : x[i];
        }
        double z = 0;
        for (int i = 0; i < d; i++) {
          z += w[i] * x[i];
        }
        double p = 1 / (1 + Math.exp(-z));
        double y = s.right() ? 1 : 0;
        for (int i = 0; i < d; i++) {
          grad[i] += (p - y) * x[i];
          for (int j = 0; j < d; j++) {
            hess[i][j] += p * (1 - p) * x[i] * x[j];
          }
        }
      }
      for (int i = 1; i < d; i++) {
        grad[i] += lambda * w[i];
        hess[i][i] += lambda;
      }
      hess[0][0] += 1e-9;
      double[] step = solve(hess, grad);
      double max = 0;
      for (int i = 0; i < d; i++) {
        w[i] -= step[i];
        max = Math.max(max, Math.abs(step[i]));
      }
      if (max < 1e-8) {
        break;
      }
    }
    return w;
  }

  private static double[] withBias(double[] x) {
    double[] out = new double[x.length + 1];
    out[0] = 1;
    System.arraycopy(x, 0, out, 1, x.length);
    return out;
  }

  /** Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] tr = a[c];
      a[c] = a[piv];
      a[piv] = tr;
      double tb = b[c];
      b[c] = b[piv];
      b[piv] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
