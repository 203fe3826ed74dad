package faqbot.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

/**
 * Sends one Bot API request with Telegram's rules for failures: HTTP 429 waits the
 * {@code retry_after} the server gives and tries again; server errors and network failures are
 * retried with exponential back-off; a group upgraded to a supergroup is followed to its new id;
 * any other refusal (403 blocked, 400 bad request) is final and logged. Each request is retried
 * on its own, so a failure in the third part of a long answer never resends the first two.
 */
final class Delivery {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  private static final int MAX_FLOOD_WAITS = 10;
  private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(30).toNanos();

  enum Status { SENT, REFUSED, FAILED }

  /** The outcome; {@code chatId} is where it went, which differs after a supergroup migration. */
  record Result<T>(Status status, T value, String chatId, Integer errorCode, String error) {
    boolean sent() {
      return status == Status.SENT;
    }
  }

  /** One request, built anew for each attempt (a document's stream can be read only once). */
  @FunctionalInterface
  interface ApiCall<T> {
    T call(String chatId) throws TelegramApiException;
  }

  private final Pacer pacer;
  private final Pacer.Ticker ticker;
  private final TelegramSettings.Retry retry;
  private final Secrets secrets;
  private final String token;
  /** Groups that became supergroups: later messages go straight to the new id. */
  private final Map<String, String> migrated = new ConcurrentHashMap<>();

  Delivery(Pacer pacer, Pacer.Ticker ticker, TelegramSettings.Retry retry, Secrets secrets,
      String token) {
    this.pacer = pacer;
    this.ticker = ticker;
    this.retry = retry;
    this.secrets = secrets;
    this.token = token;
  }

  /** A message: paced for the chat, retried. */
  <T> Result<T> message(String what, String chatId, boolean group, ApiCall<T> call) {
    return run(what, chatId, group, true, call);
  }

  /** Not a chat message (answers, menus): not paced, retried. */
  <T> Result<T> request(String what, String chatId, ApiCall<T> call) {
    return run(what, chatId, false, false, call);
  }

  private <T> Result<T> run(String what, String chatId, boolean group, boolean paced,
      ApiCall<T> call) {
    String chat = migrated.getOrDefault(chatId, chatId);
    int failures = 0;
    int floods = 0;
    boolean followed = false;
    long backoff = retry.firstBackoff().toNanos();
    while (true) {
      try {
        if (paced) {
          pacer.acquire(chat, group, ticker);
        }
        return new Result<>(Status.SENT, call.call(chat), chat, null, null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("{} to {} abandoned: interrupted", what, secrets.pseudonym(chat));
        return new Result<>(Status.FAILED, null, chat, null, null);
      } catch (TelegramApiValidationException e) {
        log.error("{} to {} not sent, the request is invalid: {}", what, secrets.pseudonym(chat),
            Redact.describe(e, token));
        return new Result<>(Status.REFUSED, null, chat, null, null);
      } catch (TelegramApiRequestException e) {
        int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
        if (code == 429) {
          Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
          long waitNanos = Duration.ofSeconds(after == null ? 1 : Math.max(0, after)).toNanos();
          if (++floods > MAX_FLOOD_WAITS || waitNanos > retry.maxRetryAfter().toNanos()) {
            log.warn("{} to {} dropped: still rate-limited (retry_after {} s)", what,
                secrets.pseudonym(chat), after);
            return new Result<>(Status.FAILED, null, chat, code, null);
          }
          log.info("{} to {} rate-limited by Telegram; retrying after {} s", what,
              secrets.pseudonym(chat), after);
          if (!sleep(waitNanos)) {
            return new Result<>(Status.FAILED, null, chat, code, null);
          }
          continue;
        }
        Long moved = e.getParameters() == null ? null : e.getParameters().getMigrateToChatId();
        if (moved != null && !followed) {
          followed = true;
          log.info("chat {} became supergroup {}", secrets.pseudonym(chat),
              secrets.pseudonym(moved));
          this.migrated.put(chat, String.valueOf(moved));
          chat = String.valueOf(moved);
          continue;
        }
        if (code > 0 && code < 500) {
          log.warn("{} to {} refused by Telegram ({}): {}", what, secrets.pseudonym(chat), code,
              Redact.scrub(e.getApiResponse(), token));
          return new Result<>(Status.REFUSED, null, chat, code, e.getApiResponse());
        }
        // 5xx, or a body that was not the Bot API's JSON (a proxy's error page): transient
      } catch (TelegramApiException e) {
        // network failure or timeout: transient. A timeout after the request went out may mean
        // Telegram did deliver it; one rare duplicate is preferred to a lost medical answer.
        if (failures + 1 >= retry.attempts()) {
          log.warn("{} to {} failed: {}", what, secrets.pseudonym(chat), Redact.describe(e, token));
        }
      }
      if (++failures >= retry.attempts()) {
        log.error("{} to {} given up after {} attempts", what, secrets.pseudonym(chat), failures);
        return new Result<>(Status.FAILED, null, chat, null, null);
      }
      long jitter = ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
      if (!sleep(backoff + jitter)) {
        return new Result<>(Status.FAILED, null, chat, null, null);
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }
  }

  /** What one attempt came to; {@code retryInNanos} is Telegram's retry_after for a 429. */
  record Attempt(Outcome outcome, long retryInNanos, String chatId, Integer errorCode,
      String error) {}

  enum Outcome { SENT, REFUSED, RATE_LIMITED, TRANSIENT }

  /**
   * One attempt, without waiting: the caller schedules any retry, so that a chat waiting out a
   * 429 or a back-off holds no thread. A supergroup migration is followed at once.
   */
  <T> Attempt once(String what, String chatId, ApiCall<T> call) {
    String chat = migrated.getOrDefault(chatId, chatId);
    boolean followed = false;
    while (true) {
      try {
        call.call(chat);
        return new Attempt(Outcome.SENT, 0, chat, null, null);
      } catch (TelegramApiValidationException e) {
        log.error("{} to {} not sent, the request is invalid: {}", what, secrets.pseudonym(chat),
            Redact.describe(e, token));
        return new Attempt(Outcome.REFUSED, 0, chat, null, null);
      } catch (TelegramApiRequestException e) {
        int code = e.getErrorCode() == null ? 0 : e.getErrorCode();
        if (code == 429) {
          Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
          log.info("{} to {} rate-limited by Telegram; retrying after {} s", what,
              secrets.pseudonym(chat), after);
          return new Attempt(Outcome.RATE_LIMITED, Duration.ofSeconds(
              after == null ? 1 : Math.max(0, after)).toNanos(), chat, code, null);
        }
        Long moved = e.getParameters() == null ? null : e.getParameters().getMigrateToChatId();
        if (moved != null && !followed) {
          followed = true;
          log.info("chat {} became supergroup {}", secrets.pseudonym(chat),
              secrets.pseudonym(moved));
          migrated.put(chat, String.valueOf(moved));
          chat = String.valueOf(moved);
          continue;
        }
        if (code > 0 && code < 500) {
          log.warn("{} to {} refused by Telegram ({}): {}", what, secrets.pseudonym(chat), code,
              Redact.scrub(e.getApiResponse(), token));
          return new Attempt(Outcome.REFUSED, 0, chat, code, e.getApiResponse());
        }
        log.info("{} to {} failed ({}), will retry", what, secrets.pseudonym(chat), code);
        return new Attempt(Outcome.TRANSIENT, 0, chat, code, null);
      } catch (TelegramApiException | RuntimeException e) {
        // network failure or timeout. A timeout after the request went out may mean Telegram
        // did deliver it; one rare duplicate is preferred to a lost medical answer.
        log.info("{} to {} failed, will retry: {}", what, secrets.pseudonym(chat),
            Redact.describe(e, token));
        return new Attempt(Outcome.TRANSIENT, 0, chat, null, null);
      }
    }
  }

  private boolean sleep(long nanos) {
    try {
      ticker.sleepNanos(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
