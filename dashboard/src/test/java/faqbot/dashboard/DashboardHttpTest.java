package faqbot.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.Admin;
import faqbot.core.Reply;
import faqbot.core.Turn;
import faqbot.knowledge.Entry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over real HTTP (the JDK's client against the embedded Jetty on 127.0.0.1). */
class DashboardHttpTest {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @TempDir
  Path home;
  Harness h;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    h = new Harness(home, false, Instant.parse("2026-03-10T12:00:00Z"));
    h.seedLog();
  }

  @AfterEach
  void stop() throws IOException {
    h.close();
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base() + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String cookie, String form, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String token(String link) {
    return link.substring(link.lastIndexOf('/') + 1);
  }

  /** Signs in with a fresh link; returns the Cookie header value. */
  String signIn(String userId) throws Exception {
    HttpResponse<String> r = post("/signin", null, "token=" + token(h.link(userId)));
    assertEquals(303, r.statusCode(), r.body());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertTrue(m.find(), "no CSRF token in the page");
    return m.group(1);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void withoutASessionEveryPageIs401AndShowsNoData() throws Exception {
    for (String path : List.of("/", "/unanswered", "/entries", "/entries/" + h.kneeId, "/logs",
        "/logs.csv", "/audit", "/nowhere")) {
      for (String cookie : new String[] {null, Routes.COOKIE + "=forged-session-id"}) {
        HttpResponse<String> r = get(path, cookie);
        assertEquals(401, r.statusCode(), path);
        assertFalse(r.body().contains("parrot"), path + " leaked a queued question");
        assertFalse(r.body().contains("Knee pain"), path + " leaked an entry");
        assertFalse(r.body().contains("chart-data"), path + " leaked the overview");
      }
    }
    assertEquals(401, post("/unanswered/1/dismiss", null, "csrf=x").statusCode());
    // the static files hold no data and need no session
    assertEquals(200, get("/assets/uPlot.iife.min.js", null).statusCode());
    assertEquals(200, get("/assets/dashboard.css", null).statusCode());
  }

  @Test
  void aLinkSignsInOnceAndSetsAStrictHttpOnlyCookie() throws Exception {
    String link = h.link(Harness.ADMIN);
    assertTrue(link.startsWith(h.base() + "/signin/"), link);
    // opening the link (or a chat app's preview of it) shows a button and uses nothing up
    HttpResponse<String> page = get("/signin/" + token(link), null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("name=\"token\""));
    HttpResponse<String> r = post("/signin", null, "token=" + token(link));
    assertEquals(303, r.statusCode());
    assertEquals("/", r.headers().firstValue("Location").orElseThrow());
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
    assertTrue(setCookie.contains("Max-Age=43200"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain HTTP on loopback: " + setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    HttpResponse<String> overview = get("/", cookie);
    assertEquals(200, overview.statusCode());
    assertTrue(overview.body().contains("id=\"chart-data\""));

    HttpResponse<String> again = post("/signin", null, "token=" + token(link));
    assertEquals(401, again.statusCode(), "a used link must not sign in again");
    assertFalse(again.headers().firstValue("Set-Cookie").isPresent());

    List<Admin.AuditRecord> audit = h.core.admin().audit(10);
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("dashboard-signin")
        && a.actor().equals("telegram:" + Harness.ADMIN)), audit.toString());
  }

  @Test
  void behindHttpsTheCookieIsSecure() throws Exception {
    HttpResponse<String> r = post("/signin", null, "token=" + token(h.link(Harness.ADMIN)),
        "X-Forwarded-Proto", "https");
    assertEquals(303, r.statusCode());
    assertTrue(r.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
  }

  @Test
  void anotherSitesFormCannotSignInNorChange() throws Exception {
    String link = h.link(Harness.ADMIN);
    HttpResponse<String> r = post("/signin", null, "token=" + token(link),
        "Origin", "https://evil.example");
    assertEquals(403, r.statusCode());
    // the refused attempt did not use the link up
    assertEquals(303, post("/signin", null, "token=" + token(link),
        "Origin", h.base()).statusCode());
  }

  @Test
  void anExpiredOrUnknownLinkIsRefused() throws Exception {
    String link = h.link(Harness.ADMIN);
    h.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
    assertEquals(401, post("/signin", null, "token=" + token(link)).statusCode());
    assertEquals(401, post("/signin", null, "token=" + "A".repeat(43)).statusCode());
    assertEquals(401, post("/signin", null, "").statusCode());
  }

  @Test
  void sessionsExpireAfter12Hours() throws Exception {
    String cookie = signIn(Harness.ADMIN);
    h.clock.advance(Duration.ofHours(11));
    assertEquals(200, get("/audit", cookie).statusCode());
    h.clock.advance(Duration.ofHours(1));
    assertEquals(401, get("/audit", cookie).statusCode());
  }

  @Test
  void aPostWithoutTheCsrfTokenChangesNothing() throws Exception {
    String cookie = signIn(Harness.MODERATOR);
    long id = h.core.admin().openQueue(0, 10).get(0).id();
    HttpResponse<String> r = post("/unanswered/" + id + "/dismiss", cookie, "");
    assertEquals(403, r.statusCode());
    r = post("/unanswered/" + id + "/answer", cookie, "csrf=wrong&answer=" + enc("Yes."));
    assertEquals(403, r.statusCode());
    assertEquals(id, h.core.admin().openQueue(0, 10).get(0).id(), "the item must still be open");

    String page = get("/unanswered", cookie).body();
    r = post("/unanswered/" + id + "/dismiss", cookie, "csrf=" + enc(csrf(page)));
    assertEquals(303, r.statusCode());
    assertTrue(h.core.admin().openQueue(0, 10).stream().noneMatch(q -> q.id() == id));
    String after = get("/unanswered", cookie).body();
    assertTrue(after.contains("Dismissed Q" + id), after);
    assertTrue(h.core.admin().audit(5).stream().anyMatch(a -> a.action().equals("dismiss")
        && a.actor().equals("telegram:" + Harness.MODERATOR)));
  }

  @Test
  void answeringFromTheQueuePublishesAnEntryThroughTheChatCommand() throws Exception {
    String cookie = signIn(Harness.MODERATOR);
    Admin.QueuedQuestion q = h.core.admin().openQueue(0, 10).get(0);
    assertEquals(Harness.UNANSWERED, q.text());
    assertEquals(5, q.askedCount());
    String page = get("/unanswered", cookie).body();
    assertTrue(page.contains("parrot"));
    HttpResponse<String> r = post("/unanswered/" + q.id() + "/answer", cookie, "csrf="
        + enc(csrf(page)) + "&answer=" + enc("Parrots copy tunes but rarely reverse them."));
    assertEquals(303, r.statusCode());
    // as in chat, a preview first: nothing is published until Publish is pressed
    String preview = get("/unanswered", cookie).body();
    assertTrue(preview.contains("Nothing is published yet"), preview);
    assertTrue(preview.contains("name=\"choice\" value=\"0\">Publish</button>"), preview);
    assertEquals(Harness.UNANSWERED, h.core.admin().openQueue(0, 10).get(0).text());
    assertEquals(303, post("/offer", cookie, "csrf=" + enc(csrf(preview)) + "&choice=0")
        .statusCode());
    String after = get("/unanswered", cookie).body();
    Matcher m = Pattern.compile("Published #([0-9]+)").matcher(after);
    assertTrue(m.find(), after);
    Entry published = h.kb.get(Long.parseLong(m.group(1))).orElseThrow();
    assertEquals(Entry.Status.PUBLISHED, published.status());
    assertTrue(published.answerText().contains("rarely reverse"));
    assertTrue(h.core.admin().openQueue(0, 10).stream().noneMatch(o -> o.id() == q.id()));
    // a patient asking again now gets the published answer
    Turn t = h.say("p7", Harness.UNANSWERED);
    assertTrue(t.replies().stream().map(Reply::plainText).anyMatch(s -> s.contains("rarely reverse")),
        t.replies().toString());
  }

  @Test
  void linkingAQueuedQuestionToAnEntryTeachesTheEntryItsWords() throws Exception {
    String cookie = signIn(Harness.MODERATOR);
    Admin.QueuedQuestion q = h.core.admin().openQueue(0, 10).get(0);
    String page = get("/unanswered", cookie).body();
    HttpResponse<String> bad = post("/unanswered/" + q.id() + "/link", cookie, "csrf="
        + enc(csrf(page)) + "&entry=" + enc("knee"));
    assertEquals(303, bad.statusCode());
    assertTrue(get("/unanswered", cookie).body().contains("nothing was linked"));
    HttpResponse<String> r = post("/unanswered/" + q.id() + "/link", cookie, "csrf="
        + enc(csrf(page)) + "&entry=" + h.kneeId);
    assertEquals(303, r.statusCode());
    String after = get("/unanswered", cookie).body();
    assertTrue(after.contains("Linked Q" + q.id() + " to #" + h.kneeId), after);
    assertTrue(h.kb.get(h.kneeId).orElseThrow().alternativeQuestions().contains(q.text()));
    assertTrue(h.core.admin().openQueue(0, 10).stream().noneMatch(o -> o.id() == q.id()));
  }

  @Test
  void moderatorsSeeQueueAndEntriesButNoLogsNorUserKeys() throws Exception {
    String cookie = signIn(Harness.MODERATOR);
    HttpResponse<String> root = get("/", cookie);
    assertEquals(303, root.statusCode());
    assertEquals("/unanswered", root.headers().firstValue("Location").orElseThrow());
    for (String path : List.of("/logs", "/logs.csv", "/audit", "/logs?outcome=answered")) {
      HttpResponse<String> r = get(path, cookie);
      assertEquals(403, r.statusCode(), path);
      assertFalse(r.body().contains("knee hurts"), path);
    }
    HttpResponse<String> entries = get("/entries", cookie);
    assertEquals(200, entries.statusCode());
    assertTrue(entries.body().contains("Knee pain after running"));
    assertFalse(entries.body().contains("Logs</a>"), "no link to admin pages");
    String userKey = h.core.admin().logs(Admin.LogQuery.recent(1)).get(0).userKey();
    for (String path : List.of("/unanswered", "/entries", "/entries/" + h.kneeId)) {
      assertFalse(get(path, cookie).body().contains(userKey.substring(0, 12)), path);
    }
  }

  @Test
  void aRevokedModeratorIsSignedOutAtTheNextRequest() throws Exception {
    String cookie = signIn(Harness.MODERATOR);
    assertEquals(200, get("/unanswered", cookie).statusCode());
    h.say(Harness.ADMIN, "/revoke telegram:" + Harness.MODERATOR);
    assertEquals(401, get("/unanswered", cookie).statusCode());
  }

  @Test
  void patientsGetNoLink() {
    Turn t = h.say("p1", "/dashboard");
    String text = t.replies().get(0).plainText();
    assertFalse(text.contains("/signin/"), text);
  }

  @Test
  void adminsSeeOverviewLogsWithFiltersCsvAndAudit() throws Exception {
    String cookie = signIn(Harness.ADMIN);
    String overview = get("/?period=7d", cookie).body();
    assertTrue(overview.contains("Overview, last 7 days"));
    Admin.Stats stats = h.core.admin().stats(h.clock.instant().minus(Duration.ofDays(7)),
        h.clock.instant().plusMillis(1));
    int chartTotal = 0;
    Matcher values = Pattern.compile("\"values\":\\[([0-9,]*)\\]").matcher(overview);
    while (values.find()) {
      for (String n : values.group(1).split(",")) {
        chartTotal += n.isEmpty() ? 0 : Integer.parseInt(n);
      }
    }
    assertEquals(h.seeded, stats.questions());
    assertEquals(h.seeded + h.refused, chartTotal, "every seeded message is in the chart");
    assertTrue(overview.contains("<div class=\"label\">Urgent</div><div class=\"value\">"
        + h.urgent + "</div>"), "urgent count");
    assertTrue(overview.contains("Emergencies by kind"));
    assertEquals(200, get("/?period=24h", cookie).statusCode());
    assertEquals(200, get("/?period=90d", cookie).statusCode());

    String logs = get("/logs?outcome=no_match&days=30", cookie).body();
    assertTrue(logs.contains("parrot"));
    assertFalse(logs.contains("knee hurts"), "filtered out");
    HttpResponse<String> csv = get("/logs.csv?outcome=no_match&days=30", cookie);
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
    String[] lines = csv.body().strip().split("\n");
    int noMatches = h.core.admin().logs(Admin.LogQuery.recent(0)
        .withOutcome(faqbot.core.Outcome.NO_MATCH)).size();
    assertTrue(noMatches >= 5);
    assertEquals(1 + noMatches, lines.length, csv.body());
    assertTrue(lines[0].startsWith("id,time,platform"));
    assertFalse(csv.body().contains("knee hurts"));
    HttpResponse<String> bad = get("/logs?outcome=nonsense", cookie);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("unknown outcome"));
    String audit = get("/audit", cookie).body();
    assertTrue(audit.contains("dashboard-signin"));
    assertTrue(audit.contains("dashboard-export"));
    assertNotNull(get("/entries?q=" + enc("knee running"), cookie).body());
  }

  @Test
  void signingOutEndsTheSession() throws Exception {
    String cookie = signIn(Harness.ADMIN);
    String page = get("/audit", cookie).body();
    assertEquals(403, post("/signout", cookie, "").statusCode());
    assertEquals(200, post("/signout", cookie, "csrf=" + enc(csrf(page))).statusCode());
    assertEquals(401, get("/audit", cookie).statusCode());
  }
}
