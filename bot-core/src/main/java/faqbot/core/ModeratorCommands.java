package faqbot.core;

import static faqbot.core.KnowledgeWrites.retrying;
import static faqbot.core.StaffReplies.packPrivate;
import static faqbot.core.StaffReplies.reply;
import static faqbot.core.StaffReplies.text;

import faqbot.core.BotCore.Ctx;
import faqbot.core.BotCore.Result;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Moderators' commands on the knowledge base's entries. The caller ({@link BotCore}) has already
 * checked the role and the scope; every reply is private to the asker.
 */
final class ModeratorCommands {
  static final int PAGE_SIZE = 10;

  private final BotCore core;

  ModeratorCommands(BotCore core) {
    this.core = core;
  }

  /** Knowledge-base upkeep: /edit, /remove, /undo, /list, /find, /alt, /import, /dashboard. */
  Result command(Ctx ctx, Command command, Arguments args) {
    return StaffReplies.orFailure(command, "Sorry, that failed and nothing was changed: ", () ->
        switch (command.name()) {
          case "import" -> text("Send me the file as a document (Telegram) or an attachment "
              + "(Discord): a seed Q&A page, a seed article, a JSONL export, a MedQuAD XML file, "
              + "or a zip of them. I show what it would add, update and skip before anything is "
              + "imported. In the console: /import PATH.");
          case "edit" -> edit(ctx, args);
          case "remove" -> removeOrUndo(ctx, args.number("id"), true);
          case "undo" -> removeOrUndo(ctx, args.number("id"), false);
          case "list" -> list(ctx, args.number("page", 1));
          case "find" -> find(args.text("text"));
          case "alt" -> alternatives(ctx, command, args);
          case "dashboard" -> dashboardLink(ctx);
          default -> BotCore.usage(command);
        });
  }

  private Result edit(Ctx ctx, Arguments args) throws IOException {
    long id = args.number("id");
    Optional<Entry> found = core.knowledge().get(id);
    if (found.isEmpty()) {
      return text("There is no entry #" + id + ".");
    }
    Entry e = found.get();
    Entry.Builder b = e.toBuilder();
    String value = args.text("text");
    String field = args.text("field");
    switch (field) {
      case "title" -> b.title(value);
      case "question" -> b.question(value);
      case "answer" -> {
        if (e.kind() == Entry.Kind.ARTICLE) {
          b.body(value);
        } else {
          b.reply(value);
        }
      }
      case "more_info" -> b.moreInfo(value);
      case "doctor" -> b.doctorName(value);
      case "specialty" -> b.specialty(value);
      case "quick_take" -> b.quickTake(value);
      case "status" -> {
        String s = value.toUpperCase(Locale.ROOT);
        if (!s.equals("PUBLISHED") && !s.equals("PENDING")) {
          return text("Status can be published or pending (use /remove to remove).");
        }
        if (s.equals("PUBLISHED") && e.answerText().isBlank()) {
          return text("Entry #" + id + " has no answer yet: set its answer first.");
        }
        b.status(Entry.Status.valueOf(s));
      }
      default -> throw new IllegalStateException("a field the catalogue offers: " + field);
    }
    Entry saved = retrying(() -> core.knowledge().update(b.build(), ctx.actor()));
    core.audit().record(ctx.actor(), "edit", "#" + id, field + ": " + Texts.oneLine(value, 200));
    return text("Updated " + field + " of #" + id + " (" + ReplyComposer.title(saved) + "). /undo "
        + id + " reverts it.");
  }

  private Result removeOrUndo(Ctx ctx, long id, boolean remove) throws IOException {
    if (core.knowledge().get(id).isEmpty()) {
      return text("There is no entry #" + id + ".");
    }
    try {
      Entry e = retrying(() -> remove ? core.knowledge().remove(id, ctx.actor())
          : core.knowledge().undo(id, ctx.actor()));
      core.audit().record(ctx.actor(), remove ? "remove" : "undo", "#" + id, ReplyComposer.title(e));
      return text(remove ? "Removed #" + id + " (" + ReplyComposer.title(e) + "). /undo " + id
          + " brings it back." : "Restored #" + id + " (" + ReplyComposer.title(e) + ") to "
          + e.status().name().toLowerCase(Locale.ROOT) + ".");
    } catch (IllegalArgumentException | IllegalStateException e) {
      return text("Cannot " + (remove ? "remove" : "undo") + " #" + id + ": " + e.getMessage());
    }
  }

  Result list(Ctx ctx, int page) {
    List<Entry> entries = core.knowledge().list((page - 1) * PAGE_SIZE, PAGE_SIZE + 1, false);
    Reply.Builder b = Reply.builder().privateToAsker(true).add(Part.heading("Entries, page " + page));
    if (entries.isEmpty()) {
      b.add(Part.paragraph("No entries here."));
    }
    for (Entry e : entries.subList(0, Math.min(PAGE_SIZE, entries.size()))) {
      b.add(Part.bullet(line(e)));
    }
    if (entries.size() > PAGE_SIZE && page < Integer.MAX_VALUE) {
      b.button("Next page", Payloads.of(Payloads.LIST_PAGE, page + 1));
    }
    return Result.of(Outcome.COMMAND, b.build());
  }

  private static String line(Entry e) {
    return "#" + e.id() + " [" + e.status().name().toLowerCase(Locale.ROOT) + "] "
        + Texts.oneLine(ReplyComposer.title(e), 100);
  }

  private Result find(String text) {
    List<SearchHit> hits = core.knowledge().search(text, 10);
    Reply.Builder b = Reply.builder().privateToAsker(true).add(Part.heading("Search results"));
    if (hits.isEmpty()) {
      b.add(Part.paragraph("Nothing found."));
    }
    for (SearchHit h : hits) {
      b.add(Part.bullet(String.format(Locale.ROOT, "%s (confidence %.2f)", line(h.entry()),
          h.confidence())));
    }
    return Result.of(Outcome.COMMAND, b.build());
  }

  /** /alt #345 lists an entry's alternative questions; add TEXT and remove N change them. */
  private Result alternatives(Ctx ctx, Command command, Arguments args) throws IOException {
    long id = args.number("id");
    String action = args.text("action");
    String text = args.text("text");
    if ((action == null) != (text == null)) {
      return BotCore.usage(command, action == null ? "say add or remove before the text"
          : "/alt " + id + " " + action + " needs " + (action.equals("add") ? "a question"
              : "a number"));
    }
    Optional<Entry> found = core.knowledge().get(id);
    if (found.isEmpty()) {
      return text("There is no entry #" + id + ".");
    }
    Entry e = found.get();
    if (action != null) {
      try {
        if (action.equals("add")) {
          Entry after = retrying(() -> core.knowledge().addAlternativeQuestions(id,
              List.of(text), ctx.actor()));
          if (after.alternativeQuestions().size() == e.alternativeQuestions().size()) {
            return text("#" + id + " already has that question (or it is longer than "
                + faqbot.knowledge.KnowledgeBase.MAX_ALTERNATIVE_CHARS + " characters).");
          }
          core.audit().record(ctx.actor(), "alt add", "#" + id, Texts.oneLine(text, 200));
          e = after;
        } else {
          Integer n = StaffReplies.parseInt(text);
          if (n == null) {
            return BotCore.usage(command, "remove takes the number of the question");
          }
          e = retrying(() -> core.knowledge().removeAlternativeQuestion(id, n, ctx.actor()));
          // by number: the words may be a patient's, which the audit trail should not copy again
          core.audit().record(ctx.actor(), "alt remove", "#" + id, "number " + n);
        }
      } catch (IllegalArgumentException ex) {
        return text("Cannot change #" + id + ": " + ex.getMessage() + ".");
      }
    }
    List<Part> parts = new ArrayList<>();
    parts.add(Part.heading("Alternative questions of #" + id + " (" + Texts.oneLine(ReplyComposer.title(e), 80)
        + ")"));
    if (e.alternativeQuestions().isEmpty()) {
      parts.add(Part.paragraph("None yet. /link <queueId> " + id + " adds a queued question's "
          + "words; /alt " + id + " add <question> adds one."));
    }
    for (int i = 0; i < e.alternativeQuestions().size(); i++) {
      parts.add(Part.bullet((i + 1) + ". " + Texts.oneLine(e.alternativeQuestions().get(i), 300)));
    }
    if (!e.alternativeQuestions().isEmpty()) {
      parts.add(Part.paragraph("/alt " + id + " remove <number> removes one; /undo " + id
          + " reverts the last change."));
    }
    return new Result(Outcome.COMMAND, packPrivate(parts));
  }

  /** A one-time sign-in link to the web dashboard (the server checks the role again on use). */
  private Result dashboardLink(Ctx ctx) {
    String base = core.dashboardUrl();
    if (base == null) {
      return text("The web dashboard is off. It is turned on with FAQBOT_DASHBOARD_PORT (or "
          + "FAQBOT_DASHBOARD_URL when 'faqbot dashboard' runs it on its own).");
    }
    String token = core.dashboardLinks().issue(ctx.actor());
    core.audit().record(ctx.actor(), "dashboard-link", null, null);
    return text("Your sign-in link to the dashboard. It works once, for "
        + DashboardLinks.VALID.toMinutes() + " minutes; do not share it:\n" + base + "/signin/"
        + token);
  }
}
