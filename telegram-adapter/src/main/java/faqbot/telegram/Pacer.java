package faqbot.telegram;

import faqbot.core.SendPacing;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram's send limits as rules for the core's {@link SendPacing} port: about one message a
 * second per chat, at most {@code perGroup} per window in a group, at most
 * {@code perSecondOverall} a second in all. The adapter owns these rules; the port keeps what was
 * reserved, in this process for one replica and in the shared database for several, so that two
 * replicas sending for one bot stay within the limits together.
 *
 * <p>A group's window limit is kept exactly by a cell rate with a burst: up to
 * {@value #GROUP_BURST} messages one per second, then one per {@code window / (perGroup - burst +
 * 1)} (3.75 s for 20 a minute), so that no window ever holds more than {@code perGroup}. The bot's
 * limit is one message per {@code 1 s / perSecondOverall}, no burst, which keeps every second
 * within it.
 */
final class Pacer {
  private static final Logger log = LoggerFactory.getLogger(Pacer.class);
  /** A reply of a few parts goes out one a second in a group before the window's pace applies. */
  static final int GROUP_BURST = 5;
  private static final long LOG_FAILURE_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

  /** Time source for the blocking {@link #acquire}, replaceable in tests. */
  interface Ticker {
    long nanos();

    void sleepNanos(long nanos) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
      @Override
      public long nanos() {
        return System.nanoTime();
      }

      @Override
      public void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
          Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
      }
    };
  }

  private final SendPacing slots;
  /** Where reservations go while the shared store cannot be reached: this replica alone. */
  private final SendPacing fallback = SendPacing.inProcess();
  private final String prefix;
  private final String bot;
  private final long perChatNanos;
  private final SendPacing.Rule privateChat;
  private final SendPacing.Rule groupChat;
  private final SendPacing.Rule overall;
  private volatile long failureLoggedAt = System.nanoTime() - LOG_FAILURE_EVERY_NANOS;

  /**
   * @param botId the bot's id (the token's part before the colon, not secret): replicas of one
   *     bot share its budget, another bot on the same database has its own
   */
  Pacer(TelegramSettings.Pacing pacing, SendPacing slots, String botId) {
    this.slots = slots;
    this.prefix = "telegram:" + botId + ":";
    this.bot = "telegram:" + botId;
    this.perChatNanos = pacing.perChat().toNanos();
    long perChat = pacing.perChat().toNanos() / 1_000;
    this.privateChat = new SendPacing.Rule(perChat, 0, 1);
    if (pacing.perGroup() > 0) {
      int burst = Math.min(GROUP_BURST, pacing.perGroup());
      long interval = ceilDiv(pacing.groupWindow().toNanos() / 1_000,
          pacing.perGroup() - burst + 1);
      this.groupChat = new SendPacing.Rule(perChat, interval, burst);
    } else {
      this.groupChat = privateChat;
    }
    this.overall = new SendPacing.Rule(0,
        pacing.perSecondOverall() > 0 ? ceilDiv(1_000_000, pacing.perSecondOverall()) : 0, 1);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** The shortest gap between two messages to one chat. */
  long perChatNanos() {
    return perChatNanos;
  }

  /**
   * Reserves the chat's next slot at least {@code notBeforeNanos} from now, and the bot's too
   * when the chat need not wait (see {@link SendPacing#reserve}); the wait is in nanoseconds.
   */
  Reservation reserve(String chatId, boolean group, long notBeforeNanos) {
    SendPacing.Rule rule = group ? groupChat : privateChat;
    SendPacing.Slot slot;
    try {
      slot = slots.reserve(prefix + chatId, rule, bot, overall, notBeforeNanos / 1_000);
    } catch (RuntimeException e) {
      failed(e);
      slot = fallback.reserve(prefix + chatId, rule, bot, overall, notBeforeNanos / 1_000);
    }
    return new Reservation(Math.max(0, slot.waitMicros()) * 1_000, slot.overall());
  }

  /**
   * The chat's reserved slot has come: reserves the bot's next one. When another replica's
   * message to the chat went less than the spacing ago, nothing is taken ({@code overall} false)
   * and the wait says when to ask again.
   */
  Reservation reserveOverall(String chatId, boolean group) {
    SendPacing.Rule rule = group ? groupChat : privateChat;
    SendPacing.Slot slot;
    try {
      slot = slots.reserveOverall(prefix + chatId, rule, bot, overall);
    } catch (RuntimeException e) {
      failed(e);
      slot = fallback.reserveOverall(prefix + chatId, rule, bot, overall);
    }
    return new Reservation(Math.max(0, slot.waitMicros()) * 1_000, slot.overall());
  }

  /** A chat's reservation: wait this long, then send, after taking the bot's slot if not taken. */
  record Reservation(long waitNanos, boolean overall) {}

  /** Blocks until a message may be sent to {@code chatId} (notifications, sent directly). */
  void acquire(String chatId, boolean group, Ticker ticker) throws InterruptedException {
    Reservation r = reserve(chatId, group, 0);
    ticker.sleepNanos(r.waitNanos());
    while (!r.overall()) {
      r = reserveOverall(chatId, group);
      ticker.sleepNanos(r.waitNanos());
    }
  }

  private void failed(RuntimeException e) {
    // the database is away: this replica paces alone meanwhile, as a single one would; Telegram's
    // 429s cover what the replicas together may send over the limit
    long now = System.nanoTime();
    if (now - failureLoggedAt >= LOG_FAILURE_EVERY_NANOS) {
      failureLoggedAt = now;
      log.warn("the shared send pacing is unavailable, pacing this replica alone: {}",
          e.getMessage());
    }
  }
}
