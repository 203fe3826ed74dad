package faqbot.core;

import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the send pacing costs a message: one {@link SendPacing#reserve} with Telegram's rules (a
 * chat's 1 s spacing, the bot's 30 a second) for chats that are free, as most are, so each call
 * also takes the bot's budget: in the process (one replica) and in PostgreSQL (replicas; the test
 * server of knowledge's {@code PostgresServer}), several threads on one bot row as replicas'
 * senders would be. Not a test: run it by hand from the repository root,
 *
 * <pre>
 * ./mvnw -B -q -pl bot-core -am -Pbench test -DskipTests -Dbench.main=faqbot.core.SendPacingBench \
 *     -Dbench.args="5000 4"
 * </pre>
 *
 * <p>The arguments: reservations per thread (default 5000) and threads (default 4).
 */
public final class SendPacingBench {
  static final SendPacing.Rule CHAT = new SendPacing.Rule(1_000_000, 0, 1);
  static final SendPacing.Rule BOT = new SendPacing.Rule(0, 33_334, 1);

  private SendPacingBench() {}

  public static void main(String[] args) throws Exception {
    String[] words = String.join(" ", args).trim().split("\\s+");
    int perThread = words.length > 0 && !words[0].isEmpty() ? Integer.parseInt(words[0]) : 5000;
    int threads = words.length > 1 ? Integer.parseInt(words[1]) : 4;
    for (int round = 0; round < 2; round++) {
      run("in-process", SendPacing.inProcess(), perThread, threads, round);
      try (Database pg = PostgresServer.freshDatabase()) {
        run("postgresql", SqliteStores.sendPacing(pg), perThread, threads, round);
      }
    }
    System.exit(0);
  }

  private static void run(String name, SendPacing pacing, int perThread, int threads, int round)
      throws Exception {
    for (int i = 0; i < 500; i++) {
      pacing.reserve("warm-" + i, CHAT, "bot-warm", BOT, 0);
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
          // each chat once: free, so the call takes the bot's budget as well
          SendPacing.Slot slot = pacing.reserve("chat-" + round + "-" + thread + "-" + i, CHAT,
              "bot", BOT, 0);
          nanos[i] = System.nanoTime() - s;
          if (!slot.overall()) {
            throw new IllegalStateException("a free chat had to wait");
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
    System.out.printf(Locale.ROOT, "%-10s %d threads: %,.0f reservations/s, p50 %.3f ms, p99 %.3f"
        + " ms, process CPU %.1f µs per reservation (wall %.1f s, load average %.1f)%n", name,
        threads, all.length / (wall / 1e9), all[all.length / 2] / 1e6,
        all[all.length * 99 / 100] / 1e6, cpu / 1e3 / all.length, wall / 1e9,
        os.getSystemLoadAverage());
  }
}
