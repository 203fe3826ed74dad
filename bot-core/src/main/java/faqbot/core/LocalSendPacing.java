package faqbot.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@link SendPacing} in this process's memory, for one replica: a map under one lock, four
 * numbers per key, no I/O. The same arithmetic as the shared database's function
 * ({@link SqliteSendPacing}).
 */
final class LocalSendPacing implements SendPacing {
  /** Keys whose reservations all lie in the past are as good as absent. */
  private static final int PRUNE_ABOVE = 10_000;
  private static final long PRUNE_EVERY_MICROS = 1_000_000;

  private static final class Key {
    // free at once on any clock: System.nanoTime() may be negative
    long nextAt = Long.MIN_VALUE / 4;
    long tat = Long.MIN_VALUE / 4;
    /** The same two for the messages that took the overall key, at the moments they go. */
    long sentFloor = Long.MIN_VALUE / 4;
    long sentTat = Long.MIN_VALUE / 4;
  }

  private final LongSupplier micros;
  private final Map<String, Key> keys = new HashMap<>();
  private long prunedAt;

  LocalSendPacing(LongSupplier micros) {
    this.micros = micros;
  }

  @Override
  public synchronized Slot reserve(String lane, Rule laneRule, String overall, Rule overallRule,
      long notBeforeMicros) {
    long now = micros.getAsLong();
    prune(now); // first: a key pruned after it was looked up would lose what is written to it
    Key l = key(lane);
    long slot = Math.max(Math.max(now + Math.max(0, notBeforeMicros), sendable(l, laneRule)),
        Math.max(l.nextAt, l.tat - laneRule.toleranceMicros()));
    if (slot <= now) {
      return take(l, laneRule, overall, overallRule, now);
    }
    // the lane's later messages are scheduled after this one
    l.nextAt = slot + laneRule.spacingMicros();
    l.tat = Math.max(l.tat, slot) + laneRule.intervalMicros();
    return new Slot(slot - now, false);
  }

  @Override
  public synchronized Slot reserveOverall(String lane, Rule laneRule, String overall,
      Rule overallRule) {
    long now = micros.getAsLong();
    Key l = key(lane);
    long sendable = sendable(l, laneRule);
    if (sendable > now) {
      return new Slot(sendable - now, false);
    }
    return take(l, laneRule, overall, overallRule, now);
  }

  /** When the lane's rule lets its next message go, counting the moments its messages went. */
  private static long sendable(Key l, Rule rule) {
    return Math.max(l.sentFloor, l.sentTat - rule.toleranceMicros());
  }

  /** The message goes at the overall key's next moment; the lane counts it from then. */
  private Slot take(Key l, Rule laneRule, String overall, Rule overallRule, long now) {
    Key o = key(overall);
    long slot = Math.max(now, Math.max(o.nextAt, o.tat - overallRule.toleranceMicros()));
    o.nextAt = slot + overallRule.spacingMicros();
    o.tat = Math.max(o.tat, slot) + overallRule.intervalMicros();
    l.sentFloor = slot + laneRule.spacingMicros();
    l.sentTat = Math.max(l.sentTat, slot) + laneRule.intervalMicros();
    l.nextAt = Math.max(l.nextAt, l.sentFloor);
    l.tat = Math.max(l.tat, l.sentTat);
    return new Slot(slot - now, true);
  }

  private Key key(String name) {
    return keys.computeIfAbsent(name, k -> new Key());
  }

  private void prune(long now) {
    if (keys.size() > PRUNE_ABOVE && now - prunedAt > PRUNE_EVERY_MICROS) {
      prunedAt = now;
      keys.values().removeIf(k -> k.nextAt <= now && k.tat <= now && k.sentFloor <= now
          && k.sentTat <= now);
    }
  }

  @Override
  public boolean shared() {
    return false;
  }
}
