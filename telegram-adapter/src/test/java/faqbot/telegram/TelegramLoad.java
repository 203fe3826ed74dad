package faqbot.telegram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput through the fake Bot API: {@link CrashBot} as its own JVM (the real core, the
 * adapter, telegrambots) answers {@code users} users sending {@code perUser} questions each, all
 * at once. Prints answers per second from the first update to the last answer, the answer
 * latencies, the smallest gap between two messages to one chat and the most messages in any
 * one second, so that the pacing can be seen to hold. Not a test: figures depend on the machine.
 *
 * <pre>
 * ./mvnw -B -q -pl telegram-adapter -am -Ptelegram-load test -DskipTests -Dload.args="users=50 per-user=4"
 * </pre>
 */
public final class TelegramLoad {
  private TelegramLoad() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : String.join(" ", args).split("\\s+")) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        opts.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    int users = Integer.parseInt(opts.getOrDefault("users", "50"));
    int perUser = Integer.parseInt(opts.getOrDefault("per-user", "4"));
    Path dir = Files.createTempDirectory("faqbot-tg-load");
    try (ProcessHarness h = new ProcessHarness(dir)) {
      h.start();
      h.awaitRunning(Duration.ofSeconds(120));
      // one question first, so that the first timed answers do not pay for class loading
      h.api.push(Updates.privateText(99, "Warm", "How soon can I walk after a vertebroplasty?"));
      h.api.await("sendMessage", 1, c -> "99".equals(c.param("chat_id")), Duration.ofSeconds(60));
      int total = users * perUser;
      long start = System.nanoTime();
      h.sendLoad(users, perUser);
      if (!h.awaitAnswered(total, Duration.ofSeconds(600))) {
        System.out.println("only " + h.answered() + " of " + total + " answered");
        return;
      }
      List<Long> latencies = new ArrayList<>();
      long last = 0;
      for (List<FakeBotApi.Call> sent : h.deliveries().values()) {
        long at = sent.get(0).atNanos;
        latencies.add((at - start) / 1_000_000);
        last = Math.max(last, at);
      }
      Collections.sort(latencies);
      double seconds = (last - start) / 1e9;
      Map<String, Long> previous = new HashMap<>();
      long minGapMs = Long.MAX_VALUE;
      List<Long> times = new ArrayList<>();
      for (FakeBotApi.Call c : h.api.calls("sendMessage")) {
        if (c.atNanos < start) {
          continue;
        }
        times.add(c.atNanos);
        Long prev = previous.put(c.param("chat_id"), c.atNanos);
        if (prev != null) {
          minGapMs = Math.min(minGapMs, (c.atNanos - prev) / 1_000_000);
        }
      }
      int busiest = 0;
      for (int i = 0, j = 0; i < times.size(); i++) {
        while (times.get(i) - times.get(j) >= 1_000_000_000L) {
          j++;
        }
        busiest = Math.max(busiest, i - j + 1);
      }
      System.out.printf("%d users x %d questions: %d answers in %.2f s = %.1f answers/s%n",
          users, perUser, total, seconds, total / seconds);
      System.out.printf("answer latency ms: p50 %d, p90 %d, max %d%n",
          latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 9 / 10),
          latencies.get(latencies.size() - 1));
      // a turn shows the typing indicator as it reaches the core: when the last one did tells
      // whether the core or the sending paced the run
      long lastTurn = h.api.calls("sendChatAction").stream().mapToLong(c -> c.atNanos)
          .max().orElse(start);
      System.out.printf("the last turn reached the core after %.2f s%n",
          (lastTurn - start) / 1e9);
      System.out.printf("sendMessage calls %d; smallest gap within one chat %d ms;"
          + " most calls in one second %d%n", times.size(), minGapMs, busiest);
      h.terminate(Duration.ofSeconds(60));
    }
  }
}
