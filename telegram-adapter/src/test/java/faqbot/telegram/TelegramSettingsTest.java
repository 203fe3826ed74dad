package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelegramSettingsTest {
  private static final String TOKEN = "987654:ZZsecret_Token-value-0123456789";

  @Test
  void noTokenMeansNoTelegram() {
    assertTrue(TelegramSettings.fromEnvironment(Map.of()).isEmpty());
    assertTrue(TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", "  ")).isEmpty());
  }

  @Test
  void defaultsToLongPollingAgainstTelegram() {
    TelegramSettings s = TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", TOKEN))
        .orElseThrow();
    assertEquals(TOKEN, s.token());
    assertEquals(TelegramSettings.Mode.POLLING, s.mode());
    assertEquals("https", TelegramBot.telegramUrl(s).getSchema());
    assertEquals("api.telegram.org", TelegramBot.telegramUrl(s).getHost());
    assertEquals(443, TelegramBot.telegramUrl(s).getPort());
    assertEquals(50, s.pollTimeoutSeconds());
    assertFalse(s.toString().contains(TOKEN));
    assertFalse(s.toString().contains("ZZsecret"));
  }

  @Test
  void tokenFromFileAndSelfHostedApi(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "\n  " + TOKEN + "  \n");
    TelegramSettings s = TelegramSettings.fromEnvironment(Map.of(
        "TELEGRAM_BOT_TOKEN_FILE", file.toString(),
        "TELEGRAM_API_URL", "http://botapi.internal:8081")).orElseThrow();
    assertEquals(TOKEN, s.token());
    assertEquals("http", TelegramBot.telegramUrl(s).getSchema());
    assertEquals(8081, TelegramBot.telegramUrl(s).getPort());
  }

  @Test
  void webhookModeNeedsUrlAndDerivesOrChecksSecret() {
    Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_MODE", "Webhook");
    assertThrows(IllegalArgumentException.class, () -> TelegramSettings.fromEnvironment(env));
    TelegramSettings s = TelegramSettings.fromEnvironment(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
        "TELEGRAM_MODE", "webhook", "TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg",
        "TELEGRAM_WEBHOOK_PORT", "9000")).orElseThrow();
    assertEquals(TelegramSettings.Mode.WEBHOOK, s.mode());
    assertEquals(9000, s.webhookPort());
    assertTrue(s.webhookSecret().matches("[A-Za-z0-9_-]{32}"));
    assertFalse(s.webhookSecret().contains("ZZsecret"));
    assertThrows(IllegalArgumentException.class, () -> TelegramSettings.fromEnvironment(Map.of(
        "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_MODE", "webhook",
        "TELEGRAM_WEBHOOK_URL", "https://bot.example.org/tg",
        "TELEGRAM_WEBHOOK_SECRET", "has spaces!")));
  }

  @Test
  void badValuesGiveClearErrorsWithoutTheToken(@TempDir Path dir) {
    for (Map<String, String> env : java.util.List.<Map<String, String>>of(
        Map.of("TELEGRAM_BOT_TOKEN", "not a token " + TOKEN),
        Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_MODE", "carrier-pigeon"),
        Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "ftp://x"),
        Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL", "https://x/prefix"),
        Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_POLL_TIMEOUT", "soon"),
        Map.of("TELEGRAM_BOT_TOKEN_FILE", dir.resolve("missing").toString()))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> TelegramSettings.fromEnvironment(env), env.toString());
      assertFalse(e.getMessage().contains("ZZsecret"), e.getMessage());
    }
  }
}
