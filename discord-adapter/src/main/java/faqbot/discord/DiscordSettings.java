package faqbot.discord;

import faqbot.core.SecretSetting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How to reach Discord, read from the environment. The token is kept out of {@link #toString()},
 * logs and exception messages: only its presence is ever reported.
 */
public final class DiscordSettings {
  static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
  static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";

  private final String token;
  private final String apiUrl;
  private final String gatewayUrl;
  private final boolean customGateway;
  private final OptionalLong guildId;
  private final boolean sharded;
  /** This replica's shards of {@link #shardTotal}; empty: all of them. */
  private final java.util.List<Integer> shards;
  /** 0: the count Discord recommends. */
  private final int shardTotal;
  /** DISCORD_SHARDS=auto: replicas share the shards out among themselves through the database. */
  private final boolean autoShards;

  private DiscordSettings(String token, String apiUrl, String gatewayUrl, boolean customGateway,
      OptionalLong guildId, boolean sharded, java.util.List<Integer> shards, int shardTotal,
      boolean autoShards) {
    this.autoShards = autoShards;
    this.shards = shards;
    this.shardTotal = shardTotal;
    this.token = token;
    this.apiUrl = apiUrl;
    this.gatewayUrl = gatewayUrl;
    this.customGateway = customGateway;
    this.guildId = guildId;
    this.sharded = sharded;
  }

  /**
   * Reads {@code DISCORD_BOT_TOKEN} (or the file named by {@code DISCORD_BOT_TOKEN_FILE}; the
   * variable wins when both are set), {@code DISCORD_API_URL} (REST base including the version,
   * default {@value #DEFAULT_API_URL}), {@code DISCORD_GATEWAY_URL} (default: the address Discord
   * names), {@code DISCORD_GUILD_ID} (register the slash commands in that server only, which
   * takes effect at once, for development; default global), {@code DISCORD_SHARDED} (true: run
   * JDA's shard manager with Discord's recommended shard count), and for shards spread over
   * replicas {@code DISCORD_SHARD_TOTAL} with this replica's {@code DISCORD_SHARDS} ("0-3" or
   * "0,2,5", or "auto": the replicas share the shards out among themselves and take over those
   * of a replica that died), which imply the shard manager.
   *
   * @return empty when no token is configured (Discord is then simply not started)
   * @throws IllegalArgumentException when a variable is set but unusable (unreadable token file,
   *     malformed URL or guild id); the message names the variable, never the token
   */
  public static Optional<DiscordSettings> fromEnvironment(Map<String, String> env) {
    Optional<String> token = readToken(env);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    String api = value(env, "DISCORD_API_URL").orElse(DEFAULT_API_URL);
    requireUrl("DISCORD_API_URL", api, "http", "https");
    if (!api.endsWith("/")) {
      api = api + "/";
    }
    Optional<String> gateway = value(env, "DISCORD_GATEWAY_URL");
    gateway.ifPresent(g -> requireUrl("DISCORD_GATEWAY_URL", g, "ws", "wss"));
    OptionalLong guild = OptionalLong.empty();
    Optional<String> guildText = value(env, "DISCORD_GUILD_ID");
    if (guildText.isPresent()) {
      try {
        long id = Long.parseUnsignedLong(guildText.get());
        if (id == 0) {
          throw new NumberFormatException();
        }
        guild = OptionalLong.of(id);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "DISCORD_GUILD_ID must be a numeric Discord server id, got: " + guildText.get());
      }
    }
    boolean sharded = value(env, "DISCORD_SHARDED")
        .map(v -> parseBoolean("DISCORD_SHARDED", v))
        .orElse(false);
    int total = value(env, "DISCORD_SHARD_TOTAL").map(DiscordSettings::shardTotal).orElse(0);
    Optional<String> shardText = value(env, "DISCORD_SHARDS");
    boolean auto = shardText.filter(v -> v.equalsIgnoreCase("auto")).isPresent();
    if (auto && total == 0) {
      throw new IllegalArgumentException("DISCORD_SHARDS=auto needs DISCORD_SHARD_TOTAL, the"
          + " number of shards over all replicas, the same on each");
    }
    java.util.List<Integer> shards = auto ? java.util.List.of()
        : shardText.map(v -> shardList(v, total)).orElse(java.util.List.of());
    if (total > 0 && shards.isEmpty() && !auto) {
      throw new IllegalArgumentException("DISCORD_SHARD_TOTAL needs DISCORD_SHARDS, this replica's"
          + " shards (e.g. 0-3) or auto, so that each shard runs on exactly one replica");
    }
    return Optional.of(new DiscordSettings(token.get(), api, gateway.orElse(DEFAULT_GATEWAY_URL),
        gateway.isPresent(), guild, sharded || total > 0, shards, total, auto));
  }

  private static int shardTotal(String v) {
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("DISCORD_SHARD_TOTAL must be a positive number, got: " + v);
    }
  }

  private static java.util.List<Integer> shardList(String v, int total) {
    if (total == 0) {
      throw new IllegalArgumentException("DISCORD_SHARDS needs DISCORD_SHARD_TOTAL, the number of"
          + " shards over all replicas");
    }
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
    try {
      for (String part : v.split(",")) {
        String[] range = part.strip().split("-", -1);
        int from = Integer.parseInt(range[0].strip());
        int to = range.length == 2 ? Integer.parseInt(range[1].strip()) : from;
        if (range.length > 2 || from < 0 || to < from || to >= total) {
          throw new NumberFormatException();
        }
        for (int i = from; i <= to; i++) {
          ids.add(i);
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("DISCORD_SHARDS must list shard ids below"
          + " DISCORD_SHARD_TOTAL (" + total + ") as ranges or numbers, e.g. 0-3 or 0,2,5; got: " + v);
    }
    return java.util.List.copyOf(ids);
  }

  private static Optional<String> readToken(Map<String, String> env) {
    return SecretSetting.read(env, "DISCORD_BOT_TOKEN");
  }


  private static Optional<String> value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  private static void requireUrl(String name, String url, String... schemes) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !java.util.List.of(schemes).contains(scheme)) {
        throw new URISyntaxException(url, "expected " + String.join(" or ", schemes) + " URL");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be a " + String.join("/", schemes)
          + " URL with a host, got: " + url);
    }
  }

  private static boolean parseBoolean(String name, String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true": case "1": case "yes": return true;
      case "false": case "0": case "no": return false;
      default: throw new IllegalArgumentException(name + " must be true or false, got: " + v);
    }
  }

  String token() {
    return token;
  }

  String apiUrl() {
    return apiUrl;
  }

  String gatewayUrl() {
    return gatewayUrl;
  }

  /** True when DISCORD_GATEWAY_URL overrides the gateway Discord would name. */
  boolean customGateway() {
    return customGateway;
  }

  OptionalLong guildId() {
    return guildId;
  }

  boolean sharded() {
    return sharded;
  }

  /** This replica's fixed shards; empty when all run here or when {@link #autoShards}. */
  java.util.List<Integer> shards() {
    return shards;
  }

  boolean autoShards() {
    return autoShards;
  }

  int shardTotal() {
    return shardTotal;
  }

  @Override
  public String toString() {
    return "DiscordSettings[token=***, apiUrl=" + apiUrl + ", gatewayUrl=" + gatewayUrl
        + ", guildId=" + (guildId.isPresent() ? Long.toUnsignedString(guildId.getAsLong()) : "global")
        + ", sharded=" + sharded
        + (shardTotal > 0 ? ", shards=" + (autoShards ? "auto" : shards) + " of " + shardTotal : "")
        + "]";
  }
}
