package faqbot.core;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Port: work only one process may do at a time among replicas that share a database, such as
 * polling Telegram (two pollers of one bot get 409 Conflict and lose each other's updates) or
 * running a Discord shard (Discord gives a shard to one session). The lead is held until closed
 * or until the process dies, when another replica may take it.
 */
public interface Leadership {

  /** A lead held. */
  interface Lead extends AutoCloseable {
    /** False once the lead was lost (the database connection that held it broke). */
    boolean held();

    /** Gives the lead up. */
    @Override
    void close();
  }

  /** Takes the lead for {@code role} when nobody holds it; empty when another process does. */
  Optional<Lead> tryLead(String role);

  /**
   * Numbered leads 0 to {@code count - 1} of {@code role} (Discord's shards) shared out among
   * the replicas that ask for them: each held by one replica at most, fairly spread, and taken
   * over from a replica that died. This default, for one process alone, holds all of them.
   */
  default Shares share(String role, int count) {
    Set<Integer> all = IntStream.range(0, count).boxed().collect(Collectors.toUnmodifiableSet());
    return new Shares() {
      @Override
      public Set<Integer> step() {
        return all;
      }

      @Override
      public void close() {}
    };
  }

  /** This replica's part of numbered leads; see {@link #share}. */
  interface Shares extends AutoCloseable {
    /**
     * Checks the leads this replica holds, takes free ones and gives extra ones back by the
     * sharing rule, and answers the numbers held after that: the work to run now, and only it.
     * Call every {@link #STEP}: a lead lost with the database connection is noticed at the next
     * call (it answers none then), and the other replicas wait longer than that before they take
     * it. Never throws.
     */
    Set<Integer> step();

    /** Gives every lead back. */
    @Override
    void close();

    /** How often {@link #step} is to be called. */
    java.time.Duration STEP = java.time.Duration.ofSeconds(2);
  }

  /** One process alone (an embedded database): it always leads. */
  static Leadership alone() {
    return role -> Optional.of(new Lead() {
      @Override
      public boolean held() {
        return true;
      }

      @Override
      public void close() {}
    });
  }
}
