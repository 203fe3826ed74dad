package faqbot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Admin;
import faqbot.core.DashboardSessions;
import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two dashboards (two replicas: each its own core and home) on one PostgreSQL, behind a load
 * balancer without sticky sessions: a session opened on one is known to the other, a sign-out or
 * expiry holds on both, a preview offered on one is published from the other, and the database
 * holds only hashes of the session tokens, which are never logged.
 */
class DashboardReplicasTest {
  private static final Instant START = Instant.parse("2026-03-10T12:00:00Z");

  @TempDir Path homeA;
  @TempDir Path homeB;
  Harness a;
  Harness b;
  String url;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private PrintStream originalErr;
  private PrintStream originalOut;

  @BeforeEach
  void start() throws Exception {
    url = PostgresServer.freshUrl();
    // slf4j-simple writes to System.err: what the servers log is checked for session tokens
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(new Tee(originalErr, logged), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(originalOut, logged), true, StandardCharsets.UTF_8));
    a = new Harness(homeA, Database.postgresql(url, null, null), false, START);
    a.seedLog();
    b = new Harness(homeB, Database.postgresql(url, null, null), false, START);
  }

  @AfterEach
  void stop() throws Exception {
    System.setErr(originalErr);
    System.setOut(originalOut);
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  void aSessionOpenedOnOneReplicaWorksOnTheOtherAndEndsOnBoth() throws Exception {
    String cookie = signIn(a, Harness.MODERATOR);
    String pageOnB = get(b, "/unanswered", cookie).body();
    assertTrue(pageOnB.contains("parrot"), "replica B must know A's session: " + pageOnB);
    assertEquals(200, get(a, "/unanswered", cookie).statusCode());
    // the CSRF token is the session's, whichever replica drew the form
    assertEquals(DashboardHttpTest.csrf(get(a, "/unanswered", cookie).body()),
        DashboardHttpTest.csrf(pageOnB));

    // a preview made on A, its Publish pressed on B, the second press refused on A
    Admin.QueuedQuestion q = a.core.admin().openQueue(0, 10).get(0);
    assertEquals(303, post(a, "/unanswered/" + q.id() + "/answer", cookie, "csrf="
        + enc(DashboardHttpTest.csrf(pageOnB)) + "&answer="
        + enc("Parrots copy tunes but rarely reverse them.")).statusCode());
    String preview = get(b, "/unanswered", cookie).body();
    assertTrue(preview.contains("name=\"choice\" value=\"0\">Publish</button>"), preview);
    String csrf = DashboardHttpTest.csrf(preview);
    assertEquals(303, post(b, "/offer", cookie, "csrf=" + enc(csrf) + "&choice=0").statusCode());
    assertTrue(get(a, "/unanswered", cookie).body().contains("Published #"),
        "the notice of B's press shows on A's next page");
    assertEquals(303, post(a, "/offer", cookie, "csrf=" + enc(csrf) + "&choice=0").statusCode());
    assertTrue(get(b, "/unanswered", cookie).body().contains("That choice has expired"));
    assertTrue(a.core.admin().openQueue(0, 10).stream().noneMatch(o -> o.id() == q.id()));

    // signed out on B: refused on both
    assertEquals(200, post(b, "/signout", cookie, "csrf=" + enc(csrf)).statusCode());
    assertEquals(401, get(a, "/unanswered", cookie).statusCode());
    assertEquals(401, get(b, "/unanswered", cookie).statusCode());

    // tokens are stored hashed and never logged
    String token = cookie.substring(cookie.indexOf('=') + 1);
    String another = signIn(b, Harness.ADMIN);
    String anotherToken = another.substring(another.indexOf('=') + 1);
    List<String> stored = storedSessions();
    assertEquals(List.of(sha256(anotherToken)), stored, "the signed-out session is gone");
    for (String value : storedValues()) {
      assertFalse(value.contains(anotherToken) || value.contains(token),
          "a session token in the database");
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    assertFalse(log.contains(token) || log.contains(anotherToken), "a session token was logged");
  }

  @Test
  void anExpiredSessionIsRefusedOnBothReplicas() throws Exception {
    String cookie = signIn(b, Harness.ADMIN);
    a.clock.advance(DashboardSessions.TTL.minusMinutes(1));
    b.clock.advance(DashboardSessions.TTL.minusMinutes(1));
    assertEquals(200, get(a, "/audit", cookie).statusCode());
    assertEquals(200, get(b, "/audit", cookie).statusCode());
    a.clock.advance(Duration.ofMinutes(1));
    b.clock.advance(Duration.ofMinutes(1));
    assertEquals(401, get(a, "/audit", cookie).statusCode());
    assertEquals(401, get(b, "/audit", cookie).statusCode());
    // the next sign-in sweeps the expired one away
    signIn(a, Harness.MODERATOR);
    assertEquals(1, storedSessions().size());
  }

  @Test
  void aRevokedModeratorIsSignedOutOnBothReplicas() throws Exception {
    String cookie = signIn(a, Harness.MODERATOR);
    assertEquals(200, get(b, "/unanswered", cookie).statusCode());
    a.say(Harness.ADMIN, "/revoke telegram:" + Harness.MODERATOR);
    assertEquals(401, get(a, "/unanswered", cookie).statusCode());
    // B reads roles again within 5 s; its refusal also ends the session in the database
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int status;
    do {
      status = get(b, "/unanswered", cookie).statusCode();
    } while (status != 401 && System.nanoTime() < deadline && sleep(200));
    assertEquals(401, status);
    assertTrue(storedSessions().isEmpty());
  }

  private static boolean sleep(long ms) throws InterruptedException {
    Thread.sleep(ms);
    return true;
  }

  private String signIn(Harness h, String userId) throws Exception {
    String link = h.link(userId);
    HttpResponse<String> r = post(h, "/signin", null,
        "token=" + link.substring(link.lastIndexOf('/') + 1));
    assertEquals(303, r.statusCode(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private HttpResponse<String> get(Harness h, String path, String cookie) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(h.base() + path)).GET();
    if (cookie != null) {
      req.header("Cookie", cookie);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(Harness h, String path, String cookie, String form)
      throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(h.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      req.header("Cookie", cookie);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> storedSessions() throws Exception {
    List<String> hashes = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT token_hash FROM core_dashboard_sessions")) {
      while (r.next()) {
        hashes.add(r.getString(1));
      }
    }
    return hashes;
  }

  /** Every value of every column of the sessions' table, as text. */
  private List<String> storedValues() throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = java.sql.DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM core_dashboard_sessions")) {
      while (r.next()) {
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          values.add(String.valueOf(r.getString(i)));
        }
      }
    }
    return values;
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
