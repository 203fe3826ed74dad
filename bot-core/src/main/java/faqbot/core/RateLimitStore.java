package faqbot.core;

/**
 * Where the rate limit's token buckets live: in the database, so that on replicas sharing one
 * the limit counts a user's messages on all of them.
 */
interface RateLimitStore extends AutoCloseable {
  /** A bucket after one message took (or failed to take) a token. */
  record Bucket(RateLimiter.Verdict verdict, double tokens, long updated) {}

  /**
   * Takes a token from {@code key}'s bucket, refilled for the time since it was last used, in one
   * atomic step: ALLOW when there was one; WARN for the first message that found none; DROP after.
   *
   * @param capacity the bucket's size, also what it refills per minute
   */
  Bucket acquire(String key, int capacity, long now);

  /** Forgets buckets untouched since {@code before}: they are full again, as a missing one is. */
  void forgetIdle(long before);

  @Override
  void close();
}
