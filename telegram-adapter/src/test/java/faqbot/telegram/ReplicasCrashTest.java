package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the bot, each its own JVM and home, on one PostgreSQL, in webhook mode behind a
 * load balancer (this test: each update to the next replica, to the other when one does not
 * answer 200, as Telegram retries). One replica is killed with SIGKILL in the middle; the other
 * carries on and takes over what the dead one had stored and not finished. Every question must be
 * answered, none twice but for a send Telegram (the fake) confirmed in the instant of the kill.
 */
class ReplicasCrashTest {
  private static final String SECRET = "replicas-webhook-secret";
  private static final int USERS = 100;
  private static final int PER_USER = 5;
  private static final int TOTAL = USERS * PER_USER;
  /** The dead replica's lease (30 s) and a sweep (10 s) after the kill, and the sending. */
  private static final Duration FINISH = Duration.ofSeconds(150);

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void killNineOfOneReplicaLosesNothingAndAnswersNothingTwice() throws Exception {
    String url = PostgresServer.freshUrl();
    FakeBotApi api = new FakeBotApi(ProcessHarness.TOKEN);
    List<Process> replicas = new ArrayList<>();
    int[] ports = {freePort(), freePort()};
    try {
      for (int i = 0; i < 2; i++) {
        replicas.add(start(api, url, i, ports[i]));
        // the first seeds the shared store; the second starts on it
        awaitLog(i, "crashbot: running");
      }
      List<String> questions = new ArrayList<>();
      long killedAt = 0;
      int sent = 0;
      for (int round = 0; round < PER_USER; round++) {
        for (int u = 0; u < USERS; u++) {
          String q = "q" + u + "x" + round + " How soon can I walk after a vertebroplasty?";
          questions.add(q);
          String update = Updates.privateText(700_000 + u, "User" + u, q)
              .put("update_id", 10_000 + sent).toString();
          deliver(update, ports, sent);
          sent++;
          if (sent == TOTAL / 3) {
            replicas.get(0).destroyForcibly();
            killedAt = System.nanoTime();
            replicas.get(0).waitFor(30, TimeUnit.SECONDS);
          }
        }
      }
      awaitAnswers(api, questions);
      Thread.sleep(2_000); // room for a duplicate to show
      ProcessHarness.Count count = ProcessHarness.count(
          ProcessHarness.deliveries(api, questions), List.of(killedAt));
      String adopted = log(1).lines().filter(l -> l.contains("adopting")).map(String::strip)
          .reduce((a, b) -> a + "; " + b).orElse("nothing adopted");
      String summary = TOTAL + " updates over two replicas, one killed after " + TOTAL / 3 + ": "
          + count + "; the survivor: " + adopted;
      System.out.println("ReplicasCrashTest " + summary);
      assertEquals(0, count.lost(), summary + "\n" + log(1));
      assertEquals(count.cutOff(), count.duplicates(), summary);
      String survivor = log(1);
      assertTrue(!survivor.contains(ProcessHarness.TOKEN) && !log(0).contains(ProcessHarness.TOKEN),
          "token never logged");
    } finally {
      for (Process p : replicas) {
        p.destroyForcibly();
      }
      api.close();
    }
  }

  @Test
  void whenThePollingReplicaDiesAnotherPollsWithinThirtySecondsAndNothingIsLost()
      throws Exception {
    String url = PostgresServer.freshUrl();
    FakeBotApi api = new FakeBotApi(ProcessHarness.TOKEN);
    List<Process> replicas = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        replicas.add(start(api, url, i, 0, false));
        awaitLog(i, "crashbot: running");
      }
      // exactly one polls: Telegram would answer a second poller 409 Conflict
      int leader = log(0).contains("receiving updates by long polling") ? 0 : 1;
      int standby = 1 - leader;
      assertTrue(log(standby).contains("another replica polls Telegram"), log(standby));
      List<String> questions = new ArrayList<>();
      for (int u = 0; u < 60; u++) {
        String q = "q" + u + " Can I drive home after a kyphoplasty?";
        questions.add(q);
        api.push(Updates.privateText(800_000 + u, "User" + u, q));
        if (u == 20) {
          while (ProcessHarness.deliveries(api, questions).values().stream().filter(l -> !l.isEmpty()).count()
              < 5) {
            Thread.sleep(50);
          }
          replicas.get(leader).destroyForcibly();
          replicas.get(leader).waitFor(30, TimeUnit.SECONDS);
          long killed = System.nanoTime();
          awaitLog(standby, "took over long polling");
          long tookMs = (System.nanoTime() - killed) / 1_000_000;
          System.out.println("ReplicasCrashTest: the standby polled " + tookMs
              + " ms after the poller was killed");
          assertTrue(tookMs < 30_000, "took over after " + tookMs + " ms");
        }
      }
      Map<String, List<FakeBotApi.Call>> delivered = awaitAnswers(api, questions);
      long lost = delivered.values().stream().filter(List::isEmpty).count();
      assertEquals(0, lost, lost + " of 60 lost:\n" + log(standby));
    } finally {
      for (Process p : replicas) {
        p.destroyForcibly();
      }
      api.close();
    }
  }

  private Process start(FakeBotApi api, String url, int index, int port) throws IOException {
    return start(api, url, index, port, true);
  }

  private Process start(FakeBotApi api, String url, int index, int port, boolean webhook)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), CrashBot.class.getName(),
        dir.resolve("home-" + index).toString());
    Map<String, String> env = pb.environment();
    env.putAll(api.env());
    env.put("FAQBOT_DATABASE_URL", url);
    if (webhook) {
      env.put("TELEGRAM_MODE", "webhook");
      env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/hook");
      env.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
      env.put("TELEGRAM_WEBHOOK_BIND", "127.0.0.1");
      env.put("TELEGRAM_WEBHOOK_PORT", String.valueOf(port));
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("replica-" + index + ".log").toFile());
    return pb.start();
  }

  /** The load balancer and Telegram's retries: this update to the next replica until one takes it. */
  private void deliver(String update, int[] ports, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      int port = ports[(n + attempt) % ports.length];
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/hook"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header(WebhookServer.SECRET_HEADER, SECRET)
            .POST(HttpRequest.BodyPublishers.ofString(update)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // that replica is down: the next one
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no replica took update " + n);
  }

  private Map<String, List<FakeBotApi.Call>> awaitAnswers(FakeBotApi api, List<String> questions)
      throws InterruptedException {
    long deadline = System.nanoTime() + FINISH.toNanos();
    while (true) {
      Map<String, List<FakeBotApi.Call>> d = ProcessHarness.deliveries(api, questions);
      long answered = d.values().stream().filter(l -> !l.isEmpty()).count();
      if (answered == questions.size() || System.nanoTime() > deadline) {
        return d;
      }
      Thread.sleep(200);
    }
  }

  private void awaitLog(int index, String line) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!log(index).contains(line)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("replica " + index + " did not start:\n" + log(index));
      }
      Thread.sleep(100);
    }
  }

  private String log(int index) throws IOException {
    Path p = dir.resolve("replica-" + index + ".log");
    return Files.exists(p) ? Files.readString(p) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
