package faqbot.telegram;

import faqbot.core.Mailbox;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox: one queue per chat, each chat's next message scheduled on a timer for the
 * moment its pacing allows (one a second per chat, the group limit, the overall limit), and
 * retried when Telegram asks (429 after its retry_after, server and network errors with back-off)
 * by scheduling again. No thread ever sleeps, so a chat that waits holds back no other chat.
 *
 * <p>The pacing is reserved when a message is due, through the {@link Pacer} (shared by the
 * replicas on one database): one reservation per message when its chat is free, a second one
 * only when the chat must wait (another replica's message, the group limit, a retry_after), since
 * the bot's budget is taken only by a message that can go at once.
 * A message is marked delivered in the mailbox as soon as Telegram confirms it, before the next
 * one of its chat goes out; one that Telegram refuses for good is marked refused.
 */
final class Sender {
  private static final Logger log = LoggerFactory.getLogger(Sender.class);
  private static final long MAX_BACKOFF_NANOS = Duration.ofSeconds(30).toNanos();
  /**
   * A timer later than about one of the bot's slots means a stall: sent now, the message would go
   * together with the next slots' ones, so it takes a new slot (once).
   */
  private static final long LATE_NANOS = Duration.ofMillis(25).toNanos();
  /** Network and server failures are retried this long, across restarts, then given up. */
  private static final long GIVE_UP_AFTER_MS = Duration.ofHours(24).toMillis();

  /** Sends one stored message once. */
  interface Transport {
    Delivery.Attempt send(Mailbox.Outgoing message);

    /** Whether the message goes to a group (group pacing applies). */
    boolean group(Mailbox.Outgoing message);
  }

  private static final class Chat {
    final String id;
    final ArrayDeque<Mailbox.Outgoing> queue = new ArrayDeque<>();
    boolean busy;
    int failures;
    /** When Telegram last answered a message to this chat (System.nanoTime), or 0. */
    long answeredAt;
    /** Whether the head message took a new slot after its timer fired late. */
    boolean slotRetaken;

    Chat(String id) {
      this.id = id;
    }
  }

  private final Mailbox mailbox;
  private final Pacer pacer;
  private final Transport transport;
  private final Duration firstBackoff;
  private final ScheduledThreadPoolExecutor timer;
  private final Map<String, Chat> chats = new HashMap<>();
  /** When Telegram answered the last message of chats whose queue emptied, for their next one. */
  private final Map<String, Long> answered = new HashMap<>();
  private int pending;
  private boolean stopped;

  Sender(Mailbox mailbox, Pacer pacer, Transport transport, Duration firstBackoff, int threads) {
    this.mailbox = mailbox;
    this.pacer = pacer;
    this.transport = transport;
    this.firstBackoff = firstBackoff;
    AtomicInteger n = new AtomicInteger();
    this.timer = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new Thread(r, "tg-send-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Queues stored messages behind their chats' earlier ones. */
  synchronized void enqueue(List<Mailbox.Outgoing> messages) {
    if (stopped) {
      return; // stored: the next start sends them
    }
    for (Mailbox.Outgoing m : messages) {
      Chat chat = chats.computeIfAbsent(m.lane(), id -> {
        Chat c = new Chat(id);
        Long at = answered.remove(id);
        c.answeredAt = at == null ? 0 : at;
        return c;
      });
      chat.queue.addLast(m);
      pending++;
      kick(chat);
    }
  }

  /**
   * Under the lock: schedules the chat's first message. Telegram counts a message when it
   * arrives, which may be late in a slow request, so this replica's own last message to the chat
   * counts from when it was answered; the reservation, made when the message is due, adds what
   * other replicas sent.
   */
  private void kick(Chat chat) {
    if (chat.busy || chat.queue.isEmpty() || stopped) {
      return;
    }
    chat.busy = true;
    long wait = chat.answeredAt == 0 ? 0
        : chat.answeredAt + pacer.perChatNanos() - System.nanoTime();
    schedule(() -> due(chat, 0), wait);
  }

  /**
   * The chat's message is due: reserves its slot ({@code notBeforeNanos} from now at the
   * earliest, a retry_after) and sends when it comes.
   */
  private void due(Chat chat, long notBeforeNanos) {
    Mailbox.Outgoing head;
    synchronized (this) {
      head = chat.queue.peekFirst();
      if (head == null || stopped) {
        return;
      }
    }
    Pacer.Reservation slot = pacer.reserve(chat.id, transport.group(head), notBeforeNanos);
    if (!slot.overall()) {
      schedule(() -> overallDue(chat, head), slot.waitNanos());
    } else {
      sendAt(chat, head, slot.waitNanos());
    }
  }

  /** The chat's reserved slot has come: the message goes when the bot's budget allows. */
  private void overallDue(Chat chat, Mailbox.Outgoing head) {
    Pacer.Reservation slot = pacer.reserveOverall(chat.id, transport.group(head));
    if (!slot.overall()) {
      // another replica's message to the chat was held back by the bot's budget: after it
      schedule(() -> overallDue(chat, head), slot.waitNanos());
    } else {
      sendAt(chat, head, slot.waitNanos());
    }
  }

  /**
   * Sends when the bot's slot comes. A timer that fires well after it (this process stalled: a
   * pause, a starved CPU) would send together with the messages of the next slots, over the
   * bot's limit at Telegram's end; such a message takes a new slot instead, once.
   */
  private void sendAt(Chat chat, Mailbox.Outgoing head, long waitNanos) {
    if (waitNanos <= 0) {
      attempt(chat);
      return;
    }
    long at = System.nanoTime() + waitNanos;
    schedule(() -> {
      boolean late = System.nanoTime() - at > LATE_NANOS;
      boolean again;
      synchronized (this) {
        again = late && !chat.slotRetaken;
        chat.slotRetaken |= again;
      }
      if (again) {
        overallDue(chat, head);
      } else {
        attempt(chat);
      }
    }, waitNanos);
  }

  private void attempt(Chat chat) {
    Mailbox.Outgoing message;
    synchronized (this) {
      message = chat.queue.peekFirst();
      if (message == null || stopped) {
        return;
      }
    }
    Delivery.Attempt result;
    try {
      result = transport.send(message);
    } catch (RuntimeException e) {
      log.error("sending a message failed: {}", e.getClass().getName(), e);
      result = new Delivery.Attempt(Delivery.Outcome.TRANSIENT, 0, chat.id, null, null);
    }
    synchronized (this) {
      chat.answeredAt = System.nanoTime();
    }
    switch (result.outcome()) {
      case SENT -> finish(chat, message, true);
      case REFUSED -> finish(chat, message, false);
      // the retry's slot is reserved at once, so the chat's shared slot moves past retry_after
      // for every replica, not only for this message (at least a millisecond: never a busy loop)
      case RATE_LIMITED -> due(chat, Math.max(1_000_000, result.retryInNanos()));
      case TRANSIENT -> {
        long age = System.currentTimeMillis() - message.createdAtMillis();
        if (message.createdAtMillis() > 0 && age > GIVE_UP_AFTER_MS) {
          log.error("a message given up after failing for {} h", age / 3_600_000);
          finish(chat, message, false);
          return;
        }
        int failures;
        synchronized (this) {
          failures = ++chat.failures;
        }
        long backoff = Math.min(MAX_BACKOFF_NANOS,
            firstBackoff.toNanos() << Math.min(20, failures - 1));
        schedule(() -> due(chat, 0),
            backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
      }
    }
  }

  private void finish(Chat chat, Mailbox.Outgoing message, boolean delivered) {
    try {
      if (delivered) {
        mailbox.delivered(message.id());
      } else {
        mailbox.refused(message.id());
      }
    } catch (RuntimeException e) {
      // it stays pending in the database and would be sent again after a restart; nothing
      // better can be done without the database
      log.error("could not mark a message {}: {}", delivered ? "delivered" : "refused",
          e.getMessage());
    }
    synchronized (this) {
      chat.queue.pollFirst();
      chat.failures = 0;
      chat.slotRetaken = false;
      chat.busy = false;
      pending--;
      notifyAll();
      if (chat.queue.isEmpty()) {
        chats.remove(chat.id);
        long now = System.nanoTime();
        if (answered.size() > 1_000) {
          answered.values().removeIf(at -> now - at > pacer.perChatNanos());
        }
        answered.put(chat.id, chat.answeredAt);
      } else {
        kick(chat);
      }
    }
  }

  private void schedule(Runnable task, long delayNanos) {
    try {
      timer.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopped: the message stays in the mailbox for the next start
    }
  }

  synchronized int pending() {
    return pending;
  }

  /**
   * Waits up to {@code timeout} for the queued messages to go out, then stops; whatever is left
   * stays in the mailbox and goes out after the next start. True when nothing was left.
   */
  boolean drain(Duration timeout) {
    synchronized (this) {
      Waits.until(this, () -> pending == 0, timeout);
      stopped = true;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return pending == 0;
    }
  }
}
