package faqbot.app;

import faqbot.app.Args.UsageException;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.LiveQa.Split;
import faqbot.knowledge.eval.LiveQaEvaluation;
import faqbot.knowledge.eval.LiveQaEvaluation.Ranked;
import faqbot.knowledge.eval.Metrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** {@code faqbot eval liveqa}: retrieval figures on the LiveQA 2017 medical questions. */
final class EvalCommand {
  /** Checked figures may drop by at most this much before the check fails (rounding only). */
  static final double TOLERANCE = 0.00051;

  private final PrintStream out;
  private final PrintStream err;

  EvalCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(AppConfig config, List<String> rest) throws Exception {
    Args a = Args.parse(rest, Set.of("--split", "--run", "--data", "--threshold", "--expect"),
        Set.of("--curve"));
    if (a.positional.size() != 1 || !a.positional.get(0).equals("liveqa")) {
      throw new UsageException("usage: faqbot eval liveqa [--split dev|test|all] [--run FILE] [--data DIR]"
          + " [--threshold T] [--curve] [--expect FILE]");
    }
    Split split;
    try {
      split = Split.valueOf(a.option("--split", "all").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--split must be dev, test or all");
    }
    Path data = a.options.containsKey("--data") ? Path.of(a.option("--data", ""))
        : Path.of("..", "shared", "data", "liveqa-med-2017");
    if (!Files.isDirectory(data)) {
      throw new IOException("LiveQA data not found at " + data + " (use --data DIR)");
    }
    double threshold = Double.NEGATIVE_INFINITY;
    if (a.options.containsKey("--threshold")) {
      try {
        threshold = Double.parseDouble(a.option("--threshold", ""));
      } catch (NumberFormatException e) {
        throw new UsageException("--threshold must be a number");
      }
    }
    LiveQa liveQa = LiveQa.load(data);
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    try (KnowledgeBase kb = Cli.openKnowledge(config)) {
      reportCoverage(liveQa, kb);
      long start = System.nanoTime();
      LiveQaEvaluation.Run run = eval.run(split, text -> rank(kb, text));
      double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, run.questions().size());
      Metrics m = eval.score(run, threshold);
      out.printf(Locale.ROOT, "LiveQA 2017 medical, split %s%s%n", split.name().toLowerCase(Locale.ROOT),
          Double.isInfinite(threshold) ? "" : String.format(Locale.ROOT, ", threshold %.3f", threshold));
      out.print(m.format());
      out.printf(Locale.ROOT, "%-10s %.2f ms/question%n", "latency", ms);
      if (a.flag("--curve")) {
        printCurve(eval, run);
      }
      if (a.options.containsKey("--run")) {
        try (Writer w = Files.newBufferedWriter(Path.of(a.option("--run", "")), StandardCharsets.UTF_8)) {
          LiveQaEvaluation.writeTrecRun(run, "faqbot", w);
        }
        out.println("run written to " + a.option("--run", ""));
      }
      if (a.options.containsKey("--expect")) {
        return check(m, Path.of(a.option("--expect", "")));
      }
    }
    return 0;
  }

  static List<Ranked> rank(KnowledgeBase kb, String text) {
    return kb.search(text, 10).stream()
        .map(h -> new Ranked(h.entry().source().externalId(), h.score(), h.confidence()))
        .toList();
  }

  private void reportCoverage(LiveQa liveQa, KnowledgeBase kb) {
    Set<String> judged = liveQa.judgedAnswerIds();
    long present = judged.stream().filter(id -> kb.getByExternalId(id).isPresent()).count();
    if (present < judged.size()) {
      err.printf(Locale.ROOT,
          "warning: the knowledge base does not hold all of MedQuAD: %d of %d judged answers are missing;"
              + " import ../shared/data/medquad first. Missing answers count as wrong.%n",
          judged.size() - present, judged.size());
    } else {
      out.printf(Locale.ROOT, "knowledge base holds all %d judged MedQuAD answers (%d entries)%n",
          judged.size(), kb.counts().total());
    }
  }

  /** Precision against answer rate as the confidence threshold moves. */
  private void printCurve(LiveQaEvaluation eval, LiveQaEvaluation.Run run) {
    out.println("threshold  answered  rate   prec@2+  prec@3+  avgScore");
    for (int i = 0; i <= 20; i++) {
      double t = i * 0.05;
      Metrics m = eval.score(run, t);
      out.printf(Locale.ROOT, "%9.2f  %8d  %5.3f  %7.4f  %7.4f  %8.4f%n", t, m.answered(),
          (double) m.answered() / Math.max(1, m.questions()), m.prec2(), m.prec3(), m.avgScore());
    }
  }

  /** Fails when any figure fell below its checked-in expectation. */
  private int check(Metrics m, Path expectedFile) throws IOException {
    Properties expected = new Properties();
    try (var r = Files.newBufferedReader(expectedFile, StandardCharsets.UTF_8)) {
      expected.load(r);
    }
    int worse = 0;
    for (Map.Entry<String, Double> e : m.asMap().entrySet()) {
      String v = expected.getProperty(e.getKey());
      if (v == null) {
        continue;
      }
      double want = Double.parseDouble(v);
      if (e.getValue() < want - TOLERANCE) {
        worse++;
        err.printf(Locale.ROOT, "regression: %s is %.4f, expected at least %.4f%n", e.getKey(), e.getValue(), want);
      }
    }
    if (worse == 0) {
      out.println("figures match or beat " + expectedFile);
      return 0;
    }
    return 1;
  }
}
