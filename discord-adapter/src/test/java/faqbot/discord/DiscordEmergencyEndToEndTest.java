package faqbot.discord;

import static faqbot.discord.FakeDiscord.APP_ID;
import static faqbot.discord.FakeDiscord.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.BotCore;
import faqbot.core.CoreConfig;
import faqbot.core.IncomingMessage;
import faqbot.core.RecordingCore;
import faqbot.core.triage.Triage;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.Source;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emergencies reach the core and its guidance reaches the user on every path the adapter could
 * cut short: a message or {@code /ask} longer than the core's limit, a user over the rate limit,
 * a message in another language. Real BotCore, real JDA, {@link FakeDiscord}; assertions are on
 * the REST requests the fake recorded.
 */
class DiscordEmergencyEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  // not the default 911, so the number can only have come from this configuration
  private static final String NUMBER = "112";
  private static final String ALERT = "This may be an emergency: call " + NUMBER
      + " (or your local emergency number) now.";
  private static final int RATE_LIMIT = 3;
  private static final String ORDINARY = "My knee hurts on the outside after long runs, what can I do?";
  private static final String EMERGENCY = "I can't breathe and my chest hurts";
  private static final String SPANISH = "No puedo respirar y me duele mucho el pecho";
  private static final long LONG_DM_USER = 500000000000000011L;
  private static final long LONG_ASK_USER = 500000000000000012L;
  private static final long FLOOD_USER = 500000000000000013L;
  private static final long SPANISH_USER = 500000000000000014L;
  private static final long SPANISH_USER_2 = 500000000000000015L;
  private static final long LONG_FILE_USER = 500000000000000016L;

  @TempDir static Path home;
  static KnowledgeBase kb;
  static BotCore botCore;
  static RecordingCore core;
  static FakeDiscord discord;
  static DiscordBot bot;

  @BeforeAll
  static void start() throws Exception {
    kb = KnowledgeBase.open(home.resolve("kb"));
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Knee pain after running")
        .question("My knee hurts on the outside after long runs. What can I do?")
        .doctorName("Ana Ruiz").specialty("Sports Medicine").replyDate(LocalDate.of(2021, 4, 2))
        .reply("Pain on the outside of the knee after long runs often comes from an irritated "
            + "iliotibial band. Rest, a gradual return to running and hip strengthening usually help.")
        .source(new Source("test", "seed", null, "discord-emergency-knee")).build(), "test");
    // a stopped clock: the rate limiter refills no token however slow the machine is, so the
    // flooding user stays over the limit for the whole test
    Clock stopped = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    botCore = BotCore.create(CoreConfig.defaults().withEmergencyNumber(NUMBER)
        .withRateLimit(RATE_LIMIT), kb, stopped);
    core = new RecordingCore(botCore);
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
    if (botCore != null) {
      botCore.close();
    }
    if (kb != null) {
      kb.close();
    }
  }

  // ---- helpers

  private static String dmPath(long user) {
    return Pattern.quote("channels/" + str(FakeDiscord.dmChannelOf(user)) + "/messages");
  }

  private static List<FakeDiscord.Call> dms(int mark, long user, int count) throws InterruptedException {
    return discord.awaitCount(mark, c -> c.is("POST", dmPath(user)), count, WAIT);
  }

  private static List<FakeDiscord.Call> dmsSoFar(int mark, long user) {
    return discord.callsSince(mark).stream().filter(c -> c.is("POST", dmPath(user))).toList();
  }

  /** What the user reads: content and embed text, with Render's markdown escapes removed. */
  private static String shown(FakeDiscord.Call message) {
    StringBuilder sb = new StringBuilder(message.json().getString("content", ""));
    DataArray embeds = message.json().optArray("embeds").orElseGet(DataArray::empty);
    for (int i = 0; i < embeds.length(); i++) {
      DataObject e = embeds.getObject(i);
      sb.append('\n').append(e.getString("title", "")).append('\n').append(e.getString("description", ""));
      DataArray fields = e.optArray("fields").orElseGet(DataArray::empty);
      for (int f = 0; f < fields.length(); f++) {
        sb.append('\n').append(fields.getObject(f).getString("value", ""));
      }
    }
    return sb.toString().replaceAll("\\\\([\\p{Punct}])", "$1");
  }

  /** A patient's text of exactly {@code length} characters that starts with {@code start}. */
  static String longMessage(String start, int length) {
    StringBuilder sb = new StringBuilder(start).append('.');
    while (sb.length() < length) {
      sb.append(" It started this evening after dinner and I have been sitting on the sofa since.");
    }
    sb.setLength(length);
    return sb.toString();
  }

  private static void assertSeenWhole(long user, String sent, String expectedByCore) throws InterruptedException {
    String seen = FakeDiscord.said(core.awaitFrom(str(user), 1, WAIT).get(0));
    assertEquals(expectedByCore.length(), seen.length(), "the adapter passed the whole text");
    assertTrue(expectedByCore.equals(seen), "the adapter passed the text unchanged");
    assertTrue(sent.length() > CoreConfig.defaults().maxMessageLength(),
        "longer than the core's limit, or this proves nothing");
  }

  // ---- cases

  @Test
  void aLongEmergencyDirectMessageGetsGuidanceNotTheLengthRefusal() throws Exception {
    int mark = discord.mark();
    String message = longMessage("I cannot breathe and my chest hurts badly", 4_500);
    discord.directMessage(LONG_DM_USER, message);
    FakeDiscord.Call reply = dms(mark, LONG_DM_USER, 1).get(0);
    assertTrue(shown(reply).contains(ALERT), shown(reply));
    assertFalse(shown(reply).contains("too long"), shown(reply));
    assertSeenWhole(LONG_DM_USER, message, message);
  }

  @Test
  void aLongEmergencySentAsAFileByDiscordsClientGetsGuidance() throws Exception {
    // what a real client sends for 4,500 characters: no content, the text as message.txt
    int mark = discord.mark();
    String message = longMessage("I cannot breathe and my chest hurts badly", 4_500);
    discord.directMessageAsFile(LONG_FILE_USER, message);
    FakeDiscord.Call reply = dms(mark, LONG_FILE_USER, 1).get(0);
    assertTrue(shown(reply).contains(ALERT), shown(reply));
    assertFalse(shown(reply).contains("too long"), shown(reply));
    assertSeenWhole(LONG_FILE_USER, message, message);
  }

  @Test
  void aLongEmergencyAskGetsGuidanceAndDiscordIsToldToAcceptIt() throws Exception {
    // Discord's client enforces the registered max_length before anything is sent: a lower
    // limit would refuse the message where neither the adapter nor the core can see it
    FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "applications/" + str(APP_ID) + "/commands"), WAIT);
    DataObject ask = put.jsonArray().stream(DataArray::getObject)
        .filter(c -> c.getString("name").equals("ask")).findFirst().orElseThrow();
    DataObject question = ask.getArray("options").getObject(0);
    assertEquals("question", question.getString("name"));
    assertTrue(question.getInt("max_length", Integer.MAX_VALUE) >= 4_500, question.toString());

    int mark = discord.mark();
    String text = longMessage("I cannot breathe and my chest hurts badly", 4_500);
    DataObject i = discord.slash(LONG_ASK_USER, true, "ask", null, "question", text);
    // the first message of the turn, whichever way it went: the deferred reply edited, or an
    // ephemeral follow-up (where the core's private "too long" refusal would go)
    String hook = Pattern.quote("webhooks/" + str(APP_ID) + "/" + i.getString("token"));
    FakeDiscord.Call reply = discord.await(mark,
        c -> c.is("PATCH", hook + "/messages/@original") || c.is("POST", hook), WAIT);
    assertTrue(shown(reply).contains(ALERT), shown(reply));
    assertFalse(shown(reply).contains("too long"), shown(reply));
    assertSeenWhole(LONG_ASK_USER, text, "/ask " + text);
  }

  @Test
  void overTheRateLimitAnEmergencyIsAnsweredWhileOrdinaryQuestionsAreDropped() throws Exception {
    int mark = discord.mark();
    for (int n = 1; n <= RATE_LIMIT; n++) {
      discord.directMessage(FLOOD_USER, ORDINARY);
      assertTrue(shown(dms(mark, FLOOD_USER, n).get(n - 1)).contains("iliotibial"), "answer " + n);
    }
    discord.directMessage(FLOOD_USER, ORDINARY);
    String note = shown(dms(mark, FLOOD_USER, RATE_LIMIT + 1).get(RATE_LIMIT));
    assertTrue(note.contains("faster than I can answer"), note);
    assertFalse(note.contains(ALERT), "the slow-down note is not the emergency guidance: " + note);

    // the workers may take these in any order; over the limit the core's answer to each does
    // not depend on it: guidance for the emergencies, nothing for the ordinary questions
    discord.directMessage(FLOOD_USER, ORDINARY);
    discord.directMessage(FLOOD_USER, EMERGENCY);
    discord.directMessage(FLOOD_USER, ORDINARY);
    discord.directMessage(FLOOD_USER, EMERGENCY);
    dms(mark, FLOOD_USER, RATE_LIMIT + 3);
    List<IncomingMessage> seen = core.awaitFrom(str(FLOOD_USER), RATE_LIMIT + 5, WAIT);
    Thread.sleep(300); // room for a stray reply to show up if one was sent
    List<FakeDiscord.Call> all = dmsSoFar(mark, FLOOD_USER);

    assertEquals(RATE_LIMIT + 3, all.size(), "two alerts and nothing for the ordinary questions: " + all);
    for (FakeDiscord.Call alert : all.subList(RATE_LIMIT + 1, all.size())) {
      assertTrue(shown(alert).contains(ALERT), shown(alert));
      assertFalse(shown(alert).contains("faster than I can answer"), shown(alert));
    }
    assertEquals(List.of(EMERGENCY, EMERGENCY, ORDINARY, ORDINARY),
        seen.subList(RATE_LIMIT + 1, seen.size()).stream().map(IncomingMessage::text).sorted().toList(),
        "the unanswered questions were the core's decision, not dropped by the adapter");
  }

  @Test
  void aSpanishEmergencyGetsTheEmergencyNumber() throws Exception {
    int mark = discord.mark();
    discord.directMessage(SPANISH_USER, SPANISH);
    FakeDiscord.Call reply = dms(mark, SPANISH_USER, 1).get(0);
    assertTrue(shown(reply).contains(NUMBER), shown(reply));
    assertEquals(SPANISH, core.awaitFrom(str(SPANISH_USER), 1, WAIT).get(0).text());
  }

  @Test
  void aSpanishEmergencyGetsTheEmergencyGuidance() throws Exception {
    // the core's Spanish triage rules are not on this branch yet: without them the reply is the
    // "English only" note (which names the number, checked above); this case runs once they land
    Assumptions.assumeTrue(Triage.loadDefault().assess(SPANISH).emergency(),
        "the core does not triage Spanish yet");
    int mark = discord.mark();
    discord.directMessage(SPANISH_USER_2, SPANISH);
    FakeDiscord.Call reply = dms(mark, SPANISH_USER_2, 1).get(0);
    assertTrue(shown(reply).contains(ALERT), shown(reply));
  }
}
