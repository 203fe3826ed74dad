package faqbot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import faqbot.core.Admin;
import faqbot.core.Admin.LogQuery;
import faqbot.core.Admin.LogRecord;
import faqbot.core.BotCore;
import faqbot.core.ChatType;
import faqbot.core.CoreConfig;
import faqbot.core.IncomingMessage;
import faqbot.core.Outcome;
import faqbot.core.Part;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Turn;
import faqbot.discord.DiscordBot;
import faqbot.discord.DiscordSettings;
import faqbot.knowledge.Database;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.PrivateFiles;
import faqbot.telegram.TelegramBot;
import faqbot.telegram.TelegramSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The commands that run the conversation core: the bot itself, the console, ask, and admin views. */
final class BotCommands {
  /** The console user of each role; distinct ids so that choosing a role never leaves another behind. */
  static final String CONSOLE_ADMIN = "local-admin";

  private final AppConfig config;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  BotCommands(AppConfig config, InputStream in, PrintStream out, PrintStream err) {
    this.config = config;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  CoreConfig coreConfig() throws IOException {
    Set<String> admins = new LinkedHashSet<>(config.admins());
    admins.add("console:" + CONSOLE_ADMIN);
    CoreConfig c = CoreConfig.defaults().withInitialAdmins(admins);
    String userKey = config.userKey();
    if (userKey != null) {
      c = c.withPseudonymizationKey(userKey);
    }
    if (config.get("FAQBOT_DISCLAIMER") != null) {
      c = c.withDisclaimer(config.get("FAQBOT_DISCLAIMER"));
    }
    if (config.get("FAQBOT_EMERGENCY_NUMBER") != null) {
      c = c.withEmergencyNumber(config.get("FAQBOT_EMERGENCY_NUMBER"));
    }
    if (config.get("FAQBOT_CRISIS_LINE") != null) {
      c = c.withCrisisLine(config.get("FAQBOT_CRISIS_LINE"));
    }
    if (config.get("FAQBOT_THRESHOLD") != null) {
      c = c.withConfidenceThreshold(config.doubleSetting("FAQBOT_THRESHOLD", c.confidenceThreshold()));
    }
    if (config.get("FAQBOT_LOG_RETENTION_DAYS") != null) {
      c = c.withRetentionDays(config.intSetting("FAQBOT_LOG_RETENTION_DAYS", c.retentionDays()));
    }
    if (config.get("FAQBOT_RATE_LIMIT") != null) {
      c = c.withRateLimit(config.intSetting("FAQBOT_RATE_LIMIT", c.rateLimitPerMinute()));
    }
    return c;
  }

  /** Opens the knowledge base, loading the bundled example pack into an empty one. */
  KnowledgeBase openKnowledgeWithPack() throws IOException {
    KnowledgeBase kb = Cli.openKnowledge(config);
    try {
      if (kb.counts().total() == 0) {
        // replicas starting together on an empty shared database: one loads, the others wait
        // and find it loaded (without the lock, the loser of the race stopped on a duplicate id)
        try (Database.ExclusiveLock lock = awaitLock(kb.database(), "faqbot:example-pack")) {
          if (kb.counts().total() == 0) {
            int n = ExamplePack.load(kb);
            err.println("faqbot: empty knowledge base at " + config.home
                + ": loaded the bundled example pack (" + n
                + " entries). Import your own with 'faqbot import'.");
          }
        }
      }
      // a long-running process: imports and edits made by command-line runs beside it reach its
      // index within seconds
      kb.followStore();
    } catch (IOException | RuntimeException e) {
      kb.close();
      throw e;
    }
    return kb;
  }

  /** Waits for the lock as long as a pack import could take on a slow machine. */
  private static Database.ExclusiveLock awaitLock(Database database, String name)
      throws IOException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      Optional<Database.ExclusiveLock> lock = database.tryLock(name);
      if (lock.isPresent()) {
        return lock.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("another faqbot process has held the lock " + name
            + " for two minutes");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the lock " + name, e);
      }
    }
  }

  int runBot() throws Exception {
    Optional<TelegramSettings> telegram = TelegramSettings.fromEnvironment(config.env);
    Optional<DiscordSettings> discord = DiscordSettings.fromEnvironment(config.env);
    if (telegram.isEmpty() && discord.isEmpty()) {
      err.println("faqbot: no TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN set: starting the console chat.");
      return chat(faqbot.core.Role.PATIENT);
    }
    KnowledgeBase kb = openKnowledgeWithPack();
    BotCore core = CoreWiring.core(coreConfig(), kb, Clock.systemUTC());
    List<AutoCloseable> bots = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    // the core purges expired log rows when it opens; a bot that runs for months purges daily too
    java.util.concurrent.ScheduledExecutorService daily =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "faqbot-retention");
          t.setDaemon(true);
          return t;
        });
    daily.scheduleAtFixedRate(() -> {
      try {
        int purged = core.admin().purgeExpired();
        if (purged > 0) {
          err.println("faqbot: purged " + purged + " interactions older than the retention period");
        }
      } catch (RuntimeException e) {
        err.println("faqbot: retention purge failed, will retry tomorrow: " + e.getMessage());
      }
    }, 1, 1, java.util.concurrent.TimeUnit.DAYS);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      daily.shutdownNow();
      // adapters first so in-flight replies finish, then the core flushes its log, then the store
      for (AutoCloseable bot : bots) {
        closeQuietly(bot);
      }
      closeQuietly(core);
      closeQuietly(kb);
      stopped.countDown();
    }, "faqbot-shutdown"));
    faqbot.dashboard.DashboardServer dashboard =
        DashboardCommand.startIfConfigured(config, core, kb, err);
    if (dashboard != null) {
      bots.add(dashboard);
    }
    if (telegram.isPresent()) {
      bots.add(TelegramBot.start(telegram.get(), core));
      err.println("faqbot: Telegram bot running");
    }
    if (discord.isPresent()) {
      bots.add(DiscordBot.start(discord.get(), core));
      err.println("faqbot: Discord bot running");
    }
    stopped.await();
    return 0;
  }

  private void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      err.println("faqbot: while stopping: " + e.getMessage());
    }
  }

  int chat(faqbot.core.Role as) throws Exception {
    String role = as.name().toLowerCase(Locale.ROOT);
    try (KnowledgeBase kb = openKnowledgeWithPack();
        BotCore core = CoreWiring.core(coreConfig(), kb, Clock.systemUTC())) {
      String user = "local-" + role;
      if (role.equals("moderator")) {
        grantConsoleModerator(core, user);
      }
      faqbot.dashboard.DashboardServer dashboard =
          DashboardCommand.startIfConfigured(config, core, kb, err);
      try {
        new ConsoleChat(core, user, config.home, in, out).run();
      } finally {
        if (dashboard != null) {
          dashboard.close();
        }
      }
    }
    return 0;
  }

  /** The console moderator gets its role the way any moderator does: an admin grants it. */
  private static void grantConsoleModerator(BotCore core, String user) {
    if (!core.roleOf(Platform.CONSOLE, user).atLeast(faqbot.core.Role.MODERATOR)) {
      core.handle(IncomingMessage.text(Platform.CONSOLE, CONSOLE_ADMIN, ChatType.PRIVATE, CONSOLE_ADMIN,
          "console", "/grant console:" + user + " moderator"));
    }
  }

  int ask(List<String> words, boolean json) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    // a batch from one terminal is one trusted user, not a flood to slow down; its lines are
    // separate questions, not a conversation, so none is read as a follow-up to the one before
    CoreConfig cc = coreConfig().withRateLimit(Integer.MAX_VALUE / 2).withFollowUps(false);
    try (KnowledgeBase kb = openKnowledgeWithPack();
        BotCore core = CoreWiring.core(cc, kb, Clock.systemUTC())) {
      if (!words.isEmpty()) {
        answer(core, String.join(" ", words), json, mapper);
      } else {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (!line.isBlank()) {
            answer(core, line, json, mapper);
          }
        }
      }
    }
    return 0;
  }

  private void answer(BotCore core, String text, boolean json, ObjectMapper mapper) throws IOException {
    Turn turn = core.process(IncomingMessage.text(Platform.CONSOLE, "cli", ChatType.PRIVATE, "cli",
        "command line", text));
    if (!json) {
      for (Reply reply : turn.replies()) {
        out.println(ConsoleChat.render(reply));
      }
      out.println();
      return;
    }
    ObjectNode o = mapper.createObjectNode();
    o.put("outcome", switch (turn.outcome()) {
      case ANSWERED -> "answer";
      case NO_MATCH -> "no_match";
      case EMERGENCY -> "emergency";
      default -> turn.outcome().key();
    });
    if (turn.entryId() != null) {
      o.put("entryId", turn.entryId());
    } else {
      o.putNull("entryId");
    }
    o.put("externalId", turn.externalId());
    if (turn.confidence() != null) {
      o.put("confidence", turn.confidence());
    } else {
      o.putNull("confidence");
    }
    StringBuilder replyText = new StringBuilder();
    String disclaimer = null;
    for (Reply reply : turn.replies()) {
      for (Part p : reply.parts()) {
        if (p.style() == Part.Style.DISCLAIMER) {
          disclaimer = p.text();
        } else {
          if (replyText.length() > 0) {
            replyText.append('\n');
          }
          replyText.append(p.style() == Part.Style.BULLET ? "- " : "").append(p.text());
        }
      }
    }
    o.put("reply", replyText.toString());
    o.put("disclaimer", disclaimer);
    o.putArray("suggestions").addAll(turn.suggestions().stream().map(o::textNode).toList());
    o.put("triage", turn.triage());
    if (turn.triageRule() != null) {
      o.put("triageRule", turn.triageRule());
    }
    out.println(mapper.writeValueAsString(o));
  }

  private <T> T withAdmin(java.util.function.Function<Admin, T> action) throws IOException {
    try (KnowledgeBase kb = Cli.openKnowledge(config);
        BotCore core = CoreWiring.core(coreConfig(), kb, Clock.systemUTC())) {
      return action.apply(core.admin());
    }
  }

  int logs(Outcome outcome, int days, int limit) throws Exception {
    LogQuery recent = LogQuery.recent(limit).since(Instant.now().minus(Duration.ofDays(days)));
    LogQuery q = outcome == null ? recent : recent.withOutcome(outcome);
    List<LogRecord> rows = withAdmin(admin -> admin.logs(q));
    if (rows.isEmpty()) {
      out.println("no interactions");
    }
    for (LogRecord r : rows) {
      out.printf(Locale.ROOT, "%s  %-8s %-7s %-12s %s  %s%s%n", r.at(), r.platform().key(),
          r.chatType().name().toLowerCase(Locale.ROOT), r.outcome().key(), r.userKey(),
          oneLine(r.text(), 80), r.externalId() == null ? "" : "  -> " + r.externalId());
    }
    return 0;
  }

  private static String oneLine(String s, int max) {
    String t = s == null ? "" : s.replaceAll("\\s+", " ").strip();
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }

  int stats(int days) throws Exception {
    Instant to = Instant.now();
    String csv = withAdmin(admin -> {
      StringWriter w = new StringWriter();
      try {
        admin.exportStatsCsv(admin.stats(to.minus(Duration.ofDays(days)), to), w);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return w.toString();
    });
    out.print(csv);
    return 0;
  }

  /** @param days null for every interaction kept */
  int exportLogs(Outcome outcome, Integer days, Path target) throws Exception {
    LogQuery all = new LogQuery(outcome,
        days == null ? null : Instant.now().minus(Duration.ofDays(days)), null, null, 0);
    // a failed export (the database unreadable, the disk full) leaves the previous file intact
    PrivateFiles.writeAtomically(target, w -> {
      try {
        withAdmin(admin -> {
          try {
            admin.exportLogsCsv(all, w);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return null;
        });
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
    });
    out.println("logs exported to " + target);
    return 0;
  }

}
