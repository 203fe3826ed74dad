package faqbot.app;

import faqbot.app.Args.UsageException;
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
import java.util.Set;

/**
 * {@code faqbot bench search}: search latency over the current knowledge base, with the LiveQA
 * patient messages as queries (real length and mess), after a warm-up, single-threaded. Prints
 * percentiles and the heap in use, so figures come from a benchmark and not from a timed test.
 */
final class BenchCommand {
  private final PrintStream out;

  BenchCommand(PrintStream out) {
    this.out = out;
  }

  int run(AppConfig config, List<String> rest) throws Exception {
    Args a = Args.parse(rest, Set.of("--data", "--rounds", "--warmup"), Set.of());
    if (a.positional.size() != 1 || !a.positional.get(0).equals("search")) {
      throw new UsageException("usage: faqbot bench search [--data DIR] [--rounds N] [--warmup N]");
    }
    Path data = Path.of(a.option("--data", "../shared/data/liveqa-med-2017"));
    if (!Files.isDirectory(data)) {
      throw new IOException("LiveQA data not found at " + data + " (use --data DIR)");
    }
    int rounds = a.intOption("--rounds", 20, 1, 10_000);
    int warmup = a.intOption("--warmup", 10, 0, 10_000);
    List<String> queries = LiveQa.load(data).judgedQuestions(LiveQa.Split.ALL).stream()
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
