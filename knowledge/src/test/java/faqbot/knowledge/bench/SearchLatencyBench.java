package faqbot.knowledge.bench;

import faqbot.knowledge.KnowledgeBase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * Search latency percentiles with the LiveQA messages, in wall time and in the searching thread's
 * CPU time. On a machine shared with other jobs wall time mostly measures the queue for a core;
 * CPU time is what the search itself costs, i.e. its latency on an idle machine. Complements
 * {@link SearchBenchmark} (JMH), which reports wall time only. Run from the repository root after
 * {@link ImportBench}:
 *
 * <pre>
 * mvn -q -pl knowledge test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx256m -cp %classpath faqbot.knowledge.bench.SearchLatencyBench target/bench-kb ../../shared"
 * </pre>
 */
public final class SearchLatencyBench {
  private SearchLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Path home = Paths.get(args.length > 0 ? args[0] : "target/bench-kb");
    Path shared = Paths.get(args.length > 1 ? args[1] : "../../shared");
    List<String> queries = SearchBenchmark.liveQaMessages(
        shared.resolve("data/liveqa-med-2017/TREC-2017-LiveQA-Medical-Test.xml"));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (KnowledgeBase kb = KnowledgeBase.open(home)) {
      int rounds = 30;
      for (int round = 0; round < rounds; round++) {
        long[] wall = new long[queries.size()];
        long[] cpu = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          kb.search(queries.get(i), 10);
          wall[i] = System.nanoTime() - t0;
          cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        // the first rounds warm the JIT up; only the last ones are worth reading
        if (round >= rounds - 3) {
          System.out.printf("round %d: wall p50 %.2f ms p99 %.2f ms | cpu p50 %.2f ms p99 %.2f ms%n",
              round, pct(wall, 50), pct(wall, 99), pct(cpu, 50), pct(cpu, 99));
        }
      }
      System.gc();
      System.out.printf("%d entries; heap used after GC %d MB of max %d MB%n", kb.counts().total(),
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
  }
}
