package faqbot.telegram;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Outgoing message pacing as Telegram asks for it: about one message a second per chat, at most
 * {@code perGroupPerMinute} a minute in a group, at most {@code perSecondOverall} a second in
 * all. Callers reserve a slot and sleep until it; reservations per chat are handed out in call
 * order, so the messages of one reply keep their order.
 */
final class Pacer {
  /** Time source, replaceable in tests so that pacing can be checked without sleeping. */
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

  private static final long MINUTE = 60_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final int MAX_TRACKED_CHATS = 10_000;

  private final long perChatNanos;
  private final int perGroupPerMinute;
  private final int perSecondOverall;
  private final Ticker ticker;
  private final Map<String, ArrayDeque<Long>> chats = new HashMap<>();
  private final ArrayDeque<Long> overall = new ArrayDeque<>();

  Pacer(TelegramSettings.Pacing pacing, Ticker ticker) {
    this.perChatNanos = pacing.perChat().toNanos();
    this.perGroupPerMinute = pacing.perGroupPerMinute();
    this.perSecondOverall = pacing.perSecondOverall();
    this.ticker = ticker;
  }

  /** Blocks until a message may be sent to {@code chatId}. */
  void acquire(String chatId, boolean group) throws InterruptedException {
    long slot = reserveChat(chatId, group, ticker.nanos());
    ticker.sleepNanos(slot - ticker.nanos());
    // the overall limit is taken at send time, in real-time order, so one busy chat waiting for
    // its slot does not hold back the others
    long global = reserveOverall(ticker.nanos());
    ticker.sleepNanos(global - ticker.nanos());
  }

  /** The earliest time a message may go to this chat, recorded as taken. */
  synchronized long reserveChat(String chatId, boolean group, long now) {
    ArrayDeque<Long> sent = chats.computeIfAbsent(chatId, k -> new ArrayDeque<>());
    long slot = now;
    if (!sent.isEmpty()) {
      slot = Math.max(slot, sent.peekLast() + perChatNanos);
    }
    if (group && perGroupPerMinute > 0 && sent.size() >= perGroupPerMinute) {
      Iterator<Long> newestFirst = sent.descendingIterator();
      long nth = 0;
      for (int i = 0; i < perGroupPerMinute; i++) {
        nth = newestFirst.next();
      }
      slot = Math.max(slot, nth + MINUTE);
    }
    sent.addLast(slot);
    int keep = group ? Math.max(1, perGroupPerMinute) : 1;
    while (sent.size() > keep) {
      sent.removeFirst();
    }
    if (chats.size() > MAX_TRACKED_CHATS) {
      chats.values().removeIf(d -> d.peekLast() < now - MINUTE);
    }
    return slot;
  }

  synchronized long reserveOverall(long now) {
    long slot = now;
    if (perSecondOverall > 0 && overall.size() >= perSecondOverall) {
      Iterator<Long> newestFirst = overall.descendingIterator();
      long nth = 0;
      for (int i = 0; i < perSecondOverall; i++) {
        nth = newestFirst.next();
      }
      slot = Math.max(slot, nth + SECOND);
    }
    overall.addLast(slot);
    while (overall.size() > Math.max(1, perSecondOverall)) {
      overall.removeFirst();
    }
    return slot;
  }
}
