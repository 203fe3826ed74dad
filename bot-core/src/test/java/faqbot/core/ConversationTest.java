package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Entry;
import faqbot.knowledge.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the core through {@link FakeChat} over a small knowledge base in a temp directory. */
class ConversationTest extends CoreTestCase {
  static final String PATIENT = "111";
  static final String OTHER = "222";

  FakeNotifier notifier;

  @BeforeEach
  void open() {
    notifier = new FakeNotifier();
    core.registerNotifier(Platform.TELEGRAM, notifier);
  }

  private static Reply only(List<Reply> replies) {
    assertEquals(1, replies.size(), () -> "expected one reply: " + replies);
    return replies.get(0);
  }

  private static Part last(Reply r) {
    return r.parts().get(r.parts().size() - 1);
  }

  private List<Map<String, Object>> rows(String sql) throws Exception {
    core.admin().logs(Admin.LogQuery.recent(1)); // flushes the log writer
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = kb.database().openReader();
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        Map<String, Object> row = new java.util.HashMap<>();
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          row.put(r.getMetaData().getColumnName(i), r.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void patientQuestionGetsSummaryAttributionButtonsAndDisclaimer() {
    Turn t = chat.turn(PATIENT, "bone cement leakage after kyphoplasty, what does it mean?");
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertEquals(fx.cementId, t.entryId());
    assertEquals("test-cement", t.externalId());
    Reply r = only(t.replies());
    assertEquals(Part.Style.HEADING, r.parts().get(0).style());
    assertEquals("Bone cement leakage after kyphoplasty and leg numbness", r.parts().get(0).text());
    String summary = r.parts().get(1).text();
    assertTrue(summary.length() <= 600, summary);
    assertTrue(Fixtures.CEMENT_REPLY.contains(summary), "summary must be verbatim: " + summary);
    assertTrue(summary.endsWith("."), summary);
    assertTrue(r.parts().stream().anyMatch(p -> p.style() == Part.Style.ATTRIBUTION
        && p.text().equals("Dr. Lin Wei, Orthopedics, replied 2020-05-31")), r.plainText());
    assertEquals(Part.Style.DISCLAIMER, last(r).style());
    assertEquals(CoreConfig.DEFAULT_DISCLAIMER, last(r).text());
    assertEquals("f:" + fx.cementId, FakeChat.button(t.replies(), "Read the full answer").orElseThrow().payload());
    assertTrue(FakeChat.button(t.replies(), "Helpful").orElseThrow().payload().startsWith("h:"));
    assertTrue(FakeChat.button(t.replies(), "Not helpful").orElseThrow().payload().startsWith("n:"));
    // the pending entry is never offered as a similar question
    assertTrue(r.buttons().stream().noneMatch(b -> b.payload().equals("q:" + fx.pendingId)));
    for (Button b : r.buttons()) {
      assertTrue(b.payload().getBytes(StandardCharsets.US_ASCII).length <= Button.MAX_PAYLOAD_BYTES);
    }
  }

  @Test
  void fullAnswerShowsWholeReplyAndMoreInfo() {
    List<Reply> answer = chat.say(PATIENT, "bone cement leakage after kyphoplasty");
    List<Reply> full = chat.pressLabeled(PATIENT, answer, "Read the full answer");
    String text = FakeChat.text(full);
    assertTrue(text.contains("If the weakness gets worse, or you lose control of your bladder"), text);
    assertTrue(text.contains("More information"), text);
    assertTrue(text.contains("Most leaks are small and harmless."), text);
    Reply lastReply = full.get(full.size() - 1);
    assertEquals(Part.Style.DISCLAIMER, last(lastReply).style());
  }

  @Test
  void longFullAnswerIsSplitIntoRepliesThatFit() throws Exception {
    StringBuilder longReply = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      longReply.append("Sentence number ").append(i).append(" about spine care and recovery. ");
    }
    Entry e = kb.add(Entry.builder(Entry.Kind.QA).title("Long spine recovery answer")
        .question("long spine recovery").reply(longReply.toString().strip())
        .source(new faqbot.knowledge.Source("t", "seed", null, "test-long")).build(), "test");
    List<Reply> full = chat.press(PATIENT, "f:" + e.id());
    assertTrue(full.size() >= 3, "expected a split: " + full.size());
    int total = 0;
    for (Reply r : full) {
      int len = r.parts().stream().mapToInt(p -> p.text().length()).sum();
      assertTrue(len <= ReplyComposer.MAX_REPLY_CHARS, "reply of " + len + " chars");
      total += len;
    }
    assertTrue(total >= longReply.toString().strip().length());
    assertEquals(Part.Style.DISCLAIMER, last(full.get(full.size() - 1)).style());
  }

  @Test
  void articleAnswerShowsTitleAndQuickTake() {
    Turn t = chat.turn(PATIENT, "cement leak lungs");
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertEquals(fx.articleId, t.entryId());
    String text = t.replies().get(0).plainText();
    assertTrue(text.contains("Rare cement leak after spine surgery can block lung arteries"), text);
    assertTrue(text.contains("In rare cases bone cement injected into a broken vertebra"), text);
  }

  @Test
  void similarQuestionButtonShowsThatAnswer() {
    // a message both cement pages answer: the other is offered as a similar question ("cement
    // leak lungs" is about the article alone, and the fitted confidence rightly gives the Q&A page
    // about leg numbness too little to be offered)
    List<Reply> answer = chat.say(PATIENT, "bone cement leakage");
    Button similar = answer.get(0).buttons().stream().filter(b -> b.payload().startsWith("q:"))
        .findFirst().orElseThrow(() -> new AssertionError("no similar question: " + answer));
    Turn t = core.process(IncomingMessage.button(Platform.TELEGRAM, "c", ChatType.PRIVATE, PATIENT,
        null, similar.payload()));
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertEquals(Long.parseLong(similar.payload().substring(2)), t.entryId());
  }

  @Test
  void noMatchQueuesModeratorAnswersAndAskerIsNotified() throws Exception {
    Turn t = chat.turn(PATIENT, "Which vitamins help hair grow?");
    assertEquals(Outcome.NO_MATCH, t.outcome());
    Reply r = only(t.replies());
    assertTrue(r.plainText().contains("don't have a reviewed answer"), r.plainText());
    assertEquals(Part.Style.DISCLAIMER, last(r).style());
    // opt-in: nothing to notify until the asker presses the button
    chat.pressLabeled(PATIENT, t.replies(), "Notify me");
    // a second asker of the same question is grouped with the first
    Turn again = chat.turn(OTHER, "which vitamins help hair grow");
    assertEquals(Outcome.NO_MATCH, again.outcome());

    chat.say(ADMIN, "/grant telegram:500 moderator");
    String queue = FakeChat.text(chat.say("500", "/queue"));
    assertTrue(queue.contains("asked 2x"), queue);
    assertTrue(queue.contains("1 waiting for a notification"), queue);
    String qid = queue.replaceAll("(?s).*?Q(\\d+) asked.*", "$1");

    List<Reply> preview = chat.say("500", "/answer " + qid + " Biotin and iron help hair "
        + "growth only in people who lack them. A blood test can show whether you do.");
    assertTrue(FakeChat.text(preview).contains("Nothing is published yet"), FakeChat.text(preview));
    assertEquals(0, notifier.sent.size());
    String done = FakeChat.text(chat.pressLabeled("500", preview, "Publish"));
    assertTrue(done.contains("notified 1 of 1"), done);
    assertEquals(1, notifier.sent.size());
    FakeNotifier.Sent sent = notifier.sent.get(0);
    assertEquals(PATIENT, sent.userId());
    assertTrue(sent.reply().plainText().contains("Biotin and iron help hair growth only in people who lack them."));
    assertEquals(Part.Style.DISCLAIMER, last(sent.reply()).style());

    // the question now has an answer; the subscriber's platform id is gone from the database
    Turn answered = chat.turn(OTHER, "Which vitamins help hair grow?");
    assertEquals(Outcome.ANSWERED, answered.outcome());
    assertTrue(rows("SELECT * FROM core_queue_askers WHERE user_id IS NOT NULL").isEmpty());
    assertTrue(FakeChat.text(chat.say(ADMIN, "/audit")).contains("answer Q" + qid));
  }

  @Test
  void pendingBestMatchDoesNotHideThePublishedAnswerBelowIt() throws Exception {
    long pending = kb.add(Entry.builder(Entry.Kind.QA)
        .status(Entry.Status.PENDING)
        .title("Is bone cement leakage after kyphoplasty common?")
        .question("How common is bone cement leakage after kyphoplasty?")
        .source(new Source("test", "seed", null, "test-pending-cement"))
        .build(), "test").id();
    String message = "is bone cement leakage after kyphoplasty common";
    // the premise: the question-only entry ranks first
    assertEquals(pending, kb.search(message, 6).get(0).entry().id());
    Turn t = chat.turn(PATIENT, message);
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertEquals(fx.cementId, t.entryId());
  }

  @Test
  void pendingEntryIsNeverAnAnswerAndAnsweringPublishesIt() throws Exception {
    Turn t = chat.turn(PATIENT, "can I fly after vertebroplasty");
    assertEquals(Outcome.NO_MATCH, t.outcome());
    assertFalse(t.replies().get(0).plainText().contains("Flying on a plane"));
    // other words, same pending entry: grouped with the first question
    assertEquals(Outcome.NO_MATCH, chat.turn(OTHER, "is flying on a plane safe after vertebroplasty").outcome());
    chat.say(ADMIN, "/grant telegram:500 moderator");
    String queue = FakeChat.text(chat.say("500", "/queue"));
    assertTrue(queue.contains("pending entry #" + fx.pendingId), queue);
    assertTrue(queue.contains("asked 2x"), queue);
    String qid = queue.replaceAll("(?s).*?Q(\\d+) asked.*", "$1");
    chat.pressLabeled("500",
        chat.say("500", "/answer " + qid + " Most people can fly once they can sit comfortably."),
        "Publish");
    assertEquals(Entry.Status.PUBLISHED, kb.get(fx.pendingId).orElseThrow().status());
    Turn later = chat.turn(OTHER, "can I fly after vertebroplasty");
    assertEquals(Outcome.ANSWERED, later.outcome());
    assertEquals(fx.pendingId, later.entryId());
    // the answer is the moderator's: not attributed to the collection the question came from
    assertTrue(only(later.replies()).parts().stream().anyMatch(p -> p.style()
        == Part.Style.ATTRIBUTION && p.text().startsWith("Reviewed by a moderator, ")),
        only(later.replies()).plainText());
  }

  @Test
  void emergencyGetsAlertFirstAndNoKnowledgeAnswer() {
    Turn t = chat.turn(PATIENT, "my father has crushing chest pain and can't breathe right now");
    assertEquals(Outcome.EMERGENCY, t.outcome());
    assertNotNull(t.triageRule());
    Reply r = only(t.replies());
    assertEquals(Part.Style.ALERT, r.parts().get(0).style());
    assertTrue(r.parts().get(0).text().contains("911"), r.plainText());
    assertEquals(null, t.entryId());
    assertTrue(r.buttons().isEmpty());
    assertEquals(Part.Style.DISCLAIMER, last(r).style());
  }

  @Test
  void selfHarmGetsCrisisLine() {
    Turn t = chat.turn(PATIENT, "I want to kill myself");
    assertEquals(Outcome.EMERGENCY, t.outcome());
    Reply r = only(t.replies());
    assertEquals(Part.Style.ALERT, r.parts().get(0).style());
    assertTrue(r.parts().get(0).text().contains("988"), r.plainText());
  }

  @Test
  void generalQuestionAboutSymptomsIsNotAnEmergency() {
    Turn t = chat.turn(PATIENT, "what are the symptoms of a heart attack?");
    assertFalse(t.outcome() == Outcome.EMERGENCY);
  }

  @Test
  void patientIsRefusedStaffCommands() {
    for (String cmd : List.of("/logs", "/grant telegram:111 admin", "/add q | a", "/queue",
        "/export", "/stats")) {
      Turn t = chat.turn(PATIENT, cmd);
      assertEquals(Outcome.REFUSED, t.outcome(), cmd);
      assertTrue(t.replies().get(0).plainText().contains("not allowed"), cmd);
    }
    assertEquals(Role.PATIENT, core.roleOf(Platform.TELEGRAM, PATIENT));
    assertTrue(core.commands().forRole(Role.PATIENT).stream().allMatch(c -> c.role() == Role.PATIENT));
    assertTrue(core.commands().forRole(Role.ADMIN).size()
        > core.commands().forRole(Role.MODERATOR).size());
  }

  @Test
  void adminGrantsModeratorWhoAddsWithPreviewAndConfirm() throws Exception {
    assertEquals(Role.ADMIN, core.roleOf(Platform.TELEGRAM, ADMIN));
    chat.say(ADMIN, "/grant telegram:500 moderator");
    assertEquals(Role.MODERATOR, core.roleOf(Platform.TELEGRAM, "500"));
    int before = kb.counts().published();
    List<Reply> preview = chat.say("500", "/add What helps shin splints? | Rest from running "
        + "for two weeks and increase the distance slowly afterwards.");
    String text = FakeChat.text(preview);
    assertTrue(text.contains("Preview"), text);
    assertTrue(text.contains("Rest from running for two weeks"), text);
    assertEquals(before, kb.counts().published(), "nothing goes live before the confirm");
    // another user cannot press the moderator's confirm button
    String confirm = FakeChat.button(preview, "Publish").orElseThrow().payload();
    assertTrue(FakeChat.text(chat.press(OTHER, confirm)).contains("expired"));
    assertEquals(before, kb.counts().published());
    String published = FakeChat.text(chat.press("500", confirm));
    assertTrue(published.contains("Published #"), published);
    assertEquals(before + 1, kb.counts().published());
    assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "what helps shin splints").outcome());
    // the same confirm cannot publish twice
    chat.press("500", confirm);
    assertEquals(before + 1, kb.counts().published());
    assertTrue(core.admin().audit(10).stream().anyMatch(a -> a.action().equals("add")
        && a.actor().equals("telegram:500")));
    // revoked, the moderator is a patient again
    chat.say(ADMIN, "/revoke telegram:500");
    assertEquals(Outcome.REFUSED, chat.turn("500", "/add x | y").outcome());
  }

  @Test
  void configuredAdminCannotBeRevokedInChat() {
    String text = FakeChat.text(chat.say(ADMIN, "/revoke telegram:" + ADMIN));
    assertTrue(text.contains("FAQBOT_ADMINS"), text);
    assertEquals(Role.ADMIN, core.roleOf(Platform.TELEGRAM, ADMIN));
  }

  @Test
  void guidedAddFlowSurvivesOtherUsersAndCanBeCancelled() throws Exception {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    assertTrue(FakeChat.text(chat.say("500", "/add")).contains("send the question"));
    chat.say("500", "Is swimming good after a spine fracture?");
    // a patient talking in between is answered normally and does not disturb the flow
    assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "knee pain after running").outcome());
    assertTrue(FakeChat.text(chat.say("500", "Gentle swimming is usually fine once the fracture "
        + "has healed; ask your surgeon first.")).contains("doctor's name"));
    chat.say("500", "Mei Chen");
    List<Reply> preview = chat.say("500", "Physical Medicine");
    String text = FakeChat.text(preview);
    assertTrue(text.contains("Dr. Mei Chen, Physical Medicine"), text);
    chat.pressLabeled("500", preview, "Publish");
    Turn t = chat.turn(PATIENT, "is swimming good after a spine fracture");
    assertEquals(Outcome.ANSWERED, t.outcome());

    // cancelled flows add nothing, and plain text afterwards is a question again
    int before = kb.counts().published();
    chat.say("500", "/add");
    chat.say("500", "A question that will be cancelled");
    assertTrue(FakeChat.text(chat.say("500", "/cancel")).contains("Cancelled"));
    assertEquals(Outcome.ANSWERED, chat.turn("500", "knee pain after running").outcome());
    assertEquals(before, kb.counts().published());
  }

  @Test
  void formSubmissionIsAOneShotAddWithPreview() throws Exception {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    List<Reply> preview = chat.submit("500", Map.of("question", "Can I shower after kyphoplasty?",
        "answer", "You can usually shower after two days; keep the dressing dry.",
        "doctor", "Sam Lee", "specialty", "Orthopedics"));
    assertTrue(FakeChat.text(preview).contains("Dr. Sam Lee, Orthopedics"));
    chat.pressLabeled("500", preview, "Publish");
    assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "can I shower after kyphoplasty").outcome());
    // a patient's form is refused
    assertTrue(FakeChat.text(chat.submit(PATIENT, Map.of("question", "q", "answer", "a")))
        .contains("not allowed"));
  }

  @Test
  void pasteOfASeedFormatQaPage() throws Exception {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    String page = String.join("\n",
        "Back pain when sitting after vertebroplasty",
        "Three weeks after vertebroplasty my back hurts when I sit for more than an hour.",
        "Is that normal?",
        "lee, 60~69 year old male. Ask Date: 2021/03/04",
        "Dr. Chen Hao reply Orthopedics",
        "Hello, some pain while sitting is common for a few weeks after the procedure.",
        "If the pain grows or spreads to the legs, please see your surgeon.",
        "Reply Date: 2021/03/05");
    chat.say("500", "/paste");
    chat.say("500", page);
    List<Reply> preview = chat.say("500", "/done");
    String text = FakeChat.text(preview);
    assertTrue(text.contains("Preview"), text);
    assertTrue(text.contains("Dr. Chen Hao, Orthopedics, replied 2021-03-05"), text);
    chat.pressLabeled("500", preview, "Publish");
    Turn t = chat.turn(PATIENT, "back pain when sitting after vertebroplasty");
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertTrue(t.replies().get(0).plainText().contains("some pain while sitting is common"));
  }

  @Test
  void pasteOfASeedFormatArticle() throws Exception {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    String page = String.join("\n",
        "Walking after spine fracture repair speeds recovery",
        "2. AT-A-GLANCE",
        "- Short daily walks help after vertebral fracture repair.",
        "3. QUICK TAKE Patients who walked daily after cement repair of a spine fracture went home sooner.",
        "4. SEO TITLE Walking After Spine Fracture Repair",
        "5. SEO DESCRIPTION Daily walks after spine fracture repair.",
        "6. ARTICLE BODY",
        "A small study followed patients after cement repair of a spine fracture.",
        "Those who walked every day went home sooner.");
    // the Preview button of the part's acknowledgement ends the session like /done
    List<Reply> preview = chat.pressLabeled("500", chat.say("500", "/paste " + page), "Preview");
    assertTrue(FakeChat.text(preview).contains("went home sooner"), FakeChat.text(preview));
    chat.pressLabeled("500", preview, "Publish");
    Turn t = chat.turn(PATIENT, "walking after spine fracture repair");
    assertEquals(Outcome.ANSWERED, t.outcome());
    assertTrue(t.replies().get(0).plainText().contains("Patients who walked daily"));
    chat.say("500", "/paste just some words");
    assertTrue(FakeChat.text(chat.say("500", "/done")).contains("can't tell"));
  }

  @Test
  void entrysOwnSimilarQuestionsBecomeButtonsWhenTheyExist() throws Exception {
    Entry e = kb.add(Entry.builder(Entry.Kind.QA).title("Hip pain when climbing stairs")
        .question("hip pain stairs").reply("Hip pain on stairs often comes from the joint.")
        .similarQuestions(List.of("Knee pain after running", "A question nobody wrote down"))
        .source(new faqbot.knowledge.Source("t", "seed", null, "test-hip")).build(), "test");
    List<Reply> r = chat.press(PATIENT, "q:" + e.id());
    assertTrue(r.get(0).buttons().stream().anyMatch(b -> b.payload().equals("q:" + fx.kneeId)),
        r.get(0).buttons().toString());
    assertTrue(r.get(0).buttons().stream().noneMatch(b -> b.label().startsWith("A question nobody")));
  }

  @Test
  void removeAndUndo() throws Exception {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    assertTrue(FakeChat.text(chat.say("500", "/remove " + fx.kneeId)).contains("Removed"));
    assertEquals(Entry.Status.DELETED, kb.get(fx.kneeId).orElseThrow().status());
    assertFalse(chat.turn(PATIENT, "knee pain after running").outcome() == Outcome.ANSWERED
        && fx.kneeId == chat.turn(PATIENT, "knee pain after running").entryId());
    // the full-answer button of a removed entry is stale, not an error
    assertTrue(FakeChat.text(chat.press(PATIENT, "f:" + fx.kneeId)).contains("expired"));
    assertTrue(FakeChat.text(chat.say("500", "/undo " + fx.kneeId)).contains("Restored"));
    assertEquals(Entry.Status.PUBLISHED, kb.get(fx.kneeId).orElseThrow().status());
    assertEquals(fx.kneeId, chat.turn(PATIENT, "knee pain after running").entryId());
    List<Admin.AuditRecord> audit = core.admin().audit(10);
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("remove")));
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("undo")));
  }

  @Test
  void editListAndFind() throws Exception {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    chat.say("500", "/edit " + fx.kneeId + " specialty Orthopedic Sports Medicine");
    assertEquals("Orthopedic Sports Medicine", kb.get(fx.kneeId).orElseThrow().specialty());
    assertTrue(FakeChat.text(chat.say("500", "/list")).contains("#" + fx.kneeId + " [published]"));
    assertTrue(FakeChat.text(chat.say("500", "/find knee")).contains("Knee pain after running"));
    assertTrue(FakeChat.text(chat.say("500", "/edit nonsense")).startsWith("Usage: /edit"));
    assertTrue(FakeChat.text(chat.say("500", "/remove")).startsWith("Usage: /remove"));
  }

  @Test
  void staffCommandsInGroupsAreRedirectedToPrivateChat() {
    List<Reply> r = chat.sayInGroup(ADMIN, "/logs");
    assertTrue(FakeChat.text(r).contains("private chat"));
    // patients still get answers in groups
    assertEquals(1, chat.sayInGroup(PATIENT, "knee pain after running").size());
  }

  @Test
  void forgetDeletesTheUsersLogRowsAfterConfirmation() throws Exception {
    chat.say(PATIENT, "knee pain after running");
    List<Reply> noMatch = chat.say(PATIENT, "Which vitamins help hair grow?");
    chat.pressLabeled(PATIENT, noMatch, "Notify me");
    chat.say(OTHER, "knee pain after running");
    String key = new Pseudonymizer("a test key of enough bytes".getBytes(StandardCharsets.UTF_8))
        .key(Platform.TELEGRAM, PATIENT);
    assertFalse(rows("SELECT id FROM core_interactions WHERE user_key = '" + key + "'").isEmpty());
    List<Reply> ask = chat.say(PATIENT, "/forget");
    // nothing is deleted before the confirmation
    assertFalse(rows("SELECT id FROM core_interactions WHERE user_key = '" + key + "'").isEmpty());
    chat.pressLabeled(PATIENT, ask, "Yes");
    assertTrue(rows("SELECT id FROM core_interactions WHERE user_key = '" + key + "'").isEmpty());
    assertTrue(rows("SELECT * FROM core_queue_askers WHERE user_key = '" + key + "'").isEmpty());
    assertTrue(rows("SELECT * FROM core_queue WHERE text LIKE '%vitamins%'").isEmpty());
    // other users' rows stay
    assertFalse(rows("SELECT id FROM core_interactions").isEmpty());
  }

  @Test
  void forgedAndStaleButtonsGetAPoliteReply() {
    for (String payload : List.of("", "zz", "f:abc", "f:99999", "q:99999", "c:unknowntoken1",
        "x:unknowntoken1", "h:99999", "s:99999", "\u0000:1", "f:" + fx.pendingId, "q:" + fx.pendingId,
        "l:2")) {
      List<Reply> r = chat.press(PATIENT, payload);
      assertEquals(1, r.size(), payload);
      String text = r.get(0).plainText();
      assertFalse(text.isBlank(), payload);
      assertFalse(text.contains("Flying on a plane"), payload);
    }
  }

  @Test
  void feedbackIsRecordedOnlyForTheAskersOwnAnswer() throws Exception {
    List<Reply> answer = chat.say(PATIENT, "knee pain after running");
    String helpful = FakeChat.button(answer, "Helpful").orElseThrow().payload();
    // someone else pressing a forwarded button does not count
    assertTrue(FakeChat.text(chat.press(OTHER, helpful)).contains("couldn't record"));
    assertTrue(FakeChat.text(chat.press(PATIENT, helpful)).contains("Thank you"));
    Admin.Stats s = core.admin().stats(Fixtures.START.minusSeconds(60), Fixtures.START.plusSeconds(60));
    assertEquals(1, s.feedback().size());
    assertEquals(fx.kneeId, s.feedback().get(0).entryId());
    assertEquals(1, s.feedback().get(0).helpful());
  }

  @Test
  void floodingUserIsSlowedDownPolitelyAndOthersAreNot() {
    int limit = CoreConfig.defaults().rateLimitPerMinute();
    List<Outcome> outcomes = new ArrayList<>();
    List<Integer> replies = new ArrayList<>();
    for (int i = 0; i < limit + 5; i++) {
      Turn t = chat.turn(PATIENT, "knee pain after running " + i);
      outcomes.add(t.outcome());
      replies.add(t.replies().size());
    }
    assertEquals(limit, outcomes.stream().filter(o -> o == Outcome.ANSWERED).count());
    assertEquals(Outcome.RATE_LIMITED, outcomes.get(limit));
    assertTrue(chat.turn(PATIENT, "x").outcome() == Outcome.RATE_LIMITED);
    assertEquals(1, replies.get(limit), "one slow-down note");
    assertEquals(0, replies.get(limit + 1), "then silence, not a flood of notes");
    assertEquals(Outcome.ANSWERED, chat.turn(OTHER, "knee pain after running").outcome());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "knee pain after running").outcome());
  }

  @Test
  void overlongAndControlCharacterMessagesAreHandled() throws Exception {
    Turn t = chat.turn(PATIENT, "x".repeat(5000));
    assertEquals(Outcome.REFUSED, t.outcome());
    assertTrue(t.replies().get(0).plainText().contains("too long"));
    Turn ctl = chat.turn(PATIENT, "knee\u0000 pain\u202E after\u0007 running");
    assertEquals(Outcome.ANSWERED, ctl.outcome());
    List<Map<String, Object>> logged = rows("SELECT text FROM core_interactions ORDER BY id DESC LIMIT 1");
    assertEquals("knee pain after running", logged.get(0).get("text"));
  }

  @Test
  void malformedAndUnknownCommandsGetUsage() {
    assertTrue(FakeChat.text(chat.say(PATIENT, "/ask")).startsWith("Usage: /ask"));
    assertTrue(FakeChat.text(chat.say(PATIENT, "/frobnicate")).contains("/help"));
    assertTrue(FakeChat.text(chat.say(ADMIN, "/grant bogus")).startsWith("Usage: /grant"));
    assertTrue(FakeChat.text(chat.say(ADMIN, "/grant myspace:1 admin")).contains("unknown platform"));
    String help = FakeChat.text(chat.say(PATIENT, "/help"));
    assertTrue(help.contains("not a doctor"), help);
    assertTrue(help.contains("911"), help);
    assertTrue(help.contains("/forget"), help);
    assertFalse(help.contains("/grant"), "patients see only their commands: " + help);
    assertTrue(FakeChat.text(chat.say(ADMIN, "/help")).contains("/grant"));
    assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "/ask@faqbot knee pain after running").outcome());
  }

  @Test
  void logRowsHavePseudonymousKeysNotRawIds() throws Exception {
    chat.say("123456789", "knee pain after running");
    chat.say("123456789", "my father has crushing chest pain and can't breathe right now");
    List<Admin.LogRecord> logs = core.admin().logs(Admin.LogQuery.recent(10));
    assertEquals(2, logs.size());
    String key = logs.get(0).userKey();
    assertEquals(32, key.length());
    assertTrue(key.matches("[0-9a-f]{32}"));
    for (Map<String, Object> row : rows("SELECT * FROM core_interactions")) {
      for (Object v : row.values()) {
        assertFalse(String.valueOf(v).contains("123456789"), "raw id in " + row);
      }
    }
    assertEquals(Outcome.EMERGENCY, logs.get(0).outcome());
    assertNotNull(logs.get(0).triageRule());
    assertEquals(Outcome.ANSWERED, logs.get(1).outcome());
    assertEquals(fx.kneeId, logs.get(1).entryId());
    // the same user always gets the same key, another user another one
    chat.say("42", "knee pain after running");
    List<Admin.LogRecord> after = core.admin().logs(Admin.LogQuery.recent(10));
    assertEquals(2, after.stream().map(Admin.LogRecord::userKey).distinct().count());
  }

  @Test
  void logsStatsAndCsvExportForAdmins() throws Exception {
    chat.say(PATIENT, "knee pain after running");
    clock.advance(Duration.ofDays(1));
    chat.say(PATIENT, "Which vitamins help hair grow, doctor?");
    chat.say(OTHER, "knee pain after running");
    String logs = FakeChat.text(chat.say(ADMIN, "/logs no_match"));
    assertTrue(logs.contains("vitamins help hair"), logs);
    assertFalse(logs.contains("knee pain"), logs);
    List<Reply> export = chat.say(ADMIN, "/export 7");
    assertEquals(2, export.size(), () -> FakeChat.text(export));
    assertTrue(export.stream().allMatch(Reply::privateToAsker));
    String csv = new String(export.get(0).attachment().content(), StandardCharsets.UTF_8);
    String[] lines = csv.split("\r\n");
    assertEquals("id,time,platform,chat_type,user_key,outcome,entry_id,external_id,confidence,"
        + "latency_ms,triage_rule,feedback,text", lines[0]);
    assertEquals(1 + 4, lines.length, csv); // 3 questions + the /logs before the export
    assertTrue(lines[1].contains(",answered," + fx.kneeId + ",test-knee,"), lines[1]);
    assertTrue(lines[2].contains("\"Which vitamins help hair grow, doctor?\""), lines[2]);
    String stats = new String(export.get(1).attachment().content(), StandardCharsets.UTF_8);
    assertTrue(stats.contains("totals,questions,3,"), stats);
    assertTrue(stats.contains("totals,answered,2,"), stats);
    assertTrue(stats.contains("top_questions," + fx.kneeId + ",2,Knee pain after running"), stats);
    String statsText = FakeChat.text(chat.say(ADMIN, "/stats"));
    assertTrue(statsText.contains("3 questions: 2 answered (67%)"), statsText);
    // patients never see logs
    assertEquals(Outcome.REFUSED, chat.turn(PATIENT, "/logs").outcome());
  }

  @Test
  void retentionPurgeDeletesOldRows() {
    chat.say(PATIENT, "knee pain after running");
    clock.advance(Duration.ofDays(91));
    chat.say(PATIENT, "knee pain after running");
    assertEquals(1, core.admin().purgeExpired());
    assertEquals(1, core.admin().logs(Admin.LogQuery.recent(0)).size());
  }

  @Test
  void logSurvivesCloseAndReopen() throws Exception {
    for (int i = 0; i < 50; i++) {
      chat.say("u" + i, "knee pain after running");
    }
    core.close();
    core = BotCore.create(CoreConfig.defaults().withPseudonymizationKey("a test key of enough bytes"),
        kb, clock);
    assertEquals(50, core.admin().logs(Admin.LogQuery.recent(0)).size());
    // ids continue after the stored ones
    chat = new FakeChat(core, Platform.TELEGRAM);
    chat.say("x", "knee pain after running");
    assertEquals(51, core.admin().logs(Admin.LogQuery.recent(0)).stream()
        .map(Admin.LogRecord::id).distinct().count());
  }

  @Test
  void concurrentUsersAreAllAnsweredAndLogged() throws Exception {
    int threads = 8;
    int perThread = 15;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        int answered = 0;
        for (int i = 0; i < perThread; i++) {
          String text = i % 3 == 0 ? "which vitamins help hair grow " + i : "knee pain after running";
          Turn turn = chat.turn("t" + thread, text);
          if (turn.outcome() == Outcome.ANSWERED) {
            answered++;
          }
        }
        return answered;
      }));
    }
    int answered = 0;
    for (var f : futures) {
      answered += f.get();
    }
    pool.shutdown();
    assertEquals(threads * perThread * 2 / 3, answered);
    core.close();
    core = BotCore.create(CoreConfig.defaults(), kb, clock);
    assertEquals(threads * perThread, core.admin().logs(Admin.LogQuery.recent(0)).size());
    // every unanswered question is counted, grouped by meaning ("... hair grow 3" and "... 6")
    assertEquals(threads * perThread / 3, rows("SELECT asked_count FROM core_queue").stream()
        .mapToInt(r -> ((Number) r.get("asked_count")).intValue()).sum());
    assertEquals(threads, rows("SELECT DISTINCT user_key FROM core_queue_askers").size());
  }

  @Test
  void dismissAndUndeliverableNotifications() {
    chat.say(ADMIN, "/grant telegram:500 moderator");
    List<Reply> first = chat.say(PATIENT, "Which vitamins help hair grow?");
    chat.pressLabeled(PATIENT, first, "Notify me");
    // a Discord asker, but no Discord notifier registered
    FakeChat discord = new FakeChat(core, Platform.DISCORD);
    discord.pressLabeled("d1", discord.say("d1", "Which vitamins help hair grow?"), "Notify me");
    // someone else cannot subscribe with the asker's button
    String notify = FakeChat.button(first, "Notify me").orElseThrow().payload();
    assertTrue(FakeChat.text(chat.press(OTHER, notify)).contains("only the person who asked"));
    notifier.accept = false; // the Telegram user blocked the bot
    String queue = FakeChat.text(chat.say("500", "/queue"));
    assertTrue(queue.contains("2 waiting for a notification"), queue);
    String qid = queue.replaceAll("(?s).*?Q(\\d+) asked.*", "$1");
    String done = FakeChat.text(chat.pressLabeled("500",
        chat.say("500", "/answer " + qid + " Only when you lack them."), "Publish"));
    assertTrue(done.contains("notified 0 of 2"), done);
    assertEquals(1, notifier.sent.size());

    chat.say(PATIENT, "Is it ok to drink coffee at night?");
    queue = FakeChat.text(chat.say("500", "/queue"));
    String coffee = queue.replaceAll("(?s).*?Q(\\d+) asked 1x: Is it ok to drink coffee.*", "$1");
    assertTrue(FakeChat.text(chat.say("500", "/dismiss " + coffee)).contains("Dismissed"));
    assertTrue(FakeChat.text(chat.say("500", "/queue")).contains("The queue is empty"));
    assertTrue(FakeChat.text(chat.say("500", "/dismiss " + coffee)).contains("no open queue item"));
    assertTrue(core.admin().audit(5).stream().anyMatch(a -> a.action().equals("dismiss")));
  }

  @Test
  void logsFilterByEntryAndDays() {
    chat.say(PATIENT, "knee pain after running");
    chat.say(PATIENT, "cement leak lungs");
    clock.advance(Duration.ofDays(10));
    chat.say(OTHER, "cement leak lungs");
    String byEntry = FakeChat.text(chat.say(ADMIN, "/logs #" + fx.articleId + " 30"));
    assertTrue(byEntry.contains("Last 2 interactions"), byEntry);
    assertFalse(byEntry.contains("knee"), byEntry);
    String recent = FakeChat.text(chat.say(ADMIN, "/logs answered 7"));
    assertTrue(recent.contains("Last 1 interactions"), recent);
    assertTrue(FakeChat.text(chat.say(ADMIN, "/logs whatever")).startsWith("Usage: /logs"));
  }

  @Test
  void emergenciesCountInStatsWithTheirRule() {
    chat.say(PATIENT, "my father has crushing chest pain and can't breathe right now");
    chat.say(PATIENT, "knee pain after running");
    Admin.Stats s = core.admin().stats(Fixtures.START, Fixtures.START.plusSeconds(1));
    assertEquals(2, s.questions());
    assertEquals(1, s.emergencies());
    List<Admin.LogRecord> em = core.admin().logs(Admin.LogQuery.recent(0).withOutcome(Outcome.EMERGENCY));
    assertEquals(1, em.size());
    assertNotNull(em.get(0).triageRule());
    assertEquals(null, em.get(0).entryId());
  }

  @Test
  void rolesPersistAcrossRestarts() {
    chat.say(ADMIN, "/grant discord:77 admin");
    core.close();
    core = BotCore.create(CoreConfig.defaults(), kb, clock);
    assertEquals(Role.ADMIN, core.roleOf(Platform.DISCORD, "77"));
    assertEquals(Role.PATIENT, core.roleOf(Platform.TELEGRAM, ADMIN), "config admins come from config");
    assertTrue(Set.of(Role.values()).contains(core.roleOf(Platform.CONSOLE, "me")));
  }

  @Test
  void databaseFileIsSharedWithTheKnowledgeBase() {
    org.junit.jupiter.api.Assumptions.assumeTrue(kb.databaseFile() != null, "SQLite only");
    assertTrue(Files.exists(kb.databaseFile()));
  }
}
