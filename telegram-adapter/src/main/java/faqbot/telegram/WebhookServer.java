package faqbot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives updates that Telegram posts to the webhook. Only requests carrying the secret token
 * header that was registered with setWebhook are accepted, so nobody who merely knows the URL
 * can feed the bot fake updates. Meant to sit behind the HTTPS proxy that owns the public URL.
 */
final class WebhookServer {
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService executor;

  private WebhookServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static WebhookServer start(TelegramSettings settings, Predicate<Update> sink) throws IOException {
    ObjectMapper mapper = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    String path = settings.webhookUrl().getPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress(settings.webhookBind(), settings.webhookPort()), 64);
    String secret = settings.webhookSecret();
    String expectedPath = path;
    server.createContext(path, exchange -> {
      try (exchange) {
        handle(exchange, expectedPath, secret, mapper, sink);
      } catch (RuntimeException | IOException e) {
        log.warn("webhook request failed: {}", e.getClass().getSimpleName());
      }
    });
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "tg-webhook-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    return new WebhookServer(server, executor);
  }

  private static void handle(HttpExchange exchange, String path, String secret,
      ObjectMapper mapper, Predicate<Update> sink) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      respond(exchange, 404);
      return;
    }
    if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      respond(exchange, 405);
      return;
    }
    String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
    if (!Secrets.constantTimeEquals(given, secret)) {
      log.warn("webhook request without the right secret token from {} rejected",
          exchange.getRemoteAddress().getAddress().getHostAddress());
      respond(exchange, 401);
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY + 1);
    }
    if (body.length > MAX_BODY) {
      respond(exchange, 413);
      return;
    }
    Update update;
    try {
      update = mapper.readValue(body, Update.class);
    } catch (IOException e) {
      respond(exchange, 400);
      return;
    }
    // an update the bot did not take (it is stopping) must not be confirmed: Telegram keeps
    // it and delivers it again, to the next instance
    respond(exchange, sink.test(update) ? 200 : 503);
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
  }

  int port() {
    return server.getAddress().getPort();
  }

  void stop() {
    server.stop(1);
    executor.shutdown();
  }
}
