package faqbot.core;

import faqbot.core.BotCore.Ctx;
import faqbot.core.BotCore.Result;
import faqbot.knowledge.Entry;
import faqbot.knowledge.Format;
import faqbot.knowledge.ImportReport;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.ParseException;
import faqbot.knowledge.ParsedDocument;
import faqbot.knowledge.Parsers;
import faqbot.knowledge.SearchHit;
import faqbot.knowledge.Source;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moderator and admin commands. The caller ({@link BotCore}) has already checked the role and
 * that the chat is private; every reply here is private to the asker, since staff output shows
 * patients' questions.
 */
final class StaffCommands {
  private static final Logger LOG = LoggerFactory.getLogger(StaffCommands.class);
  static final int PAGE_SIZE = 10;
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern SKIP = Pattern.compile("(?i)^\\s*(skip|-|none|n/?a)\\s*$");

  private final BotCore core;

  StaffCommands(BotCore core) {
    this.core = core;
  }

  // ---- moderators ----------------------------------------------------------------------------

  Result moderator(Ctx ctx, Command command, Arguments args) {
    try {
      return switch (command.name()) {
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
        case "import" -> text("Send me the file as a document (Telegram) or an attachment "
            + "(Discord): a seed Q&A page, a seed article, a JSONL export, a MedQuAD XML file, or a "
            + "zip of them. I show what it would add, update and skip before anything is imported."
            + " In the console: /import PATH.");
        case "edit" -> edit(ctx, args);
        case "remove" -> removeOrUndo(ctx, args.number("id"), true);
        case "undo" -> removeOrUndo(ctx, args.number("id"), false);
        case "list" -> list(ctx, args.number("page", 1));
        case "find" -> find(args.text("text"));
        case "queue" -> queue();
        case "answer" -> answer(ctx, args);
        case "dismiss" -> dismiss(ctx, args.number("queue_id"));
        case "link" -> link(ctx, args.number("queue_id"), args.number("id"));
        case "alt" -> alternatives(ctx, command, args);
        case "dashboard" -> dashboardLink(ctx);
        default -> BotCore.usage(command);
      };
    } catch (IOException | UncheckedIOException e) {
      LOG.error("/{} failed: {}", command.name(), e.toString());
      return Result.of(Outcome.ERROR, reply("Sorry, that failed and nothing was changed: "
          + e.getMessage()));
    }
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
    return preview(ctx, List.of(draft(question, answer, null, null)), "add");
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
    return preview(ctx, List.of(draft(question, answer, optional(f.get("doctor")),
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
    core.conversations().touch(f);
    switch (f.step) {
      case QUESTION -> {
        f.question = text;
        f.step = Conversations.Step.ANSWER;
        return text("Now send the doctor's answer.");
      }
      case ANSWER -> {
        f.answer = text;
        f.step = Conversations.Step.DOCTOR;
        return text("Who answered? Send the doctor's name (without \"Dr.\"), or \"skip\".");
      }
      case DOCTOR -> {
        f.doctor = optional(text);
        f.step = Conversations.Step.SPECIALTY;
        return text("Their specialty (for example Orthopedics), or \"skip\".");
      }
      case SPECIALTY -> {
        f.specialty = optional(text);
        core.conversations().end(ctx.userKey);
        return preview(ctx, List.of(draft(f.question, f.answer, f.doctor, f.specialty)), "add");
      }
      case PASTE -> {
        return pastePart(ctx, f, text);
      }
      case ANSWER_TITLE -> {
        Conversations.PublishAnswer was = f.answerDraft;
        String title = Texts.oneLine(text, 120);
        if (!Texts.hasWords(title)) {
          return text("A title needs words. Send the title patients should see, or press "
              + "Publish to keep \"" + was.title() + "\".");
        }
        core.conversations().withdraw(f.token);
        return answerPreview(ctx, f, new Conversations.PublishAnswer(was.queueId(), was.asked(),
            was.pendingEntryId(), title, was.answer()));
      }
      default -> {
        core.conversations().end(ctx.userKey);
        return text("That flow has ended. Send /add to start again.");
      }
    }
  }

  private Entry draft(String question, String answer, String doctor, String specialty) {
    return Entry.builder(Entry.Kind.QA)
        .status(Entry.Status.PUBLISHED)
        .title(Texts.oneLine(question, 120))
        .question(question)
        .reply(answer)
        .doctorName(doctor)
        .specialty(specialty)
        .replyDate(LocalDate.now(core.clock()))
        .source(chatSource(null))
        .build();
  }

  private static Source chatSource(String url) {
    return new Source("chat", Renderer.MODERATOR_COLLECTION, url, "chat-" + Payloads.newToken());
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
      Renderer.shortAnswer(e).forEach(b::add);
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
      return publishAnswer(ctx, answer);
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
        core.audit().record(ctx.actor(), add.how(), "#" + saved.id(), Renderer.title(saved));
        done.add("#" + saved.id() + " " + Renderer.title(saved)
            + (saved.isAnswerable() ? "" : " (pending)"));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      LOG.error("adding entries failed: {}", e.toString());
      done.add("Failed: " + e.getMessage());
      return Result.of(Outcome.ERROR, reply(String.join("\n", done)));
    }
    return Result.of(Outcome.COMMAND, reply("Published " + String.join("; ", done)));
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
    return text("Updated " + field + " of #" + id + " (" + Renderer.title(saved) + "). /undo "
        + id + " reverts it.");
  }

  private Result removeOrUndo(Ctx ctx, long id, boolean remove) throws IOException {
    if (core.knowledge().get(id).isEmpty()) {
      return text("There is no entry #" + id + ".");
    }
    try {
      Entry e = retrying(() -> remove ? core.knowledge().remove(id, ctx.actor())
          : core.knowledge().restore(id, ctx.actor()));
      core.audit().record(ctx.actor(), remove ? "remove" : "undo", "#" + id, Renderer.title(e));
      return text(remove ? "Removed #" + id + " (" + Renderer.title(e) + "). /undo " + id
          + " brings it back." : "Restored #" + id + " (" + Renderer.title(e) + ") to "
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
        + Texts.oneLine(Renderer.title(e), 100);
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

  private Result queue() {
    List<QuestionQueue.Item> items = core.queue().open(0, 20);
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.heading("Unanswered questions, most asked first"));
    if (items.isEmpty()) {
      b.add(Part.paragraph("The queue is empty."));
    }
    for (QuestionQueue.Item q : items) {
      b.add(Part.bullet("Q" + q.id() + " asked " + q.askedCount() + "x"
          + (q.subscribers() > 0 ? ", " + q.subscribers() + " waiting for a notification" : "")
          + (q.pendingEntryId() != null ? ", pending entry #" + q.pendingEntryId() : "")
          + ": " + Texts.oneLine(q.text(), 200)));
    }
    b.add(Part.paragraph("/answer <id> <answer> previews an answer to publish (a title may come "
        + "first: /answer <id> <title> | <answer>); /dismiss <id> drops it."));
    return Result.of(Outcome.COMMAND, b.build());
  }

  /**
   * {@code /answer Q2 <answer>} or {@code /answer Q2 <title> | <answer>}: a preview of the entry
   * with a clean title the moderator may replace (by sending another one) before Publish.
   */
  private Result answer(Ctx ctx, Arguments args) {
    long id = args.number("queue_id");
    Optional<QuestionQueue.Item> item = core.queue().item(id).filter(q -> "open".equals(q.status()));
    if (item.isEmpty()) {
      return text("There is no open queue item Q" + id + ". /queue lists them.");
    }
    QuestionQueue.Item q = item.get();
    String answer = args.text("text");
    String title = args.has("title") ? Texts.oneLine(args.text("title"), 120) : null;
    Long pendingId = null;
    if (q.pendingEntryId() != null && pendingEntry(q.pendingEntryId()).isPresent()) {
      pendingId = q.pendingEntryId();
    }
    if (title == null) {
      title = pendingId != null ? Renderer.title(pendingEntry(pendingId).get())
          : Titles.question(q.text());
    }
    Conversations.Flow f = new Conversations.Flow(Conversations.Step.ANSWER_TITLE);
    core.conversations().start(ctx.userKey, f);
    return answerPreview(ctx, f, new Conversations.PublishAnswer(id, q.text(), pendingId, title,
        answer));
  }

  private Optional<Entry> pendingEntry(long id) {
    return core.knowledge().get(id)
        .filter(e -> e.status() == Entry.Status.PENDING && e.kind() == Entry.Kind.QA);
  }

  private Result answerPreview(Ctx ctx, Conversations.Flow f, Conversations.PublishAnswer a) {
    f.answerDraft = a;
    f.token = core.conversations().offer(ctx.userKey, a);
    core.conversations().touch(f);
    Entry e = answerEntry(a);
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.emphasis("Preview of the answer to Q" + a.queueId() + " (\""
            + Texts.oneLine(a.asked(), 200) + "\"): this is what patients will see. Nothing is "
            + "published yet."));
    Renderer.shortAnswer(e).forEach(b::add);
    b.add(Part.paragraph("The title patients see: \"" + a.title() + "\". To change it, send "
        + "the new title now; Publish publishes the answer and tells the askers who asked to be "
        + "notified."));
    b.add(core.disclaimer());
    b.button("Publish", Payloads.of(Payloads.CONFIRM, f.token));
    b.button("Cancel", Payloads.of(Payloads.CANCEL, f.token));
    return Result.of(Outcome.COMMAND, b.build());
  }

  /** The entry an answer publishes: the pending entry answered, or a new one. */
  private Entry answerEntry(Conversations.PublishAnswer a) {
    Optional<Entry> pending = a.pendingEntryId() == null ? Optional.empty()
        : pendingEntry(a.pendingEntryId());
    if (pending.isPresent()) {
      // the answer is the moderator's now, not the collection's the question came from
      Source was = pending.get().source();
      return pending.get().toBuilder().status(Entry.Status.PUBLISHED)
          .title(a.title()).reply(a.answer()).replyDate(LocalDate.now(core.clock()))
          .source(new Source(was.file(), Renderer.MODERATOR_COLLECTION, null, was.externalId()))
          .build();
    }
    return draft(a.asked(), a.answer(), null, null).toBuilder().title(a.title()).build();
  }

  /**
   * Publishes the entry and closes the queue item in one transaction, with its audit line: there
   * is never an answer published for a question still open, nor an item closed without it.
   */
  private Result publishAnswer(Ctx ctx, Conversations.PublishAnswer a) {
    Conversations.Flow f = core.conversations().flow(ctx.userKey);
    if (f != null && f.answerDraft != null && f.answerDraft.queueId() == a.queueId()) {
      core.conversations().end(ctx.userKey);
    }
    core.flushLog();
    List<List<QuestionQueue.Subscriber>> taken = new ArrayList<>(1);
    KnowledgeBase.InSameTransaction close = core.queue().closeAnsweredBy(a.queueId(), ctx.actor(),
        subs -> {
          taken.clear();
          taken.add(subs);
        });
    KnowledgeBase.InSameTransaction audit = core.audit().recordWith(ctx.actor(), "answer",
        "Q" + a.queueId(), saved -> "#" + saved.id() + ": " + Texts.oneLine(a.asked(), 200));
    KnowledgeBase.InSameTransaction closeItem = close.andThen(audit);
    Entry entry = answerEntry(a);
    Entry saved;
    try {
      saved = retrying(() -> entry.id() != 0 ? core.knowledge().update(entry, ctx.actor(), closeItem)
          : core.knowledge().add(entry, ctx.actor(), closeItem));
    } catch (QuestionQueue.NotOpen e) {
      return text("Q" + a.queueId() + " is no longer open (answered or dismissed meanwhile); "
          + "nothing was published.");
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      LOG.error("answering Q{} failed: {}", a.queueId(), e.toString());
      return Result.of(Outcome.ERROR, reply("Sorry, that failed and nothing was changed: "
          + e.getMessage()));
    }
    List<QuestionQueue.Subscriber> subs = taken.isEmpty() ? List.of() : taken.get(0);
    int delivered = notifyAll(subs, saved, a.asked());
    return text("Published #" + saved.id() + " (" + Renderer.title(saved) + ") and notified "
        + delivered + " of " + subs.size() + " waiting asker" + (subs.size() == 1 ? "" : "s") + ".");
  }

  private int notifyAll(List<QuestionQueue.Subscriber> subs, Entry entry, String asked) {
    Map<Platform, Notifier> notifiers = core.notifiers();
    int delivered = 0;
    for (QuestionQueue.Subscriber s : subs) {
      Notifier n = notifiers.get(s.platform());
      if (n == null) {
        LOG.warn("no notifier registered for {}: one notification not delivered", s.platform());
        continue;
      }
      Reply.Builder b = Reply.builder().privateToAsker(true)
          .add(Part.paragraph("A moderator answered the question you asked: \""
              + Texts.oneLine(asked, 200) + "\""));
      Renderer.shortAnswer(entry).forEach(b::add);
      b.button("Read the full answer", Payloads.of(Payloads.FULL, entry.id()));
      b.add(core.disclaimer());
      try {
        if (n.notify(s.userId(), s.chatId(), b.build())) {
          delivered++;
        } else {
          LOG.info("a {} user could not be notified (blocked the bot?)", s.platform().key());
        }
      } catch (RuntimeException e) {
        LOG.warn("notifying a {} user failed: {}", s.platform().key(), e.toString());
      }
    }
    return delivered;
  }

  private Result dismiss(Ctx ctx, long id) {
    Optional<QuestionQueue.Item> item = core.queue().item(id).filter(q -> "open".equals(q.status()));
    if (item.isEmpty()) {
      return text("There is no open queue item Q" + id + ".");
    }
    core.queue().close(id, "dismissed", null, ctx.actor());
    core.audit().record(ctx.actor(), "dismiss", "Q" + id, Texts.oneLine(item.get().text(), 200));
    return text("Dismissed Q" + id + ".");
  }

  /**
   * /link Q12 #345: answers a queued question with an existing entry. The askers who asked to be
   * notified get that entry, and the patients' words become alternative questions of the entry,
   * so that the next patient who puts it the same way is answered.
   */
  private Result link(Ctx ctx, long queueId, long entryId) throws IOException {
    Optional<QuestionQueue.Item> item =
        core.queue().item(queueId).filter(q -> "open".equals(q.status()));
    if (item.isEmpty()) {
      return text("There is no open queue item Q" + queueId + ". /queue lists them.");
    }
    Optional<Entry> found = core.knowledge().get(entryId);
    if (found.isEmpty() || !found.get().isAnswerable()) {
      return text(found.isEmpty() ? "There is no entry #" + entryId + "."
          : "Entry #" + entryId + " has no published answer to give: publish it first, or use"
              + " /answer.");
    }
    List<String> phrasings = core.queue().phrasings(queueId);
    Entry linked;
    try {
      linked = retrying(() -> core.knowledge().addAlternativeQuestions(entryId, phrasings,
          ctx.actor()));
    } catch (IllegalArgumentException e) {
      return text("Cannot link Q" + queueId + ": " + e.getMessage() + ".");
    }
    int added = linked.alternativeQuestions().size() - found.get().alternativeQuestions().size();
    List<QuestionQueue.Subscriber> subs = core.queue().close(queueId, "answered", entryId,
        ctx.actor());
    int delivered = notifyAll(subs, linked, item.get().text());
    core.audit().record(ctx.actor(), "link", "Q" + queueId, "#" + entryId + ", " + added
        + " alternative question" + (added == 1 ? "" : "s") + ": "
        + Texts.oneLine(item.get().text(), 200));
    return text("Linked Q" + queueId + " to #" + entryId + " (" + Renderer.title(linked) + "): "
        + added + " new alternative question" + (added == 1 ? "" : "s") + " (/alt " + entryId
        + " lists them); notified " + delivered + " of " + subs.size() + " waiting asker"
        + (subs.size() == 1 ? "" : "s") + ".");
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
          Integer n = parseInt(text);
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
    parts.add(Part.heading("Alternative questions of #" + id + " (" + Texts.oneLine(Renderer.title(e), 80)
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
      core.fileImports().discard(files.staged());
    }
  }

  // ---- files ---------------------------------------------------------------------------------

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
    String token = core.conversations().offer(ctx.userKey, new Conversations.ImportFiles(staged));
    b.button("Import", Payloads.of(Payloads.CONFIRM, token));
    b.button("Cancel", Payloads.of(Payloads.CANCEL, token));
    return Result.of(Outcome.COMMAND, b.build());
  }

  private Result importFiles(Ctx ctx, Conversations.ImportFiles action) {
    List<FileImports.Outcome> outcomes;
    core.flushLog();
    try {
      outcomes = core.fileImports().importAll(core.knowledge(), action.staged());
    } finally {
      core.fileImports().discard(action.staged());
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
    core.audit().record(ctx.actor(), "import", Texts.oneLine(action.staged().sent(), 100),
        added + " added, " + updated + " updated, " + failed + " failed");
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.paragraph(String.format(Locale.ROOT, "Imported %s: %d added, %d updated%s.",
            Texts.oneLine(action.staged().sent(), 80), added, updated,
            failed == 0 ? "" : ", " + failed + " file" + (failed == 1 ? "" : "s") + " failed")));
    lines.forEach(l -> b.add(Part.bullet(l)));
    return new Result(failed == 0 ? Outcome.COMMAND : Outcome.ERROR, packPrivate(b.build().parts()));
  }

  // ---- admins --------------------------------------------------------------------------------

  Result admin(Ctx ctx, Command command, Arguments args) {
    try {
      return switch (command.name()) {
        case "logs" -> logs(args);
        case "stats" -> stats(args.number("days", 30));
        case "export" -> export(args.number("days", 30));
        case "grant" -> grant(ctx, args.text("user"), Role.valueOf(args.text("role")
            .toUpperCase(Locale.ROOT)));
        case "revoke" -> revoke(ctx, args.text("user"));
        case "audit" -> audit(args.number("count", 20));
        default -> BotCore.usage(command);
      };
    } catch (IOException | UncheckedIOException e) {
      LOG.error("/{} failed: {}", command.name(), e.toString());
      return Result.of(Outcome.ERROR, reply("Sorry, that failed: " + e.getMessage()));
    }
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

  private static List<Reply> packPrivate(List<Part> parts) {
    return Renderer.pack(parts, Renderer.MAX_REPLY_CHARS, true);
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

  // ---- helpers -------------------------------------------------------------------------------

  /** A knowledge-base write; {@code X} is what else it may throw (an import's parse error). */
  interface KnowledgeWrite<T, X extends Exception> {
    T run() throws IOException, X;
  }

  /**
   * Runs a knowledge-base write, again when SQLite reports a lock conflict with another
   * connection to the same file (the interaction log writer commits all the time). The store
   * rolls a failed write back completely, so a retry cannot apply anything twice.
   */
  static <T, X extends Exception> T retrying(KnowledgeWrite<T, X> write) throws IOException, X {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.run();
      } catch (IOException e) {
        if (attempt >= 5 || !String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
          throw e;
        }
        LOG.info("knowledge write met a lock conflict (attempt {}), retrying", attempt);
        try {
          Thread.sleep(25L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static Integer parseInt(String s) {
    String t = s.strip();
    if (!t.matches("[0-9]{1,9}")) {
      return null;
    }
    return Integer.valueOf(t);
  }

  private static Reply reply(String text) {
    return Reply.builder().add(Part.paragraph(text)).privateToAsker(true).build();
  }

  private static Result text(String text) {
    return Result.of(Outcome.COMMAND, reply(text));
  }
}
