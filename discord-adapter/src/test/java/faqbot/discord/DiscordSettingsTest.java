package faqbot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscordSettingsTest {
  private static final String TOKEN = "MTIzNDU2Nzg5.secret-token-value";

  @Test
  void noTokenMeansDiscordIsNotConfigured() {
    assertTrue(DiscordSettings.fromEnvironment(Map.of()).isEmpty());
    assertTrue(DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", "  ")).isEmpty());
    assertTrue(DiscordSettings.fromEnvironment(Map.of("DISCORD_GUILD_ID", "12")).isEmpty());
  }

  @Test
  void defaultsAreDiscordsOwnAndTheTokenNeverShows() {
    DiscordSettings s = DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", TOKEN)).orElseThrow();
    assertEquals(TOKEN, s.token());
    assertEquals(DiscordSettings.DEFAULT_API_URL, s.apiUrl());
    assertEquals(DiscordSettings.DEFAULT_GATEWAY_URL, s.gatewayUrl());
    assertFalse(s.customGateway());
    assertTrue(s.guildId().isEmpty());
    assertFalse(s.sharded());
    assertFalse(s.toString().contains(TOKEN), s.toString());
    assertFalse(s.toString().contains("secret"), s.toString());
  }

  @Test
  void tokenFileAndOverrides(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, TOKEN + "\n");
    DiscordSettings s = DiscordSettings.fromEnvironment(Map.of(
        "DISCORD_BOT_TOKEN_FILE", file.toString(),
        "DISCORD_API_URL", "http://proxy.internal:8080/api/v10",
        "DISCORD_GATEWAY_URL", "ws://gateway.internal:9000/",
        "DISCORD_GUILD_ID", "123456789012345678",
        "DISCORD_SHARDED", "true")).orElseThrow();
    assertEquals(TOKEN, s.token(), "trailing newline trimmed");
    assertEquals("http://proxy.internal:8080/api/v10/", s.apiUrl());
    assertEquals("ws://gateway.internal:9000/", s.gatewayUrl());
    assertTrue(s.customGateway());
    assertEquals(123456789012345678L, s.guildId().getAsLong());
    assertTrue(s.sharded());
  }

  @Test
  void aReplicasShardsAreRangesAndNumbersBelowTheTotal() {
    DiscordSettings s = DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", TOKEN,
        "DISCORD_SHARD_TOTAL", "8", "DISCORD_SHARDS", "0-2, 5")).orElseThrow();
    assertTrue(s.sharded());
    assertEquals(java.util.List.of(0, 1, 2, 5), s.shards());
    assertEquals(8, s.shardTotal());
    assertFalse(s.autoShards());
    DiscordSettings auto = DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN", TOKEN,
        "DISCORD_SHARD_TOTAL", "8", "DISCORD_SHARDS", "Auto")).orElseThrow();
    assertTrue(auto.sharded() && auto.autoShards());
    assertEquals(java.util.List.of(), auto.shards());
    assertTrue(auto.toString().contains("shards=auto of 8"), auto.toString());
    for (Map<String, String> bad : java.util.List.of(
        Map.of("DISCORD_SHARD_TOTAL", "8", "DISCORD_SHARDS", "6-8"),
        Map.of("DISCORD_SHARD_TOTAL", "8", "DISCORD_SHARDS", "3-1"),
        Map.of("DISCORD_SHARD_TOTAL", "0", "DISCORD_SHARDS", "0"),
        Map.of("DISCORD_SHARDS", "0-3"),
        Map.of("DISCORD_SHARD_TOTAL", "8"),
        Map.of("DISCORD_SHARDS", "auto"))) {
      java.util.HashMap<String, String> env = new java.util.HashMap<>(bad);
      env.put("DISCORD_BOT_TOKEN", TOKEN);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DiscordSettings.fromEnvironment(env), bad.toString());
      assertTrue(e.getMessage().contains("DISCORD_SHARD"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
  }

  @Test
  void badValuesAreClearErrorsWithoutTheToken(@TempDir Path dir) throws Exception {
    Map<String, String> base = Map.of("DISCORD_BOT_TOKEN", TOKEN);
    for (Map.Entry<String, String> bad : Map.of(
        "DISCORD_API_URL", "ftp://discord.com/api",
        "DISCORD_GATEWAY_URL", "https://gateway.discord.gg",
        "DISCORD_GUILD_ID", "my-server",
        "DISCORD_SHARDED", "maybe").entrySet()) {
      java.util.HashMap<String, String> env = new java.util.HashMap<>(base);
      env.put(bad.getKey(), bad.getValue());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DiscordSettings.fromEnvironment(env));
      assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }
    Path twoLines = dir.resolve("two");
    Files.writeString(twoLines, TOKEN + "\nextra " + TOKEN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiscordSettings.fromEnvironment(Map.of("DISCORD_BOT_TOKEN_FILE", twoLines.toString())));
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DiscordSettings.fromEnvironment(
        Map.of("DISCORD_BOT_TOKEN_FILE", dir.resolve("missing").toString())));
  }
}
