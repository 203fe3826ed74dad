package faqbot.dashboard;

import faqbot.core.BotCore;
import faqbot.core.CoreConfig;
import faqbot.knowledge.KnowledgeBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server time of the dashboard's overview page over a large interaction log: fills the log with
 * synthetic rows spread over 90 days (outcomes, urgency, platforms, feedback and latencies in
 * plausible shares, made-up text), signs in, and requests each period's overview through HTTP,
 * printing the median of the server's own wall and CPU time (its Server-Timing header) and of the
 * client's wall time.
 *
 * <pre>
 * ./mvnw -B -q -pl dashboard -am -Pdashboard-bench test -DskipTests -Dbench.args="rows=1000000 rounds=9"
 * </pre>
 */
public final class OverviewBench {
  private static final Pattern TIMING = Pattern.compile("app;dur=([0-9.]+), cpu;dur=([0-9.]+)");
  private static final String[] OUTCOMES = {"answered", "no_match", "emergency", "command",
      "refused", "other_language", "rate_limited", "error"};
  private static final double[] SHARES = {0.60, 0.25, 0.02, 0.06, 0.03, 0.02, 0.015, 0.005};
  private static final String[] RULES = {"breathing.not-breathing", "chest.crushing",
      "stroke.face-droop", "self.kill", "poison.overdose", "es.breathing.no-respira"};

  private OverviewBench() {}

  public static void main(String[] args) throws Exception {
    int rows = 1_000_000;
    int rounds = 15;
    Path home = null;
    for (String a : args) {
      for (String kv : a.split("\\s+")) {
        if (kv.startsWith("rows=")) {
          rows = Integer.parseInt(kv.substring(5));
        } else if (kv.startsWith("rounds=")) {
          rounds = Integer.parseInt(kv.substring(7));
        } else if (kv.startsWith("home=")) {
          home = Path.of(kv.substring(5));
        }
      }
    }
    if (home == null) {
      home = Files.createTempDirectory("overview-bench");
    }
    Clock clock = Clock.systemUTC();
    try (KnowledgeBase kb = KnowledgeBase.open(home);
        BotCore core = BotCore.create(CoreConfig.defaults().withInitialAdmins("console:bench")
            .withPseudonymizationKey("overview-bench-key-0123456789"), kb, clock)) {
      fill(kb.databaseFile(), rows, clock.millis());
      try (DashboardServer server = DashboardServer.start(
          new DashboardServer.Settings("127.0.0.1", 0, null, true), core, kb, clock)) {
        HttpClient http = HttpClient.newHttpClient();
        String token = core.dashboardLinks().issue("console:bench");
        HttpResponse<String> signin = http.send(HttpRequest.newBuilder(
            URI.create(server.url() + "/signin"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(),
            HttpResponse.BodyHandlers.ofString());
        String setCookie = signin.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        System.out.printf(Locale.ROOT, "%-6s %12s %12s %12s %8s%n", "period", "server wall",
            "server CPU", "client wall", "bytes");
        for (String period : new String[] {"24h", "7d", "30d", "90d"}) {
          List<Double> wall = new ArrayList<>();
          List<Double> cpu = new ArrayList<>();
          List<Double> client = new ArrayList<>();
          int bytes = 0;
          for (int i = 0; i < rounds + 2; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create(server.url() + "/?period=" + period)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
            double c = (System.nanoTime() - t0) / 1e6;
            if (r.statusCode() != 200) {
              throw new IllegalStateException("overview answered " + r.statusCode());
            }
            Matcher m = TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
            if (!m.find()) {
              throw new IllegalStateException("no Server-Timing header");
            }
            if (i >= 2) { // two warm-up requests
              wall.add(Double.parseDouble(m.group(1)));
              cpu.add(Double.parseDouble(m.group(2)));
              client.add(c);
            }
            bytes = r.body().length();
          }
          System.out.printf(Locale.ROOT, "%-6s %9.1f ms %9.1f ms %9.1f ms %8d%n", period,
              median(wall), median(cpu), median(client), bytes);
        }
      }
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static void fill(Path db, int rows, long now) throws Exception {
    long start = System.nanoTime();
    Random random = new Random(42);
    long span = Duration.ofDays(90).toMillis();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT COUNT(*) FROM core_interactions")) {
        r.next();
        // a home filled by an earlier run: the core's retention purge may have taken its oldest
        // rows, so any count means filled (filling again would double it)
        if (r.getLong(1) > 0) {
          System.out.println("the log already holds " + r.getLong(1) + " rows: not filled again");
          plan(c);
          return;
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO core_interactions(at, platform, "
          + "chat_type, user_key, text, outcome, entry_id, external_id, confidence, latency_ms, "
          + "triage_rule, feedback, triage_level) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        byte[] key = new byte[32];
        for (int i = 0; i < rows; i++) {
          String outcome = pick(random);
          boolean urgent = random.nextDouble() < 0.03;
          p.setLong(1, now - (long) (random.nextDouble() * span));
          p.setString(2, random.nextDouble() < 0.6 ? "telegram" : "discord");
          p.setString(3, "private");
          random.nextBytes(key);
          p.setString(4, HexFormat.of().formatHex(key));
          p.setString(5, "synthetic benchmark question number " + i + " about a made-up "
              + "health topic, long enough to look like a patient's message");
          p.setString(6, outcome);
          boolean answered = outcome.equals("answered");
          if (answered) {
            p.setLong(7, 1 + random.nextInt(5000));
          } else {
            p.setNull(7, java.sql.Types.INTEGER);
          }
          p.setString(8, answered ? "bench-" + i : null);
          p.setDouble(9, random.nextDouble());
          p.setLong(10, (long) Math.exp(1.5 + random.nextGaussian() * 0.8));
          p.setString(11, outcome.equals("emergency") ? RULES[random.nextInt(RULES.length)] : null);
          if (answered && random.nextDouble() < 0.1) {
            p.setInt(12, random.nextDouble() < 0.7 ? 1 : -1);
          } else {
            p.setNull(12, java.sql.Types.INTEGER);
          }
          p.setString(13, outcome.equals("emergency") ? "emergency" : urgent ? "urgent" : "none");
          p.addBatch();
          if (i % 10_000 == 9_999) {
            p.executeBatch();
          }
        }
        p.executeBatch();
      }
      c.commit();
      c.setAutoCommit(true);
      // no ANALYZE: the bot never runs one, so the plan must hold without statistics
      plan(c);
    }
    System.out.printf(Locale.ROOT, "filled %,d interactions in %.1f s%n", rows,
        (System.nanoTime() - start) / 1e9);
  }

  private static void plan(Connection c) throws Exception {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN "
        + "SELECT at, outcome, triage_level, platform, feedback, latency_ms, triage_rule "
        + "FROM core_interactions WHERE at >= 0 AND at < 1")) {
      while (r.next()) {
        System.out.println("plan: " + r.getString(4));
      }
    }
  }

  private static String pick(Random random) {
    double x = random.nextDouble();
    for (int i = 0; i < SHARES.length; i++) {
      x -= SHARES[i];
      if (x < 0) {
        return OUTCOMES[i];
      }
    }
    return OUTCOMES[0];
  }
}
