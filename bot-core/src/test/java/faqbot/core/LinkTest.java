package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.KnowledgeBase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /link and /alt: the moderators' queue teaches the bot the patients' own words. */
class LinkTest {
  static final String ADMIN = "900";
  static final String MOD = "500";
  static final String PATIENT = "111";
  static final String OTHER = "222";
  /** A runner's words for the knee entry's question: no reviewed answer matches them well enough. */
  static final String LAY = "the outer side of my leg just above the joint burns after a 10k, any tips";

  @TempDir Path home;
  final Fixtures fx = new Fixtures();
  KnowledgeBase kb;
  BotCore core;
  FakeChat chat;

  private void open(FakeNotifier notifier) throws Exception {
    kb = fx.open(home);
    core = BotCore.create(CoreConfig.defaults().withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey("a test key of enough bytes"), kb, new TestClock(Fixtures.START));
    if (notifier != null) {
      core.registerNotifier(Platform.TELEGRAM, notifier);
    }
    chat = new FakeChat(core, Platform.TELEGRAM);
    chat.say(ADMIN, "/grant telegram:" + MOD + " moderator");
  }

  @AfterEach
  void close() throws Exception {
    core.close();
    kb.close();
  }

  private String queuedId() {
    String queue = FakeChat.text(chat.say(MOD, "/queue"));
    assertTrue(queue.contains("Q"), queue);
    return queue.replaceAll("(?s).*?Q(\\d+) asked.*", "$1");
  }

  @Test
  void aLinkedQuestionIsAnsweredTheNextTimeAndItsAskerIsNotified() throws Exception {
    FakeNotifier notifier = new FakeNotifier();
    open(notifier);
    Turn before = chat.turn(PATIENT, LAY);
    assertEquals(Outcome.NO_MATCH, before.outcome(), "the test needs a question the bot declines");
    chat.pressLabeled(PATIENT, before.replies(), "Notify me");
    String qid = queuedId();

    // only moderators link, and only to an entry with a published answer
    assertEquals(Outcome.REFUSED, chat.turn(PATIENT, "/link Q" + qid + " " + fx.kneeId).outcome());
    assertTrue(FakeChat.text(chat.say(MOD, "/link Q" + qid + " " + fx.pendingId)).contains("no published answer"));
    assertTrue(FakeChat.text(chat.say(MOD, "/link Q999 " + fx.kneeId)).contains("no open queue item"));

    String done = FakeChat.text(chat.say(MOD, "/link Q" + qid + " #" + fx.kneeId));
    assertTrue(done.contains("Linked Q" + qid + " to #" + fx.kneeId), done);
    assertTrue(done.contains("1 new alternative question"), done);
    assertTrue(done.contains("notified 1 of 1"), done);
    assertEquals(1, notifier.sent.size());
    assertEquals(PATIENT, notifier.sent.get(0).userId());
    assertTrue(notifier.sent.get(0).reply().plainText().contains("iliotibial band"),
        notifier.sent.get(0).reply().plainText());

    Turn after = chat.turn(OTHER, LAY);
    assertEquals(Outcome.ANSWERED, after.outcome());
    assertEquals(fx.kneeId, after.entryId());
    assertTrue(after.confidence() >= core.config().confidenceThreshold(), "confidence " + after.confidence());
    assertFalse(FakeChat.text(chat.say(MOD, "/queue")).contains("Q" + qid + " "), "the item is closed");

    String alts = FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId));
    assertTrue(alts.contains("1. " + LAY), alts);
    assertTrue(FakeChat.text(chat.say(ADMIN, "/audit")).contains("link Q" + qid));
    // the change is in the entry's history like any other
    assertEquals(List.of(LAY), kb.history(fx.kneeId).get(0).entry().alternativeQuestions());
  }

  @Test
  void alternativesAreAddedListedAndRemovedByModerators() throws Exception {
    open(new FakeNotifier());
    assertTrue(FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId)).contains("None yet"));
    String added = FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId + " add why does my knee hurt after jogging"));
    assertTrue(added.contains("1. why does my knee hurt after jogging"), added);
    assertTrue(FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId + " add Why does my knee hurt after jogging?"))
        .contains("already has"));
    assertTrue(FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId + " remove 2")).contains("no number 2"));
    String removed = FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId + " remove 1"));
    assertTrue(removed.contains("None yet"), removed);
    assertTrue(FakeChat.text(chat.say(MOD, "/alt 9999")).contains("no entry #9999"));
    assertTrue(FakeChat.text(chat.say(MOD, "/alt " + fx.kneeId + " rename 1")).contains("Usage"));
    assertEquals(Outcome.REFUSED, chat.turn(PATIENT, "/alt " + fx.kneeId).outcome());
    String audit = FakeChat.text(chat.say(ADMIN, "/audit"));
    assertTrue(audit.contains("alt add #" + fx.kneeId) && audit.contains("alt remove #" + fx.kneeId), audit);
  }

  @Test
  void linkingWithoutANotifierForThePlatformStillLinks() throws Exception {
    open(null);
    Turn before = chat.turn(PATIENT, LAY);
    chat.pressLabeled(PATIENT, before.replies(), "Notify me");
    String done = FakeChat.text(chat.say(MOD, "/link " + queuedId() + " " + fx.kneeId));
    assertTrue(done.contains("notified 0 of 1"), done);
    assertEquals(Outcome.ANSWERED, chat.turn(OTHER, LAY).outcome());
    assertTrue(FakeChat.text(chat.say(ADMIN, "/audit")).contains(LAY.substring(0, 30)));
    // the asker's words leave the audit trail's copy of the link with everything else of theirs
    chat.pressLabeled(PATIENT, chat.say(PATIENT, "/forget"), "Yes, delete everything");
    String audit = FakeChat.text(chat.say(ADMIN, "/audit"));
    assertTrue(audit.contains("link Q") && !audit.contains(LAY.substring(0, 30)), audit);
  }
}
