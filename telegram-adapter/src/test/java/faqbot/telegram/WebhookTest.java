package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook mode: registration with the secret, and the secret header checked on every post. */
class WebhookTest {
  private static final String TOKEN = "55555:WebhookTEST_token-abcdefghij";
  private static final String SECRET = "s3cret-Header_value";
  private FakeBotApi api;
  private FakeCore core;
  private TelegramBot bot;
  private final HttpClient http = HttpClient.newHttpClient();

  private Map<String, String> env() {
    Map<String, String> env = new java.util.HashMap<>(api.env());
    env.put("TELEGRAM_MODE", "webhook");
    env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg/hook");
    env.put("TELEGRAM_WEBHOOK_SECRET", SECRET);
    env.put("TELEGRAM_WEBHOOK_BIND", "127.0.0.1");
    env.put("TELEGRAM_WEBHOOK_PORT", "0");
    return env;
  }

  @BeforeEach
  void setUp() throws Exception {
    api = new FakeBotApi(TOKEN);
    core = new FakeCore();
    TelegramSettings settings = TelegramSettings.fromEnvironment(env()).orElseThrow()
        .withPacing(new TelegramSettings.Pacing(Duration.ofMillis(10), 1000, 1000));
    bot = TelegramBot.start(settings, core);
  }

  @AfterEach
  void tearDown() {
    bot.close();
    api.close();
  }

  private int post(String path, String secret, String body) throws Exception {
    return post(bot.webhookPort(), path, secret, body);
  }

  private int post(int port, String path, String secret, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      b.header(WebhookServer.SECRET_HEADER, secret);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void registersWebhookWithSecretInsteadOfPolling() throws Exception {
    FakeBotApi.Call set = api.await("setWebhook", 1, Duration.ofSeconds(5)).get(0);
    assertEquals("https://bot.example.org/tg/hook", set.param("url"));
    assertEquals(SECRET, set.param("secret_token"));
    assertEquals(0, api.calls("getUpdates").size());
    assertEquals(0, api.calls("deleteWebhook").size());
  }

  @Test
  void anUpdateTheStoppingBotDidNotTakeIsLeftForTelegramToSendAgain() throws Exception {
    TelegramSettings settings = TelegramSettings.fromEnvironment(env()).orElseThrow();
    String update = Updates.privateText(4712, "Vic", "I can't breathe and my chest hurts")
        .put("update_id", 901).toString();
    // a 200 would tell Telegram the update was handled, and it would be lost for good
    WebhookServer refusing = WebhookServer.start(settings, u -> false);
    try {
      assertEquals(503, post(refusing.port(), "/tg/hook", SECRET, update));
    } finally {
      refusing.stop();
    }
    bot.close();
    assertFalse(bot.store(java.util.List.of(new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue(update, org.telegram.telegrambots.meta.api.objects.Update.class))),
        "a stopped bot takes nothing");
  }

  @Test
  void acceptsOnlyPostsWithTheSecretAndIgnoresRedelivery() throws Exception {
    String update = Updates.privateText(4711, "Wes", "what is vertebroplasty?")
        .put("update_id", 900).toString();
    assertEquals(401, post("/tg/hook", null, update));
    assertEquals(401, post("/tg/hook", SECRET + "x", update));
    assertEquals(404, post("/other", SECRET, update));
    assertEquals(400, post("/tg/hook", SECRET, "{not json"));
    assertTrue(core.received().isEmpty(), "nothing reached the core without the secret");

    assertEquals(200, post("/tg/hook", SECRET, update));
    assertEquals(200, post("/tg/hook", SECRET, update)); // Telegram retrying the same update
    FakeBotApi.Call sent = api.await("sendMessage", 1, Duration.ofSeconds(5)).get(0);
    assertEquals("4711", sent.param("chat_id"));
    assertEquals("echo: what is vertebroplasty?", sent.param("text"));
    Thread.sleep(300);
    assertEquals(1, core.received().size(), "a redelivered update is answered once");
  }
}
