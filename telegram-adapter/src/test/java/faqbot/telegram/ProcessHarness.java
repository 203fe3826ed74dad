package faqbot.telegram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CrashBot} as child JVMs against a {@link FakeBotApi} that outlives them, sends the
 * load (users x questions, each question unique), and counts what was delivered per question:
 * lost (never delivered), duplicated (delivered more than once), and of the duplicates those
 * whose first copy Telegram (the fake) confirmed in the instant of a kill, which the bot could not
 * have recorded.
 */
final class ProcessHarness implements AutoCloseable {
  static final String TOKEN = "135792468:AAH-crash_TEST_token_0123456789abcdef";
  /** How close to a kill a confirmed send counts as one the kill cut off. */
  static final long CUT_OFF_WINDOW_NANOS = Duration.ofSeconds(2).toNanos();

  final FakeBotApi api;
  final Path home;
  private final Path logs;
  private final List<String> questions = new ArrayList<>();
  private final List<Long> kills = new ArrayList<>();
  private Process process;
  private int runs;

  ProcessHarness(Path dir) throws IOException {
    this.api = new FakeBotApi(TOKEN);
    this.home = dir.resolve("home");
    this.logs = dir;
  }

  /** Starts a bot process on the same home. */
  void start() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the adapter's debug lines are part of what the token check reads
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m",
        "-Dorg.slf4j.simpleLogger.log.faqbot.telegram=debug", "-cp",
        System.getProperty("java.class.path"), CrashBot.class.getName(), home.toString());
    Map<String, String> env = pb.environment();
    env.putAll(api.env());
    pb.redirectErrorStream(true);
    pb.redirectOutput(logs.resolve("bot-" + (++runs) + ".log").toFile());
    process = pb.start();
  }

  /** Waits until the bot process says it is running (its shutdown hook is in place). */
  void awaitRunning(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log(runs).contains("crashbot: running")) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new AssertionError("the bot did not start (" + status() + "):\n" + log(runs));
      }
      Thread.sleep(50);
    }
  }

  /** Sends {@code perUser} questions from each of {@code users} users, round by round. */
  void sendLoad(int users, int perUser) {
    String[] topics = {
        "Should I worry about cement outside the bone after kyphoplasty?",
        "How soon can I walk after a vertebroplasty?",
        "Is it normal to feel tired for a week after the procedure?",
        "Can I drive home after a kyphoplasty?"};
    for (int round = 0; round < perUser; round++) {
      for (int u = 0; u < users; u++) {
        long userId = 500_000 + u;
        String q = "q" + u + "x" + round + " " + topics[round % topics.length];
        questions.add(q);
        api.push(Updates.privateText(userId, "User" + u, q));
      }
    }
  }

  /** Delivered (confirmed) messages per question. */
  Map<String, List<FakeBotApi.Call>> deliveries() {
    return deliveries(api, questions);
  }

  /** Messages the fake confirmed per question, told apart by the "ref: " CrashBot appends. */
  static Map<String, List<FakeBotApi.Call>> deliveries(FakeBotApi api, List<String> questions) {
    Map<String, List<FakeBotApi.Call>> out = new LinkedHashMap<>();
    questions.forEach(q -> out.put(q, new ArrayList<>()));
    Map<String, String> byRef = new HashMap<>();
    questions.forEach(q -> byRef.put(CrashBot.REF + q, q));
    for (FakeBotApi.Call c : api.calls("sendMessage")) {
      if (c.status != 200 || c.param("text") == null) {
        continue;
      }
      String text = c.param("text");
      int at = text.lastIndexOf(CrashBot.REF);
      if (at >= 0) {
        String q = byRef.get(text.substring(at).strip());
        if (q != null) {
          out.get(q).add(c);
        }
      }
    }
    return out;
  }

  int answered() {
    return (int) deliveries().values().stream().filter(l -> !l.isEmpty()).count();
  }

  /** Waits until {@code count} questions have an answer; false on timeout. */
  boolean awaitAnswered(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (answered() < count) {
      if (System.nanoTime() > deadline || (process != null && !process.isAlive())) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    kills.add(System.nanoTime());
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, and waits for the clean stop; the exit code. */
  int terminate(Duration timeout) throws InterruptedException, IOException {
    // a plain SIGTERM: Process.destroy() would also close the child's standard input, which the
    // child takes as the harness being gone
    new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).start().waitFor();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      return -1;
    }
    // a stop that reached its send deadline abandoned the request in flight, which Telegram may
    // have taken: that send, like one a kill cut off, cannot be known as delivered
    kills.add(System.nanoTime());
    return process.exitValue();
  }

  String status() {
    return process.isAlive() ? "running" : "exited " + process.exitValue() + ", classpath "
        + System.getProperty("java.class.path");
  }

  String log(int run) throws IOException {
    return Files.readString(logs.resolve("bot-" + run + ".log"));
  }

  /**
   * Lost, duplicated, and duplicated only because a kill cut off the confirmation; {@code others}
   * tells, for each other duplicate, when its copies went relative to the last stop before them.
   */
  record Count(int questions, int lost, int duplicates, int cutOff, List<String> others) {
    @Override
    public String toString() {
      return questions + " questions: " + lost + " lost, " + duplicates + " duplicates delivered ("
          + cutOff + " of them a send whose confirmation the kill cut off)"
          + (others.isEmpty() ? "" : "; the others: " + String.join("; ", others));
    }
  }

  Count count() {
    return count(deliveries(), kills);
  }

  /**
   * Lost and duplicated questions; a duplicate is cut off when its first copy was confirmed close
   * to a stop, on either side: a request the killed process wrote just before it died may be read
   * and confirmed by the fake just after, and the dead process never recorded it as delivered.
   */
  static Count count(Map<String, List<FakeBotApi.Call>> deliveries, List<Long> stops) {
    int lost = 0;
    int dups = 0;
    int cut = 0;
    List<String> others = new ArrayList<>();
    for (Map.Entry<String, List<FakeBotApi.Call>> e : deliveries.entrySet()) {
      List<FakeBotApi.Call> sent = e.getValue();
      if (sent.isEmpty()) {
        lost++;
      } else if (sent.size() > 1) {
        dups++;
        long first = sent.get(0).atNanos;
        boolean cutOff = stops.stream().anyMatch(k -> Math.abs(k - first)
            <= CUT_OFF_WINDOW_NANOS) && sent.size() == 2;
        if (cutOff) {
          cut++;
        } else {
          long stop = stops.stream().filter(k -> k <= first).max(Long::compare).orElse(0L);
          others.add(e.getKey() + " at " + sent.stream()
              .map(c -> (c.atNanos - stop) / 1_000_000 + " ms").toList() + " after a stop");
        }
      }
    }
    return new Count(deliveries.size(), lost, dups, cut, others);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    api.close();
  }
}
