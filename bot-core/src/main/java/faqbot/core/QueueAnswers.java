package faqbot.core;

import static faqbot.core.KnowledgeWrites.retrying;
import static faqbot.core.StaffReplies.reply;
import static faqbot.core.StaffReplies.text;

import faqbot.core.BotCore.Ctx;
import faqbot.core.BotCore.Result;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderators' queue of unanswered questions: listing it, answering an item (a preview whose
 * title the moderator may change, then Publish, which notifies the askers who asked), dismissing
 * it, or linking it to an existing entry.
 */
final class QueueAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(QueueAnswers.class);

  private final BotCore core;

  QueueAnswers(BotCore core) {
    this.core = core;
  }

  /** The moderators' queue: /queue, /answer, /dismiss, /link. */
  Result command(Ctx ctx, Command command, Arguments args) {
    return StaffReplies.orFailure(command, "Sorry, that failed and nothing was changed: ", () ->
        switch (command.name()) {
          case "queue" -> queue();
          case "answer" -> answer(ctx, args);
          case "dismiss" -> dismiss(ctx, args.number("queue_id"));
          case "link" -> link(ctx, args.number("queue_id"), args.number("id"));
          default -> BotCore.usage(command);
        });
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
      title = pendingId != null ? ReplyComposer.title(pendingEntry(pendingId).get())
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

  /** A title the moderator sent in place of the previewed one: a new preview. */
  Result retitle(Ctx ctx, Conversations.Flow f, String text) {
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

  private Result answerPreview(Ctx ctx, Conversations.Flow f, Conversations.PublishAnswer a) {
    f.answerDraft = a;
    f.token = core.conversations().offer(ctx.userKey, a);
    core.conversations().save(ctx.userKey, f);
    Entry e = answerEntry(a);
    Reply.Builder b = Reply.builder().privateToAsker(true)
        .add(Part.emphasis("Preview of the answer to Q" + a.queueId() + " (\""
            + Texts.oneLine(a.asked(), 200) + "\"): this is what patients will see. Nothing is "
            + "published yet."));
    ReplyComposer.shortAnswer(e).forEach(b::add);
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
          .source(new Source(was.file(), ReplyComposer.MODERATOR_COLLECTION, null, was.externalId()))
          .build();
    }
    return GuidedFlows.draft(core.clock(), a.asked(), a.answer(), null, null).toBuilder()
        .title(a.title()).build();
  }

  /**
   * Publishes the entry and closes the queue item in one transaction, with its audit line: there
   * is never an answer published for a question still open, nor an item closed without it.
   */
  Result publish(Ctx ctx, Conversations.PublishAnswer a) {
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
    return text("Published #" + saved.id() + " (" + ReplyComposer.title(saved) + ") and notified "
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
      ReplyComposer.shortAnswer(entry).forEach(b::add);
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
    return text("Linked Q" + queueId + " to #" + entryId + " (" + ReplyComposer.title(linked) + "): "
        + added + " new alternative question" + (added == 1 ? "" : "s") + " (/alt " + entryId
        + " lists them); notified " + delivered + " of " + subs.size() + " waiting asker"
        + (subs.size() == 1 ? "" : "s") + ".");
  }
}
