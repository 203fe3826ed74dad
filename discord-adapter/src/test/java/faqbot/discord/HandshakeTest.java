package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.ChatCore;
import faqbot.core.CommandCall;
import faqbot.core.IncomingMessage;
import faqbot.core.Notifier;
import faqbot.core.Part;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Echoes questions; enough to see the adapter's side of the handshake. */
  static class EchoCore implements ChatCore {
    final List<IncomingMessage> seen = new CopyOnWriteArrayList<>();
    final Map<Platform, Notifier> notifiers = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<Reply> handle(IncomingMessage message) {
      seen.add(message);
      return List.of(Reply.builder().add(Part.paragraph("echo: " + FakeDiscord.said(message)))
          .add(Part.disclaimer("General information only.")).build());
    }

    @Override
    public Role roleOf(Platform platform, String userId) {
      return Role.PATIENT;
    }

    @Override
    public void registerNotifier(Platform platform, Notifier notifier) {
      notifiers.put(platform, notifier);
    }
  }

  @Test
  void reachesReadyRegistersCommandsAndShutsDownCleanly() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      EchoCore core = new EchoCore();
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(discord.env()).orElseThrow(), core);
      try {
        assertTrue(bot.awaitReady(WAIT), "JDA reached READY");
        FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "applications/\\d+/commands"), WAIT);
        DataArray commands = put.jsonArray();
        assertTrue(commands.length() >= 8, "whole command set registered: " + commands);
        assertTrue(core.notifiers.containsKey(Platform.DISCORD), "notifier registered with the core");

        int intents = discord.identifies().get(0).getInt("intents");
        int privileged = GatewayIntent.getRaw(GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MEMBERS,
            GatewayIntent.GUILD_PRESENCES);
        assertEquals(0, intents & privileged, "no privileged intent requested");
        assertEquals("Bot " + FakeDiscord.TOKEN, put.authorization());
      } finally {
        bot.close();
      }
      assertEquals(0, discord.openSessionsSettlingTo(0, java.time.Duration.ofSeconds(5)), "gateway closed on shutdown");
    }
  }

  @Test
  void closeLetsARepliesInProgressReachDiscord() throws Exception {
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    EchoCore slow = new EchoCore() {
      @Override
      public List<Reply> handle(IncomingMessage message) {
        entered.countDown();
        try {
          Thread.sleep(700); // a slow turn still in progress when shutdown begins
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.handle(message);
      }
    };
    try (FakeDiscord discord = new FakeDiscord()) {
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(discord.env()).orElseThrow(), slow);
      assertTrue(bot.awaitReady(WAIT));
      int mark = discord.mark();
      net.dv8tion.jda.api.utils.data.DataObject i = discord.slash(FakeDiscord.PATIENT, false, "ask", null,
          "question", "does shutdown lose me?");
      assertTrue(entered.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
      bot.close();
      String edit = "webhooks/" + FakeDiscord.str(FakeDiscord.APP_ID) + "/" + i.getString("token") + "/messages/@original";
      assertTrue(discord.callsSince(mark).stream().anyMatch(c -> c.method().equals("PATCH") && c.path().equals(edit)),
          "the reply was sent before close returned: " + discord.callsSince(mark));
      assertEquals(new CommandCall("ask", Map.of("question", "does shutdown lose me?")),
          slow.seen.get(0).command());
    }
  }

  @Test
  void aCatalogueEntryBecomesASlashCommandWhoseOptionsArriveTyped() throws Exception {
    List<faqbot.core.Command> more = new java.util.ArrayList<>(faqbot.core.CommandCatalogue.STANDARD.all());
    more.add(new faqbot.core.Command("hours", "Opening hours", Role.PATIENT,
        faqbot.core.Argument.integer("days", "How many days ahead", 1, 14).optional()));
    faqbot.core.CommandCatalogue catalogue = new faqbot.core.CommandCatalogue(more);
    EchoCore core = new EchoCore() {
      @Override
      public faqbot.core.CommandCatalogue commands() {
        return catalogue;
      }
    };
    try (FakeDiscord discord = new FakeDiscord()) {
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(discord.env()).orElseThrow(), core);
      try {
        assertTrue(bot.awaitReady(WAIT));
        FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "applications/\\d+/commands"), WAIT);
        net.dv8tion.jda.api.utils.data.DataObject hours = put.jsonArray().stream(DataArray::getObject)
            .filter(c -> c.getString("name").equals("hours")).findFirst().orElseThrow();
        net.dv8tion.jda.api.utils.data.DataObject days = hours.getArray("options").getObject(0);
        assertEquals(4, days.getInt("type"), "an integer option: " + hours);
        assertEquals(14, days.getInt("max_value"));

        discord.slash(FakeDiscord.PATIENT, true, "hours", null, "days", 3L);
        discord.slash(FakeDiscord.PATIENT, true, "faq", "edit", "id", 12L, "field", "more_info",
            "text", "See a doctor | soon");
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (core.seen.size() < 2 && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        IncomingMessage first = core.seen.stream().filter(m -> m.command().name().equals("hours"))
            .findFirst().orElseThrow();
        assertEquals(Map.of("days", 3L), first.command().arguments());
        assertEquals("", first.text(), "no text for the core to parse again");
        assertEquals(faqbot.core.ChatType.GROUP, first.chatType(), "a server channel stays a group");
        assertTrue(!first.privateExchange(), "/hours answers in public, as the catalogue's scope says");
        IncomingMessage edit = core.seen.stream().filter(m -> m.command().name().equals("edit"))
            .findFirst().orElseThrow();
        assertEquals(Map.of("id", 12L, "field", "more_info", "text", "See a doctor | soon"),
            edit.command().arguments());
        assertTrue(edit.privateExchange(), "staff commands answer ephemerally");
      } finally {
        bot.close();
      }
    }
  }
}
