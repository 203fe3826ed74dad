package faqbot.core;

import java.util.function.LongSupplier;

/**
 * Port: what outgoing messages have reserved of a platform's send limits. The adapter owns the
 * rules (how fast it may send to one chat, and in all); this keeps the reservations, in the
 * process for one replica and in the shared database for several, so that replicas sending for
 * one bot keep its limits together instead of each keeping them alone.
 *
 * <p>A key (a chat, or the whole bot) is paced by a {@link Rule}: a generic cell rate algorithm
 * whose "theoretical arrival time" advances by {@code interval} per message, with up to
 * {@code burst} messages ahead of it, plus a plain minimum {@code spacing} between two messages.
 * Times are microseconds; a reservation answers how long to wait from now, so replicas' clocks
 * never need to agree (the shared implementation reads the database server's).
 */
public interface SendPacing {
  /**
   * How one key is paced: messages at least {@code spacingMicros} apart, and on average one per
   * {@code intervalMicros} with up to {@code burst} back to back. Then no window of
   * {@code (count - burst + 1) * interval} holds more than {@code count} messages: the adapter
   * picks the interval for the platform's window.
   */
  record Rule(long spacingMicros, long intervalMicros, int burst) {
    public Rule {
      if (spacingMicros < 0 || intervalMicros < 0 || burst < 1) {
        throw new IllegalArgumentException("a pacing rule needs spacing and interval >= 0 and a"
            + " burst >= 1");
      }
    }

    /** How far behind the theoretical arrival time a message may still go. */
    long toleranceMicros() {
      return (burst - 1) * intervalMicros;
    }
  }

  /**
   * A reservation: wait {@code waitMicros} from now, then send. {@code overall} tells whether
   * the overall key was taken too; when not, the lane must wait first and the caller takes the
   * overall key when that wait is over ({@link #reserveOverall}), so that the bot's budget is
   * never held for a message that cannot go yet.
   */
  record Slot(long waitMicros, boolean overall) {}

  /**
   * In one atomic step, reserves for {@code lane} the earliest moment, at least
   * {@code notBeforeMicros} from now, that its rule allows. When that moment is now, it also takes
   * the overall key's earliest moment from then, and the lane's reservation moves with it.
   *
   * <p>A lane's messages that took the overall key are always its spacing apart, whatever waits
   * the overall key imposed on them: each such message sets the earliest moment the lane's next
   * one may take the overall key.
   */
  Slot reserve(String lane, Rule laneRule, String overall, Rule overallRule,
      long notBeforeMicros);

  /**
   * For a lane whose reserved moment has come: takes the overall key's earliest moment from now
   * and moves the lane's reservation to it. When the lane's previous message took the overall key
   * for a moment less than the spacing ago (another replica's, which the overall key held back),
   * takes nothing and answers how long to wait before asking again ({@code overall} false).
   */
  Slot reserveOverall(String lane, Rule laneRule, String overall, Rule overallRule);

  /** Whether other processes share these reservations (each call is then a database statement). */
  boolean shared();

  /** Reservations in this process only, on {@link System#nanoTime()}: one replica. */
  static SendPacing inProcess() {
    return new LocalSendPacing(() -> System.nanoTime() / 1_000);
  }

  /** Reservations in this process on the given clock (microseconds), for tests. */
  static SendPacing inProcess(LongSupplier micros) {
    return new LocalSendPacing(micros);
  }
}
