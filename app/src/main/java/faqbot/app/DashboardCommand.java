package faqbot.app;

import faqbot.core.BotCore;
import faqbot.dashboard.DashboardServer;
import faqbot.knowledge.KnowledgeBase;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * The web dashboard: started inside the bot when {@code FAQBOT_DASHBOARD_PORT} is set, or alone by
 * {@code faqbot dashboard} (read-only: without the running bot it could not notify askers).
 */
final class DashboardCommand {
  static final String PORT = "FAQBOT_DASHBOARD_PORT";
  static final String BIND = "FAQBOT_DASHBOARD_BIND";
  static final String URL = "FAQBOT_DASHBOARD_URL";

  private DashboardCommand() {}

  /**
   * Starts the dashboard when {@code FAQBOT_DASHBOARD_PORT} is set; else, when only
   * {@code FAQBOT_DASHBOARD_URL} is, lets {@code /dashboard} hand out links to that URL (a
   * {@code faqbot dashboard} beside the bot). Returns the server, or null when none was started.
   */
  static DashboardServer startIfConfigured(AppConfig config, BotCore core, KnowledgeBase kb,
      PrintStream err) throws IOException {
    if (config.get(PORT) == null) {
      if (config.get(URL) != null) {
        core.setDashboardUrl(config.get(URL));
      }
      return null;
    }
    DashboardServer d = DashboardServer.start(settings(config, null, null, false), core, kb,
        Clock.systemUTC());
    err.println("faqbot: dashboard on " + orDefault(config.get(BIND), "127.0.0.1") + ":" + d.port()
        + ", links to " + d.url() + " (send /dashboard to the bot)");
    return d;
  }

  static DashboardServer.Settings settings(AppConfig config, String port, String bind,
      boolean readOnly) {
    String p = port != null ? port : config.get(PORT);
    int n;
    try {
      n = Integer.parseInt(p == null ? "" : p.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + " (or --port) must be a port number, got '" + p
          + "'");
    }
    if (n < 1 || n > 65535) {
      throw new IllegalArgumentException(PORT + " (or --port) must be in 1..65535, got " + n);
    }
    String b = bind != null ? bind : orDefault(config.get(BIND), "127.0.0.1");
    String url = config.get(URL);
    if (url == null) {
      boolean any = b.equals("0.0.0.0") || b.equals("::");
      url = "http://" + (any ? "127.0.0.1" : b.contains(":") ? "[" + b + "]" : b) + ":" + n;
    }
    return new DashboardServer.Settings(b, n, url, readOnly);
  }

  private static String orDefault(String v, String fallback) {
    return v == null ? fallback : v;
  }

  /** {@code faqbot dashboard}; the options not given are null. */
  static int run(AppConfig config, String port, String bind, String linkFor, PrintStream out,
      PrintStream err) throws Exception {
    DashboardServer.Settings settings = settings(config, port, bind, true);
    KnowledgeBase kb = Cli.openKnowledge(config);
    BotCore core;
    DashboardServer server;
    try {
      core = CoreWiring.core(new BotCommands(config, null, out, err).coreConfig(), kb,
          Clock.systemUTC());
      try {
        server = DashboardServer.start(settings, core, kb, Clock.systemUTC());
      } catch (IOException | RuntimeException e) {
        core.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      kb.close();
      throw e;
    }
    err.println("faqbot: read-only dashboard on " + settings.bind() + ":" + server.port()
        + " for " + config.home + "; Ctrl-C stops it");
    if (linkFor != null) {
      out.println(server.url() + "/signin/" + core.dashboardLinks().issue(linkFor.strip()));
      out.flush();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      core.close();
      try {
        kb.close();
      } catch (IOException e) {
        err.println("faqbot: while stopping: " + e.getMessage());
      }
      stopped.countDown();
    }, "faqbot-dashboard-shutdown"));
    stopped.await();
    return 0;
  }
}
