package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A patient's next message read with the last answer: a follow-up that names no topic of its own
 * ("what helps with that?"), "more", and nods ("ok") that are neither searched nor queued.
 */
class FollowUpTest extends CoreTestCase {
  static final String PATIENT = "111";
  static final String STRANGER = "222";
  static final String FOLLOW_UP = "what helps with that?";

  @Test
  void aFollowUpIsSearchedWithTheLastAnswersTopic() {
    assertEquals(Outcome.NO_MATCH, chat.turn(STRANGER, FOLLOW_UP).outcome(),
        "on its own the follow-up finds nothing");
    core.flushLog();
    assertEquals(1, core.queue().open(0, 10).size(), "and is queued");
    assertEquals(fx.kneeId, chat.turn(PATIENT, "knee pain after running").entryId());
    Turn t = chat.turn(PATIENT, FOLLOW_UP);
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertEquals(fx.kneeId, t.entryId());
    assertTrue(t.replies().get(0).plainText().startsWith(
        "Reading this as a follow-up about Knee pain after running"), t.replies().get(0).plainText());
  }

  @Test
  void aDeclinedFollowUpReachesTheModeratorsWithItsTopic() {
    chat.turn(PATIENT, "knee pain after running");
    chat.turn(STRANGER, "bone cement leakage after kyphoplasty");
    // a request to the service: declined whatever the topic (AdminRequests)
    String declined = "and how much does it cost?";
    assertEquals(Outcome.NO_MATCH, chat.turn(PATIENT, declined).outcome());
    assertEquals(Outcome.NO_MATCH, chat.turn(STRANGER, declined).outcome());
    core.flushLog();
    assertEquals(java.util.List.of(
            "About Bone cement leakage after kyphoplasty and leg numbness: and how much does it cost?",
            "About Knee pain after running: and how much does it cost?"),
        core.queue().open(0, 10).stream().map(QuestionQueue.Item::text).sorted().toList(),
        "one item per topic, each saying what it follows");
  }

  @Test
  void aMessageNamingItsOwnTopicIsNotBentTowardTheLastOne() {
    chat.turn(PATIENT, "knee pain after running");
    Turn t = chat.turn(PATIENT, "bone cement leakage after kyphoplasty, what does it mean?");
    assertEquals(fx.cementId, t.entryId());
    assertFalse(t.replies().get(0).plainText().contains("follow-up"), t.replies().get(0).plainText());
  }

  @Test
  void theTopicLastsHalfAnHour() {
    chat.turn(PATIENT, "knee pain after running");
    clock.advance(Duration.ofMinutes(31));
    assertEquals(Outcome.NO_MATCH, chat.turn(PATIENT, FOLLOW_UP).outcome());
  }

  @Test
  void moreShowsTheWholeLastAnswer() {
    assertEquals(fx.cementId, chat.turn(PATIENT, "bone cement leakage after kyphoplasty").entryId());
    Turn t = chat.turn(PATIENT, "tell me more");
    assertEquals(fx.cementId, t.entryId());
    assertTrue(FakeChat.text(t.replies()).contains("Most leaks are small and harmless."),
        FakeChat.text(t.replies()));
  }

  @Test
  void moreWithoutAnEarlierAnswerSaysSoAndIsNotQueued() {
    Turn t = chat.turn(PATIENT, "more");
    assertEquals(Outcome.COMMAND, t.outcome());
    assertNull(t.entryId());
    assertTrue(FakeChat.text(t.replies()).contains("no recent answer"), FakeChat.text(t.replies()));
  }

  @Test
  void forgetDropsTheTopic() {
    chat.turn(PATIENT, "bone cement leakage after kyphoplasty");
    chat.pressLabeled(PATIENT, chat.say(PATIENT, "/forget"), "Yes");
    assertNull(chat.turn(PATIENT, "more").entryId());
    assertEquals(Outcome.NO_MATCH, chat.turn(PATIENT, FOLLOW_UP).outcome());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ok", "Okay!", "got it", "yes", "no", "i see", "ok cool", "hmm"})
  void aNodIsNeitherSearchedNorQueued(String nod) {
    Turn t = chat.turn(PATIENT, nod);
    assertEquals(Outcome.COMMAND, t.outcome());
    assertTrue(FakeChat.text(t.replies()).contains("Ask me another health question"),
        FakeChat.text(t.replies()));
    core.flushLog();
    assertEquals(0, core.queue().open(0, 10).size());
  }

  @Test
  void withoutFollowUpsEveryMessageStandsAlone() throws Exception {
    try (BotCore separate = BotCore.create(CoreConfig.defaults().withFollowUps(false)
        .withPseudonymizationKey(KEY), kb, clock)) {
      FakeChat batch = new FakeChat(separate, Platform.CONSOLE);
      assertEquals(fx.kneeId, batch.turn(PATIENT, "knee pain after running").entryId());
      assertEquals(Outcome.NO_MATCH, batch.turn(PATIENT, FOLLOW_UP).outcome());
      assertNull(batch.turn(PATIENT, "more").entryId());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"is it contagious?", "what about children?", "symptoms?",
      "what is the treatment", "how is it diagnosed", "any side effects?", "and in pregnancy?",
      "what helps with that?"})
  void theseMayBeFollowUps(String text) {
    assertTrue(FollowUps.refersBack(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"my knee hurts when I climb stairs", "what is the treatment for lupus",
      "how do i lower my cholesterol without statins",
      "I read that people with type 2 diabetes should avoid fruit because of the sugar, is that"
          + " true for everyone?", ""})
  void theseNameTheirOwnTopic(String text) {
    assertFalse(FollowUps.refersBack(text));
  }
}
