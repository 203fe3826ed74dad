package faqbot.dashboard;

import faqbot.core.Admin;
import faqbot.core.BotCore;
import faqbot.core.Button;
import faqbot.core.ChatType;
import faqbot.core.DashboardLinks;
import faqbot.core.DashboardSessions;
import faqbot.core.DashboardSessions.Session;
import faqbot.core.IncomingMessage;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import faqbot.core.Turn;
import faqbot.knowledge.KnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests and their rules. Without a session every page answers 401 and shows no data; the role
 * is read from the database on every request (a revoke signs out at once); moderators get the
 * queue and the entries, admins everything; every POST but the sign-in needs the session's CSRF
 * token. Changes go through the same core commands as in chat ({@code /answer}, {@code /link},
 * {@code /dismiss}),
 * sent as the signed-in staff member, so roles, audit and notifications are the chat's own.
 */
final class Routes extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
  static final String COOKIE = "faqbot_dashboard";
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Pattern SIGNIN = Pattern.compile("^/signin/([A-Za-z0-9_-]{20,100})$");
  private static final Pattern QUEUE_ACTION = Pattern.compile("^/unanswered/([0-9]{1,18})/(answer|dismiss|link)$");
  private static final Pattern ENTRY = Pattern.compile("^/entries/([0-9]{1,18})$");
  private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final Map<String, String[]> ASSETS = Map.of(
      "/assets/uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript"},
      "/assets/uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css"},
      "/assets/dashboard.js", new String[] {"/faqbot/dashboard/assets/dashboard.js", "text/javascript"},
      "/assets/dashboard.css", new String[] {"/faqbot/dashboard/assets/dashboard.css", "text/css"});
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'";

  private final BotCore core;
  private final DashboardLinks links;
  private final DashboardSessions sessions;
  private final Pages pages;
  private final boolean readOnly;
  private final String base;
  private final boolean httpsUrl;
  /** scheme://host[:port] of the public URL, or null. */
  private final String publicOrigin;
  private final Map<String, byte[]> assetCache = new ConcurrentHashMap<>();

  Routes(BotCore core, KnowledgeBase knowledge, Clock clock, boolean readOnly, String base,
      boolean httpsUrl, String publicOrigin) {
    this.publicOrigin = publicOrigin;
    this.core = core;
    this.links = core.dashboardLinks();
    this.sessions = core.dashboardSessions();
    this.readOnly = readOnly;
    this.base = base;
    this.httpsUrl = httpsUrl;
    this.pages = new Pages(core.admin(), knowledge, clock, base, readOnly);
  }

  /** One request being answered; measures the server's own time for the Server-Timing header. */
  private final class Exchange {
    final Request req;
    final Response res;
    final Callback cb;
    final String path;
    final String method;
    final long startNanos = System.nanoTime();
    final long startCpu = THREADS.getCurrentThreadCpuTime();
    private Fields params;

    Exchange(Request req, Response res, Callback cb) {
      this.req = req;
      this.res = res;
      this.cb = cb;
      String p = Request.getPathInContext(req);
      this.path = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
      this.method = req.getMethod();
    }

    String param(String name) throws Exception {
      if (params == null) {
        params = Request.getParameters(req);
      }
      String v = params.getValue(name);
      return v == null ? null : v.strip();
    }

    String cookie(String name) {
      for (HttpCookie c : Request.getCookies(req)) {
        if (c.getName().equals(name)) {
          return c.getValue();
        }
      }
      return null;
    }

    boolean secure() {
      String proto = req.getHeaders().get("X-Forwarded-Proto");
      return httpsUrl || req.isSecure() || proto != null && proto.strip().equalsIgnoreCase("https");
    }

    void headers(int status, String type) {
      res.setStatus(status);
      var h = res.getHeaders();
      h.put(HttpHeader.CONTENT_TYPE, type);
      h.put("Content-Security-Policy", CSP);
      h.put("X-Content-Type-Options", "nosniff");
      // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on our own forms
      h.put("Referrer-Policy", "same-origin");
      h.put("X-Frame-Options", "DENY");
      h.put(HttpHeader.CACHE_CONTROL, "no-store");
      double wall = (System.nanoTime() - startNanos) / 1e6;
      double cpu = (THREADS.getCurrentThreadCpuTime() - startCpu) / 1e6;
      h.put("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f, cpu;dur=%.1f", wall, cpu));
    }

    void html(int status, String body) {
      headers(status, "text/html; charset=utf-8");
      Content.Sink.write(res, true, body, cb);
    }

    void redirect(String to) {
      res.setStatus(303);
      res.getHeaders().put(HttpHeader.LOCATION, base + to);
      res.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      res.write(true, ByteBuffer.allocate(0), cb);
    }
  }

  @Override
  public boolean handle(Request req, Response res, Callback cb) {
    Exchange x = new Exchange(req, res, cb);
    try {
      route(x);
    } catch (IllegalArgumentException e) {
      // a filter or form value the page cannot use: say which, change nothing
      x.html(400, pages.message("Bad request", e.getMessage() + "."));
    } catch (Exception e) {
      LOG.error("dashboard request {} {} failed: {}", x.method, x.path, e.toString(), e);
      if (!res.isCommitted()) {
        x.html(500, pages.message("Something went wrong", "The request failed on the server; "
            + "nothing was changed. The server log has the details."));
      } else {
        cb.failed(e);
      }
    }
    return true;
  }

  private void route(Exchange x) throws Exception {
    String[] asset = ASSETS.get(x.path);
    if (asset != null && x.method.equals("GET")) {
      asset(x, asset[0], asset[1]);
      return;
    }
    Matcher signin = SIGNIN.matcher(x.path);
    if (signin.matches() && x.method.equals("GET")) {
      // a page with a button, not the sign-in itself: link previews (Telegram fetches URLs sent
      // in chats) must not use up the link
      x.html(200, pages.signIn(signin.group(1)));
      return;
    }
    if (x.method.equals("POST") && !sameOrigin(x)) {
      // SameSite cookies and CSRF tokens guard the session; this also stops another site from
      // posting its own link's token and signing a staff member's browser into its session
      x.html(403, pages.message("Refused", "The form was sent from another site."));
      return;
    }
    if (x.path.equals("/signin") && x.method.equals("POST")) {
      signIn(x);
      return;
    }
    Optional<Session> found = sessions.find(x.cookie(COOKIE));
    Role role = found.map(s -> links.roleOf(s.actor())).orElse(Role.PATIENT);
    if (found.isEmpty() || !role.atLeast(Role.MODERATOR)) {
      found.ifPresent(sessions::close);
      x.html(401, pages.message("Please sign in", "Send /dashboard to the bot in a private chat "
          + "to get a sign-in link."));
      return;
    }
    Session s = found.get();
    if (x.method.equals("POST")) {
      if (!csrfMatches(s, x.param("csrf"))) {
        x.html(403, pages.message("Refused", "The form was not sent from this dashboard (the "
            + "security token is missing or wrong). Reload the page and try again."));
        return;
      }
      post(x, s, role);
      return;
    }
    if (!x.method.equals("GET") && !x.method.equals("HEAD")) {
      x.html(405, pages.message("Not allowed", "This method is not supported."));
      return;
    }
    Optional<DashboardSessions.Notice> notice = sessions.takeNotice(s);
    Pages.Viewer v = new Pages.Viewer(s.actor(), role, s.csrf(),
        notice.map(DashboardSessions.Notice::text).orElse(null),
        notice.map(n -> n.offer().stream().map(Button::label).toList()).orElse(List.of()));
    boolean admin = role.atLeast(Role.ADMIN);
    Matcher entry = ENTRY.matcher(x.path);
    switch (x.path) {
      case "", "/" -> {
        if (!admin) {
          x.redirect("/unanswered");
        } else {
          x.html(200, pages.overview(v, x.param("period")));
        }
      }
      case "/unanswered" -> x.html(200, pages.unanswered(v, x.param("page")));
      case "/entries" -> x.html(200, pages.entries(v, x.param("q")));
      case "/logs" -> {
        if (adminOnly(x, admin)) {
          x.html(200, pages.logs(v, filter(x), x.req.getHttpURI().getQuery()));
        }
      }
      case "/logs.csv" -> {
        if (adminOnly(x, admin)) {
          csv(x, s);
        }
      }
      case "/audit" -> {
        if (adminOnly(x, admin)) {
          x.html(200, pages.audit(v));
        }
      }
      default -> {
        if (entry.matches()) {
          x.html(200, pages.entry(v, Long.parseLong(entry.group(1))));
        } else {
          x.html(404, pages.message("Not found", "There is no such page."));
        }
      }
    }
  }

  /** A POST from a page of this dashboard: no Origin (older clients), or ours. */
  private boolean sameOrigin(Exchange x) {
    String origin = x.req.getHeaders().get("Origin");
    if (origin == null) {
      return true;
    }
    if (publicOrigin != null && origin.equalsIgnoreCase(publicOrigin)) {
      return true;
    }
    String host = x.req.getHeaders().get("Host");
    return host != null && (origin.equalsIgnoreCase("http://" + host)
        || origin.equalsIgnoreCase("https://" + host));
  }

  private boolean adminOnly(Exchange x, boolean admin) {
    if (!admin) {
      x.html(403, pages.message("For admins", "This page is for admins only."));
    }
    return admin;
  }

  private Pages.LogFilter filter(Exchange x) throws Exception {
    return Pages.LogFilter.parse(x.param("outcome"), x.param("platform"), x.param("days"),
        x.param("entry"), x.param("rule"));
  }

  private void signIn(Exchange x) throws Exception {
    Optional<String> actor = links.redeem(x.param("token"));
    Role role = actor.map(links::roleOf).orElse(Role.PATIENT);
    if (actor.isEmpty() || !role.atLeast(Role.MODERATOR)) {
      x.html(401, pages.message("This link does not work", "Sign-in links work once, for "
          + DashboardLinks.VALID.toMinutes() + " minutes, and only for moderators and admins. "
          + "Send /dashboard to the bot again for a new one."));
      return;
    }
    Session s = sessions.open(actor.get());
    links.audit(actor.get(), "dashboard-signin", null, role.name().toLowerCase(Locale.ROOT));
    Response.addCookie(x.res, HttpCookie.build(COOKIE, s.token())
        .path(base.isEmpty() ? "/" : base)
        .httpOnly(true)
        .secure(x.secure())
        .sameSite(HttpCookie.SameSite.STRICT)
        .maxAge(DashboardSessions.TTL.toSeconds())
        .build());
    x.redirect(role.atLeast(Role.ADMIN) ? "/" : "/unanswered");
  }

  private void post(Exchange x, Session s, Role role) throws Exception {
    if (x.path.equals("/offer")) {
      // a button of the core's last reply (Publish or Cancel of a preview), pressed as in chat;
      // taken from the session, so a second press (on any replica) finds nothing
      List<Button> offer = sessions.takeOffer(s);
      String choice = x.param("choice");
      if (choice == null || !choice.matches("[0-9]{1,2}")
          || Integer.parseInt(choice) >= offer.size()) {
        sessions.notice(s, "That choice has expired. Nothing was changed.");
      } else if (readOnly) {
        sessions.notice(s, "Read-only: nothing was changed.");
      } else {
        pressAs(s, offer.get(Integer.parseInt(choice)).payload());
      }
      x.redirect("/unanswered");
      return;
    }
    if (x.path.equals("/signout")) {
      sessions.close(s);
      links.audit(s.actor(), "dashboard-signout", null, null);
      Response.addCookie(x.res, HttpCookie.build(COOKIE, "").path(base.isEmpty() ? "/" : base)
          .httpOnly(true).secure(x.secure()).sameSite(HttpCookie.SameSite.STRICT).maxAge(0)
          .build());
      x.html(200, pages.message("Signed out", "You are signed out. Send /dashboard to the bot "
          + "to sign in again."));
      return;
    }
    Matcher m = QUEUE_ACTION.matcher(x.path);
    if (!m.matches()) {
      x.html(404, pages.message("Not found", "There is no such action."));
      return;
    }
    if (readOnly) {
      x.html(403, pages.message("Read-only", "This dashboard runs on its own ('faqbot dashboard') "
          + "and cannot notify askers, so it changes nothing. Use the dashboard of the running bot "
          + "(FAQBOT_DASHBOARD_PORT) or the chat commands."));
      return;
    }
    String id = m.group(1);
    String command;
    if (m.group(2).equals("answer")) {
      String answer = x.param("answer");
      if (answer == null || answer.isBlank()) {
        sessions.notice(s, "Write an answer first: nothing was published.");
        x.redirect("/unanswered#q" + id);
        return;
      }
      command = "/answer " + id + " " + answer;
    } else if (m.group(2).equals("link")) {
      String entry = x.param("entry");
      String n = entry == null ? "" : entry.startsWith("#") ? entry.substring(1) : entry;
      if (!n.matches("[0-9]{1,18}")) {
        sessions.notice(s, "Give the number of the entry that answers Q" + id
            + ": nothing was linked.");
        x.redirect("/unanswered#q" + id);
        return;
      }
      command = "/link " + id + " " + n;
    } else {
      command = "/dismiss " + id;
    }
    runAs(s, command);
    x.redirect("/unanswered");
  }

  /**
   * Runs a chat command as the staff member, in a private chat, through the core's own command
   * handling (role check, audit, notifications); the reply is the next page's notice.
   */
  private void runAs(Session s, String command) {
    replyOf(s, core.process(message(s.actor(), command, null)));
  }

  /** Presses a button of an earlier reply, as the staff member. */
  private void pressAs(Session s, String payload) {
    replyOf(s, core.process(message(s.actor(), null, payload)));
  }

  private static IncomingMessage message(String actor, String text, String payload) {
    int colon = actor.indexOf(':');
    Platform platform = Platform.valueOf(actor.substring(0, colon).toUpperCase(Locale.ROOT));
    String userId = actor.substring(colon + 1);
    return payload == null
        ? IncomingMessage.text(platform, userId, ChatType.PRIVATE, userId, null, text)
        : IncomingMessage.button(platform, userId, ChatType.PRIVATE, userId, null, payload);
  }

  /**
   * The reply's text becomes the next page's notice, and its buttons (a preview's Publish /
   * Cancel) the session's offer, both in the database: the next request may reach another replica.
   */
  private void replyOf(Session s, Turn t) {
    List<Button> buttons = new java.util.ArrayList<>();
    for (Reply r : t.replies()) {
      buttons.addAll(r.buttons());
    }
    StringBuilder b = new StringBuilder();
    for (Reply r : t.replies()) {
      b.append(b.length() == 0 ? "" : "\n").append(r.plainText());
    }
    sessions.notice(s, b.toString().strip(), buttons);
  }

  private static boolean csrfMatches(Session s, String candidate) {
    return candidate != null && java.security.MessageDigest.isEqual(
        s.csrf().getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  private void csv(Exchange x, Session s) throws Exception {
    Pages.LogFilter f = filter(x);
    links.audit(s.actor(), "dashboard-export", null, f.describe());
    x.headers(200, "text/csv; charset=utf-8");
    x.res.getHeaders().put(HttpHeader.CONTENT_DISPOSITION,
        "attachment; filename=\"faqbot-logs.csv\"");
    try (OutputStream os = Content.Sink.asOutputStream(x.res);
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
      core.admin().exportLogsCsv(f.query(pages.now(), 0), w);
    }
    x.cb.succeeded();
  }

  private void asset(Exchange x, String resource, String type) throws IOException {
    byte[] body = assetCache.get(resource);
    if (body == null) {
      try (InputStream in = Routes.class.getResourceAsStream(resource)) {
        if (in == null) {
          x.html(404, pages.message("Not found", "No such file."));
          return;
        }
        body = in.readAllBytes();
      }
      assetCache.put(resource, body);
    }
    x.headers(200, type + "; charset=utf-8");
    x.res.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=3600");
    x.res.write(true, ByteBuffer.wrap(body), x.cb);
  }
}
