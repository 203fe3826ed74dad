package faqbot.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@link SendPacing} in this process's memory, for one replica: a map under one lock, two numbers
 * per key, no I/O. The same arithmetic as the shared database's function
 * ({@link DatabaseSendPacing}).
 */
final class LocalSendPacing implements SendPacing {
  /** Keys whose reservations all lie in the past are as good as absent. */
  private static final int PRUNE_ABOVE = 10_000;
  private static final long PRUNE_EVERY_MICROS = 1_000_000;

  private static final class Key {
    // free at once on any clock: System.nanoTime() may be negative
    long nextAt = Long.MIN_VALUE / 4;
    long tat = Long.MIN_VALUE / 4;
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
    Key l = key(lane);
    long slot = Math.max(now + Math.max(0, notBeforeMicros),
        Math.max(l.nextAt, l.tat - laneRule.toleranceMicros()));
    boolean took = false;
    if (slot <= now) {
      Key o = key(overall);
      slot = Math.max(slot, Math.max(o.nextAt, o.tat - overallRule.toleranceMicros()));
      take(o, overallRule, slot);
      took = true;
    }
    take(l, laneRule, slot);
    prune(now);
    return new Slot(slot - now, took);
  }

  @Override
  public synchronized long reserveOverall(String lane, Rule laneRule, String overall,
      Rule overallRule) {
    long now = micros.getAsLong();
    Key o = key(overall);
    long slot = Math.max(now, Math.max(o.nextAt, o.tat - overallRule.toleranceMicros()));
    take(o, overallRule, slot);
    Key l = key(lane);
    l.nextAt = Math.max(l.nextAt, slot + laneRule.spacingMicros());
    l.tat = Math.max(l.tat, slot + laneRule.intervalMicros());
    return slot - now;
  }

  private Key key(String name) {
    return keys.computeIfAbsent(name, k -> new Key());
  }

  private static void take(Key k, Rule rule, long slot) {
    k.nextAt = slot + rule.spacingMicros();
    k.tat = Math.max(k.tat, slot) + rule.intervalMicros();
  }

  private void prune(long now) {
    if (keys.size() > PRUNE_ABOVE && now - prunedAt > PRUNE_EVERY_MICROS) {
      prunedAt = now;
      keys.values().removeIf(k -> k.nextAt <= now && k.tat <= now);
    }
  }

  @Override
  public boolean shared() {
    return false;
  }
}
