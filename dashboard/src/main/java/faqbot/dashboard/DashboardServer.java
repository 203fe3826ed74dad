package faqbot.dashboard;

import faqbot.core.BotCore;
import faqbot.knowledge.KnowledgeBase;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The admin dashboard: an embedded Jetty server with server-rendered pages over the core's admin
 * and moderator operations. Staff sign in with a one-time link from {@code /dashboard}; see
 * {@link Routes} for pages and rules. Bound to 127.0.0.1 unless told otherwise, for use behind a
 * reverse proxy that terminates TLS.
 */
public final class DashboardServer implements AutoCloseable {
  /**
   * Where and how to serve.
   *
   * @param bind the address to listen on ("127.0.0.1")
   * @param port the port; 0 picks a free one
   * @param publicUrl the base URL staff open (its path is the prefix a proxy strips), or null for
   *     http://bind:port
   * @param readOnly nothing can be changed (answer, dismiss): for {@code faqbot dashboard} beside
   *     no running bot, which could not notify the askers
   */
  public record Settings(String bind, int port, String publicUrl, boolean readOnly) {
    public Settings {
      Objects.requireNonNull(bind, "bind");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("dashboard port must be in 0..65535: " + port);
      }
      if (publicUrl != null) {
        URI u = URI.create(publicUrl.strip());
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
            || u.getHost() == null) {
          throw new IllegalArgumentException("dashboard URL must be an http(s) URL: " + publicUrl);
        }
        publicUrl = publicUrl.strip().replaceAll("/+$", "");
      }
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final Settings settings;

  private DashboardServer(Server server, ServerConnector connector, Settings settings) {
    this.server = server;
    this.connector = connector;
    this.settings = settings;
  }

  /**
   * Starts serving and turns on the core's {@code /dashboard} links to {@link #url()}.
   *
   * @throws IOException when the port cannot be bound
   */
  public static DashboardServer start(Settings settings, BotCore core, KnowledgeBase knowledge,
      Clock clock) throws IOException {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("dashboard");
    threads.setDaemon(true);
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    server.addConnector(connector);
    URI pub = settings.publicUrl() == null ? null : URI.create(settings.publicUrl());
    String base = pub == null || pub.getPath() == null ? "" : pub.getPath();
    String origin = pub == null ? null : pub.getScheme() + "://" + pub.getHost()
        + (pub.getPort() < 0 ? "" : ":" + pub.getPort());
    server.setHandler(new Routes(core, knowledge, clock, settings.readOnly(), base,
        pub != null && "https".equals(pub.getScheme()), origin));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // the start failure is the one to report
      }
      throw new IOException("cannot start the dashboard on " + settings.bind() + ":"
          + settings.port() + ": " + e.getMessage(), e);
    }
    DashboardServer d = new DashboardServer(server, connector, settings);
    core.setDashboardUrl(d.url().toString());
    return d;
  }

  /** The port it listens on (the chosen one when started with 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The base URL of sign-in links: the public URL, else http://bind:port. */
  public URI url() {
    if (settings.publicUrl() != null) {
      return URI.create(settings.publicUrl());
    }
    String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
    return URI.create("http://" + host + ":" + port());
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the dashboard failed: " + e.getMessage(), e);
    }
  }
}
