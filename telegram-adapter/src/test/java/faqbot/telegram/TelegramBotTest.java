package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import faqbot.core.Attachment;
import faqbot.core.ChatType;
import faqbot.core.IncomingMessage;
import faqbot.core.Part;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter through the real telegrambots client and long-polling application against a fake
 * Bot API server, with a scripted core: routing, rendering, keyboards, callbacks, rate limits,
 * failures, menus, documents, notifications and shutdown.
 */
class TelegramBotTest {
  static final String TOKEN = "123456789:AAH-fakeTESTtoken_0123456789abcdefXYZ";
  static final Duration WAIT = Duration.ofSeconds(10);
  static final long PATIENT = 31_337L;
  static final long GROUP = -1_001_234_567_890L;

  private static final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private static PrintStream originalErr;
  private static PrintStream originalOut;

  private FakeBotApi api;
  private FakeCore core;
  private TelegramBot bot;

  @BeforeAll
  static void captureLogs() {
    // slf4j-simple writes to System.err: everything logged here is checked for the token
    originalErr = System.err;
    originalOut = System.out;
    System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void tokenNeverLogged() {
    System.setErr(originalErr);
    System.setOut(originalOut);
    String log = captured.toString(StandardCharsets.UTF_8);
    assertFalse(log.isEmpty(), "expected the adapter to log something");
    assertFalse(log.contains(TOKEN), "the bot token appeared in the log output");
    assertFalse(log.contains(TOKEN.substring(TOKEN.indexOf(':') + 1)),
        "the token's secret half appeared in the log output");
  }

  @BeforeEach
  void setUp() throws Exception {
    api = new FakeBotApi(TOKEN);
    core = new FakeCore();
  }

  @AfterEach
  void tearDown() {
    if (bot != null) {
      bot.close();
    }
    api.close();
  }

  private TelegramSettings settings() {
    return TelegramSettings.fromEnvironment(api.env()).orElseThrow()
        .withPacing(new TelegramSettings.Pacing(Duration.ofMillis(20), 1000, 1000))
        .withRetry(new TelegramSettings.Retry(4, Duration.ofMillis(50), Duration.ofSeconds(10)));
  }

  private void start() throws Exception {
    bot = TelegramBot.start(settings(), core);
  }

  private static Reply answer(String heading, String body) {
    return Reply.builder()
        .add(Part.heading(heading))
        .add(Part.paragraph(body))
        .add(Part.attribution("Dr. A. Example, Orthopedics, 2020-05-31"))
        .add(Part.disclaimer("General information, not a diagnosis."))
        .button("Read the full answer", "full:17")
        .button("Helpful", "fb:17:y")
        .button("Not helpful", "fb:17:n")
        .build();
  }

  @Test
  void privateQuestionGetsEscapedHtmlWithTypingAndKeyboard() throws Exception {
    core.responder = m -> List.of(answer("<b>Cement</b> & leaks", "Leaks are <i>usually</i> "
        + "harmless & seen on X-ray."));
    start();
    api.push(Updates.privateText(PATIENT, "Ann", "Is <script>alert(1)</script> cement bad?"));

    FakeBotApi.Call sent = api.await("sendMessage", 1, WAIT).get(0);
    IncomingMessage in = core.received().get(0);
    assertEquals("Is <script>alert(1)</script> cement bad?", in.text());
    assertEquals(ChatType.PRIVATE, in.chatType());
    assertEquals(String.valueOf(PATIENT), in.userId());
    assertEquals("Ann", in.displayName());
    assertEquals("en", in.languageCode());

    assertEquals("html", sent.param("parse_mode").toLowerCase(java.util.Locale.ROOT));
    assertEquals(String.valueOf(PATIENT), sent.param("chat_id"));
    String html = sent.param("text");
    assertTrue(html.startsWith("<b>&lt;b&gt;Cement&lt;/b&gt; &amp; leaks</b>"), html);
    assertTrue(html.contains("Leaks are &lt;i&gt;usually&lt;/i&gt; harmless &amp; seen"), html);
    assertTrue(html.contains("<i>\u2139\uFE0F General information, not a diagnosis.</i>"), html);

    JsonNode rows = sent.json("reply_markup").get("inline_keyboard");
    assertEquals(2, rows.size(), "long label alone, short feedback labels share a row");
    assertEquals("Read the full answer", rows.get(0).get(0).get("text").asText());
    assertEquals(2, rows.get(1).size());
    for (JsonNode row : rows) {
      for (JsonNode button : row) {
        String data = button.get("callback_data").asText();
        assertTrue(data.getBytes(StandardCharsets.UTF_8).length <= 64, data);
      }
    }

    List<FakeBotApi.Call> typing = api.calls("sendChatAction");
    assertFalse(typing.isEmpty());
    assertEquals("typing", typing.get(0).param("action"));
    assertTrue(typing.get(0).atNanos <= sent.atNanos, "typing shown before the answer");
  }

  @Test
  void buttonPressReachesCoreWithPayloadAndIsAnswered() throws Exception {
    core.responder = m -> m.isButton()
        ? List.of(Reply.builder().add(Part.paragraph("The whole reply.")).build())
        : List.of(answer("Cement leakage", "Usually harmless."));
    start();
    api.push(Updates.privateText(PATIENT, "Ann", "cement leakage?"));
    FakeBotApi.Call first = api.await("sendMessage", 1, WAIT).get(0);
    String data = first.json("reply_markup").get("inline_keyboard").get(0).get(0)
        .get("callback_data").asText();

    api.push(Updates.callback(Updates.user(PATIENT, "Ann"), Updates.privateChat(PATIENT, "Ann"),
        5000, data));
    FakeBotApi.Call answered = api.await("answerCallbackQuery", 1, WAIT).get(0);
    assertNotNull(answered.param("callback_query_id"));
    assertNull(answered.param("text"), "a valid press needs no toast");
    api.await("sendMessage", 2, WAIT);
    IncomingMessage press = core.received().get(1);
    assertEquals("full:17", press.buttonPayload());
    assertEquals(String.valueOf(PATIENT), press.chatId());
    assertEquals("The whole reply.", api.messagesTo(String.valueOf(PATIENT)).get(1).param("text"));
  }

  @Test
  void forgedOrForeignCallbackGetsPoliteToastAndNeverReachesCore() throws Exception {
    start();
    api.push(Updates.callback(Updates.user(PATIENT, "Ann"), Updates.privateChat(PATIENT, "Ann"),
        5000, "export:all|AAAAAAAAAA"));
    // a genuine button, but sent to another chat
    String foreign = new CallbackCodec(new Secrets(TOKEN)).encode("999", "full:17");
    api.push(Updates.callback(Updates.user(PATIENT, "Ann"), Updates.privateChat(PATIENT, "Ann"),
        5000, foreign));
    List<FakeBotApi.Call> answers = api.await("answerCallbackQuery", 2, WAIT);
    for (FakeBotApi.Call a : answers) {
      assertEquals(UpdateRouter.FORGED, a.param("text"));
    }
    api.push(Updates.privateText(PATIENT, "Ann", "still there?"));
    api.await("sendMessage", 1, WAIT);
    assertEquals(1, core.received().size(), "only the text reached the core");
    assertFalse(core.received().get(0).isButton());
  }

  @Test
  void groupChatterIgnoredButAskMentionAndReplyToBotAnswered() throws Exception {
    start();
    String group = String.valueOf(GROUP);
    api.push(Updates.groupText(GROUP, 501, "Bob", "anyone tried physio for back pain?"));
    api.push(Updates.groupText(GROUP, 501, "Bob", "/help@SomeOtherBot"));
    api.push(Updates.groupText(GROUP, 501, "Bob", "/queue"));
    api.push(Updates.groupText(GROUP, 502, "Cy", "/ask@" + FakeBotApi.BOT_USERNAME
        + " is <b>vertebroplasty</b> safe?"));
    api.push(Updates.groupMention(GROUP, 503, "Di", "@" + FakeBotApi.BOT_USERNAME
        + " what is kyphoplasty?"));
    api.push(Updates.groupReplyToBot(GROUP, 504, "Ed", "and how long is recovery?", 4999));
    api.push(Updates.groupText(GROUP, 505, "Fi", "/ask how long does cement take to set"));
    api.push(Updates.groupText(GROUP, 505, "Fi", "/export@" + FakeBotApi.BOT_USERNAME));

    List<FakeBotApi.Call> sent = api.await("sendMessage", 5,
        c -> group.equals(c.param("chat_id")), WAIT);
    List<String> texts = new ArrayList<>();
    for (IncomingMessage m : core.received()) {
      assertEquals(ChatType.GROUP, m.chatType());
      texts.add(m.text());
    }
    assertEquals(List.of("/ask is <b>vertebroplasty</b> safe?", "/ask what is kyphoplasty?",
        "/ask and how long is recovery?", "/ask how long does cement take to set"), texts);
    assertEquals(UpdateRouter.PRIVATE_ONLY, sent.get(4).param("text"));
    assertTrue(sent.get(0).param("text").contains("&lt;b&gt;vertebroplasty&lt;/b&gt;"));
    assertNotNull(sent.get(0).json("reply_parameters").get("message_id"),
        "answers in groups quote the question");
  }

  @Test
  void longAnswerIsSplitUnderTheLimitAtSentenceBoundaries() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 10_000; i++) {
      body.append("Sentence number ").append(i).append(" explains recovery & <care>. ");
    }
    String full = body.toString().strip();
    core.responder = m -> List.of(answer("Full answer", full));
    start();
    api.push(Updates.privateText(PATIENT, "Ann", "tell me everything"));
    List<FakeBotApi.Call> parts = awaitQuiet(String.valueOf(PATIENT), 3);
    assertTrue(parts.size() >= 3, "10,000+ characters need at least three messages");
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      String text = parts.get(i).param("text");
      assertTrue(text.length() <= 4096, "part " + i + " has " + text.length() + " chars");
      if (i < parts.size() - 1) {
        assertNull(parts.get(i).param("reply_markup"), "keyboard only under the last part");
        assertTrue(text.endsWith(".") || text.endsWith("</b>") || text.endsWith("</i>"),
            "part " + i + " should end at a sentence: ..." + text.substring(text.length() - 30));
      }
      joined.append(text).append(' ');
    }
    assertNotNull(parts.get(parts.size() - 1).param("reply_markup"));
    assertTrue(parts.get(parts.size() - 1).param("text").contains("not a diagnosis"));
    String flat = joined.toString().replaceAll("\\s+", " ");
    String expected = HtmlRenderer.escape(full).replaceAll("\\s+", " ");
    assertTrue(flat.contains(expected.substring(0, 500)));
    int last = -1;
    for (int i = 0; full.contains("Sentence number " + i + " "); i++) {
      int at = flat.indexOf("Sentence number " + i + " explains");
      assertTrue(at > last, "sentence " + i + " missing or out of order");
      last = at;
    }
  }

  /** Waits for at least {@code min} messages to the chat, then until no more arrive. */
  private List<FakeBotApi.Call> awaitQuiet(String chatId, int min) throws InterruptedException {
    api.await("sendMessage", min, c -> chatId.equals(c.param("chat_id")) && c.status == 200,
        WAIT);
    int seen;
    do {
      seen = api.messagesTo(chatId).size();
      Thread.sleep(300);
    } while (api.messagesTo(chatId).size() != seen);
    return api.messagesTo(chatId);
  }

  @Test
  void tooManyRequestsHonoursRetryAfterAndDeliversEachPartOnce() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 6_000; i++) {
      body.append("Part of a long answer, sentence ").append(i).append(". ");
    }
    core.responder = m -> List.of(answer("Long", body.toString()));
    start();
    api.push(Updates.privateText(PATIENT, "Ann", "warm up"));
    int before = awaitQuiet(String.valueOf(PATIENT), 2).size();

    api.tooManyRequestsNext("sendMessage", 1);
    long pushed = System.nanoTime();
    api.push(Updates.privateText(PATIENT, "Ann", "again please"));
    List<FakeBotApi.Call> delivered = awaitQuiet(String.valueOf(PATIENT), 2 * before);
    assertEquals(2 * before, delivered.size(), "every part delivered exactly once");
    List<FakeBotApi.Call> all = api.calls("sendMessage");
    assertEquals(2 * before + 1, all.size(), "one extra attempt for the 429");
    FakeBotApi.Call refused = all.get(before);
    assertEquals(429, refused.status);
    FakeBotApi.Call retried = all.get(before + 1);
    assertEquals(refused.param("text"), retried.param("text"));
    assertTrue(retried.atNanos - refused.atNanos >= 950_000_000L,
        "waited retry_after (1 s) before retrying, got "
            + (retried.atNanos - refused.atNanos) / 1_000_000 + " ms");
    assertTrue(retried.atNanos - pushed < 8_000_000_000L, "retried promptly after the wait");
  }

  @Test
  void failureInTheMiddleOfASplitAnswerResendsOnlyThatPart() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 9_000; i++) {
      body.append("Middle part sentence ").append(i).append(". ");
    }
    core.responder = m -> List.of(answer("Split", body.toString()));
    start();
    api.passNext("sendMessage");
    api.failNext("sendMessage", 503, "{\"ok\":false,\"error_code\":503,"
        + "\"description\":\"Service Unavailable\"}");
    api.push(Updates.privateText(PATIENT, "Ann", "long"));
    List<FakeBotApi.Call> delivered = awaitQuiet(String.valueOf(PATIENT), 3);
    List<FakeBotApi.Call> attempts = api.calls("sendMessage");
    assertEquals(delivered.size() + 1, attempts.size(), "one extra attempt, for the failed part");
    assertEquals(503, attempts.get(1).status);
    assertEquals(attempts.get(1).param("text"), attempts.get(2).param("text"));
    java.util.Set<String> distinct = new java.util.HashSet<>();
    delivered.forEach(c -> distinct.add(c.param("text")));
    assertEquals(delivered.size(), distinct.size(), "no part delivered twice");
    assertTrue(delivered.get(0).param("text").contains("Middle part sentence 0."));
  }

  @Test
  void serverErrorsAreRetriedButBlockedUserIsNot() throws Exception {
    start();
    api.failNext("sendMessage", 502, "<html>Bad Gateway</html>");
    api.failNext("sendMessage", 500, "{\"ok\":false,\"error_code\":500,"
        + "\"description\":\"Internal Server Error\"}");
    api.push(Updates.privateText(PATIENT, "Ann", "hello"));
    List<FakeBotApi.Call> ok = awaitQuiet(String.valueOf(PATIENT), 1);
    assertEquals(1, ok.size());
    assertEquals("echo: hello", ok.get(0).param("text"));
    assertEquals(3, api.calls("sendMessage").size());

    api.failNext("sendMessage", 403, "{\"ok\":false,\"error_code\":403,"
        + "\"description\":\"Forbidden: bot was blocked by the user\"}");
    api.push(Updates.privateText(777, "Gus", "hi"));
    api.await("sendMessage", 4, WAIT);
    Thread.sleep(400);
    assertEquals(1, api.calls("sendMessage").stream()
        .filter(c -> "777".equals(c.param("chat_id"))).count(), "403 is final, not retried");
    api.push(Updates.privateText(PATIENT, "Ann", "still fine?"));
    assertEquals(2, awaitQuiet(String.valueOf(PATIENT), 2).size());
  }

  @Test
  void groupUpgradedToSupergroupIsFollowedToItsNewId() throws Exception {
    start();
    long oldGroup = -4_455_667L;
    api.failNext("sendMessage", 400, "{\"ok\":false,\"error_code\":400,\"description\":"
        + "\"Bad Request: group chat was upgraded to a supergroup chat\",\"parameters\":"
        + "{\"migrate_to_chat_id\":-1009988776655}}");
    api.push(Updates.groupText(oldGroup, 701, "Jo", "/ask is walking good for back pain"));
    FakeBotApi.Call moved = api.await("sendMessage", 1,
        c -> "-1009988776655".equals(c.param("chat_id")) && c.status == 200, WAIT).get(0);
    assertEquals("echo: /ask is walking good for back pain", moved.param("text"));
    assertEquals(2, api.calls("sendMessage").size());
    // later replies to the old id go straight to the supergroup
    api.push(Updates.groupText(oldGroup, 701, "Jo", "/ask and swimming"));
    api.await("sendMessage", 2, c -> "-1009988776655".equals(c.param("chat_id")), WAIT);
    assertEquals(3, api.calls("sendMessage").size());
  }

  @Test
  void markupTelegramCannotParseIsResentAsPlainText() throws Exception {
    core.responder = m -> List.of(Reply.builder().add(Part.heading("Title & more"))
        .add(Part.paragraph("a <b> c")).button("Helpful", "fb:1:y").build());
    start();
    api.failNext("sendMessage", 400, "{\"ok\":false,\"error_code\":400,\"description\":"
        + "\"Bad Request: can't parse entities: Unsupported start tag\"}");
    api.push(Updates.privateText(PATIENT, "Ann", "q"));
    FakeBotApi.Call plain = awaitQuiet(String.valueOf(PATIENT), 1).get(0);
    assertEquals("Title & more\n\na <b> c", plain.param("text"));
    assertNull(plain.param("parse_mode"));
    assertNotNull(plain.param("reply_markup"), "buttons survive the fallback");
  }

  @Test
  void pacingKeepsMessagesToOneChatApart() throws Exception {
    StringBuilder body = new StringBuilder();
    for (int i = 0; body.length() < 9_000; i++) {
      body.append("Paced sentence ").append(i).append(". ");
    }
    core.responder = m -> List.of(answer("Paced", body.toString()));
    bot = TelegramBot.start(settings().withPacing(
        new TelegramSettings.Pacing(Duration.ofMillis(300), 20, 30)), core);
    api.push(Updates.privateText(PATIENT, "Ann", "long please"));
    List<FakeBotApi.Call> parts = awaitQuiet(String.valueOf(PATIENT), 3);
    for (int i = 1; i < parts.size(); i++) {
      long gap = parts.get(i).atNanos - parts.get(i - 1).atNanos;
      assertTrue(gap >= 280_000_000L, "messages " + (i - 1) + " and " + i + " only "
          + gap / 1_000_000 + " ms apart");
    }
  }

  @Test
  void privateReplyFromGroupGoesToPrivateChatOrExplainsInGroup() throws Exception {
    core.responder = m -> List.of(Reply.builder().add(Part.paragraph("Only for you."))
        .privateToAsker(true).build());
    start();
    api.push(Updates.groupText(GROUP, 601, "Hal", "/ask@" + FakeBotApi.BOT_USERNAME + " x"));
    FakeBotApi.Call toUser = api.await("sendMessage", 1, WAIT).get(0);
    assertEquals("601", toUser.param("chat_id"));
    assertEquals("Only for you.", toUser.param("text"));

    api.failNext("sendMessage", 403, "{\"ok\":false,\"error_code\":403,\"description\":"
        + "\"Forbidden: bot can't initiate conversation with a user\"}");
    api.push(Updates.groupText(GROUP, 602, "Ivy", "/ask y"));
    FakeBotApi.Call inGroup = api.await("sendMessage", 1,
        c -> String.valueOf(GROUP).equals(c.param("chat_id")), WAIT).get(0);
    assertEquals(HtmlRenderer.escape(TelegramBot.PRIVATE_FAILED), inGroup.param("text"));
    assertFalse(inGroup.param("text").contains("Only for you"));
  }

  @Test
  void attachmentArrivesAsDocument() throws Exception {
    byte[] csv = "time,outcome\n2026-11-21T06:00:00Z,answered\n".getBytes(StandardCharsets.UTF_8);
    core.roles.put(String.valueOf(PATIENT), Role.ADMIN);
    core.responder = m -> List.of(Reply.builder().add(Part.paragraph("Export of 1 row."))
        .attachment(new Attachment("faqbot-logs.csv", "text/csv", csv)).build());
    start();
    api.push(Updates.privateText(PATIENT, "Ann", "/export@" + FakeBotApi.BOT_USERNAME + " 7"));
    FakeBotApi.Call doc = api.await("sendDocument", 1, WAIT).get(0);
    assertEquals("/export 7", core.received().get(0).text(), "@botname stripped");
    assertEquals(String.valueOf(PATIENT), doc.param("chat_id"));
    assertEquals("faqbot-logs.csv", doc.fileNames.get("document"));
    assertEquals(new String(csv, StandardCharsets.UTF_8),
        new String(doc.files.get("document"), StandardCharsets.UTF_8));
    FakeBotApi.Call text = api.await("sendMessage", 1, WAIT).get(0);
    assertTrue(text.atNanos < doc.atNanos, "the explanation comes before the file");
  }

  @Test
  void commandMenusPerScope() throws Exception {
    core.roles.put("4242", Role.MODERATOR);
    start();
    FakeBotApi.Call dflt = api.await("setMyCommands", 1, WAIT).get(0);
    assertEquals("default", dflt.json("scope").get("type").asText());
    assertEquals(List.of("start", "ask"), commandNames(dflt));

    api.push(Updates.privateText(4242, "Mo", "/queue"));
    FakeBotApi.Call mod = api.await("setMyCommands", 2, WAIT).get(1);
    assertEquals("chat", mod.json("scope").get("type").asText());
    assertEquals("4242", mod.json("scope").get("chat_id").asText());
    assertEquals(List.of("start", "ask", "queue"), commandNames(mod));

    api.push(Updates.privateText(PATIENT, "Ann", "hi"));
    awaitQuiet(String.valueOf(PATIENT), 1);
    core.roles.remove("4242");
    api.push(Updates.privateText(4242, "Mo", "bye"));
    FakeBotApi.Call removed = api.await("deleteMyCommands", 1, WAIT).get(0);
    assertEquals("4242", removed.json("scope").get("chat_id").asText());
    assertEquals(2, api.calls("setMyCommands").size(), "patients keep the default menu");
  }

  private static List<String> commandNames(FakeBotApi.Call call) {
    List<String> names = new ArrayList<>();
    call.json("commands").forEach(c -> names.add(c.get("command").asText()));
    return names;
  }

  @Test
  void longPollingAsksForOnlyWhatItHandlesAndConfirmsAsItGoes() throws Exception {
    start();
    assertEquals(1, api.calls("deleteWebhook").size(), "polling clears any webhook first");
    int id = api.push(Updates.privateText(PATIENT, "Ann", "hi"));
    awaitQuiet(String.valueOf(PATIENT), 1);
    int before = api.calls("getUpdates").size();
    Thread.sleep(1_000);
    List<FakeBotApi.Call> polls = api.calls("getUpdates");
    int idle = polls.size() - before;
    assertTrue(idle >= 2 && idle <= 15, idle + " polls in an idle second");
    FakeBotApi.Call latest = polls.get(polls.size() - 1);
    assertEquals(String.valueOf(id + 1), latest.param("offset"), "handled update confirmed");
    assertEquals("1", latest.param("timeout"));
    assertEquals("[\"message\",\"callback_query\"]", latest.param("allowed_updates"));
  }

  @Test
  void nonTextInPrivateChatGetsPoliteHint() throws Exception {
    start();
    api.push(Updates.privatePhoto(PATIENT, "Ann"));
    FakeBotApi.Call hint = api.await("sendMessage", 1, WAIT).get(0);
    assertEquals(UpdateRouter.TEXT_ONLY, hint.param("text"));
    assertTrue(core.received().isEmpty());
  }

  @Test
  void notifierDeliversPrivatelyAndReportsBlockedUsers() throws Exception {
    start();
    assertNotNull(core.notifier, "start registers the notifier");
    Reply note = Reply.builder().add(Part.paragraph("Your question was answered.")).build();
    assertTrue(core.notifier.notify("888", String.valueOf(GROUP), note));
    assertEquals("888", api.calls("sendMessage").get(0).param("chat_id"),
        "notifications go to the private chat, never the group");
    api.failNext("sendMessage", 403, "{\"ok\":false,\"error_code\":403,"
        + "\"description\":\"Forbidden: bot was blocked by the user\"}");
    assertFalse(core.notifier.notify("889", null, note));
  }

  @Test
  void closeFinishesInFlightRepliesAndConfirmsUpdates() throws Exception {
    core.responder = m -> {
      try {
        Thread.sleep(600);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(Reply.builder().add(Part.paragraph("slow answer")).build());
    };
    start();
    int id = api.push(Updates.privateText(PATIENT, "Ann", "slow question"));
    core.awaitMessage(1, 5_000);
    int logMark = captured.size();
    long t0 = System.nanoTime();
    bot.close();
    long took = (System.nanoTime() - t0) / 1_000_000;
    bot = null;
    assertEquals(1, api.messagesTo(String.valueOf(PATIENT)).size(), "in-flight reply finished");
    assertTrue(api.confirmedOffset() > id, "handled update confirmed to Telegram");
    assertTrue(took < 5_000, "close took " + took + " ms");
    byte[] all = captured.toByteArray();
    String closingLog = new String(all, logMark, all.length - logMark, StandardCharsets.UTF_8);
    assertFalse(closingLog.contains("ERROR"), "a clean stop logs no error: " + closingLog);
    int pollsAfter = api.calls("getUpdates").size();
    Thread.sleep(300);
    assertEquals(pollsAfter, api.calls("getUpdates").size(), "polling stopped");
    // nothing of the adapter's may keep the JVM from exiting
    long deadline = System.nanoTime() + 3_000_000_000L;
    List<String> blocking;
    do {
      blocking = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.isAlive() && !t.isDaemon() && (t.getName().startsWith("tg-")
            || t.getName().startsWith("OkHttp"))) {
          blocking.add(t.getName());
        }
      }
      Thread.sleep(50);
    } while (!blocking.isEmpty() && System.nanoTime() < deadline);
    assertTrue(blocking.isEmpty(), "non-daemon threads left running: " + blocking);
  }

  @Test
  void chatsWaitingOutARateLimitHoldBackNoOtherChat() throws Exception {
    start();
    // more waiting chats than the sender has threads: a sender that slept would block them all
    int waiting = 10;
    for (int i = 0; i < waiting; i++) {
      api.tooManyRequestsNext("sendMessage", 3);
    }
    for (int i = 0; i < waiting; i++) {
      api.push(Updates.privateText(10_000 + i, "User" + i, "rate-limited " + i));
    }
    // eight waiting at once: as many as there are threads that turn updates into sends
    api.await("sendMessage", 8, c -> c.status == 429, WAIT);
    long t0 = System.nanoTime();
    api.push(Updates.privateText(PATIENT, "Ann", "meanwhile"));
    api.await("sendMessage", 1, c -> String.valueOf(PATIENT).equals(c.param("chat_id"))
        && c.status == 200, WAIT);
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(took < 2_000, "another chat answered after " + took + " ms, behind the 3 s the"
        + " rate-limited chats wait");
    for (int i = 0; i < waiting; i++) {
      assertEquals(List.of("echo: rate-limited " + i), awaitQuiet(String.valueOf(10_000 + i), 1)
          .stream().map(c -> c.param("text")).toList());
    }
  }

  @Test
  void aRestartAnswersStoredTurnsAndSendsStoredMessagesOnce() throws Exception {
    // the mailbox as a crashed run left it: an update stored (and so confirmed to Telegram) but
    // never answered, and an answer stored but never delivered
    faqbot.core.Mailbox box = core.mailbox();
    String chat = String.valueOf(PATIENT);
    String unanswered = Updates.privateText(PATIENT, "Ann", "asked before the crash")
        .put("update_id", 41).toString();
    String answered = Updates.privateText(PATIENT, "Ann", "answered before the crash")
        .put("update_id", 40).toString();
    List<faqbot.core.Mailbox.Turn> turns = box.receive(faqbot.core.Platform.TELEGRAM, List.of(
        new faqbot.core.Mailbox.Arrival("40", chat, answered),
        new faqbot.core.Mailbox.Arrival("41", chat, unanswered)), "update_id", 41L);
    box.finish(turns.get(0).id(), List.of(faqbot.core.Mailbox.Outgoing.draft(chat,
        "{\"kind\":\"text\",\"chat\":\"" + chat + "\",\"group\":false,"
            + "\"html\":\"the answer the crash did not deliver\"}")));

    start();
    List<FakeBotApi.Call> sent = awaitQuiet(chat, 2);
    assertEquals(List.of("the answer the crash did not deliver", "echo: asked before the crash"),
        sent.stream().map(c -> c.param("text")).toList());
    assertEquals(1, core.received().size(), "only the unanswered turn reaches the core");
    assertTrue(box.unfinished(faqbot.core.Platform.TELEGRAM).isEmpty());
    assertTrue(box.undelivered(faqbot.core.Platform.TELEGRAM).isEmpty());
    assertEquals("42", api.calls("getUpdates").get(0).param("offset"),
        "the first poll confirms what the crashed run stored");
  }

  @Test
  void anUpdateIsConfirmedOnlyOnceStoredAndAnsweredOnceWhenSentAgain() throws Exception {
    start();
    int id = api.push(Updates.privateText(PATIENT, "Ann", "hello"));
    awaitQuiet(String.valueOf(PATIENT), 1);
    // Telegram sending an update again (its confirmation lost) must not answer it twice
    bot.store(List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(
        Updates.privateText(PATIENT, "Ann", "hello").put("update_id", id).toString(),
        org.telegram.telegrambots.meta.api.objects.Update.class)));
    Thread.sleep(400);
    assertEquals(1, api.messagesTo(String.valueOf(PATIENT)).size());
    assertEquals(1, core.received().size());
  }

  @Test
  void unreachableApiFailsStartWithoutRevealingToken() throws Exception {
    api.close();
    TelegramSettings s = settings().withRetry(
        new TelegramSettings.Retry(2, Duration.ofMillis(10), Duration.ofSeconds(1)));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TelegramBot.start(s, core));
    assertTrue(e.getMessage().contains("cannot reach"), e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertFalse(s.toString().contains(TOKEN));
  }

  /** Copies writes to two streams. */
  static final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    Tee(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      synchronized (b) {
        b.write(c);
      }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      synchronized (b) {
        b.write(buf, off, len);
      }
    }
  }
}
