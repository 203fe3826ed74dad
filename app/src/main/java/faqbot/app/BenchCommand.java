package faqbot.app;

import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.eval.LiveQa;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faqbot bench search}: search latency over the current knowledge base, with the LiveQA
 * patient messages as queries (real length and mess), after a warm-up, single-threaded. Prints
 * percentiles and the heap in use, so figures come from a benchmark and not from a timed test.
 */
@Command(name = "bench", synopsisSubcommandLabel = "search", description = "benchmarks: bench search")
final class BenchCommand {
  private final Cli cli;
  private final PrintStream out;

  BenchCommand(Cli cli) {
    this.cli = cli;
    this.out = cli.out;
  }

  @Command(name = "search", description = "search latency with the LiveQA dev messages as queries")
  int search(@Option(names = "--data", paramLabel = "DIR",
          defaultValue = "../shared/data/liveqa-med-2017",
          description = "the LiveQA data (default: ${DEFAULT-VALUE})") Path data,
      @Option(names = "--rounds", paramLabel = "N", defaultValue = "20",
          description = "measured rounds over all messages (default: ${DEFAULT-VALUE})") int rounds,
      @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
          description = "rounds before measuring (default: ${DEFAULT-VALUE})") int warmup)
      throws Exception {
    if (!Files.isDirectory(data)) {
      throw new IOException("LiveQA data not found at " + data + " (use --data DIR)");
    }
    cli.within("--rounds", rounds, 1, 10_000);
    cli.within("--warmup", warmup, 0, 10_000);
    AppConfig config = cli.config();
    // every round repeats the same messages: measure what a new one costs, embedding included,
    // not the caches of recent messages' embeddings and rankings
    System.setProperty(KnowledgeBase.EMBEDDING_CACHE_PROPERTY, "0");
    System.setProperty(KnowledgeBase.SEARCH_CACHE_PROPERTY, "0");
    // the dev split only: nothing is run on the test questions but the evaluation that reports them
    List<String> queries = LiveQa.load(data).judgedQuestions(LiveQa.Split.DEV).stream()
        .map(LiveQa.Question::text).toList();
    try (KnowledgeBase kb = Cli.openKnowledge(config)) {
      long sink = 0;
      for (int r = 0; r < warmup; r++) {
        for (String q : queries) {
          sink += kb.search(q, 10).size();
        }
      }
      // CPU time beside wall time: on a shared machine wall time mostly measures the wait for a core
      java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] nanos = new long[rounds * queries.size()];
      long[] cpu = new long[nanos.length];
      int i = 0;
      long start = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        for (String q : queries) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          sink += kb.search(q, 10).size();
          nanos[i] = System.nanoTime() - t0;
          cpu[i++] = threads.getCurrentThreadCpuTime() - c0;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(nanos);
      Arrays.sort(cpu);
      System.gc();
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      out.printf(Locale.ROOT, "%d entries, %d searches of LiveQA messages (mean %d chars), %d warm-up rounds%n",
          kb.counts().total(), nanos.length,
          Math.round(queries.stream().mapToInt(String::length).average().orElse(0)), warmup);
      out.printf(Locale.ROOT, "wall ms: p50 %.3f  p90 %.3f  p99 %.3f  max %.3f%n",
          pct(nanos, 0.50), pct(nanos, 0.90), pct(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
      out.printf(Locale.ROOT, "cpu ms:  p50 %.3f  p90 %.3f  p99 %.3f  max %.3f%n",
          pct(cpu, 0.50), pct(cpu, 0.90), pct(cpu, 0.99), cpu[cpu.length - 1] / 1e6);
      out.printf(Locale.ROOT, "throughput: %.0f searches/s on one thread%n", nanos.length / seconds);
      out.printf(Locale.ROOT, "heap after GC: %d MB used of %d MB max (hits returned: %d)%n",
          heap.getUsed() >> 20, heap.getMax() >> 20, sink);
    }
    return 0;
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
