package faqbot.core;

import static faqbot.core.StaffReplies.packPrivate;
import static faqbot.core.StaffReplies.reply;
import static faqbot.core.StaffReplies.text;

import faqbot.core.BotCore.Ctx;
import faqbot.core.BotCore.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Admins' commands: the interaction log, statistics, exports, roles and the audit trail. The
 * caller ({@link BotCore}) has already checked the role and the scope; every reply is private to
 * the asker, since the log shows patients' questions.
 */
final class AdminCommands {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final BotCore core;

  AdminCommands(BotCore core) {
    this.core = core;
  }

  Result command(Ctx ctx, Command command, Arguments args) {
    return StaffReplies.orFailure(command, "Sorry, that failed: ", () ->
        switch (command.name()) {
          case "logs" -> logs(args);
          case "stats" -> stats(args.number("days", 30));
          case "export" -> export(args.number("days", 30));
          case "grant" -> grant(ctx, args.text("user"), Role.valueOf(args.text("role")
              .toUpperCase(Locale.ROOT)));
          case "revoke" -> revoke(ctx, args.text("user"));
          case "audit" -> audit(args.number("count", 20));
          default -> BotCore.usage(command);
        });
  }

  private Result logs(Arguments args) {
    Admin.LogQuery q = Admin.LogQuery.recent(20);
    int days = args.number("days", 7);
    if (args.has("outcome")) {
      q = q.withOutcome(Outcome.parse(args.text("outcome")).orElseThrow());
    }
    if (args.has("entry")) {
      q = q.forEntry(args.number("entry"));
    }
    q = q.since(core.clock().instant().minus(Duration.ofDays(days)));
    List<Admin.LogRecord> rows = core.admin().logs(q);
    List<Part> parts = new ArrayList<>();
    parts.add(Part.heading("Last " + rows.size() + " interactions, " + days + " days"
        + (q.outcome() == null ? "" : ", " + q.outcome().key())
        + (q.entryId() == null ? "" : ", entry #" + q.entryId())));
    for (Admin.LogRecord r : rows) {
      parts.add(Part.bullet(MINUTE.format(r.at()) + " " + r.outcome().key()
          + (r.entryId() == null ? "" : " #" + r.entryId())
          + (r.confidence() == null ? "" : String.format(Locale.ROOT, " %.2f", r.confidence()))
          + (r.triageRule() == null ? "" : " rule " + r.triageRule())
          + " " + r.latencyMs() + "ms user " + r.userKey().substring(0, Math.min(8, r.userKey().length()))
          + ": " + Texts.oneLine(r.text(), 120)));
    }
    return new Result(Outcome.COMMAND, packPrivate(parts));
  }

  private Result stats(int days) {
    // inclusive of this very moment: a test clock (or a fast admin) may ask at the same instant
    Instant to = core.clock().instant().plusMillis(1);
    Admin.Stats s = core.admin().stats(to.minus(Duration.ofDays(days)), to);
    List<Part> parts = new ArrayList<>();
    parts.add(Part.heading("Statistics, last " + days + " days"));
    parts.add(Part.paragraph(String.format(Locale.ROOT, "%d questions: %d answered (%.0f%%), %d "
        + "without a match, %d emergencies, %d to be seen today (urgent). Median latency %d ms.",
        s.questions(), s.answered(), s.answerRate() * 100, s.noMatch(), s.emergencies(),
        s.urgent(), s.medianLatencyMs())));
    parts.add(Part.heading("Questions per day"));
    s.questionsPerDay().forEach((d, n) -> parts.add(Part.bullet(d + ": " + n)));
    parts.add(Part.heading("Top answered"));
    s.topQuestions().forEach(c -> parts.add(Part.bullet(c.count() + "x #" + c.entryId() + " "
        + Texts.oneLine(c.label(), 100))));
    parts.add(Part.heading("Top unanswered"));
    s.topUnanswered().forEach(c -> parts.add(Part.bullet(c.count() + "x "
        + Texts.oneLine(c.label(), 100))));
    parts.add(Part.heading("Feedback"));
    s.feedback().forEach(f -> parts.add(Part.bullet(String.format(Locale.ROOT,
        "#%d %s: %d helpful, %d not helpful", f.entryId(), Texts.oneLine(f.title(), 80),
        f.helpful(), f.notHelpful()))));
    return new Result(Outcome.COMMAND, packPrivate(parts));
  }

  private Result export(int days) throws IOException {
    Instant to = core.clock().instant();
    Instant from = to.minus(Duration.ofDays(days));
    StringWriter logs = new StringWriter();
    core.admin().exportLogsCsv(new Admin.LogQuery(null, from, to.plusMillis(1), null, 0), logs);
    StringWriter stats = new StringWriter();
    Csv.writeStats(core.admin().stats(from, to.plusMillis(1)), stats);
    String day = LocalDate.ofInstant(to, ZoneOffset.UTC).toString();
    Reply first = Reply.builder().privateToAsker(true)
        .add(Part.paragraph("Interactions of the last " + days + " days (CSV)."))
        .attachment(new Attachment("faqbot-logs-" + day + ".csv", "text/csv",
            logs.toString().getBytes(StandardCharsets.UTF_8)))
        .build();
    Reply second = Reply.builder().privateToAsker(true)
        .add(Part.paragraph("Statistics of the last " + days + " days (CSV)."))
        .attachment(new Attachment("faqbot-stats-" + day + ".csv", "text/csv",
            stats.toString().getBytes(StandardCharsets.UTF_8)))
        .build();
    return new Result(Outcome.COMMAND, List.of(first, second));
  }

  private Result grant(Ctx ctx, String ref, Role role) {
    core.setRole(ref, role, ctx.actor());
    core.audit().record(ctx.actor(), "grant", ref, role.name().toLowerCase(Locale.ROOT));
    return text(ref + " is now " + role.name().toLowerCase(Locale.ROOT) + ".");
  }

  private Result revoke(Ctx ctx, String ref) {
    if (core.config().initialAdmins().contains(ref)) {
      return text(ref + " is an admin by configuration (FAQBOT_ADMINS); remove it there.");
    }
    core.setRole(ref, Role.PATIENT, ctx.actor());
    core.audit().record(ctx.actor(), "revoke", ref, null);
    return text(ref + " is now a patient (no staff role).");
  }

  private Result audit(int n) {
    List<Part> parts = new ArrayList<>();
    parts.add(Part.heading("Audit trail, newest first"));
    for (Admin.AuditRecord a : core.audit().recent(n)) {
      parts.add(Part.bullet(MINUTE.format(a.at()) + " " + a.actor() + " " + a.action()
          + (a.target() == null ? "" : " " + a.target())
          + (a.detail() == null ? "" : ": " + Texts.oneLine(a.detail(), 120))));
    }
    return new Result(Outcome.COMMAND, packPrivate(parts));
  }
}
