package faqbot.core;

import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the rate limit in the database costs a message: {@link RateLimiter#acquire} on SQLite and
 * on PostgreSQL (the test server of knowledge's {@code PostgresServer}), several threads, many
 * users, every message allowed (the upsert each message pays; a dropped flood asks nothing). Not a
 * test: run it by hand from the repository root,
 *
 * <pre>
 * ./mvnw -B -q -pl bot-core -am -Pbench test -DskipTests -Dbench.main=faqbot.core.StateBench \
 *     -Dbench.args="5000 4"
 * </pre>
 *
 * <p>The arguments: messages per thread (default 5000) and threads (default 4).
 */
public final class StateBench {
  private StateBench() {}

  public static void main(String[] args) throws Exception {
    // the bench profile passes its arguments as one word
    String[] words = String.join(" ", args).trim().split("\\s+");
    int perThread = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 5000;
    int threads = words.length > 1 ? Integer.parseInt(words[1]) : 4;
    for (int round = 0; round < 2; round++) {
      try (Database sqlite = Database.sqlite(Files.createTempDirectory("state-bench")
          .resolve("faqbot.db"))) {
        run("sqlite", sqlite, perThread, threads);
      }
      try (Database pg = PostgresServer.freshDatabase()) {
        run("postgresql", pg, perThread, threads);
      }
    }
    System.exit(0);
  }

  private static void run(String name, Database db, int perThread, int threads) throws Exception {
    try (SqliteRateLimits store = new SqliteRateLimits(db)) {
      RateLimiter limiter = new RateLimiter(1_000, Clock.systemUTC(), store);
      for (int i = 0; i < 500; i++) {
        limiter.acquire("warm-" + i);
      }
      var os = (com.sun.management.OperatingSystemMXBean)
          ManagementFactory.getOperatingSystemMXBean();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      List<Future<long[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        parts.add(pool.submit(() -> {
          long[] nanos = new long[perThread];
          for (int i = 0; i < perThread; i++) {
            long s = System.nanoTime();
            RateLimiter.Verdict v = limiter.acquire("user-" + ((i * threads + thread) % 5000));
            nanos[i] = System.nanoTime() - s;
            if (v != RateLimiter.Verdict.ALLOW) {
              throw new IllegalStateException("limited: " + v);
            }
          }
          return nanos;
        }));
      }
      long[] all = new long[perThread * threads];
      int k = 0;
      for (Future<long[]> f : parts) {
        for (long n : f.get()) {
          all[k++] = n;
        }
      }
      long wall = System.nanoTime() - start;
      cpu = os.getProcessCpuTime() - cpu;
      pool.shutdown();
      Arrays.sort(all);
      System.out.printf(Locale.ROOT, "%-10s %d threads: %,.0f messages/s, p50 %.3f ms, p99 %.3f"
          + " ms, process CPU %.1f µs per message (wall %.1f s)%n", name, threads,
          all.length / (wall / 1e9), all[all.length / 2] / 1e6, all[all.length * 99 / 100] / 1e6,
          cpu / 1e3 / all.length, wall / 1e9);
    }
  }
}
