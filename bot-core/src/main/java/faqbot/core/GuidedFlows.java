package faqbot.core;

import static faqbot.core.KnowledgeWrites.retrying;
import static faqbot.core.StaffReplies.packPrivate;
import static faqbot.core.StaffReplies.reply;
import static faqbot.core.StaffReplies.text;

import faqbot.core.BotCore.Ctx;
import faqbot.core.BotCore.Result;
import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.ImportReport;
import faqbot.knowledge.ParseException;
import faqbot.knowledge.ParsedDocument;
import faqbot.knowledge.Parsers;
import faqbot.knowledge.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knowledge written in a conversation, each ending in a preview to confirm: the guided add (or
 * its one-message form, or a Discord form), pasted pages in one or several messages, files sent
 * for import, and the title step of an answer to a queued question. Confirm and Cancel buttons
 * of every preview come back here.
 */
final class GuidedFlows {
  private static final Logger LOG = LoggerFactory.getLogger(GuidedFlows.class);
  private static final Pattern SKIP = Pattern.compile("(?i)^\\s*(skip|-|none|n/?a)\\s*$");

  private final BotCore core;
  private final QueueAnswers answers;

  GuidedFlows(BotCore core, QueueAnswers answers) {
    this.core = core;
    this.answers = answers;
  }

  /** /add, /paste and /done: knowledge written in a conversation. */
  Result command(Ctx ctx, Command command, Arguments args) {
    return StaffReplies.orFailure(command, "Sorry, that failed and nothing was changed: ", () ->
        switch (command.name()) {
          case "add" -> add(ctx, command, args);
          case "paste" -> {
            Conversations.Flow session = new Conversations.Flow(Conversations.Step.PASTE);
            core.conversations().start(ctx.userKey, session);
            if (!args.has("page")) {
              yield text("Paste the page now (a doctor Q&A page or an article in the seed format), "
                  + "in as many messages as it takes. Then send /done to preview it, or /cancel.");
            }
            // Telegram splits a long message: this may be the first part only
            yield pastePart(ctx, session, args.text("page"));
          }
          case "done" -> {
            Conversations.Flow f = core.conversations().flow(ctx.userKey);
            yield f == null || f.step != Conversations.Step.PASTE
                ? text("There is no paste in progress. Send /paste to start one.")
                : finishPaste(ctx, f);
          }
          default -> BotCore.usage(command);
        });
  }

  private Result add(Ctx ctx, Command command, Arguments args) {
    if (!args.has("question") && !args.has("answer")) {
      core.conversations().start(ctx.userKey, new Conversations.Flow(Conversations.Step.QUESTION));
      return text("Let's add a question and its answer. First, send the question as a patient "
          + "would ask it. (/cancel stops.)");
    }
    String question = args.text("question");
    String answer = args.text("answer");
    if (question == null || answer == null) {
      return BotCore.usage(command, "it takes both a question and an answer, or neither for the "
          + "guided way");
    }
    return preview(ctx, List.of(draft(core.clock(), question, answer, null, null)), "add");
  }

  /** A form (a Discord modal): a one-shot add with question, answer, doctor and specialty. */
  Result form(Ctx ctx) {
    if (!ctx.role.atLeast(Role.MODERATOR)) {
      return Result.of(Outcome.REFUSED, reply("Sorry, you are not allowed to add entries: it is "
          + "for moderators."));
    }
    Map<String, String> f = ctx.msg.form();
    String question = Texts.sanitize(f.getOrDefault("question", ""));
    String answer = Texts.sanitize(f.getOrDefault("answer", ""));
    if (question.isEmpty() || answer.isEmpty()) {
      return Result.of(Outcome.COMMAND, reply("The form needs both a question and an answer."));
    }
    return preview(ctx, List.of(draft(core.clock(), question, answer, optional(f.get("doctor")),
        optional(f.get("specialty")))), "form");
  }

  private static String optional(String s) {
    String t = Texts.sanitize(s);
    return t.isEmpty() || SKIP.matcher(t).matches() ? null : t;
  }

  /** The next answer in a guided flow. */
  Result flowStep(Ctx ctx, String text) {
    Conversations.Flow f = core.conversations().flow(ctx.userKey);
    if (f == null || !ctx.role.atLeast(Role.MODERATOR)) {
      core.conversations().end(ctx.userKey);
      return text("That flow has ended. Send /add to start again.");
    }
    // each step saves the flow it changed: the next message may reach another replica
    switch (f.step) {
      case QUESTION -> {
        f.question = text;
        f.step = Conversations.Step.ANSWER;
        core.conversations().save(ctx.userKey, f);
        return text("Now send the doctor's answer.");
      }
      case ANSWER -> {
        f.answer = text;
        f.step = Conversations.Step.DOCTOR;
        core.conversations().save(ctx.userKey, f);
        return text("Who answered? Send the doctor's name (without \"Dr.\"), or \"skip\".");
      }
      case DOCTOR -> {
        f.doctor = optional(text);
        f.step = Conversations.Step.SPECIALTY;
        core.conversations().save(ctx.userKey, f);
        return text("Their specialty (for example Orthopedics), or \"skip\".");
      }
      case SPECIALTY -> {
        f.specialty = optional(text);
        core.conversations().end(ctx.userKey);
        return preview(ctx, List.of(draft(core.clock(), f.question, f.answer, f.doctor,
            f.specialty)), "add");
      }
      case PASTE -> {
        return pastePart(ctx, f, text);
      }
      case ANSWER_TITLE -> {
        return answers.retitle(ctx, f, text);
      }
      default -> {
        core.conversations().end(ctx.userKey);
        return text("That flow has ended. Send /add to start again.");
      }
    }
  }

  /** A new Q&A entry written by a moderator in chat, dated today. */
  static Entry draft(Clock clock, String question, String answer, String doctor,
      String specialty) {
    return Entry.builder(Entry.Kind.QA)
        .status(Entry.Status.PUBLISHED)
        .title(Texts.oneLine(question, 120))
        .question(question)
        .reply(answer)
        .doctorName(doctor)
        .specialty(specialty)
        .replyDate(LocalDate.now(clock))
        .source(chatSource(null))
        .build();
  }

  private static Source chatSource(String url) {
    return new Source("chat", ReplyComposer.MODERATOR_COLLECTION, url, "chat-" + Payloads.newToken());
  }

  /** One message of a paste session: kept, and acknowledged with a Preview button. */
  private Result pastePart(Ctx ctx, Conversations.Flow session, String part) {
    if (session.page.length() + part.length() + 1 > Parsers.MAX_PAGE_BYTES) {
      return text(String.format(Locale.ROOT, "That part would make the page longer than %s, "
          + "the most a page may have; I did not add it. Send /done to preview what I have, or "
          + "/cancel.", FileImports.megabytes(Parsers.MAX_PAGE_BYTES)));
    }
    if (session.parts > 0) {
      // Telegram trims each part, so the line break at the split is gone: a split inside a
      // paragraph costs a line break, a lost one would merge a heading into the line before it
      session.page.append('\n');
    }
    session.page.append(part);
    session.parts++;
    core.conversations().withdraw(session.token);
    session.token = core.conversations().offer(ctx.userKey, new Conversations.FinishPaste());
    core.conversations().save(ctx.userKey, session);
    return Result.of(Outcome.COMMAND, Reply.builder().privateToAsker(true)
        .add(Part.paragraph(String.format(Locale.ROOT, "Got part %d of the page (%,d characters; "
            + "%,d in all). Send the rest if there is more, then /done or press Preview.",
            session.parts, part.length(), session.page.length())))
        .button("Preview", Payloads.of(Payloads.CONFIRM, session.token))
        .button("Cancel", Payloads.of(Payloads.CANCEL, session.token))
        .build());
  }

  private Result finishPaste(Ctx ctx, Conversations.Flow session) {
    core.conversations().end(ctx.userKey);
    core.conversations().withdraw(session.token);
    if (session.parts == 0) {
      return text("Nothing was pasted. Send /paste to start again.");
    }
    return paste(ctx, session.page.toString());
  }

  private Result paste(Ctx ctx, String page) {
    Optional<Format> format = Parsers.detect("chat", page);
    if (format.isEmpty() || (format.get() != Format.QA_PAGE && format.get() != Format.ARTICLE)) {
      return text("I can't tell what this is. Paste a doctor Q&A page (with a \"Dr. X reply\" "
          + "line) or an article with numbered sections (AT-A-GLANCE, QUICK TAKE, ARTICLE BODY).");
    }
    ParsedDocument doc;
    try {
      doc = Parsers.parse(format.get(), "chat", page);
    } catch (ParseException e) {
      return text("I could not read that page: " + e.getMessage() + ". Nothing was added.");
    }
    if (doc.entries().isEmpty()) {
      return text("I found nothing to add in that page" + (doc.skipped().isEmpty() ? "."
          : ": " + String.join("; ", doc.skipped())));
    }
    List<Entry> entries = new ArrayList<>();
    for (Entry e : doc.entries()) {
      // chat pastes all share the document name "chat": give each its own identity
      entries.add(e.toBuilder().id(0).source(chatSource(e.source().url())).build());
    }
    return preview(ctx, entries, "paste");
  }

  private Result preview(Ctx ctx, List<Entry> entries, String how) {
    String token = core.conversations().offer(ctx.userKey, new Conversations.AddEntries(entries, how));
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.emphasis("Preview: this is what patients will see. Nothing is published yet."));
    for (Entry e : entries) {
      ReplyComposer.shortAnswer(e).forEach(b::add);
      if (!e.isAnswerable()) {
        b.add(Part.emphasis("This entry has no reply: it will be stored as PENDING and never "
            + "shown as an answer."));
      }
    }
    b.add(core.disclaimer());
    b.button(entries.size() == 1 ? "Publish" : "Publish all " + entries.size(),
        Payloads.of(Payloads.CONFIRM, token));
    b.button("Cancel", Payloads.of(Payloads.CANCEL, token));
    return Result.of(Outcome.COMMAND, b.build());
  }

  /** A confirm button of a previewed add. */
  Result confirm(Ctx ctx, Conversations.Action action) {
    if (!ctx.role.atLeast(Role.MODERATOR)) {
      cancelled(ctx, action);
      return BotCore.stale();
    }
    if (action instanceof Conversations.PublishAnswer answer) {
      return answers.publish(ctx, answer);
    }
    if (action instanceof Conversations.FinishPaste) {
      Conversations.Flow f = core.conversations().flow(ctx.userKey);
      return f == null || f.step != Conversations.Step.PASTE ? BotCore.stale()
          : finishPaste(ctx, f);
    }
    if (action instanceof Conversations.ImportFiles files) {
      return importFiles(ctx, files);
    }
    if (!(action instanceof Conversations.AddEntries add)) {
      return BotCore.stale();
    }
    List<String> done = new ArrayList<>();
    try {
      for (Entry e : add.entries()) {
        Entry saved = retrying(() -> core.knowledge().add(e, ctx.actor()));
        core.audit().record(ctx.actor(), add.how(), "#" + saved.id(), ReplyComposer.title(saved));
        done.add("#" + saved.id() + " " + ReplyComposer.title(saved)
            + (saved.isAnswerable() ? "" : " (pending)"));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      LOG.error("adding entries failed: {}", e.toString());
      done.add("Failed: " + e.getMessage());
      return Result.of(Outcome.ERROR, reply(String.join("\n", done)));
    }
    return Result.of(Outcome.COMMAND, reply("Published " + String.join("; ", done)));
  }

  /** A confirmation dropped (Cancel pressed, expired, /cancel): frees what it held. */
  void cancelled(Ctx ctx, Conversations.Action action) {
    if (action instanceof Conversations.FinishPaste) {
      Conversations.Flow f = core.conversations().flow(ctx.userKey);
      if (f != null && f.step == Conversations.Step.PASTE) {
        core.conversations().end(ctx.userKey);
      }
    } else if (action instanceof Conversations.PublishAnswer) {
      Conversations.Flow f = core.conversations().flow(ctx.userKey);
      if (f != null && f.step == Conversations.Step.ANSWER_TITLE) {
        core.conversations().end(ctx.userKey);
      }
    } else if (action instanceof Conversations.ImportFiles files) {
      core.conversations().removeUpload(files.upload());
    }
  }

  /**
   * A file a moderator sent in a private chat: fetched, previewed per file (what it would add,
   * update, leave and skip), imported on Publish. The caller handled everyone else's files.
   */
  Result file(Ctx ctx) {
    IncomingFile file = ctx.msg.file();
    FileImports.Staged staged;
    try {
      staged = core.fileImports().stage(file);
    } catch (FileImports.Refused e) {
      return text(e.getMessage() + " Nothing was imported.");
    } catch (IOException | RuntimeException e) {
      LOG.warn("fetching a file failed: {}", e.toString());
      return Result.of(Outcome.ERROR, reply("I could not fetch " + Texts.oneLine(file.name(), 80)
          + ": " + e.getMessage() + ". Nothing was imported; please send it again."));
    }
    core.flushLog(); // fewer lock conflicts with the log writer during the long write
    List<FileImports.Outcome> outcomes = core.fileImports().preview(core.knowledge(), staged);
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.emphasis("Preview of " + Texts.oneLine(staged.sent(), 80) + ": nothing is "
            + "imported yet."));
    int changes = 0;
    int failed = 0;
    for (FileImports.Outcome o : outcomes) {
      if (o.error() != null) {
        failed++;
        b.add(Part.bullet(o.name() + ": FAILED, " + o.error()));
      } else if (o.passedOver()) {
        b.add(Part.bullet(o.name() + ": not a knowledge document, passed over"));
      } else {
        ImportReport r = o.report();
        changes += r.added() + r.updated();
        b.add(Part.bullet(String.format(Locale.ROOT, "%s: %s, would add %d, update %d, leave %d "
            + "unchanged, skip %d", o.name(), r.format().name().toLowerCase(Locale.ROOT),
            r.added(), r.updated(), r.unchanged(), r.skippedCount())));
        r.skipped().stream().limit(5).forEach(why -> b.add(Part.bullet("  skipped: " + why)));
      }
    }
    if (changes == 0) {
      core.fileImports().discard(staged);
      b.add(Part.paragraph(failed > 0 ? "Nothing can be imported: fix the file and send it again."
          : "Nothing to import: everything in it is already in the knowledge base."));
      return Result.of(Outcome.COMMAND, b.build());
    }
    if (failed > 0) {
      b.add(Part.paragraph("Import imports the other files; the failed ones stay out."));
    }
    // the confirmation may reach another replica: the bytes wait in the database, not on this disk
    String upload;
    try {
      upload = core.conversations().keepUpload(ctx.userKey, staged.raw());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("keeping a file failed: {}", e.toString());
      return Result.of(Outcome.ERROR, reply("I could not keep " + Texts.oneLine(file.name(), 80)
          + " for the import: " + e.getMessage() + ". Nothing was imported; please send it again."));
    } finally {
      core.fileImports().discard(staged);
    }
    String token = core.conversations().offer(ctx.userKey,
        new Conversations.ImportFiles(upload, staged.sent()));
    b.button("Import", Payloads.of(Payloads.CONFIRM, token));
    b.button("Cancel", Payloads.of(Payloads.CANCEL, token));
    return Result.of(Outcome.COMMAND, b.build());
  }

  private Result importFiles(Ctx ctx, Conversations.ImportFiles action) {
    byte[] content = core.conversations().upload(action.upload());
    if (content == null) {
      return text("The file " + Texts.oneLine(action.sent(), 80) + " is no longer kept (its "
          + "preview expired); nothing was imported. Please send it again.");
    }
    List<FileImports.Outcome> outcomes;
    core.flushLog();
    FileImports.Staged staged;
    try {
      staged = core.fileImports().restage(action.sent(), content);
    } catch (IOException | FileImports.Refused e) {
      LOG.warn("staging a kept file failed: {}", e.toString());
      core.conversations().removeUpload(action.upload());
      return Result.of(Outcome.ERROR, reply("I could not open " + Texts.oneLine(action.sent(), 80)
          + " again: " + e.getMessage() + ". Nothing was imported; please send it again."));
    }
    try {
      outcomes = core.fileImports().importAll(core.knowledge(), staged);
    } finally {
      core.fileImports().discard(staged);
      core.conversations().removeUpload(action.upload());
    }
    List<String> lines = new ArrayList<>();
    int added = 0;
    int updated = 0;
    int failed = 0;
    for (FileImports.Outcome o : outcomes) {
      if (o.error() != null) {
        failed++;
        lines.add(o.name() + ": FAILED, " + o.error());
      } else if (o.passedOver()) {
        lines.add(o.name() + ": not a knowledge document, passed over");
      } else {
        ImportReport r = o.report();
        added += r.added();
        updated += r.updated();
        lines.add(String.format(Locale.ROOT, "%s: %s, %d added, %d updated, %d unchanged, %d "
            + "skipped", o.name(), r.format().name().toLowerCase(Locale.ROOT), r.added(),
            r.updated(), r.unchanged(), r.skippedCount()));
      }
    }
    core.audit().record(ctx.actor(), "import", Texts.oneLine(action.sent(), 100),
        added + " added, " + updated + " updated, " + failed + " failed");
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.paragraph(String.format(Locale.ROOT, "Imported %s: %d added, %d updated%s.",
            Texts.oneLine(action.sent(), 80), added, updated,
            failed == 0 ? "" : ", " + failed + " file" + (failed == 1 ? "" : "s") + " failed")));
    lines.forEach(l -> b.add(Part.bullet(l)));
    return new Result(failed == 0 ? Outcome.COMMAND : Outcome.ERROR, packPrivate(b.build().parts()));
  }
}
