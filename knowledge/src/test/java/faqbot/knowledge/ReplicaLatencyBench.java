package faqbot.knowledge;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How long a change made on one replica takes to be searchable on another, both on one
 * PostgreSQL (the test server of {@link PostgresServer}): woken by the store's notification
 * (LISTEN/NOTIFY) against polling alone. Not a test: run it by hand from the repository root,
 *
 * <pre>
 * ./mvnw -B -q -o -pl knowledge dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * ./mvnw -B -q -o -pl knowledge test-compile
 * java -cp knowledge/target/classes:knowledge/target/test-classes:$(cat /tmp/cp.txt) \
 *     faqbot.knowledge.ReplicaLatencyBench [changes per mode, default 30]
 * </pre>
 *
 * <p>Each change is one entry added on A (the call returns after the commit); the time is until a
 * search on B (every 2 ms) finds it. A random pause of 0 to 500 ms between changes spreads them
 * over the poll's phase. Prints median, 90th percentile and maximum per mode, the median time of
 * one search on B (the loop's resolution), and the process's CPU time for the mode (both replicas
 * and the searching loop).
 */
public final class ReplicaLatencyBench {
  private ReplicaLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    for (boolean listen : new boolean[] {true, false, true, false}) {
      run(listen, n);
    }
    System.exit(0);
  }

  private static void run(boolean listen, int n) throws Exception {
    String url = PostgresServer.freshUrl();
    Path homeA = Files.createTempDirectory("bench-a");
    Path homeB = Files.createTempDirectory("bench-b");
    Random random = new Random(15);
    List<Double> millis = new ArrayList<>();
    List<Double> searches = new ArrayList<>();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu;
    long wall;
    try (KnowledgeBase a = KnowledgeBase.open(homeA, Database.postgresql(url, null, null));
        KnowledgeBase b = KnowledgeBase.open(homeB, Database.postgresql(url, null, null))) {
      a.followStore(listen);
      b.followStore(listen);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (listen && !b.listening() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // warm-up: the first search and the first embedding load their models
      a.add(KnowledgeBaseTestEntries.qa("warm", "How does warming up help?", "It helps."), "b");
      Thread.sleep(1_000);
      cpu = os.getProcessCpuTime();
      wall = System.nanoTime();

      for (int i = 0; i < n; i++) {
        String word = "zorbex" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
        String ext = "bench-" + i;
        a.add(KnowledgeBaseTestEntries.qa(ext, "What is " + word + " syndrome?",
            "A made-up condition."), "bench");
        long start = System.nanoTime();
        while (true) {
          long s0 = System.nanoTime();
          List<SearchHit> hits = b.search(word + " syndrome", 1);
          searches.add((System.nanoTime() - s0) / 1e6);
          if (!hits.isEmpty() && hits.get(0).entry().source().externalId().equals(ext)) {
            break;
          }
          if (System.nanoTime() - start > 10_000_000_000L) {
            throw new IllegalStateException("not found on B within 10 s: " + ext);
          }
          Thread.sleep(2);
        }
        millis.add((System.nanoTime() - start) / 1e6);
        Thread.sleep(random.nextInt(500));
      }
      cpu = os.getProcessCpuTime() - cpu;
      wall = System.nanoTime() - wall;

    }
    Collections.sort(millis);
    Collections.sort(searches);
    System.out.printf(Locale.ROOT, "%-7s n=%d  median %.1f ms  p90 %.1f ms  max %.1f ms"
        + "  (one search on B: median %.1f ms; wall %.1f s, process CPU %.1f s)%n",
        listen ? "notify" : "polling", n, millis.get(n / 2),
        millis.get((int) Math.ceil(n * 0.9) - 1), millis.get(n - 1),
        searches.get(searches.size() / 2), wall / 1e9, cpu / 1e9);
  }
}
