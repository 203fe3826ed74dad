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
  /** When the outbox's recent messages actually went out, for the overall limit. */
  private final ArrayDeque<Long> sentOverall = new ArrayDeque<>();

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

  /**
   * The message to this chat was sent at {@code nanos}, later than the slot reserved for it
   * (the overall limit, a retry or a slow request held it back): the chat's next slot counts
   * from then.
   */
  synchronized void chatSentAt(String chatId, long nanos) {
    ArrayDeque<Long> sent = chats.get(chatId);
    if (sent != null && !sent.isEmpty() && sent.peekLast() < nanos) {
      sent.pollLast();
      sent.addLast(nanos);
    }
  }

  /**
   * For a message about to go out now: 0, and it is counted, when fewer than the overall limit
   * went out in the last second; otherwise how long until one leaves that second. Counting
   * actual send times, not slots reserved ahead, keeps the limit when timers fire late together.
   */
  synchronized long overallWait(long now) {
    while (!sentOverall.isEmpty() && sentOverall.peekFirst() <= now - SECOND) {
      sentOverall.pollFirst();
    }
    if (perSecondOverall <= 0 || sentOverall.size() < perSecondOverall) {
      sentOverall.addLast(now);
      return 0;
    }
    return sentOverall.peekFirst() + SECOND - now;
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
