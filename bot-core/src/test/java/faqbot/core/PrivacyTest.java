package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code /forget} removes, and messages without words, which are neither queued nor logged as questions. */
class PrivacyTest extends CoreTestCase {
  static final String MODERATOR = "500";
  static final String PATIENT = "111";
  static final String OTHER = "222";

  @BeforeEach
  void open() throws Exception {
    core.registerNotifier(Platform.TELEGRAM, new FakeNotifier());
    chat.say(ADMIN, "/grant telegram:" + MODERATOR + " moderator");
  }

  private List<String> column(String sql) throws Exception {
    core.admin().logs(Admin.LogQuery.recent(1)); // flushes the log writer
    List<String> out = new ArrayList<>();
    try (Connection c = kb.database().openReader();
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  /** Every text column the core keeps, as one string to search for a patient's words. */
  private String everything() throws Exception {
    return String.join("\n", column("SELECT text FROM core_queue UNION ALL SELECT normalized FROM "
        + "core_queue UNION ALL SELECT text FROM core_interactions UNION ALL SELECT "
        + "coalesce(detail, '') FROM core_audit UNION ALL SELECT coalesce(user_id, '') || "
        + "coalesce(chat_id, '') FROM core_queue_askers"));
  }

  private String queueId(String text) {
    String queue = FakeChat.text(chat.say(MODERATOR, "/queue"));
    String id = queue.replaceAll("(?s).*?Q(\\d+) asked \\d+x[^:\n]*: " + text + ".*", "$1");
    assertTrue(id.matches("\\d+"), queue);
    return id;
  }

  private void forget(String user) {
    chat.pressLabeled(user, chat.say(user, "/forget"), "Yes");
  }

  @Test
  void forgetRemovesTheUsersWordsFromDismissedAndAnsweredQueueItems() throws Exception {
    chat.pressLabeled(PATIENT, chat.say(PATIENT, "Is coffee at night bad for my zebrafish?"), "Notify me");
    chat.say(PATIENT, "Which vitamins help my parrot's feathers?");
    chat.say(MODERATOR, "/dismiss " + queueId("Is coffee at night bad"));
    chat.pressLabeled(MODERATOR,
        chat.say(MODERATOR, "/answer " + queueId("Which vitamins help") + " Ask a vet."), "Publish");
    chat.pressLabeled(PATIENT, chat.say(PATIENT, "Do onions cure warts on my gecko?"), "Notify me");
    String before = everything();
    assertTrue(before.contains("zebrafish") && before.contains("parrot") && before.contains("gecko"),
        before);
    assertTrue(before.contains(PATIENT), "the open item's notification request holds the user id");

    forget(PATIENT);

    String after = everything();
    for (String word : List.of("zebrafish", "parrot", "gecko", "chat-" + PATIENT)) {
      assertFalse(after.contains(word), word + " still stored:\n" + after);
    }
    assertEquals(List.of(), column("SELECT queue_id FROM core_queue_askers"));
    // the moderators' actions stay on the audit trail, without the words
    List<String> audit = column("SELECT action || ' ' || target || ' ' || detail FROM core_audit "
        + "WHERE action IN ('answer', 'dismiss') ORDER BY id");
    assertEquals(2, audit.size(), audit.toString());
    assertTrue(audit.get(0).startsWith("dismiss Q") && audit.get(0).endsWith(Retention.FORGOTTEN), audit.toString());
    assertTrue(audit.get(1).matches("answer Q\\d+ #\\d+: .*") && audit.get(1).endsWith(Retention.FORGOTTEN),
        audit.toString());
  }

  @Test
  void aSharedQueueItemKeepsAnotherAskersWordsAndCount() throws Exception {
    chat.say(PATIENT, "Which vitamins help hair grow?");
    chat.pressLabeled(OTHER, chat.say(OTHER, "which vitamins help hair grow"), "Notify me");
    String qid = queueId("Which vitamins help hair grow\\?");
    chat.say(MODERATOR, "/dismiss " + qid);

    forget(PATIENT);

    // the stored text was the first asker's (PATIENT's); now it is the other asker's own words
    assertEquals(List.of("which vitamins help hair grow"),
        column("SELECT text FROM core_queue WHERE id = " + qid));
    assertEquals(List.of("2"), column("SELECT asked_count FROM core_queue WHERE id = " + qid));
    String key = new Pseudonymizer(KEY.getBytes(StandardCharsets.UTF_8)).key(Platform.TELEGRAM, OTHER);
    assertEquals(List.of(key), column("SELECT user_key FROM core_queue_askers"));
  }

  @Test
  void forgettingAsksNotificationsToStopAtOnce() throws Exception {
    chat.pressLabeled(PATIENT, chat.say(PATIENT, "Which vitamins help hair grow?"), "Notify me");
    chat.pressLabeled(OTHER, chat.say(OTHER, "which vitamins help hair grow"), "Notify me");
    forget(PATIENT);
    assertEquals(List.of(OTHER), column("SELECT user_id FROM core_queue_askers WHERE notify = 1"));
    String queue = FakeChat.text(chat.say(MODERATOR, "/queue"));
    assertTrue(queue.contains("1 waiting for a notification"), queue);
  }

  @Test
  void messagesWithoutWordsAreAskedForWordsAndNeverQueued() throws Exception {
    List<String> wordless = List.of("\u00a0", " \u00a0 \u2003 ", "\u200b\u2060", "\ud83d\ude42",
        "\ud83d\ude4f\ud83c\udffd\ud83d\ude4f", "?!...", "\u2764\ufe0f\u200d\ud83e\ude79", "   ", "");
    for (String text : wordless) {
      Turn t = chat.turn(PATIENT, text);
      assertEquals(Outcome.REFUSED, t.outcome(), () -> "for " + codePoints(text));
      String reply = FakeChat.text(t.replies());
      assertTrue(reply.contains("Please type your question in words"), reply);
      assertTrue(reply.contains("call 911"), reply);
      assertEquals("none", t.triage());
    }
    Turn viaAsk = chat.turn(PATIENT, "/ask \ud83e\udd14\ud83e\udd14");
    assertEquals(Outcome.REFUSED, viaAsk.outcome());
    assertTrue(FakeChat.text(chat.say(MODERATOR, "/queue")).contains("The queue is empty"));
    assertEquals(List.of(), column("SELECT outcome FROM core_interactions WHERE outcome IN "
        + SqliteStatistics.QUESTION_OUTCOMES));
  }

  @Test
  void triageStillReadsMessagesFullOfEmojiFirst() {
    Turn t = chat.turn(PATIENT, "\ud83d\ude31\ud83d\ude31 crushing chest pain right now and I am sweating \ud83d\ude31");
    assertEquals(Outcome.EMERGENCY, t.outcome());
    // a question in words with emoji around it is still a question
    Turn q = chat.turn(OTHER, "\ud83e\uddb5 knee pain after running \ud83c\udfc3");
    assertTrue(q.outcome() == Outcome.ANSWERED || q.outcome() == Outcome.NO_MATCH, q.outcome().toString());
  }

  private static String codePoints(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> sb.append(String.format("U+%04X ", c)));
    return sb.toString();
  }
}
