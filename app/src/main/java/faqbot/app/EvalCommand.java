package faqbot.app;

import faqbot.core.triage.Triage;
import faqbot.knowledge.AnswerChoice;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.SearchHit;
import faqbot.knowledge.eval.Expectations;
import faqbot.knowledge.eval.LiveQa;
import faqbot.knowledge.eval.LiveQa.Split;
import faqbot.knowledge.eval.LiveQaEvaluation;
import faqbot.knowledge.eval.LiveQaEvaluation.Ranked;
import faqbot.knowledge.eval.Metrics;
import faqbot.knowledge.eval.QuestionsEvaluation;
import faqbot.knowledge.eval.ShownMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faqbot eval liveqa}: retrieval and shown-answer figures on the LiveQA 2017 medical
 * questions; {@code faqbot eval questions}: what the bot shows for messages with known answers.
 */
@Command(name = "eval", synopsisSubcommandLabel = "(liveqa | questions)",
    description = "retrieval and answer figures: eval liveqa, eval questions")
final class EvalCommand {
  private final Cli cli;
  private final PrintStream out;
  private final PrintStream err;

  EvalCommand(Cli cli) {
    this.cli = cli;
    this.out = cli.out;
    this.err = cli.err;
  }

  @Command(name = "liveqa", description = "retrieval and shown-answer figures on the LiveQA 2017"
      + " medical questions")
  int liveqa(@Option(names = "--split", paramLabel = "dev|test|all", defaultValue = "all",
          description = "the questions (default: ${DEFAULT-VALUE})") Split split,
      @Option(names = "--run", paramLabel = "FILE", description = "write a TREC run file") Path runFile,
      @Option(names = "--data", paramLabel = "DIR",
          defaultValue = "../shared/data/liveqa-med-2017",
          description = "the LiveQA data (default: ${DEFAULT-VALUE})") Path data,
      @Option(names = "--threshold", paramLabel = "T", description = "score and show at T (default:"
          + " figures over every answer, shown at the bot's threshold)") Double asked,
      @Option(names = "--curve", description = "precision against answer rate by threshold") boolean curve,
      @Option(names = "--expect", paramLabel = "FILE", description = "exit 1 when a figure is worse"
          + " than in FILE (properties)") Path expect) throws Exception {
    AppConfig config = cli.config();
    if (!Files.isDirectory(data)) {
      throw new IOException("LiveQA data not found at " + data + " (use --data DIR)");
    }
    double threshold = asked == null ? Double.NEGATIVE_INFINITY : asked;
    // what the bot shows is decided at the bot's own threshold unless one is asked for
    double botThreshold = asked == null ? botThreshold(config) : asked;
    Properties expected = expect == null ? null : readExpected(expect);
    LiveQa liveQa = LiveQa.load(data);
    LiveQaEvaluation eval = new LiveQaEvaluation(liveQa);
    try (KnowledgeBase kb = Cli.openKnowledge(config)) {
      reportCoverage(liveQa, kb);
      long start = System.nanoTime();
      LiveQaEvaluation.Run run = eval.respond(split, text -> respond(kb, text, botThreshold));
      double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, run.questions().size());
      Metrics m = eval.score(run, threshold);
      ShownMetrics shown = eval.scoreShown(run);
      out.printf(Locale.ROOT, "LiveQA 2017 medical, split %s%s%n", split.name().toLowerCase(Locale.ROOT),
          Double.isInfinite(threshold) ? "" : String.format(Locale.ROOT, ", threshold %.3f", threshold));
      out.print(m.format());
      out.printf(Locale.ROOT, "what the bot shows (answer threshold %.3f):%n", botThreshold);
      out.print(shown.format());
      out.printf(Locale.ROOT, "%-10s %.2f ms/question%n", "latency", ms);
      if (curve) {
        printCurve(eval, run);
      }
      if (runFile != null) {
        faqbot.knowledge.PrivateFiles.writeAtomically(runFile,
            w -> LiveQaEvaluation.writeTrecRun(run, "faqbot", w));
        out.println("run written to " + runFile);
      }
      if (expected != null) {
        Map<String, Double> figures = new LinkedHashMap<>(m.asMap());
        figures.putAll(shown.asMap());
        return check(figures, Set.of(), expected, expect.toString());
      }
    }
    return 0;
  }

  /** {@code faqbot eval questions FILE}: what the bot shows for messages with known right answers. */
  @Command(name = "questions", description = "what the bot shows for messages with known answers"
      + " (lay-questions JSONL)")
  int questions(@Parameters(paramLabel = "FILE", description = "the questions") Path file,
      @Option(names = "--threshold", paramLabel = "T", description = "default: the bot's") Double asked,
      @Option(names = "--lines", description = "one line per message") boolean perLine,
      @Option(names = "--hits", paramLabel = "N", defaultValue = "0", description = "with --lines, the"
          + " first N hits under each line that did not get a right answer (default 0: none)") int hitsShown,
      @Option(names = "--expect", paramLabel = "FILE", description = "exit 1 when a figure is worse"
          + " than in FILE (properties)") Path expect) throws Exception {
    AppConfig config = cli.config();
    double threshold = asked != null ? asked : botThreshold(config);
    Properties expected = expect == null ? null : readExpected(expect);
    List<QuestionsEvaluation.Line> lines = QuestionsEvaluation.load(file);
    Triage triage = Triage.loadDefault();
    try (KnowledgeBase kb = Cli.openKnowledge(config)) {
      Map<String, List<SearchHit>> hitsOf = new HashMap<>();
      QuestionsEvaluation.Figures f = QuestionsEvaluation.evaluate(lines, text -> {
        // the bot's order: emergency guidance first, then the answer rule
        if (triage.assess(text).emergency()) {
          return QuestionsEvaluation.Response.emergencyGuidance();
        }
        List<SearchHit> found = kb.search(text, AnswerChoice.SEARCH_LIMIT);
        if (hitsShown > 0) {
          hitsOf.put(text, found);
        }
        return AnswerChoice.choose(found, threshold)
            .map(h -> QuestionsEvaluation.Response.answered(h.entry()))
            .orElse(QuestionsEvaluation.Response.declined());
      });
      out.printf(Locale.ROOT, "questions %s, answer threshold %.3f%n", file, threshold);
      if (perLine) {
        for (QuestionsEvaluation.Result r : f.results()) {
          out.println(r.format());
          if (hitsShown > 0 && !r.right() && r.line().group() != QuestionsEvaluation.Group.NO_MATCH) {
            List<SearchHit> found = hitsOf.getOrDefault(r.line().text(), List.of());
            for (SearchHit h : found.subList(0, Math.min(hitsShown, found.size()))) {
              Entry e = h.entry();
              out.printf(Locale.ROOT, "    %s %-28s %.2f %.3f [%s / %s]%s%n",
                  r.line().rightAnswer(e) ? "R" : "-", e.source().externalId(), h.score(),
                  h.confidence(), e.focus(), e.questionType(), e.isAnswerable() ? "" : " (pending)");
            }
          }
        }
      }
      out.print(f.format());
      if (expected != null) {
        return check(f.values(), QuestionsEvaluation.LOWER_IS_BETTER, expected, expect.toString());
      }
    }
    return 0;
  }

  private double botThreshold(AppConfig config) throws IOException {
    return new BotCommands(config, InputStream.nullInputStream(), out, err).coreConfig().confidenceThreshold();
  }

  /** Read before the evaluation runs, so that a missing file fails fast. */
  private static Properties readExpected(Path file) throws IOException {
    Properties expected = new Properties();
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      expected.load(r);
    }
    return expected;
  }

  /** The bot's decision over the ranking the evaluation scores, so that both come from one search. */
  static LiveQaEvaluation.Response respond(KnowledgeBase kb, String text, double threshold) {
    List<SearchHit> hits = kb.search(text, 10);
    List<Ranked> ranked = hits.stream()
        .map(h -> new Ranked(h.entry().source().externalId(), h.score(), h.confidence()))
        .toList();
    String shown = AnswerChoice.choose(hits, threshold)
        .map(h -> h.entry().source().externalId()).orElse(null);
    return new LiveQaEvaluation.Response(ranked, shown);
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

  /**
   * 0 when no figure got worse, 1 when one did; 2 when the file names a figure that is not printed,
   * since a check that compares nothing must not pass.
   */
  private int check(Map<String, Double> figures, Set<String> lowerIsBetter, Properties expected,
      String file) {
    Expectations.Outcome o = Expectations.check(figures, lowerIsBetter, expected);
    o.errors().forEach(e -> err.println("faqbot: " + file + ": " + e));
    o.regressions().forEach(r -> err.println("regression: " + r));
    if (!o.errors().isEmpty()) {
      return 2;
    }
    if (o.regressions().isEmpty()) {
      out.println("figures match or beat " + file);
      return 0;
    }
    return 1;
  }
}
