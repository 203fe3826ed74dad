package faqbot.telegram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The wait of a clean stop, shared by the turn lanes and the sender. */
final class Waits {
  private Waits() {}

  /**
   * Waits on {@code monitor}, whose lock the caller holds and whose owner calls notifyAll when
   * {@code done} may have changed, until {@code done} or {@code timeout} passes. An interrupt ends
   * the wait early and stays set.
   */
  static void until(Object monitor, BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
