package faqbot.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real core with a record of what the adapter handed it. A message the core drops (over the
 * rate limit) and one the adapter drops look the same from outside; only this record tells them
 * apart, and it shows whether the text arrived whole. Shared by both adapters' end-to-end tests
 * (bot-core's test jar).
 */
public final class RecordingCore extends ForwardingCore {
  private final List<IncomingMessage> seen = new ArrayList<>();

  public RecordingCore(ChatCore core) {
    super(core);
  }

  @Override
  public List<Reply> handle(IncomingMessage message) {
    try {
      return core.handle(message);
    } finally {
      // recorded after the core is done, so a count reached means those turns are decided
      synchronized (this) {
        seen.add(message);
        notifyAll();
      }
    }
  }

  public synchronized List<IncomingMessage> from(String userId) {
    return seen.stream().filter(m -> userId.equals(m.userId())).toList();
  }

  /** The user's messages once the core has handled at least {@code count} of them. */
  public synchronized List<IncomingMessage> awaitFrom(String userId, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (from(userId).size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the core saw " + from(userId).size() + " messages from "
            + userId + ", expected " + count);
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return from(userId);
  }
}
