package faqbot.core;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per user key: {@code capacity} messages at once, refilled at {@code capacity}
 * per minute. Buckets of users who went quiet are dropped so the map does not grow without end.
 */
final class RateLimiter {
  /** What to do with one message. */
  enum Verdict { ALLOW, WARN, DROP }

  private final int capacity;
  private final double tokensPerMilli;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private long lastSweep;

  RateLimiter(int perMinute, Clock clock) {
    this.capacity = perMinute;
    this.tokensPerMilli = perMinute / 60_000.0;
    this.clock = clock;
  }

  /**
   * ALLOW when the user has a token; WARN for the first message over the limit (the user gets one
   * polite slow-down note); DROP for the rest until tokens come back, so a flood gets no flood of
   * replies.
   */
  Verdict acquire(String key) {
    long now = clock.millis();
    sweep(now);
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    synchronized (b) {
      b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * tokensPerMilli);
      b.updated = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.warned = false;
        return Verdict.ALLOW;
      }
      if (!b.warned) {
        b.warned = true;
        return Verdict.WARN;
      }
      return Verdict.DROP;
    }
  }

  private void sweep(long now) {
    if (now - lastSweep < 60_000) {
      return;
    }
    lastSweep = now;
    // a bucket untouched for a minute is full again: forgetting it changes nothing
    buckets.entrySet().removeIf(e -> now - e.getValue().updated > 60_000);
  }

  int size() {
    return buckets.size();
  }

  private static final class Bucket {
    double tokens;
    long updated;
    boolean warned;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
