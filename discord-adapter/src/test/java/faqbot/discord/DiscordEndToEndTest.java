package faqbot.discord;

import static faqbot.discord.FakeDiscord.ADMIN;
import static faqbot.discord.FakeDiscord.APP_ID;
import static faqbot.discord.FakeDiscord.BOT_ID;
import static faqbot.discord.FakeDiscord.CHANNEL_ID;
import static faqbot.discord.FakeDiscord.MODERATOR;
import static faqbot.discord.FakeDiscord.PATIENT;
import static faqbot.discord.FakeDiscord.PATIENT_2;
import static faqbot.discord.FakeDiscord.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.BotCore;
import faqbot.core.CoreConfig;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.SearchHit;
import faqbot.knowledge.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter end to end: the real JDA client against {@link FakeDiscord}, with the real core
 * over a small knowledge base in a temporary directory.
 */
class DiscordEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String DISCLAIMER = CoreConfig.DEFAULT_DISCLAIMER;

  @TempDir static Path home;
  static KnowledgeBase kb;
  static BotCore core;
  static FakeDiscord discord;
  static DiscordBot bot;
  static long cementId;
  static long longId;
  static final int LONG_SENTENCES = 160;

  @BeforeAll
  static void start() throws Exception {
    kb = KnowledgeBase.open(home.resolve("kb"));
    cementId = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Bone cement leakage after kyphoplasty and leg numbness")
        .question("I had kyphoplasty and now my leg is numb. The X-ray shows cement leakage. Is it related?")
        .doctorName("Lin Wei").specialty("Orthopedics").replyDate(LocalDate.of(2020, 5, 31))
        .reply("Cement leakage after kyphoplasty happens in about one of ten procedures and most leaks "
            + "cause no symptoms. Leg numbness can come from a nerve irritated by leaked cement, or "
            + "from the fracture itself. A CT scan shows where the cement went. Please visit the spine "
            + "clinic so the surgeon can examine you.")
        .source(new Source("test", "seed", null, "test-cement")).build(), "test").id();
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Knee pain after running")
        .question("My knee hurts on the outside after long runs. What can I do?")
        .doctorName("Ana Ruiz").specialty("Sports Medicine").replyDate(LocalDate.of(2021, 4, 2))
        .reply("Pain on the outside of the knee after long runs often comes from an irritated "
            + "iliotibial band. Rest, a gradual return to running and hip strengthening usually help.")
        .source(new Source("test", "seed", null, "test-knee")).build(), "test");
    StringBuilder longReply = new StringBuilder();
    for (int i = 1; i <= LONG_SENTENCES; i++) {
      longReply.append(String.format("Sentence S%03d explains one more detail about recovering from "
          + "osteoporotic vertebral fractures after surgery. ", i));
    }
    longId = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Recovery after osteoporotic vertebral fracture surgery")
        .question("How long is recovery after surgery for an osteoporotic vertebral fracture?")
        .doctorName("Mara Quinn").specialty("Spine Surgery").replyDate(LocalDate.of(2022, 1, 10))
        .reply(longReply.toString().strip())
        .source(new Source("test", "seed", null, "test-long")).build(), "test").id();

    core = BotCore.create(CoreConfig.defaults()
        .withInitialAdmins("discord:" + ADMIN)
        .withRateLimit(10_000), kb, Clock.systemUTC());
    // a moderator for the queue test; the form test grants through /role as well
    core.handle(faqbot.core.IncomingMessage.text(faqbot.core.Platform.DISCORD, "dm", faqbot.core.ChatType.PRIVATE,
        str(ADMIN), "admin", "/grant discord:" + MODERATOR + " moderator"));
    discord = new FakeDiscord();
    bot = DiscordBot.start(DiscordSettings.fromEnvironment(discord.env()).orElseThrow(), core);
    assertTrue(bot.awaitReady(WAIT), "JDA reached READY against the fake gateway");
    discord.await(0, c -> c.is("PUT", "applications/\\d+/commands"), WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (bot != null) {
      bot.close();
    }
    if (discord != null) {
      discord.close();
    }
    if (core != null) {
      core.close();
    }
    if (kb != null) {
      kb.close();
    }
  }

  // ---- helpers

  private static String token(DataObject interaction) {
    return interaction.getString("token");
  }

  private static FakeDiscord.Call callback(int mark, DataObject interaction) throws InterruptedException {
    String path = "interactions/" + interaction.getString("id") + "/" + token(interaction) + "/callback";
    return discord.await(mark, c -> c.method().equals("POST") && c.path().equals(path), WAIT);
  }

  private static FakeDiscord.Call original(int mark, DataObject interaction) throws InterruptedException {
    String path = "webhooks/" + str(APP_ID) + "/" + token(interaction) + "/messages/@original";
    return discord.await(mark, c -> c.method().equals("PATCH") && c.path().equals(path), WAIT);
  }

  private static List<FakeDiscord.Call> followUps(int mark, DataObject interaction) {
    String path = "webhooks/" + str(APP_ID) + "/" + token(interaction);
    return discord.callsSince(mark).stream()
        .filter(c -> c.method().equals("POST") && c.path().equals(path)).collect(Collectors.toList());
  }

  private static int flags(FakeDiscord.Call callback) {
    return callback.json().optObject("data").map(d -> d.getInt("flags", 0)).orElse(0);
  }

  private static DataObject embed(FakeDiscord.Call message) {
    DataArray embeds = message.json().getArray("embeds");
    assertEquals(1, embeds.length(), "one embed per message: " + message);
    return embeds.getObject(0);
  }

  private static String description(FakeDiscord.Call message) {
    return embed(message).getString("description", "");
  }

  private static String footer(FakeDiscord.Call message) {
    return embed(message).optObject("footer").map(f -> f.getString("text")).orElse(null);
  }

  private static List<DataObject> buttons(FakeDiscord.Call message) {
    List<DataObject> out = new ArrayList<>();
    DataArray rows = message.json().optArray("components").orElseGet(DataArray::empty);
    for (int r = 0; r < rows.length(); r++) {
      DataArray row = rows.getObject(r).getArray("components");
      for (int b = 0; b < row.length(); b++) {
        out.add(row.getObject(b));
      }
    }
    return out;
  }

  private static String customIdOf(FakeDiscord.Call message, String labelStart) {
    return buttons(message).stream().filter(b -> b.getString("label").startsWith(labelStart))
        .map(b -> b.getString("custom_id")).findFirst()
        .orElseThrow(() -> new AssertionError("no button " + labelStart + " in " + message));
  }

  private static void assertNoPings(FakeDiscord.Call message) {
    DataObject allowed = message.json().getObject("allowed_mentions");
    assertEquals(0, allowed.getArray("parse").length(), "no mention types allowed: " + allowed);
  }

  // ---- cases

  @Test
  void commandSetIsRegisteredOnStartWithDefaultPermissions() throws Exception {
    FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "applications/" + str(APP_ID) + "/commands"), WAIT);
    Map<String, DataObject> byName = new LinkedHashMap<>();
    for (int i = 0; i < put.jsonArray().length(); i++) {
      DataObject c = put.jsonArray().getObject(i);
      byName.put(c.getString("name"), c);
    }
    // derived from the core's catalogue, which has /cancel as well
    assertEquals(Set.of("ask", "help", "forget", "cancel", "faq", "logs", "stats", "export", "audit",
        "role"), byName.keySet());
    assertTrue(byName.get("ask").isNull("default_member_permissions"), "everyone may ask");
    assertEquals(String.valueOf(Permission.getRaw(Permission.MESSAGE_MANAGE)),
        byName.get("faq").getString("default_member_permissions"));
    for (String admin : List.of("logs", "stats", "export", "audit", "role")) {
      assertEquals(String.valueOf(Permission.getRaw(Permission.MANAGE_SERVER)),
          byName.get(admin).getString("default_member_permissions"), admin);
    }
    Set<String> faq = byName.get("faq").getArray("options").stream(DataArray::getObject)
        .map(o -> o.getString("name")).collect(Collectors.toSet());
    assertTrue(faq.containsAll(Set.of("add", "edit", "remove", "queue", "answer", "link", "alt", "dashboard")), faq.toString());
  }

  @Test
  void askGetsAnEmbedAnswerWithDisclaimerAndButtons() throws Exception {
    int mark = discord.mark();
    long sent = System.nanoTime();
    DataObject i = discord.slash(PATIENT, true, "ask", null,
        "question", "Is cement leakage after kyphoplasty common?");
    FakeDiscord.Call ack = callback(mark, i);
    assertTrue(System.nanoTime() - sent < Duration.ofSeconds(3).toNanos(), "acknowledged within 3 s");
    assertEquals(5, ack.json().getInt("type"), "deferred reply");
    assertEquals(0, flags(ack) & 64, "a patient's answer is public in the channel");

    FakeDiscord.Call answer = original(mark, i);
    DataObject embed = embed(answer);
    assertFalse(embed.getString("title", "").isBlank(), "the entry title: " + answer);
    assertTrue(description(answer).contains("cement"), description(answer));
    assertEquals(DISCLAIMER, footer(answer));
    String attribution = embed.getArray("fields").getObject(0).getString("value");
    assertTrue(attribution.contains("Lin Wei") && attribution.contains("Orthopedics"), attribution);
    assertEquals("fq:f:" + cementId, customIdOf(answer, "Read the full answer"));
    customIdOf(answer, "Helpful");
    assertNoPings(answer);
  }

  @Test
  void theFullAnswerButtonShowsTheWholeReplyToThePresser() throws Exception {
    int mark = discord.mark();
    DataObject press = discord.button(PATIENT, true, "fq:f:" + cementId);
    FakeDiscord.Call ack = callback(mark, press);
    assertEquals(5, ack.json().getInt("type"));
    assertEquals(64, flags(ack) & 64, "button results are ephemeral");
    FakeDiscord.Call full = original(mark, press);
    assertTrue(description(full).contains("spine clinic"), description(full));
    assertEquals(DISCLAIMER, footer(full));
  }

  @Test
  void anEmergencyGetsEmergencyGuidanceFirst() throws Exception {
    int mark = discord.mark();
    DataObject i = discord.slash(PATIENT, true, "ask", null,
        "question", "I have crushing chest pain right now and I can't breathe");
    FakeDiscord.Call reply = original(mark, i);
    DataObject embed = embed(reply);
    assertEquals(Render.COLOR_ALERT, embed.getInt("color"));
    assertTrue(description(reply).startsWith("\uD83D\uDEA8 **"), description(reply));
    assertTrue(description(reply).toLowerCase().contains("emergency"), description(reply));
    assertEquals(DISCLAIMER, footer(reply));
    assertTrue(buttons(reply).stream().noneMatch(b -> b.getString("label").startsWith("Read the full")),
        "no answer buttons in an emergency");
  }

  @Test
  void aDirectMessageIsAnswered() throws Exception {
    int mark = discord.mark();
    discord.directMessage(PATIENT_2, "My knee hurts on the outside after long runs, what can I do?");
    String dm = "channels/" + str(FakeDiscord.dmChannelOf(PATIENT_2)) + "/messages";
    FakeDiscord.Call reply = discord.await(mark, c -> c.is("POST", dm), WAIT);
    assertTrue(description(reply).contains("iliotibial"), description(reply));
    assertEquals(DISCLAIMER, footer(reply));
    assertTrue(reply.json().isNull("message_reference"), "no reply reference needed in a DM");
    assertNoPings(reply);
  }

  @Test
  void aMentionInAServerChannelIsAnsweredAndOtherMessagesAreIgnored() throws Exception {
    int mark = discord.mark();
    discord.guildMessage(PATIENT, "my knee hurts on the outside after long runs", false);
    DataObject mention = discord.guildMessage(PATIENT,
        "<@" + str(BOT_ID) + "> my knee hurts on the outside after long runs @everyone", true);
    String channel = "channels/" + str(CHANNEL_ID) + "/messages";
    FakeDiscord.Call reply = discord.await(mark, c -> c.is("POST", channel), WAIT);
    assertTrue(description(reply).contains("iliotibial"), description(reply));
    assertEquals(mention.getString("id"), reply.json().getObject("message_reference").getString("message_id"),
        "answers the message that mentioned the bot");
    assertFalse(reply.json().getObject("allowed_mentions").getBoolean("replied_user", true), "no reply ping");
    assertNoPings(reply);
    // events are handled in order on the gateway thread: the unmentioned message came first
    assertEquals(1, discord.callsSince(mark).stream().filter(c -> c.is("POST", channel)).count(),
        "the message without a mention got no answer: " + discord.callsSince(mark));
  }

  @Test
  void aPatientUsingLogsIsRefusedPrivately() throws Exception {
    int mark = discord.mark();
    DataObject i = discord.slash(PATIENT, true, "logs", null);
    FakeDiscord.Call ack = callback(mark, i);
    assertEquals(64, flags(ack) & 64, "admin commands answer ephemerally");
    FakeDiscord.Call reply = original(mark, i);
    assertTrue(description(reply).contains("not allowed"), description(reply));
    assertTrue(reply.files().isEmpty(), "no export for patients");
  }

  @Test
  void aPatientDoesNotGetTheAddForm() throws Exception {
    int mark = discord.mark();
    DataObject i = discord.slash(PATIENT, true, "faq", "add");
    FakeDiscord.Call ack = callback(mark, i);
    assertEquals(5, ack.json().getInt("type"), "no modal (type 9) for a patient");
    assertEquals(64, flags(ack) & 64);
    assertTrue(description(original(mark, i)).contains("not allowed"));
  }

  @Test
  void anAdminExportArrivesAsACsvAttachment() throws Exception {
    int mark = discord.mark();
    DataObject i = discord.slash(ADMIN, true, "export", null);
    FakeDiscord.Call reply = original(mark, i);
    assertEquals(1, reply.files().size(), "one attachment: " + reply.files().keySet());
    Map.Entry<String, byte[]> file = reply.files().entrySet().iterator().next();
    assertTrue(file.getKey().endsWith(".csv"), file.getKey());
    String csv = new String(file.getValue(), StandardCharsets.UTF_8);
    assertTrue(csv.lines().count() >= 1 && csv.contains(","), csv);
  }

  @Test
  void aLongAnswerIsSplitWithinDiscordsLimits() throws Exception {
    int mark = discord.mark();
    DataObject press = discord.button(PATIENT, true, "fq:f:" + longId);
    FakeDiscord.Call first = original(mark, press);
    String last = String.format("S%03d", LONG_SENTENCES);
    List<FakeDiscord.Call> messages = new ArrayList<>();
    messages.add(first);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (messages.stream().noneMatch(m -> description(m).contains(last))) {
      assertTrue(System.nanoTime() < deadline, "the end of the answer arrived: " + discord.callsSince(mark));
      discord.await(mark, c -> followUps(mark, press).size() >= messages.size(), WAIT);
      messages.clear();
      messages.add(first);
      messages.addAll(followUps(mark, press));
    }
    assertTrue(messages.size() >= 2, "split into several messages");
    StringBuilder all = new StringBuilder();
    for (FakeDiscord.Call m : messages) {
      DataObject e = embed(m);
      assertTrue(description(m).length() <= Render.DESCRIPTION_MAX);
      int total = e.getString("title", "").length() + description(m).length()
          + footer(m).length() + e.optArray("fields").map(f -> f.stream(DataArray::getObject)
              .mapToInt(x -> x.getString("name").length() + x.getString("value").length()).sum()).orElse(0);
      assertTrue(total <= Render.EMBED_TOTAL_MAX, "embed total " + total);
      assertEquals(DISCLAIMER, footer(m), "every part carries the disclaimer");
      all.append(description(m)).append('\n');
    }
    for (FakeDiscord.Call m : followUps(mark, press)) {
      assertEquals(64, m.json().getInt("flags", 0) & 64, "follow-ups stay ephemeral");
    }
    for (int s = 1; s <= LONG_SENTENCES; s++) {
      String marker = String.format("S%03d", s);
      assertTrue(all.indexOf(marker) >= 0, "sentence " + marker + " delivered");
    }
  }

  @Test
  void aForgedButtonGetsAPoliteEphemeralMessage() throws Exception {
    int mark = discord.mark();
    DataObject foreign = discord.button(PATIENT, true, "not-ours:42");
    FakeDiscord.Call ack = callback(mark, foreign);
    assertEquals(4, ack.json().getInt("type"), "answered at once");
    assertEquals(64, flags(ack) & 64);
    assertEquals(DiscordListener.STALE_BUTTON, ack.json().getObject("data").getString("content"));

    DataObject forged = discord.button(PATIENT, true, "fq:c:aaaaaaaaaaaa");
    FakeDiscord.Call reply = original(mark, forged);
    assertEquals(64, flags(callback(mark, forged)) & 64);
    assertTrue(description(reply).contains("expired"), description(reply));
  }

  @Test
  void theAddFormAddsAnEntryAfterConfirmation() throws Exception {
    int mark = discord.mark();
    DataObject grant = discord.slash(ADMIN, true, "role", "grant",
        "user", new FakeDiscord.UserRef(MODERATOR), "role", "moderator");
    FakeDiscord.Call granted = original(mark, grant);
    assertTrue(description(granted).toLowerCase().contains("moderator"), description(granted));

    DataObject open = discord.slash(MODERATOR, true, "faq", "add");
    FakeDiscord.Call modal = callback(mark, open);
    assertEquals(9, modal.json().getInt("type"), "the form opens as a modal");
    assertEquals(SlashCommands.ADD_MODAL_ID, modal.json().getObject("data").getString("custom_id"));
    String form = modal.json().getObject("data").getArray("components").toString();
    for (String field : SlashCommands.FORM_FIELDS) {
      assertTrue(form.contains("\"custom_id\":\"" + field + "\""), form);
    }

    String question = "Can I swim in the sea three weeks after vertebroplasty?";
    Map<String, String> values = new LinkedHashMap<>();
    values.put("question", question);
    values.put("answer", "Wait until the wound has fully healed, usually about two weeks, and ask "
        + "your surgeon before swimming in open water.");
    values.put("doctor", "Ivo Petrov");
    values.put("specialty", "Orthopedics");
    DataObject submit = discord.modal(MODERATOR, true, SlashCommands.ADD_MODAL_ID, values);
    FakeDiscord.Call preview = original(mark, submit);
    assertTrue(description(preview).contains("Preview"), description(preview));
    assertTrue(searchTitles(question).stream().noneMatch(t -> t.contains("swim")), "nothing published before confirm");

    String publish = customIdOf(preview, "Publish");
    DataObject confirm = discord.button(MODERATOR, true, publish);
    FakeDiscord.Call done = original(mark, confirm);
    assertNotNull(description(done));
    List<SearchHit> hits = kb.search(question, 1);
    assertFalse(hits.isEmpty());
    assertEquals("Ivo Petrov", hits.get(0).entry().doctorName());
    assertTrue(hits.get(0).entry().isAnswerable(), "published after confirm");
  }

  private static List<String> searchTitles(String text) {
    return kb.search(text, 5).stream().filter(h -> h.entry().isAnswerable())
        .map(h -> h.entry().question() == null ? "" : h.entry().question()).collect(Collectors.toList());
  }

  @Test
  void aQueuedQuestionAnsweredByAModeratorNotifiesTheAskerByDm() throws Exception {
    int mark = discord.mark();
    long dm = FakeDiscord.dmChannelOf(PATIENT_2);
    discord.directMessage(PATIENT_2, "Is it safe to drink coffee while taking calcium supplements?");
    FakeDiscord.Call noMatch = discord.await(mark, c -> c.is("POST", "channels/" + str(dm) + "/messages"), WAIT);
    assertTrue(description(noMatch).contains("moderators"), description(noMatch));
    DataObject subscribe = discord.button(PATIENT_2, false, customIdOf(noMatch, "Notify me"));
    assertTrue(description(original(mark, subscribe)).contains("I will message you"));

    DataObject queue = discord.slash(MODERATOR, true, "faq", "queue");
    String listing = description(original(mark, queue));
    java.util.regex.Matcher item = java.util.regex.Pattern.compile("Q(\\d+) asked[^\n]*coffee").matcher(listing);
    assertTrue(item.find(), "the question is in the moderators' queue: " + listing);
    String queueId = item.group(1);

    int before = discord.mark();
    DataObject answer = discord.slash(MODERATOR, true, "faq", "answer", "queue_id", Long.parseLong(queueId),
        "text", "Coffee is fine in moderation, but take calcium a few hours apart from it.");
    FakeDiscord.Call preview = original(before, answer);
    assertTrue(preview.json().toString().contains("Nothing is published yet"), preview.toString());
    original(before, discord.button(MODERATOR, true, customIdOf(preview, "Publish")));
    FakeDiscord.Call open = discord.await(before, c -> c.is("POST", "users/@me/channels"), WAIT);
    assertEquals(str(PATIENT_2), open.json().getString("recipient_id"));
    FakeDiscord.Call note = discord.await(before, c -> c.is("POST", "channels/" + str(dm) + "/messages"), WAIT);
    assertTrue(note.json().toString().contains("calcium"), note.toString());
  }

  static final String PAGE = String.join("\n",
      "Stiff neck after a long flight",
      "After a twelve hour flight my neck is stiff and turning my head hurts. What helps?",
      "kim, 30~39 year old female. Ask Date: 2022/08/01",
      "Dr. Sara Holm reply Physical Medicine",
      "Hello, a stiff neck after sitting still for hours usually eases within a few days.",
      "Gentle movement, warmth and short walks help; see a doctor if it comes with fever.",
      "Reply Date: 2022/08/02");

  /** The message as JSON text without Render's markdown escapes. */
  private static String unescaped(FakeDiscord.Call message) {
    return message.json().toString().replace("\\\\", "");
  }

  @Test
  void aModeratorsAttachmentIsPreviewedThenImportedAndAPatientsIsNeverFetched() throws Exception {
    int mark = discord.mark();
    String dm = "channels/" + str(FakeDiscord.dmChannelOf(MODERATOR)) + "/messages";
    int before = kb.counts().total();
    discord.directMessageWithFile(MODERATOR, "", "stiff-neck.txt",
        PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    FakeDiscord.Call preview = discord.await(mark, c -> c.is("POST", dm), WAIT);
    assertTrue(unescaped(preview).contains("stiff-neck.txt: qa_page, would add 1"),
        preview.toString());
    assertTrue(discord.callsSince(mark).stream().anyMatch(c -> c.method().equals("GET")
        && c.path().endsWith("/stiff-neck.txt")), "fetched through the attachment proxy");
    assertEquals(before, kb.counts().total());
    DataObject press = discord.button(MODERATOR, false, customIdOf(preview, "Import"));
    FakeDiscord.Call done = original(mark, press);
    assertTrue(unescaped(done).contains("stiff-neck.txt: qa_page, 1 added"), done.toString());
    assertEquals(before + 1, kb.counts().total());

    int patientMark = discord.mark();
    String patientDm = "channels/" + str(FakeDiscord.dmChannelOf(PATIENT_2)) + "/messages";
    discord.directMessageWithFile(PATIENT_2, "", "scan.txt",
        "a patient's scan".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    FakeDiscord.Call polite = discord.await(patientMark, c -> c.is("POST", patientDm), WAIT);
    assertTrue(polite.json().toString().contains("open files"), polite.toString());
    assertTrue(discord.callsSince(patientMark).stream().noneMatch(c -> c.method().equals("GET")
        && c.path().endsWith("/scan.txt")), "a patient's file is never fetched");
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedWithoutLosingOrDuplicatingAReply() throws Exception {
    int mark = discord.mark();
    discord.failNext("PATCH", "webhooks/\\d+/[^/]+/messages/@original", 429,
        "{\"message\":\"You are being rate limited.\",\"retry_after\":0.2,\"global\":false}",
        Map.of("Retry-After", "1", "X-RateLimit-Scope", "user", "Via", "1.1 google",
            "X-RateLimit-Bucket", "fake-bucket", "X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset-After", "0.2"));
    DataObject ask = discord.slash(PATIENT, true, "ask", null, "question", "Is cement leakage after kyphoplasty common?");
    String path = "webhooks/" + str(APP_ID) + "/" + token(ask) + "/messages/@original";
    List<FakeDiscord.Call> edits = discord.awaitCount(mark, c -> c.is("PATCH", java.util.regex.Pattern.quote(path)), 2, WAIT);
    assertEquals(2, edits.size(), "one rate-limited attempt, one retry: " + edits);
    assertEquals(edits.get(0).json().toString(), edits.get(1).json().toString(), "the same reply was retried");
    assertTrue(followUps(mark, ask).isEmpty(), "no duplicate follow-up");

    int dmMark = discord.mark();
    String dmPath = "channels/" + str(FakeDiscord.dmChannelOf(PATIENT)) + "/messages";
    discord.failNext("POST", java.util.regex.Pattern.quote(dmPath), 502, "<html>bad gateway</html>", Map.of());
    discord.directMessage(PATIENT, "What helps knee pain on the outside after long runs?");
    List<FakeDiscord.Call> posts = discord.awaitCount(dmMark, c -> c.is("POST", java.util.regex.Pattern.quote(dmPath)), 2, WAIT);
    assertEquals(2, posts.size(), "the 502 was retried once: " + posts);
  }
}
