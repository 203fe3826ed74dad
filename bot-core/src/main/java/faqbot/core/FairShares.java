package faqbot.core;

import faqbot.knowledge.NumberedLocks;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Leadership.Shares} over the database's numbered locks, with this sharing rule among the
 * R replicas taking part (T leads):
 *
 * <ul>
 *   <li>A free lead is taken only once it has been seen free for {@link #GRACE}: longer than a
 *       holder that lost its connection needs to notice (one {@link Leadership.Shares#STEP} and
 *       the query's network timeout) and stop, so a lead's work never runs on two replicas.
 *   <li>A replica takes free leads up to its share, ceil(T / R); one that already has
 *       floor(T / R) leaves them to a replica that has fewer, if any does.
 *   <li>A replica that takes part but does not take its part (stuck) must not leave work undone:
 *       a lead free for {@link #PATIENCE} is taken up to the share whoever has fewer, and one
 *       free for twice that beyond the share.
 *   <li>While nothing is free and another replica has fewer than floor(T / R), the replica
 *       holding most (the lowest session among equals) gives back one lead per step, its
 *       highest, unless it took an overdue lead in the last {@link #KEEP_OVERDUE} (else it would
 *       hand work to a stuck replica and take it back every {@code PATIENCE}). So a replica that
 *       starts or comes back gets its part, and moves only ever narrow the gap.
 *   <li>A replica whose connection broke holds nothing and takes part again only after
 *       {@link #REJOIN}, so the others count it gone and take over its work meanwhile.
 * </ul>
 */
final class FairShares implements Leadership.Shares {
  private static final Logger LOG = LoggerFactory.getLogger(FairShares.class);
  static final Duration GRACE = Duration.ofSeconds(8);
  static final Duration PATIENCE = Duration.ofSeconds(30);
  static final Duration REJOIN = Duration.ofSeconds(15);
  static final Duration KEEP_OVERDUE = Duration.ofMinutes(5);

  /** Joins the numbered locks (a connection of its own). */
  interface Joining {
    NumberedLocks join() throws IOException;
  }

  private final String role;
  private final int count;
  private final Joining joining;
  private final LongSupplier millis;
  private NumberedLocks locks;
  private final TreeSet<Integer> mine = new TreeSet<>();
  /** Since when each lead seen free has been free, as far as this replica looked. */
  private final Map<Integer, Long> freeSince = new HashMap<>();
  private long joinAfter;
  private long overdueTakenAt = Long.MIN_VALUE / 2;
  private boolean closed;
  private boolean joinFailureReported;

  FairShares(String role, int count, Joining joining, LongSupplier millis) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one lead to share, not " + count);
    }
    this.role = role;
    this.count = count;
    this.joining = joining;
    this.millis = millis;
    this.joinAfter = millis.getAsLong();
  }

  @Override
  public synchronized Set<Integer> step() {
    if (closed) {
      return Set.of();
    }
    long now = millis.getAsLong();
    if (locks == null) {
      if (now < joinAfter) {
        return Set.of();
      }
      try {
        locks = joining.join();
        joinFailureReported = false;
        freeSince.clear();
      } catch (IOException | RuntimeException e) {
        if (!joinFailureReported) {
          LOG.warn("cannot take part in sharing {}: {}", role, e.getMessage());
          joinFailureReported = true;
        }
        joinAfter = now + Leadership.Shares.STEP.toMillis();
        return Set.of();
      }
    }
    try {
      rebalance(now, locks.look());
    } catch (IOException | RuntimeException e) {
      LOG.warn("lost the {} leads {} ({}); taking part again in {} s", role, mine,
          e.getMessage(), REJOIN.toSeconds());
      leave();
      joinAfter = now + REJOIN.toMillis();
      return Set.of();
    }
    return Collections.unmodifiableSet(new TreeSet<>(mine));
  }

  private void rebalance(long now, NumberedLocks.View view) throws IOException {
    // the database's word wins over what this replica believed it held
    mine.clear();
    Map<Long, Integer> held = new HashMap<>();
    for (long member : view.members()) {
      held.put(member, 0);
    }
    Set<Integer> free = new TreeSet<>();
    for (int n = 0; n < count; n++) {
      Long holder = view.holders().get(n);
      if (holder == null) {
        free.add(n);
        freeSince.putIfAbsent(n, now);
      } else {
        freeSince.remove(n);
        held.merge(holder, 1, Integer::sum);
        if (holder == view.self()) {
          mine.add(n);
        }
      }
    }
    int replicas = Math.max(1, view.members().size());
    int share = (count + replicas - 1) / replicas;
    int floor = count / replicas;
    boolean othersShort = view.members().stream()
        .anyMatch(m -> m != view.self() && held.getOrDefault(m, 0) < floor);
    for (int n : free) {
      long waited = now - freeSince.get(n);
      if (waited < GRACE.toMillis()) {
        continue;
      }
      boolean fair = mine.size() < share && (mine.size() < floor || !othersShort);
      boolean overdue = waited >= PATIENCE.toMillis() && mine.size() < share
          || waited >= 2 * PATIENCE.toMillis();
      if ((fair || overdue) && locks.tryTake(n)) {
        mine.add(n);
        freeSince.remove(n);
        if (!fair) {
          overdueTakenAt = now;
        }
        LOG.info("took {} lead {} ({} of {} held here, {} replicas)", role, n, mine.size(), count,
            replicas);
      }
    }
    if (mine.size() > floor && othersShort && free.stream().allMatch(mine::contains)
        && mostLoaded(view, held) && now - overdueTakenAt >= KEEP_OVERDUE.toMillis()) {
      int last = mine.last();
      locks.release(last);
      mine.remove(last);
      LOG.info("gave back {} lead {} for a replica with fewer ({} held here, {} of {} over {}"
          + " replicas)", role, last, mine.size(), floor, count, replicas);
    }
  }

  /** One giver per round: the replica holding most, the lowest session among equals. */
  private static boolean mostLoaded(NumberedLocks.View view, Map<Long, Integer> held) {
    int own = held.getOrDefault(view.self(), 0);
    return held.entrySet().stream().noneMatch(e -> e.getKey() != view.self()
        && (e.getValue() > own || e.getValue() == own && e.getKey() < view.self()));
  }

  private void leave() {
    mine.clear();
    freeSince.clear();
    if (locks != null) {
      locks.close();
      locks = null;
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    leave();
  }
}
