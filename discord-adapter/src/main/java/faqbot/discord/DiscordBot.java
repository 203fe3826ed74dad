package faqbot.discord;

import faqbot.core.ChatCore;
import faqbot.core.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.GatewayEncoding;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot on Discord: one JDA session (or JDA's shard manager) feeding the shared core.
 *
 * <p>Only non-privileged gateway intents are requested: Discord still delivers the content of
 * direct messages and of messages that mention the bot, which is all the bot answers.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);

  /** JDA always adds GUILDS (it needs the guild cache to route mentions in servers). */
  static final Set<GatewayIntent> INTENTS =
      EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
  private static final int WORKERS = 4;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final JDA jda;
  private final ShardManager shards;
  private final DiscordListener listener;
  private final ExecutorService workers;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** DISCORD_SHARDS=auto: which shards run here follows the core's sharing; else null. */
  private final ShardSpread spread;

  private DiscordBot(JDA jda, ShardManager shards, DiscordListener listener,
      ExecutorService workers, ShardSpread spread) {
    this.jda = jda;
    this.shards = shards;
    this.listener = listener;
    this.workers = workers;
    this.spread = spread;
  }

  /**
   * Logs in (the token is checked with Discord before this returns), registers the Discord
   * notifier with the core, and connects to the gateway in the background; the slash commands
   * are registered once the session is ready. JDA reconnects by itself after network trouble.
   * With {@code DISCORD_SHARDS=auto} no shard starts here until the core gives this replica some
   * (after about 10 s), so the token is checked by one REST call first.
   *
   * @throws net.dv8tion.jda.api.exceptions.InvalidTokenException when Discord rejects the token
   */
  public static DiscordBot start(DiscordSettings settings, ChatCore core) throws Exception {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(core, "core");
    if (settings.autoShards()) {
      checkToken(settings); // no shard logs in here before the core gives this replica some
    }
    ExecutorService workers = newWorkers();
    DiscordListener listener =
        new DiscordListener(core, workers, settings.guildId());
    RestConfig rest = new RestConfig().setBaseUrl(settings.apiUrl());
    GatewaySessions sessions = new GatewaySessions(settings.customGateway() ? settings.gatewayUrl() : null);
    DiscordBot bot;
    try {
      if (settings.sharded()) {
        DefaultShardManagerBuilder builder =
            DefaultShardManagerBuilder.createLight(settings.token(), INTENTS);
        if (settings.shardTotal() > 0) {
          // this replica's part: the other shards run on other replicas (with auto, none yet:
          // the shards it is given are started one by one)
          builder.setShardsTotal(settings.shardTotal()).setShards(settings.shards());
        }
        ShardManager manager = builder
            .setRestConfig(rest)
            .setSessionController(sessions)
            .setCompression(Compression.NONE)
            .setGatewayEncoding(GatewayEncoding.JSON)
            .setEnableShutdownHook(false)
            .addEventListeners(listener)
            .build(!settings.autoShards());
        ShardSpread spread = null;
        if (settings.autoShards()) {
          spread = new ShardSpread(manager,
              core.leadership().share(ShardSpread.ROLE, settings.shardTotal()), sessions);
        }
        bot = new DiscordBot(null, manager, listener, workers, spread);
      } else {
        JDA session = JDABuilder.createLight(settings.token(), INTENTS)
            .setRestConfig(rest)
            .setSessionController(sessions)
            .setCompression(Compression.NONE)
            .setGatewayEncoding(GatewayEncoding.JSON)
            .setEnableShutdownHook(false)
            .addEventListeners(listener)
            .build();
        bot = new DiscordBot(session, null, listener, workers, null);
      }
    } catch (Exception | Error e) {
      workers.shutdownNow();
      throw e;
    }
    core.registerNotifier(Platform.DISCORD, new DiscordNotifier(bot::anyShard));
    LOG.info("Discord bot starting ({})", settings);
    if (bot.spread != null) {
      bot.spread.start();
    }
    return bot;
  }

  /**
   * Asks Discord who the token belongs to, as JDA's login does: a refused token fails the start.
   * An unreachable Discord does not (JDA retries when the shards start).
   */
  private static void checkToken(DiscordSettings settings) {
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(settings.apiUrl() + "users/@me"))
        .header("Authorization", "Bot " + settings.token())
        .header("User-Agent", "DiscordBot (faqbot, 1)")
        .timeout(Duration.ofSeconds(10))
        .GET().build();
    int status;
    try {
      status = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .build().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      LOG.warn("Could not check the Discord token now ({}); the shards will try when they start",
          e.getClass().getSimpleName());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (status == 401) {
      throw new net.dv8tion.jda.api.exceptions.InvalidTokenException();
    }
  }

  /**
   * The queue has no bound: a full queue meant a "busy" notice in place of the core's answer, so
   * an emergency in a crowd of messages got no guidance. A flood costs little here, as the core
   * answers a user over the rate limit with nothing, at once; only the replies take time.
   */
  static ExecutorService newWorkers() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "faqbot-discord-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private JDA anyShard() {
    if (jda != null) {
      return jda;
    }
    return shards.getShardCache().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("no Discord shard is running"));
  }

  /**
   * For tests: stops at once, as a crash would, with turns queued and in progress; they stay in
   * the mailbox for the next start.
   */
  void halt() {
    closed.set(true);
    if (spread != null) {
      spread.close();
    }
    listener.stopAccepting();
    workers.shutdownNow();
    if (jda != null) {
      jda.shutdownNow();
    } else {
      shards.shutdown();
    }
    if (spread != null) {
      spread.release(); // as the server does when a process dies
    }
  }

  /** For tests and diagnostics: waits until the first gateway session is READY. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    return listener.readyLatch().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops taking new messages, lets the turns in progress send their replies (up to 10 s), then
   * closes the gateway sessions; already queued requests still reach Discord.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (spread != null) {
      spread.close();
    }
    listener.stopAccepting();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Discord replies still in progress after {} s; stopping them", DRAIN_TIMEOUT.toSeconds());
        workers.shutdownNow();
      }
      List<JDA> sessions = new ArrayList<>();
      if (jda != null) {
        sessions.add(jda);
        jda.shutdown();
      } else {
        sessions.addAll(shards.getShards());
        shards.shutdown();
      }
      for (JDA session : sessions) {
        if (!session.awaitShutdown(DRAIN_TIMEOUT)) {
          session.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      if (jda != null) {
        jda.shutdownNow();
      } else {
        shards.shutdown();
      }
      Thread.currentThread().interrupt();
    }
    if (spread != null) {
      // only once this replica's sessions are closed may another replica take the shards
      spread.release();
    }
    LOG.info("Discord bot stopped");
  }
}
