package faqbot.core;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per user key: {@code capacity} messages at once, refilled at {@code capacity}
 * per minute. The buckets are in the {@link RateLimitStore}, so replicas sharing a database count
 * a user's messages on all of them.
 *
 * <p>One shortcut is kept in memory: a user whose bucket this process saw empty, after the
 * warning, is dropped here without asking the store until a token can have come back. That is
 * right whatever other replicas do meanwhile, since they can only take tokens, never add any; it
 * spares the database the flood a rate limit exists for.
 */
final class RateLimiter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RateLimiter.class);
  /** What to do with one message. */
  enum Verdict { ALLOW, WARN, DROP }

  /** A limit no chat can reach is no limit: nothing is counted (the command line's own use). */
  static final int UNLIMITED = 1_000_000;

  private final int capacity;
  private final double tokensPerMilli;
  private final Clock clock;
  private final RateLimitStore store;
  /** Users this process drops until the instant a token comes back to them. */
  private final ConcurrentHashMap<String, Long> droppedUntil = new ConcurrentHashMap<>();
  private volatile long lastSweep;
  private volatile long warnedAt = Long.MIN_VALUE / 2;

  RateLimiter(int perMinute, Clock clock, RateLimitStore store) {
    this.capacity = perMinute;
    this.tokensPerMilli = perMinute / 60_000.0;
    this.clock = clock;
    this.store = store;
    this.lastSweep = clock.millis();
  }

  /**
   * ALLOW when the user has a token; WARN for the first message over the limit (the user gets one
   * polite slow-down note); DROP for the rest until tokens come back, so a flood gets no flood of
   * replies.
   */
  Verdict acquire(String key) {
    if (capacity >= UNLIMITED) {
      return Verdict.ALLOW;
    }
    long now = clock.millis();
    sweep(now);
    Long until = droppedUntil.get(key);
    if (until != null) {
      if (now < until) {
        return Verdict.DROP;
      }
      droppedUntil.remove(key, until);
    }
    RateLimitStore.Bucket b;
    try {
      b = store.acquire(key, capacity, now);
    } catch (RuntimeException e) {
      // the limit protects the bot, not the patient: while the database does not answer, answers
      // from the search index still go out, unlimited
      if (now - warnedAt >= 60_000) {
        warnedAt = now;
        LOG.warn("cannot read the rate limit, allowing messages meanwhile: {}", e.toString());
      }
      return Verdict.ALLOW;
    }
    if (b.verdict() == Verdict.DROP) {
      // when the bucket holds a whole token again, counted from the store's last refill
      droppedUntil.put(key, b.updated() + (long) Math.ceil((1 - b.tokens()) / tokensPerMilli));
    }
    return b.verdict();
  }

  private void sweep(long now) {
    if (now - lastSweep < 60_000) {
      return;
    }
    lastSweep = now;
    // a bucket untouched for a minute is full again: forgetting it changes nothing
    try {
      store.forgetIdle(now - 60_000);
    } catch (RuntimeException e) {
      LOG.warn("cannot forget idle rate limits: {}", e.toString());
    }
    droppedUntil.values().removeIf(until -> until <= now);
  }

  /** Users whose messages this process drops without asking the store. */
  int droppedHere() {
    return droppedUntil.size();
  }
}
