package faqbot.dashboard;

import static faqbot.dashboard.Html.esc;
import static faqbot.dashboard.Html.num;
import static faqbot.dashboard.Html.pct;
import static faqbot.dashboard.Html.time;

import faqbot.core.Admin;
import faqbot.core.Outcome;
import faqbot.core.Platform;
import faqbot.core.Role;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.SearchHit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The pages, rendered on the server. Every value from data goes through {@link Html#esc}. */
final class Pages {
  static final int QUEUE_PAGE = 20;
  static final int LOG_ROWS = 200;
  /** Series colours (Okabe-Ito, told apart with colour blindness), in {@link Admin.Overview#SERIES} order. */
  static final List<String> COLOURS =
      List.of("#009e73", "#e69f00", "#f0e442", "#d55e00", "#0072b2", "#555555");
  static final Map<String, String> SERIES_LABELS = Map.of("answered", "Answered", "no_match",
      "No match", "urgent", "Urgent", "emergency", "Emergency", "refused", "Refused", "error", "Error");

  /** Who is looking, with what role, and the page's one-shot message. */
  record Viewer(String actor, Role role, String csrf, String flash, List<String> offer) {
    boolean admin() {
      return role.atLeast(Role.ADMIN);
    }
  }

  /** The logs page's filter, parsed from its form. */
  record LogFilter(Outcome outcome, Platform platform, int days, Long entryId, String rule) {
    static LogFilter parse(String outcome, String platform, String days, String entry,
        String rule) {
      Outcome o = null;
      if (outcome != null && !outcome.isEmpty()) {
        o = Outcome.parse(outcome).orElseThrow(() -> new IllegalArgumentException(
            "unknown outcome '" + outcome + "'"));
      }
      Platform p = null;
      if (platform != null && !platform.isEmpty()) {
        try {
          p = Platform.valueOf(platform.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown platform '" + platform + "'");
        }
      }
      int d = 7;
      if (days != null && !days.isEmpty()) {
        if (!days.matches("[0-9]{1,4}") || Integer.parseInt(days) < 1) {
          throw new IllegalArgumentException("days must be a whole number from 1: '" + days + "'");
        }
        d = Integer.parseInt(days);
      }
      Long e = null;
      if (entry != null && !entry.isEmpty()) {
        String t = entry.startsWith("#") ? entry.substring(1) : entry;
        if (!t.matches("[0-9]{1,18}")) {
          throw new IllegalArgumentException("entry must be an entry number: '" + entry + "'");
        }
        e = Long.valueOf(t);
      }
      String r = rule == null || rule.isEmpty() ? null : rule;
      if (r != null && !r.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException("a triage rule id has letters, digits, dots and "
            + "dashes only: '" + rule + "'");
      }
      return new LogFilter(o, p, d, e, r);
    }

    Admin.LogQuery query(Instant now, int limit) {
      return new Admin.LogQuery(outcome, now.minus(Duration.ofDays(days)), now.plusMillis(1),
          entryId, limit, platform, rule);
    }

    String describe() {
      return days + " days" + (outcome == null ? "" : ", " + outcome.key())
          + (platform == null ? "" : ", " + platform.key())
          + (entryId == null ? "" : ", #" + entryId) + (rule == null ? "" : ", rule " + rule);
    }
  }

  private final Admin admin;
  private final KnowledgeBase knowledge;
  private final Clock clock;
  private final String base;
  private final boolean readOnly;

  Pages(Admin admin, KnowledgeBase knowledge, Clock clock, String base, boolean readOnly) {
    this.admin = admin;
    this.knowledge = knowledge;
    this.clock = clock;
    this.base = base;
    this.readOnly = readOnly;
  }

  Instant now() {
    return clock.instant();
  }

  // ---- layout --------------------------------------------------------------------------------

  private String head(String title) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + " · faqbot dashboard</title>"
        + "<link rel=\"stylesheet\" href=\"" + base + "/assets/uPlot.min.css\">"
        + "<link rel=\"stylesheet\" href=\"" + base + "/assets/dashboard.css\"></head><body>"
        + "<a class=\"skip\" href=\"#main\">Skip to content</a>";
  }

  private String layout(Viewer v, String title, String current, String body) {
    StringBuilder b = new StringBuilder(head(title));
    b.append("<header><span class=\"brand\">faqbot dashboard</span>")
        .append("<nav aria-label=\"Pages\"><ul>");
    List<String[]> nav = new ArrayList<>();
    if (v.admin()) {
      nav.add(new String[] {"/", "Overview"});
    }
    nav.add(new String[] {"/unanswered", "Unanswered"});
    nav.add(new String[] {"/entries", "Entries"});
    if (v.admin()) {
      nav.add(new String[] {"/logs", "Logs"});
      nav.add(new String[] {"/audit", "Audit"});
    }
    for (String[] n : nav) {
      b.append("<li><a href=\"").append(base).append(n[0]).append('"')
          .append(n[0].equals(current) ? " aria-current=\"page\"" : "").append('>')
          .append(n[1]).append("</a></li>");
    }
    b.append("</ul></nav><form method=\"post\" action=\"").append(base)
        .append("/signout\" class=\"signout\">").append(csrf(v))
        .append("<span class=\"who\">").append(esc(v.actor())).append(" (")
        .append(v.role().name().toLowerCase(Locale.ROOT)).append(")</span> ")
        .append("<button type=\"submit\">Sign out</button></form></header>")
        .append("<main id=\"main\" tabindex=\"-1\"><h1>").append(esc(title)).append("</h1>");
    if (v.flash() != null && !v.flash().isEmpty()) {
      b.append("<div class=\"flash\" role=\"status\">").append(lines(v.flash()));
      if (!v.offer().isEmpty()) {
        // the buttons of the core's reply, as in chat (a preview's Publish and Cancel)
        b.append("<form method=\"post\" class=\"offer\" action=\"").append(base)
            .append("/offer\">").append(csrf(v));
        for (int i = 0; i < v.offer().size(); i++) {
          b.append("<button type=\"submit\" name=\"choice\" value=\"").append(i).append('"')
              .append(i == 0 ? "" : " class=\"secondary\"").append('>')
              .append(esc(v.offer().get(i))).append("</button> ");
        }
        b.append("</form>");
      }
      b.append("</div>");
    }
    b.append(body).append("</main>")
        .append("<script src=\"").append(base).append("/assets/uPlot.iife.min.js\"></script>")
        .append("<script src=\"").append(base).append("/assets/dashboard.js\"></script>")
        .append("</body></html>");
    return b.toString();
  }

  private static String csrf(Viewer v) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(v.csrf()) + "\">";
  }

  private static String lines(String text) {
    return esc(text).replace("\n", "<br>");
  }

  /** A page without data, for sign-in problems and errors. */
  String message(String title, String text) {
    return head(title) + "<main id=\"main\" class=\"narrow\"><h1>" + esc(title) + "</h1><p>"
        + esc(text) + "</p></main></body></html>";
  }

  String signIn(String token) {
    return head("Sign in") + "<main id=\"main\" class=\"narrow\"><h1>Sign in to the faqbot "
        + "dashboard</h1><p>This link signs you in once. Your session lasts 12 hours.</p>"
        + "<form method=\"post\" action=\"" + base + "/signin\"><input type=\"hidden\" "
        + "name=\"token\" value=\"" + esc(token) + "\"><button type=\"submit\" id=\"signin\">"
        + "Sign in</button></form></main></body></html>";
  }

  // ---- overview ------------------------------------------------------------------------------

  /** A period of the overview: its label and whether it is counted in hours or days. */
  private record Period(String key, String label, int days, boolean hourly) {}

  private static final List<Period> PERIODS = List.of(new Period("24h", "24 hours", 1, true),
      new Period("7d", "7 days", 7, false), new Period("30d", "30 days", 30, false),
      new Period("90d", "90 days", 90, false));

  String overview(Viewer v, String periodKey) {
    Period period = PERIODS.stream().filter(p -> p.key().equals(periodKey)).findFirst()
        .orElse(PERIODS.get(1));
    Instant now = now();
    Instant from;
    Instant to;
    Duration bucket;
    if (period.hourly()) {
      to = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      from = to.minus(Duration.ofHours(24));
      bucket = Duration.ofHours(1);
    } else {
      to = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
      from = to.minus(Duration.ofDays(period.days()));
      bucket = Duration.ofDays(1);
    }
    Admin.Overview o = admin.overview(from, to, bucket);
    StringBuilder b = new StringBuilder();
    b.append("<nav class=\"periods\" aria-label=\"Period\"><ul>");
    for (Period p : PERIODS) {
      b.append("<li><a href=\"").append(base).append("/?period=").append(p.key()).append('"')
          .append(p == period ? " aria-current=\"true\"" : "").append('>').append(p.label())
          .append("</a></li>");
    }
    b.append("</ul></nav>");
    b.append("<section class=\"cards\" aria-label=\"Figures\">");
    card(b, "Messages", num(o.messages()));
    card(b, "Questions", num(o.questions()));
    card(b, "Answer rate", o.questions() == 0 ? "–" : pct(o.answerRate()));
    card(b, "Median latency", o.medianLatencyMs() + " ms");
    card(b, "p95 latency", o.p95LatencyMs() + " ms");
    card(b, "Helpful", o.helpful() + o.notHelpful() == 0 ? "–" : pct(o.helpfulRatio())
        + " <small>(" + o.helpful() + " of " + (o.helpful() + o.notHelpful()) + ")</small>");
    card(b, "Urgent", num(o.urgent()));
    card(b, "Emergencies", num(o.emergencies()));
    b.append("</section>");
    // the chart's data, read by dashboard.js; the table below says the same for screen readers
    b.append("<h2 id=\"chart-title\">Messages per ").append(period.hourly() ? "hour" : "day")
        .append(" by outcome</h2>");
    b.append("<div id=\"chart\" class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" "
        + "data-hourly=\"").append(period.hourly()).append("\"></div>");
    b.append("<ul class=\"legend\" aria-hidden=\"true\">");
    for (int i = 0; i < Admin.Overview.SERIES.size(); i++) {
      String s = Admin.Overview.SERIES.get(i);
      b.append("<li><span class=\"swatch s").append(i).append("\"></span>")
          .append(SERIES_LABELS.get(s)).append("</li>");
    }
    b.append("</ul>");
    b.append("<script type=\"application/json\" id=\"chart-data\">").append(chartJson(o))
        .append("</script>");
    b.append("<details><summary>The chart's numbers as a table</summary>")
        .append("<div class=\"scroll\"><table><caption>Messages per ")
        .append(period.hourly() ? "hour (UTC)" : "day (UTC)").append("</caption><thead><tr>")
        .append("<th scope=\"col\">").append(period.hourly() ? "Hour" : "Day").append("</th>");
    for (String s : Admin.Overview.SERIES) {
      b.append("<th scope=\"col\">").append(SERIES_LABELS.get(s)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    int buckets = o.perBucket().values().iterator().next().length;
    for (int i = 0; i < buckets; i++) {
      Instant t = from.plus(bucket.multipliedBy(i));
      b.append("<tr><th scope=\"row\">").append(period.hourly()
          ? Html.MINUTE.format(t).substring(5) : t.toString().substring(0, 10)).append("</th>");
      for (String s : Admin.Overview.SERIES) {
        b.append("<td>").append(o.perBucket().get(s)[i]).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div></details>");
    b.append("<div class=\"two\"><section><h2>Emergencies by kind</h2>");
    countTable(b, "Emergencies by kind of emergency", "Kind", o.emergenciesByKind());
    b.append("</section><section><h2>Platforms</h2>");
    countTable(b, "Messages per platform", "Platform", o.platforms());
    b.append("</section></div>");
    return layout(v, "Overview, last " + period.label(), "/", b.toString());
  }

  private static void card(StringBuilder b, String label, String value) {
    b.append("<div class=\"card\"><div class=\"label\">").append(esc(label))
        .append("</div><div class=\"value\">").append(value).append("</div></div>");
  }

  private static void countTable(StringBuilder b, String caption, String what,
      Map<String, Integer> counts) {
    if (counts.isEmpty()) {
      b.append("<p>None in this period.</p>");
      return;
    }
    b.append("<table><caption class=\"sr-only\">").append(esc(caption))
        .append("</caption><thead><tr><th scope=\"col\">").append(esc(what))
        .append("</th><th scope=\"col\">Messages</th></tr></thead><tbody>");
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
            .append(num(e.getValue())).append("</td></tr>"));
    b.append("</tbody></table>");
  }

  static String chartJson(Admin.Overview o) {
    StringBuilder j = new StringBuilder("{\"x\":[");
    int n = o.perBucket().values().iterator().next().length;
    long step = o.bucket().toSeconds();
    long start = o.from().getEpochSecond();
    for (int i = 0; i < n; i++) {
      j.append(i == 0 ? "" : ",").append(start + i * step);
    }
    j.append("],\"series\":[");
    int k = 0;
    for (Map.Entry<String, long[]> e : o.perBucket().entrySet()) {
      j.append(k == 0 ? "" : ",").append("{\"name\":")
          .append(Html.json(SERIES_LABELS.get(e.getKey()))).append(",\"color\":")
          .append(Html.json(COLOURS.get(k))).append(",\"values\":[");
      long[] vals = e.getValue();
      for (int i = 0; i < vals.length; i++) {
        j.append(i == 0 ? "" : ",").append(vals[i]);
      }
      j.append("]}");
      k++;
    }
    return j.append("]}").toString();
  }

  // ---- unanswered ----------------------------------------------------------------------------

  String unanswered(Viewer v, String pageParam) {
    int page = pageParam != null && pageParam.matches("[0-9]{1,6}")
        ? Math.max(1, Integer.parseInt(pageParam)) : 1;
    List<Admin.QueuedQuestion> items = admin.openQueue((page - 1) * QUEUE_PAGE, QUEUE_PAGE + 1);
    StringBuilder b = new StringBuilder();
    b.append("<p>Questions the bot could not answer, most asked first. Publishing an answer adds "
        + "it to the knowledge base (the same as /answer in chat) and notifies the askers who "
        + "asked for it; linking answers with an existing entry and teaches it the askers' words "
        + "(/link); dismissing drops the question (/dismiss).</p>");
    if (readOnly) {
      b.append("<p class=\"note\">Read-only: this dashboard runs on its own and cannot notify "
          + "askers. Answer in the running bot's dashboard or in chat.</p>");
    }
    if (items.isEmpty()) {
      b.append("<p>The queue is empty.</p>");
    }
    for (Admin.QueuedQuestion q : items.subList(0, Math.min(QUEUE_PAGE, items.size()))) {
      String id = "q" + q.id();
      b.append("<article class=\"queue\" id=\"").append(id).append("\" aria-labelledby=\"")
          .append(id).append("-h\"><h2 id=\"").append(id).append("-h\">Q").append(q.id())
          .append(" · asked ").append(q.askedCount()).append(q.askedCount() == 1 ? " time" : " times")
          .append("</h2><blockquote>").append(lines(q.text())).append("</blockquote>")
          .append("<p class=\"meta\">First asked ").append(time(q.firstAt())).append(", last ")
          .append(time(q.lastAt()));
      if (q.waiting() > 0) {
        b.append(" · ").append(q.waiting()).append(" waiting for a notification");
      }
      if (q.pendingEntryId() != null) {
        b.append(" · grouped with the unanswered entry <a href=\"").append(base)
            .append("/entries/").append(q.pendingEntryId()).append("\">#")
            .append(q.pendingEntryId()).append("</a> (answering publishes it)");
      }
      b.append("</p>");
      List<SearchHit> close = closeEntries(q.text());
      if (!close.isEmpty()) {
        b.append("<details><summary>Close entries in the knowledge base</summary><ul>");
        for (SearchHit h : close) {
          b.append("<li><a href=\"").append(base).append("/entries/").append(h.entry().id())
              .append("\">#").append(h.entry().id()).append(' ').append(esc(title(h.entry())))
              .append("</a> <small>(").append(h.entry().status().name().toLowerCase(Locale.ROOT))
              .append(String.format(Locale.ROOT, ", confidence %.2f", h.confidence()))
              .append(")</small></li>");
        }
        b.append("</ul></details>");
      }
      if (!readOnly) {
        b.append("<form method=\"post\" class=\"answer\" action=\"").append(base)
            .append("/unanswered/").append(q.id()).append("/answer\">").append(csrf(v))
            .append("<label for=\"").append(id).append("-answer\">Answer to Q").append(q.id())
            .append("</label><textarea id=\"").append(id).append("-answer\" name=\"answer\" "
                + "rows=\"4\" required></textarea><button type=\"submit\">Preview answer"
                + "</button></form>")
            .append("<form method=\"post\" class=\"link\" action=\"").append(base)
            .append("/unanswered/").append(q.id()).append("/link\">").append(csrf(v))
            .append("<label for=\"").append(id).append("-entry\">Or answer with entry #</label>"
                + "<input id=\"").append(id).append("-entry\" name=\"entry\" inputmode=\"numeric\" "
                + "size=\"8\" required").append(close.stream().filter(h -> h.entry().isAnswerable())
                    .findFirst().map(h -> " value=\"" + h.entry().id() + "\"").orElse(""))
            .append("><button type=\"submit\" class=\"secondary\">Link</button></form>")
            .append("<form method=\"post\" class=\"dismiss\" action=\"").append(base)
            .append("/unanswered/").append(q.id()).append("/dismiss\">").append(csrf(v))
            .append("<button type=\"submit\" class=\"secondary\">Dismiss Q").append(q.id())
            .append("</button></form>");
      }
      b.append("</article>");
    }
    pager(b, "/unanswered?page=", page, items.size() > QUEUE_PAGE);
    return layout(v, "Unanswered questions", "/unanswered", b.toString());
  }

  private List<SearchHit> closeEntries(String text) {
    try {
      return knowledge.search(text, 3);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private void pager(StringBuilder b, String prefix, int page, boolean more) {
    if (page > 1 || more) {
      b.append("<nav class=\"pager\" aria-label=\"Pages of results\">");
      if (page > 1) {
        b.append("<a href=\"").append(base).append(prefix).append(page - 1)
            .append("\">Previous</a> ");
      }
      if (more) {
        b.append("<a href=\"").append(base).append(prefix).append(page + 1).append("\">Next</a>");
      }
      b.append("</nav>");
    }
  }

  // ---- entries -------------------------------------------------------------------------------

  String entries(Viewer v, String q) {
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" class=\"search\" role=\"search\" action=\"").append(base)
        .append("/entries\"><label for=\"q\">Search entries</label><input id=\"q\" name=\"q\" "
            + "type=\"search\" value=\"").append(esc(q == null ? "" : q))
        .append("\"><button type=\"submit\">Search</button></form>");
    KnowledgeBase.Counts counts = knowledge.counts();
    b.append("<p>").append(num(counts.published())).append(" published, ")
        .append(num(counts.pending())).append(" without an answer (pending), ")
        .append(num(counts.deleted())).append(" removed. \"Shown\" counts answers in the "
            + "interaction log (kept for the retention period).</p>");
    List<Long> ids;
    String caption;
    if (q != null && !q.isBlank()) {
      ids = new ArrayList<>();
      for (SearchHit h : knowledge.search(q, 20)) {
        ids.add(h.entry().id());
      }
      caption = "Entries matching the search, best match first";
    } else {
      ids = null;
      caption = "Entries shown as answers, the most \"not helpful\" first";
    }
    List<Admin.EntryUsage> usage = admin.entryUsage(Instant.EPOCH, ids, 50);
    Map<Long, Admin.EntryUsage> byId = new LinkedHashMap<>();
    usage.forEach(u -> byId.put(u.entryId(), u));
    List<Long> order = ids != null ? ids : new ArrayList<>(byId.keySet());
    if (order.isEmpty()) {
      b.append("<p>").append(ids != null ? "Nothing found." : "No entry has been shown as an "
          + "answer yet.").append("</p>");
      return layout(v, "Entries", "/entries", b.toString());
    }
    b.append("<div class=\"scroll\"><table><caption>").append(caption).append("</caption>")
        .append("<thead><tr><th scope=\"col\">Entry</th><th scope=\"col\">Status</th>"
            + "<th scope=\"col\">Shown</th><th scope=\"col\">Helpful</th>"
            + "<th scope=\"col\">Not helpful</th><th scope=\"col\">Last changed</th></tr>"
            + "</thead><tbody>");
    for (long id : order) {
      Optional<Entry> e = knowledge.get(id);
      Admin.EntryUsage u = byId.get(id);
      b.append("<tr><td><a href=\"").append(base).append("/entries/").append(id).append("\">#")
          .append(id).append(' ').append(esc(e.map(Pages::title).orElse(u == null ? "" : u.title())))
          .append("</a></td><td>").append(e.map(x -> x.status().name().toLowerCase(Locale.ROOT))
              .orElse("gone")).append("</td><td>").append(u == null ? 0 : u.shown())
          .append("</td><td>").append(u == null ? 0 : u.helpful()).append("</td><td>")
          .append(u == null ? 0 : u.notHelpful()).append("</td><td>")
          .append(e.map(x -> time(x.updated())).orElse("")).append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    return layout(v, "Entries", "/entries", b.toString());
  }

  String entry(Viewer v, long id) {
    Optional<Entry> found = knowledge.get(id);
    if (found.isEmpty()) {
      return layout(v, "Entry #" + id, "/entries", "<p>There is no entry #" + id + ".</p>");
    }
    Entry e = found.get();
    StringBuilder b = new StringBuilder();
    List<Admin.EntryUsage> u = admin.entryUsage(Instant.EPOCH, List.of(id), 1);
    b.append("<dl class=\"facts\"><dt>Status</dt><dd>")
        .append(e.status().name().toLowerCase(Locale.ROOT)).append("</dd><dt>Source</dt><dd>")
        .append(esc(e.source().collection())).append(' ').append(esc(e.source().externalId()))
        .append("</dd><dt>Shown as an answer</dt><dd>").append(u.isEmpty() ? 0 : u.get(0).shown())
        .append(" times; helpful ").append(u.isEmpty() ? 0 : u.get(0).helpful())
        .append(", not helpful ").append(u.isEmpty() ? 0 : u.get(0).notHelpful())
        .append("</dd><dt>Last changed</dt><dd>").append(time(e.updated())).append("</dd></dl>");
    if (e.question() != null && !e.question().isBlank()) {
      b.append("<h2>Question</h2><blockquote>").append(lines(e.question())).append("</blockquote>");
    }
    b.append("<h2>Answer</h2>").append(e.answerText().isBlank() ? "<p>None yet.</p>"
        : "<blockquote>" + lines(e.answerText()) + "</blockquote>");
    b.append("<h2>History</h2><div class=\"scroll\"><table><caption class=\"sr-only\">Changes"
        + "</caption><thead><tr><th scope=\"col\">Revision</th><th scope=\"col\">When</th>"
        + "<th scope=\"col\">Who</th><th scope=\"col\">Change</th></tr></thead><tbody>");
    for (KnowledgeBase.Revision r : knowledge.history(id)) {
      b.append("<tr><td>").append(r.revision()).append("</td><td>").append(time(r.at()))
          .append("</td><td>").append(esc(r.actor())).append("</td><td>").append(esc(r.change()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    return layout(v, "#" + id + " " + title(e), "/entries", b.toString());
  }

  static String title(Entry e) {
    if (e.title() != null && !e.title().isBlank()) {
      return e.title();
    }
    return e.question() == null ? "(untitled)" : e.question();
  }

  // ---- logs and audit ------------------------------------------------------------------------

  String logs(Viewer v, LogFilter f, String rawQuery) {
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" class=\"filters\" action=\"").append(base).append("/logs\">");
    select(b, "outcome", "Outcome", f.outcome() == null ? "" : f.outcome().key(),
        java.util.Arrays.stream(Outcome.values()).map(Outcome::key).toList());
    select(b, "platform", "Platform", f.platform() == null ? "" : f.platform().key(),
        java.util.Arrays.stream(Platform.values()).map(Platform::key).toList());
    b.append("<label for=\"days\">Days</label><select id=\"days\" name=\"days\">");
    for (int d : new int[] {1, 7, 30, 90}) {
      b.append("<option value=\"").append(d).append('"').append(d == f.days() ? " selected" : "")
          .append('>').append(d).append("</option>");
    }
    b.append("</select><label for=\"entry\">Entry</label><input id=\"entry\" name=\"entry\" "
        + "inputmode=\"numeric\" size=\"8\" value=\"").append(f.entryId() == null ? ""
            : f.entryId()).append("\"><label for=\"rule\">Triage rule</label><input id=\"rule\" "
            + "name=\"rule\" size=\"18\" value=\"").append(esc(f.rule() == null ? "" : f.rule()))
        .append("\"><button type=\"submit\">Filter</button></form>");
    String qs = rawQuery == null ? "" : "?" + rawQuery;
    b.append("<p><a class=\"button\" href=\"").append(base).append("/logs.csv").append(esc(qs))
        .append("\" download>Download these as CSV</a> (every matching row; users appear only "
            + "as pseudonymous keys)</p>");
    List<Admin.LogRecord> rows = admin.logs(f.query(now(), LOG_ROWS));
    b.append("<div class=\"scroll\"><table class=\"logs\"><caption>")
        .append(rows.size() == LOG_ROWS ? "The newest " + LOG_ROWS : rows.size())
        .append(" interactions, ").append(esc(f.describe())).append("</caption><thead><tr>"
            + "<th scope=\"col\">Time (UTC)</th><th scope=\"col\">Platform</th>"
            + "<th scope=\"col\">Outcome</th><th scope=\"col\">Entry</th>"
            + "<th scope=\"col\">Confidence</th><th scope=\"col\">Latency</th>"
            + "<th scope=\"col\">Triage rule</th><th scope=\"col\">Feedback</th>"
            + "<th scope=\"col\">User key</th><th scope=\"col\">Message</th></tr></thead><tbody>");
    for (Admin.LogRecord r : rows) {
      b.append("<tr><td>").append(time(r.at())).append("</td><td>").append(r.platform() == null
          ? "" : r.platform().key()).append("</td><td>").append(r.outcome().key())
          .append("</td><td>").append(r.entryId() == null ? "" : "<a href=\"" + base
              + "/entries/" + r.entryId() + "\">#" + r.entryId() + "</a>")
          .append("</td><td>").append(r.confidence() == null ? ""
              : String.format(Locale.ROOT, "%.2f", r.confidence()))
          .append("</td><td>").append(r.latencyMs()).append(" ms</td><td>")
          .append(esc(r.triageRule() == null ? "" : r.triageRule())).append("</td><td>")
          .append(r.feedback() == null ? "" : r.feedback() > 0 ? "helpful" : "not helpful")
          .append("</td><td><code>").append(esc(r.userKey().substring(0,
              Math.min(12, r.userKey().length())))).append("</code></td><td>")
          .append(esc(r.text())).append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    return layout(v, "Logs", "/logs", b.toString());
  }

  private static void select(StringBuilder b, String name, String label, String selected,
      List<String> values) {
    b.append("<label for=\"").append(name).append("\">").append(label).append("</label>")
        .append("<select id=\"").append(name).append("\" name=\"").append(name)
        .append("\"><option value=\"\">all</option>");
    for (String s : values) {
      b.append("<option value=\"").append(s).append('"').append(s.equals(selected)
          ? " selected" : "").append('>').append(s.replace('_', ' ')).append("</option>");
    }
    b.append("</select>");
  }

  String audit(Viewer v) {
    StringBuilder b = new StringBuilder("<div class=\"scroll\"><table><caption>The newest 200 "
        + "moderator and admin actions</caption><thead><tr><th scope=\"col\">Time (UTC)</th>"
        + "<th scope=\"col\">Who</th><th scope=\"col\">Action</th><th scope=\"col\">Target</th>"
        + "<th scope=\"col\">Detail</th></tr></thead><tbody>");
    for (Admin.AuditRecord a : admin.audit(200)) {
      b.append("<tr><td>").append(time(a.at())).append("</td><td>").append(esc(a.actor()))
          .append("</td><td>").append(esc(a.action())).append("</td><td>")
          .append(esc(a.target())).append("</td><td>").append(esc(a.detail()))
          .append("</td></tr>");
    }
    b.append("</tbody></table></div>");
    return layout(v, "Audit trail", "/audit", b.toString());
  }
}
