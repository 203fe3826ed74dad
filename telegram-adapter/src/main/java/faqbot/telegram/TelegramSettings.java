package faqbot.telegram;

import faqbot.core.SecretSetting;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the bot reaches Telegram. Built from the environment; the token is held here and handed
 * only to the telegrambots library, never to {@link #toString()}, a log line or an exception.
 *
 * <p>Variables: {@code TELEGRAM_BOT_TOKEN} or {@code TELEGRAM_BOT_TOKEN_FILE};
 * {@code TELEGRAM_API_URL} (default {@code https://api.telegram.org}, for a self-hosted Bot API
 * server); {@code TELEGRAM_MODE} {@code polling} (default) or {@code webhook};
 * {@code TELEGRAM_POLL_TIMEOUT} seconds (default 50); for webhooks {@code TELEGRAM_WEBHOOK_URL}
 * (the public HTTPS address Telegram posts to), {@code TELEGRAM_WEBHOOK_SECRET} (checked on every
 * request; derived from the token when unset), {@code TELEGRAM_WEBHOOK_PORT} (default 8443) and
 * {@code TELEGRAM_WEBHOOK_BIND} (default 0.0.0.0) for the local listener.
 */
public final class TelegramSettings {
  static final String DEFAULT_API_URL = "https://api.telegram.org";
  private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{10,200}");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  enum Mode { POLLING, WEBHOOK }

  private final String token;
  private final URI apiUrl;
  private final Mode mode;
  private final int pollTimeoutSeconds;
  private final URI webhookUrl;
  private final String webhookSecret;
  private final String webhookBind;
  private final int webhookPort;
  private final Pacing pacing;
  private final Retry retry;

  /**
   * Outgoing rate limits; Telegram's documented figures by default (one message a second per
   * chat, 20 a minute in a group), shorter in tests, except the bot's 30 a second: paced at 27, so
   * that timers and requests a little late on a busy machine still land within 30 in any second.
   * {@code perGroup} messages per {@code groupWindow} in a group.
   */
  record Pacing(Duration perChat, int perGroup, Duration groupWindow, int perSecondOverall) {
    static final Pacing TELEGRAM = new Pacing(Duration.ofSeconds(1), 20, 27);

    Pacing(Duration perChat, int perGroupPerMinute, int perSecondOverall) {
      this(perChat, perGroupPerMinute, Duration.ofMinutes(1), perSecondOverall);
    }
  }

  /** Retries of transient failures: attempts in all, first back-off, longest 429 wait honoured. */
  record Retry(int attempts, Duration firstBackoff, Duration maxRetryAfter) {
    static final Retry DEFAULT = new Retry(6, Duration.ofMillis(500), Duration.ofMinutes(5));
  }

  private TelegramSettings(String token, URI apiUrl, Mode mode, int pollTimeoutSeconds,
      URI webhookUrl, String webhookSecret, String webhookBind, int webhookPort, Pacing pacing,
      Retry retry) {
    this.token = token;
    this.apiUrl = apiUrl;
    this.mode = mode;
    this.pollTimeoutSeconds = pollTimeoutSeconds;
    this.webhookUrl = webhookUrl;
    this.webhookSecret = webhookSecret;
    this.webhookBind = webhookBind;
    this.webhookPort = webhookPort;
    this.pacing = pacing;
    this.retry = retry;
  }

  /**
   * Reads the settings; empty when no token is configured (Telegram is then simply not started).
   *
   * @throws IllegalArgumentException when a variable is set but unusable; the message names the
   *     variable and never contains the token
   */
  public static Optional<TelegramSettings> fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String token = SecretSetting.read(env, "TELEGRAM_BOT_TOKEN").orElse(null);
    if (token == null) {
      return Optional.empty();
    }
    token = token.strip();
    if (!TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("the Telegram bot token does not look like a token from"
          + " @BotFather (digits, a colon, then letters, digits, '_' or '-')");
    }

    URI api = parseApiUrl(env.getOrDefault("TELEGRAM_API_URL", DEFAULT_API_URL));
    Mode mode = parseMode(env.get("TELEGRAM_MODE"));
    int pollTimeout = parseInt(env, "TELEGRAM_POLL_TIMEOUT", 50, 0, 300);
    URI webhookUrl = null;
    String secret = null;
    String bind = env.getOrDefault("TELEGRAM_WEBHOOK_BIND", "0.0.0.0").strip();
    int port = parseInt(env, "TELEGRAM_WEBHOOK_PORT", 8443, 0, 65535);
    if (mode == Mode.WEBHOOK) {
      String url = blankToNull(env.get("TELEGRAM_WEBHOOK_URL"));
      if (url == null) {
        throw new IllegalArgumentException("TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL, the"
            + " public https address Telegram should post updates to");
      }
      webhookUrl = parseWebhookUrl(url);
      secret = blankToNull(env.get("TELEGRAM_WEBHOOK_SECRET"));
      if (secret != null && !SECRET.matcher(secret).matches()) {
        throw new IllegalArgumentException("TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of"
            + " A-Z, a-z, 0-9, '_' and '-'");
      }
      if (secret == null) {
        secret = Secrets.derive(token, "webhook-secret", 32);
      }
    }
    return Optional.of(new TelegramSettings(token, api, mode, pollTimeout, webhookUrl, secret,
        bind, port, Pacing.TELEGRAM, Retry.DEFAULT));
  }

  private static URI parseApiUrl(String raw) {
    URI uri = parseUri("TELEGRAM_API_URL", raw.strip());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
      throw new IllegalArgumentException("TELEGRAM_API_URL must be an http or https URL such as "
          + DEFAULT_API_URL + ", not " + raw);
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      // the library builds /bot<token>/<method> from scheme, host and port only
      throw new IllegalArgumentException("TELEGRAM_API_URL must not have a path (got " + path
          + "); give scheme, host and port only");
    }
    return uri;
  }

  private static URI parseWebhookUrl(String raw) {
    URI uri = parseUri("TELEGRAM_WEBHOOK_URL", raw);
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalArgumentException("TELEGRAM_WEBHOOK_URL must be an absolute URL: " + raw);
    }
    return uri;
  }

  private static URI parseUri(String name, String raw) {
    try {
      return new URI(raw);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid URL: " + raw);
    }
  }

  private static Mode parseMode(String raw) {
    if (raw == null || raw.isBlank()) {
      return Mode.POLLING;
    }
    switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "polling":
        return Mode.POLLING;
      case "webhook":
        return Mode.WEBHOOK;
      default:
        throw new IllegalArgumentException("TELEGRAM_MODE must be polling or webhook, not " + raw);
    }
  }

  private static int parseInt(Map<String, String> env, String name, int dflt, int min, int max) {
    String raw = blankToNull(env.get(name));
    if (raw == null) {
      return dflt;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number from " + min + " to "
          + max + ", not " + raw);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  // --- package-private: the adapter and its tests ---

  String token() { return token; }
  URI apiUrl() { return apiUrl; }
  Mode mode() { return mode; }
  int pollTimeoutSeconds() { return pollTimeoutSeconds; }
  URI webhookUrl() { return webhookUrl; }
  String webhookSecret() { return webhookSecret; }
  String webhookBind() { return webhookBind; }
  int webhookPort() { return webhookPort; }
  Pacing pacing() { return pacing; }
  Retry retry() { return retry; }

  TelegramSettings withPollTimeoutSeconds(int seconds) {
    return new TelegramSettings(token, apiUrl, mode, seconds, webhookUrl, webhookSecret,
        webhookBind, webhookPort, pacing, retry);
  }

  TelegramSettings withPacing(Pacing value) {
    return new TelegramSettings(token, apiUrl, mode, pollTimeoutSeconds, webhookUrl,
        webhookSecret, webhookBind, webhookPort, value, retry);
  }

  TelegramSettings withRetry(Retry value) {
    return new TelegramSettings(token, apiUrl, mode, pollTimeoutSeconds, webhookUrl,
        webhookSecret, webhookBind, webhookPort, pacing, value);
  }

  @Override
  public String toString() {
    return "TelegramSettings[api=" + apiUrl + ", mode=" + mode.name().toLowerCase(Locale.ROOT)
        + (mode == Mode.WEBHOOK ? ", webhookHost=" + webhookUrl.getHost() + ", listen=" + webhookBind + ":"
            + webhookPort : ", pollTimeout=" + pollTimeoutSeconds + "s")
        + ", token=<redacted>]";
  }
}
