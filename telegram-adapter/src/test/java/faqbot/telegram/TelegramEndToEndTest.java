package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import faqbot.core.BotCore;
import faqbot.core.CoreConfig;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on Telegram: the real BotCore over a small knowledge base, the adapter, the
 * real telegrambots long-polling application and client, and a fake Bot API server. Each test
 * talks as its own users and chats, so one bot serves the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramEndToEndTest {
  static final String TOKEN = "246813579:AAE2e-TEST_token_fedcba9876543210";
  static final Duration WAIT = Duration.ofSeconds(10);
  static final long ADMIN = 9001;
  static final String ESCAPED_DISCLAIMER = HtmlRenderer.escape(CoreConfig.DEFAULT_DISCLAIMER);

  FakeBotApi api;
  KnowledgeBase kb;
  BotCore core;
  TelegramBot bot;
  long longEntryId;

  @BeforeAll
  void start(@TempDir Path home) throws Exception {
    kb = KnowledgeBase.open(home);
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Cement leaking outside the vertebra after kyphoplasty")
        .question("After balloon kyphoplasty the X-ray shows some cement outside the bone. "
            + "Should I worry?")
        .doctorName("Mara Lind")
        .specialty("Spine surgery")
        .reply("Small amounts of cement outside the vertebra are common after kyphoplasty and "
            + "usually cause no trouble. It matters where the cement went: a CT scan shows that. "
            + "New leg weakness or numbness needs a prompt check by the surgeon. "
            + "If you lose control of your bladder, go to an emergency department at once.")
        .replyDate(LocalDate.of(2021, 3, 14))
        .moreInfo("Cement leakage is the most frequent finding after vertebral augmentation.")
        .source(new Source("test", "telegram-e2e", null, "tg-cement"))
        .build(), "test");
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Is <b>ibuprofen</b> & paracetamol together safe?")
        .question("Can I take <b>ibuprofen</b> & paracetamol at the same time?")
        .doctorName("Jo <Admin> Smith")
        .specialty("General practice")
        .reply("Many adults can combine ibuprofen & paracetamol for a short time <script>alert('x')"
            + "</script> if their kidneys and stomach are healthy. Ask your pharmacist first.")
        .replyDate(LocalDate.of(2022, 1, 9))
        .source(new Source("test", "telegram-e2e", null, "tg-html"))
        .build(), "test");
    StringBuilder longReply = new StringBuilder();
    for (int i = 0; longReply.length() < 10_000; i++) {
      longReply.append("Recovery step ").append(i)
          .append(" after spinal fusion surgery is walking a little more each day. ");
    }
    longEntryId = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Recovery plan after spinal fusion surgery")
        .question("What does recovery after spinal fusion surgery look like, week by week?")
        .doctorName("Ines Varga")
        .specialty("Neurosurgery")
        .reply(longReply.toString().strip())
        .replyDate(LocalDate.of(2023, 6, 1))
        .source(new Source("test", "telegram-e2e", null, "tg-long"))
        .build(), "test").id();

    core = BotCore.create(CoreConfig.defaults().withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey("telegram end-to-end test key"), kb, Clock.systemUTC());
    api = new FakeBotApi(TOKEN);
    TelegramSettings settings = TelegramSettings.fromEnvironment(api.env()).orElseThrow()
        .withPacing(new TelegramSettings.Pacing(Duration.ofMillis(20), 1000, 1000))
        .withRetry(new TelegramSettings.Retry(4, Duration.ofMillis(50), Duration.ofSeconds(10)));
    bot = TelegramBot.start(settings, core);
  }

  @AfterAll
  void stop() throws Exception {
    if (bot != null) {
      bot.close();
    }
    if (core != null) {
      core.close();
    }
    if (kb != null) {
      kb.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private List<FakeBotApi.Call> await(String chatId, int count) throws InterruptedException {
    return api.await("sendMessage", count,
        c -> chatId.equals(c.param("chat_id")) && c.status == 200, WAIT);
  }

  /** All delivered messages to the chat once no more arrive. */
  private List<FakeBotApi.Call> settle(String chatId, int atLeast) throws InterruptedException {
    await(chatId, atLeast);
    int seen;
    do {
      seen = api.messagesTo(chatId).size();
      Thread.sleep(250);
    } while (api.messagesTo(chatId).size() != seen);
    return api.messagesTo(chatId);
  }

  private static String callbackData(FakeBotApi.Call message, Predicate<String> label) {
    JsonNode markup = message.json("reply_markup");
    if (markup != null) {
      for (JsonNode row : markup.get("inline_keyboard")) {
        for (JsonNode button : row) {
          if (label.test(button.get("text").asText())) {
            return button.get("callback_data").asText();
          }
        }
      }
    }
    throw new AssertionError("no such button in " + message);
  }

  private static List<String> labels(FakeBotApi.Call message) {
    List<String> out = new java.util.ArrayList<>();
    message.json("reply_markup").get("inline_keyboard")
        .forEach(row -> row.forEach(b -> out.add(b.get("text").asText())));
    return out;
  }

  /** Presses a button in the user's private chat; returns the callback query id. */
  private String press(long userId, String data) {
    com.fasterxml.jackson.databind.node.ObjectNode update = Updates.callback(
        Updates.user(userId, "U" + userId), Updates.privateChat(userId, "U" + userId), 5000, data);
    api.push(update);
    return update.get("callback_query").get("id").asText();
  }

  @Test
  void patientQuestionGetsAnswerWithDisclaimerAndKeyboardThenFullAnswer() throws Exception {
    long patient = 1001;
    api.push(Updates.privateText(patient, "Ann", "cement outside the vertebra after kyphoplasty"));
    FakeBotApi.Call answer = await("1001", 1).get(0);
    String html = answer.param("text");
    assertTrue(html.startsWith("<b>Cement leaking outside the vertebra after kyphoplasty</b>"),
        html);
    assertTrue(html.contains("usually cause no trouble"), html);
    assertTrue(html.contains("Mara Lind"), html);
    assertTrue(html.endsWith("<i>\u2139\uFE0F " + ESCAPED_DISCLAIMER + "</i>"), html);
    List<String> labels = labels(answer);
    assertTrue(labels.contains("Read the full answer"), labels.toString());
    assertTrue(labels.stream().anyMatch(l -> l.startsWith("Helpful")), labels.toString());

    String query = press(patient, callbackData(answer, l -> l.equals("Read the full answer")));
    List<FakeBotApi.Call> full = settle("1001", 2);
    String all = full.subList(1, full.size()).stream().map(c -> c.param("text"))
        .reduce("", String::concat);
    assertTrue(all.contains("If you lose control of your bladder, go to an emergency department"),
        all);
    assertTrue(all.contains("most frequent finding after vertebral augmentation"), all);
    assertTrue(all.contains(ESCAPED_DISCLAIMER));
    FakeBotApi.Call ack = api.await("answerCallbackQuery", 1,
        c -> query.equals(c.param("callback_query_id")), WAIT).get(0);
    assertNull(ack.param("text"), "a valid press is answered silently, stopping the spinner");
  }

  @Test
  void emergencyMessageGetsAlertFirst() throws Exception {
    api.push(Updates.privateText(1002, "Ben",
        "my father has crushing chest pain and can't breathe right now"));
    FakeBotApi.Call reply = await("1002", 1).get(0);
    String html = reply.param("text");
    assertTrue(html.startsWith("\uD83D\uDEA8 <b>"), html);
    assertTrue(html.contains("911"), html);
    assertTrue(html.contains(ESCAPED_DISCLAIMER), html);
    assertNull(reply.param("reply_markup"), "no answer buttons under emergency guidance");
  }

  @Test
  void noMatchThenModeratorAnswersAndPatientIsNotified() throws Exception {
    long patient = 1003;
    long moderator = 500;
    api.push(Updates.privateText(patient, "Cat",
        "Which vitamins help hair & nails grow <fast>?"));
    FakeBotApi.Call noMatch = await("1003", 1).get(0);
    assertTrue(noMatch.param("text").contains("have a reviewed answer"), noMatch.param("text"));
    assertTrue(noMatch.param("text").contains(ESCAPED_DISCLAIMER));
    press(patient, callbackData(noMatch, l -> l.startsWith("Notify me")));
    settle("1003", 2);

    api.push(Updates.privateText(ADMIN, "Root", "/grant telegram:" + moderator + " moderator"));
    await(String.valueOf(ADMIN), 1);
    api.push(Updates.privateText(moderator, "Mod", "/queue"));
    FakeBotApi.Call queue = await("500", 1).get(0);
    String listing = queue.param("text");
    // the patient's HTML shows as text to the moderator
    assertTrue(listing.contains("hair &amp; nails grow &lt;fast&gt;"), listing);
    assertFalse(listing.contains("<fast>"), listing);
    Matcher m = Pattern.compile("Q(\\d+) asked").matcher(listing);
    assertTrue(m.find(), listing);
    // the moderator's menu now includes the staff commands
    api.await("setMyCommands", 1, c -> c.json("scope").path("chat_id").asText().equals("500"),
        WAIT);

    int before = api.messagesTo("1003").size();
    int modBefore = api.messagesTo("500").size();
    api.push(Updates.privateText(moderator, "Mod", "/answer " + m.group(1)
        + " Biotin and iron help hair growth only in people who lack them."));
    FakeBotApi.Call preview = await("500", modBefore + 1).get(modBefore);
    assertTrue(preview.param("text").contains("Nothing is published yet"), preview.param("text"));
    assertEquals(before, api.messagesTo("1003").size(), "nobody is notified of a preview");
    press(moderator, callbackData(preview, l -> l.equals("Publish")));
    FakeBotApi.Call notice = await("1003", before + 1).get(before);
    assertTrue(notice.param("text").contains("Biotin and iron help hair growth"),
        notice.param("text"));
    assertTrue(notice.param("text").contains(ESCAPED_DISCLAIMER));
  }

  @Test
  void groupChatterIgnoredAndAddressedAskAnswered() throws Exception {
    long group = -100_777_000_111L;
    String chat = String.valueOf(group);
    api.push(Updates.groupText(group, 1004, "Dan", "kyphoplasty cement outside the vertebra"));
    int askId = api.push(Updates.groupText(group, 1004, "Dan", "/ask@"
        + FakeBotApi.BOT_USERNAME + " cement outside the vertebra after kyphoplasty"));
    List<FakeBotApi.Call> replies = settle(chat, 1);
    assertEquals(1, replies.size(), "the chatter got no reply, the /ask did");
    assertTrue(replies.get(0).param("text").contains("Cement leaking outside the vertebra"));
    assertTrue(replies.get(0).json("reply_parameters").get("message_id").asInt() > 0);
    assertTrue(askId > 0);
  }

  @Test
  void htmlInAKnowledgeEntryIsEscaped() throws Exception {
    api.push(Updates.privateText(1005, "Eve", "ibuprofen & paracetamol together"));
    String html = await("1005", 1).get(0).param("text");
    assertTrue(html.contains("Is &lt;b&gt;ibuprofen&lt;/b&gt; &amp; paracetamol together safe?"),
        html);
    // the doctor's reply is short enough to be shown whole, markup and all, as text
    assertTrue(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;")
        || html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    assertFalse(html.contains("<script>"), html);
    assertFalse(html.contains("<b>ibuprofen</b>"), html);
    assertTrue(html.contains("Jo &lt;Admin&gt; Smith"), html);
    HtmlRendererTest.assertBalanced(html);
  }

  @Test
  void tenThousandCharacterAnswerArrivesInPartsUnderTheLimit() throws Exception {
    api.push(Updates.privateText(1006, "Fay", "recovery after spinal fusion surgery"));
    FakeBotApi.Call answer = await("1006", 1).get(0);
    press(1006, callbackData(answer, l -> l.equals("Read the full answer")));
    List<FakeBotApi.Call> all = settle("1006", 4);
    List<FakeBotApi.Call> parts = all.subList(1, all.size());
    assertTrue(parts.size() >= 3, "got " + parts.size() + " parts");
    StringBuilder joined = new StringBuilder();
    for (FakeBotApi.Call part : parts) {
      assertTrue(part.param("text").length() <= 4096, "part of " + part.param("text").length());
      joined.append(part.param("text")).append(' ');
    }
    String text = joined.toString();
    int last = -1;
    for (int i = 0; text.contains("Recovery step " + i + " "); i++) {
      int at = text.indexOf("Recovery step " + i + " after");
      assertTrue(at > last, "step " + i + " lost or out of order");
      last = at;
    }
    assertTrue(text.contains("Recovery step 120 "), "the whole answer arrived");
  }

  @Test
  void tooManyRequestsIsHonouredAndTheReplyArrivesOnce() throws Exception {
    int callsBefore = api.calls("sendMessage").size();
    api.tooManyRequestsNext("sendMessage", 1);
    api.push(Updates.privateText(1007, "Gil", "cement outside the vertebra after kyphoplasty"));
    List<FakeBotApi.Call> delivered = settle("1007", 1);
    assertEquals(1, delivered.size(), "exactly one answer");
    List<FakeBotApi.Call> attempts = api.calls("sendMessage").subList(callsBefore,
        api.calls("sendMessage").size()).stream().filter(c -> "1007".equals(c.param("chat_id")))
        .collect(java.util.stream.Collectors.toList());
    assertEquals(2, attempts.size());
    assertEquals(429, attempts.get(0).status);
    assertTrue(attempts.get(1).atNanos - attempts.get(0).atNanos >= 950_000_000L);
    assertEquals(attempts.get(0).param("text"), attempts.get(1).param("text"));
  }

  @Test
  void forgedCallbackGetsPoliteToastAndStaleOneAPoliteReply() throws Exception {
    long patient = 1008;
    press(patient, "f:" + longEntryId + "|AAAAAAAAAA");
    FakeBotApi.Call toast = api.await("answerCallbackQuery", 1,
        c -> UpdateRouter.FORGED.equals(c.param("text")), WAIT).get(0);
    assertEquals(UpdateRouter.FORGED, toast.param("text"));
    // a genuinely signed button whose payload the core no longer knows
    press(patient, new CallbackCodec(new Secrets(TOKEN)).encode("1008", "f:987654321"));
    FakeBotApi.Call polite = await("1008", 1).get(0);
    assertFalse(polite.param("text").isBlank());
    assertEquals(1, api.messagesTo("1008").size(), "the forged press produced no message");
  }

  @Test
  void patientIsRefusedAdminCommandAndAdminGetsLogExportDocument() throws Exception {
    api.push(Updates.privateText(1009, "Hal", "/export"));
    FakeBotApi.Call refused = await("1009", 1).get(0);
    assertTrue(refused.param("text").contains("not allowed"), refused.param("text"));

    int docsBefore = api.calls("sendDocument").size();
    api.push(Updates.privateText(ADMIN, "Root", "/export@" + FakeBotApi.BOT_USERNAME + " 7"));
    List<FakeBotApi.Call> docs = api.await("sendDocument", docsBefore + 1, WAIT);
    FakeBotApi.Call doc = docs.get(docsBefore);
    assertEquals(String.valueOf(ADMIN), doc.param("chat_id"));
    assertTrue(doc.fileNames.get("document").endsWith(".csv"), doc.fileNames.toString());
    String csv = new String(doc.files.get("document"), StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("id,time,platform,chat_type,user_key,outcome"), csv);
    assertTrue(csv.contains("refused"), "the patient's refused /export is in the log: " + csv);
    assertFalse(csv.contains(",1009,"), "raw Telegram user ids never appear in the export");
    assertTrue(api.calls("sendDocument").stream().noneMatch(c -> "1009".equals(
        c.param("chat_id"))), "the patient got no document");
  }

  /** Sends a private message and returns the text of the replies it got. */
  private String say(long userId, String text) throws InterruptedException {
    String chat = String.valueOf(userId);
    int before = api.messagesTo(chat).size();
    api.push(Updates.privateText(userId, "U" + userId, text));
    List<FakeBotApi.Call> all = settle(chat, before + 1);
    StringBuilder sb = new StringBuilder();
    for (FakeBotApi.Call c : all.subList(before, all.size())) {
      sb.append(c.param("text")).append('\n');
    }
    return sb.toString();
  }

  private static Path seedPage() {
    Path seed = Path.of(System.getProperty("faqbot.shared", "../shared"), "seeds",
        "000_813f27817e6f6fc9.txt");
    Assumptions.assumeTrue(Files.isRegularFile(seed), "shared seed page not present: " + seed);
    return seed;
  }

  /** The last message to the chat that has buttons. */
  private FakeBotApi.Call lastWithButtons(String chat) {
    return api.messagesTo(chat).stream().filter(c -> c.param("reply_markup") != null)
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aDocumentUploadOfTheSeedPageImportsAfterConfirm() throws Exception {
    Path seed = seedPage();
    byte[] bytes = Files.readAllBytes(seed);
    long moderator = 700;
    say(ADMIN, "/grant telegram:" + moderator + " moderator");
    api.putFile("BQseed700", bytes);
    int before = api.messagesTo("700").size();
    int entries = kb.counts().total();
    api.push(Updates.privateDocument(moderator, "Mod", "BQseed700", seed.getFileName().toString(),
        bytes.length, null));
    String preview = settle("700", before + 1).get(before).param("text");
    assertTrue(preview.contains(seed.getFileName() + ": qa_page, would add 1, update 0"), preview);
    assertEquals(entries, kb.counts().total(), "a preview imports nothing");
    assertEquals(1, api.calls("getFile").size());
    assertEquals(1, api.calls("download").size());

    int count = api.messagesTo("700").size();
    press(moderator, callbackData(lastWithButtons("700"), l -> l.equals("Import")));
    String done = settle("700", count + 1).get(count).param("text");
    assertTrue(done.contains(seed.getFileName() + ": qa_page, 1 added, 0 updated"), done);
    assertEquals(entries + 1, kb.counts().total());
    Entry imported = kb.getByExternalId("page:000_813f27817e6f6fc9").orElseThrow();
    assertEquals(Entry.Status.PUBLISHED, imported.status());
    assertEquals("Bone cement leakage", imported.title());
  }

  @Test
  void aPatientsDocumentIsNeverDownloaded() throws Exception {
    api.putFile("BQpatient", "not a page".getBytes(StandardCharsets.UTF_8));
    int downloads = api.calls("download").size() + api.calls("getFile").size();
    api.push(Updates.privateDocument(1012, "Ivy", "BQpatient", "scan.txt", 10, null));
    String reply = settle("1012", 1).get(0).param("text");
    assertTrue(reply.contains("I can't open files"), reply);
    assertEquals(downloads, api.calls("download").size() + api.calls("getFile").size());
  }

  @Test
  void theSeedPagePastedAsTwoMessagesPreviewsAsOnePage() throws Exception {
    String page = Files.readString(seedPage()).strip();
    long whole = 701;
    long split = 702;
    say(ADMIN, "/grant telegram:" + whole + " moderator");
    say(ADMIN, "/grant telegram:" + split + " moderator");
    // the yardstick: the page in one message (the fake, unlike Telegram, carries any length)
    say(whole, "/paste " + page);
    String onePreview = say(whole, "/done");
    assertTrue(onePreview.contains("Preview") && onePreview.contains("Bone cement leakage"),
        onePreview);

    // two messages, split near the middle at a line end; and three, as Telegram splits a
    // message at 4,096 characters; each part trimmed, as Telegram trims messages
    assertEquals(onePreview, pasteInParts(split, splitAt(page, page.length() / 2)));
    assertEquals(onePreview, pasteInParts(split, splitAt(page, 4096 - "/paste ".length())));
  }

  /** The page cut at the last line end before {@code max} characters, again and again. */
  private static List<String> splitAt(String page, int max) {
    List<String> parts = new java.util.ArrayList<>();
    String rest = page;
    while (rest.length() > max) {
      int cut = rest.lastIndexOf('\n', max);
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    parts.add(rest);
    return parts;
  }

  private String pasteInParts(long moderator, List<String> parts) throws Exception {
    assertTrue(parts.size() >= 2, parts.size() + " parts");
    for (int i = 0; i < parts.size(); i++) {
      String reply = say(moderator, (i == 0 ? "/paste " : "") + parts.get(i));
      assertTrue(reply.contains("Got part " + (i + 1)), reply);
    }
    String preview = say(moderator, "/done");
    assertFalse(preview.contains("reviewed answer"), "no part was taken as a question");
    assertEquals(List.of("Publish", "Cancel"),
        labels(lastWithButtons(String.valueOf(moderator))));
    return preview;
  }

  @Test
  void guidedAddFlowKeepsItsStateWhileAPatientTalksAndPublishesByButton() throws Exception {
    long moderator = 600;
    long patient = 1010;
    say(ADMIN, "/grant telegram:" + moderator + " moderator");
    assertTrue(say(moderator, "/add").contains("send the question"));
    say(moderator, "Is swimming good after a spine fracture?");
    assertTrue(say(patient, "cement outside the vertebra after kyphoplasty")
        .contains("Cement leaking outside the vertebra"), "the patient is answered meanwhile");
    assertTrue(say(moderator, "Gentle swimming is usually fine once the fracture has healed; "
        + "ask your surgeon first.").contains("doctor"));
    say(moderator, "Mei Chen");
    int before = api.messagesTo("600").size();
    String preview = say(moderator, "Physical Medicine");
    assertTrue(preview.contains("Mei Chen, Physical Medicine"), preview);
    List<FakeBotApi.Call> previewMessages = api.messagesTo("600");
    FakeBotApi.Call withButtons = previewMessages.subList(before, previewMessages.size()).stream()
        .filter(c -> c.param("reply_markup") != null).reduce((a, b) -> b).orElseThrow();
    int count = api.messagesTo("600").size();
    press(moderator, callbackData(withButtons, l -> l.startsWith("Publish")));
    settle("600", count + 1);
    String answer = say(patient, "is swimming good after a spine fracture");
    assertTrue(answer.contains("Gentle swimming is usually fine"), answer);
    assertTrue(answer.contains(ESCAPED_DISCLAIMER), answer);
  }
}
