package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import org.junit.jupiter.api.Test;

/** The shard manager, per-server registration, and a rejected token, against the fake Discord. */
class StartupModesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void theShardManagerAsksForTheGatewayAndIdentifiesAsAShard() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      Map<String, String> env = discord.env();
      env.remove("DISCORD_GATEWAY_URL"); // the shard manager learns it from GET /gateway/bot
      env.put("DISCORD_SHARDED", "true");
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(env).orElseThrow(), new HandshakeTest.EchoCore());
      try {
        discord.await(0, c -> c.is("GET", "gateway/bot"), WAIT);
        assertTrue(bot.awaitReady(WAIT));
        discord.await(0, c -> c.is("PUT", "applications/\\d+/commands"), WAIT);
        assertEquals("[0,1]", discord.identifies().get(0).getArray("shard").toString());
      } finally {
        bot.close();
      }
      assertEquals(0, discord.openSessionsSettlingTo(0, java.time.Duration.ofSeconds(5)));
    }
  }

  @Test
  void aReplicaRunsOnlyItsOwnShardsAndLeavesTheCommandsToShardZerosReplica() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      Map<String, String> env = discord.env();
      env.put("DISCORD_SHARD_TOTAL", "4");
      env.put("DISCORD_SHARDS", "1-2");
      DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(env).orElseThrow(),
          new HandshakeTest.EchoCore());
      try {
        assertTrue(bot.awaitReady(WAIT));
        java.util.Set<String> identified = new java.util.TreeSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        // Discord spaces a bot's identifies; the second shard comes some seconds after the first
        while (identified.size() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(100);
          identified.clear();
          discord.identifies().forEach(i -> identified.add(i.getArray("shard").toString()));
        }
        assertEquals(java.util.Set.of("[1,4]", "[2,4]"), identified);
        // global commands are registered once, by the replica that runs shard 0
        assertTrue(discord.calls().stream().noneMatch(c -> c.is("PUT", "applications/\\d+/commands")),
            discord.calls().toString());
      } finally {
        bot.close();
      }
    }
  }

  @Test
  void aConfiguredServerGetsItsOwnCommandsInsteadOfGlobalOnes() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      Map<String, String> env = discord.env();
      env.put("DISCORD_GUILD_ID", FakeDiscord.str(FakeDiscord.GUILD_ID));
      try (DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(env).orElseThrow(),
          new HandshakeTest.EchoCore())) {
        FakeDiscord.Call put = discord.await(0, c -> c.method().equals("PUT"), WAIT);
        assertEquals("applications/" + FakeDiscord.str(FakeDiscord.APP_ID) + "/guilds/"
            + FakeDiscord.str(FakeDiscord.GUILD_ID) + "/commands", put.path());
        assertTrue(bot.awaitReady(WAIT));
        assertTrue(discord.calls().stream().noneMatch(c -> c.is("PUT", "applications/\\d+/commands")));
      }
    }
  }

  @Test
  void aServerTheBotIsNotInIsReportedAndNothingIsRegistered() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (FakeDiscord discord = new FakeDiscord()) {
      Map<String, String> env = discord.env();
      env.put("DISCORD_GUILD_ID", "999999999999999999");
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (DiscordBot bot = DiscordBot.start(DiscordSettings.fromEnvironment(env).orElseThrow(),
          new HandshakeTest.EchoCore())) {
        assertTrue(bot.awaitReady(WAIT));
      }
      assertTrue(discord.calls().stream().noneMatch(c -> c.method().equals("PUT")), discord.calls().toString());
    } finally {
      System.setErr(err);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("not a member of server 999999999999999999"), logs);
  }

  @Test
  void aRejectedTokenFailsStartWithoutShowingTheToken() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (FakeDiscord discord = new FakeDiscord()) {
      discord.failNext("GET", "users/@me", 401, "{\"message\":\"401: Unauthorized\",\"code\":0}", Map.of());
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      org.slf4j.LoggerFactory.getLogger(StartupModesTest.class).warn("capture-probe");
      InvalidTokenException e = assertThrows(InvalidTokenException.class, () -> DiscordBot.start(
          DiscordSettings.fromEnvironment(discord.env()).orElseThrow(), new HandshakeTest.EchoCore()));
      assertFalse(String.valueOf(e.getMessage()).contains(FakeDiscord.TOKEN));
      assertEquals(0, discord.openSessions(), "never connected to the gateway");
      // with shards shared out, no shard logs in at the start: the token is asked about first
      discord.failNext("GET", "users/@me", 401, "{\"message\":\"401: Unauthorized\",\"code\":0}", Map.of());
      Map<String, String> auto = discord.env();
      auto.put("DISCORD_SHARD_TOTAL", "4");
      auto.put("DISCORD_SHARDS", "auto");
      e = assertThrows(InvalidTokenException.class, () -> DiscordBot.start(
          DiscordSettings.fromEnvironment(auto).orElseThrow(), new HandshakeTest.EchoCore()));
      assertFalse(String.valueOf(e.getMessage()).contains(FakeDiscord.TOKEN));
      assertEquals(0, discord.openSessions(), "never connected to the gateway");
    } finally {
      System.setErr(err);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("capture-probe"), "log output is captured: " + logs);
    assertFalse(logs.contains(FakeDiscord.TOKEN), logs);
  }
}
