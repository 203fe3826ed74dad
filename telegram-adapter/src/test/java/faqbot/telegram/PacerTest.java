package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long S = 1_000_000_000L;

  /** A clock that only moves when the pacer sleeps. */
  static final class FakeTicker implements Pacer.Ticker {
    long now = 1_000 * S;

    @Override
    public long nanos() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      if (nanos > 0) {
        now += nanos;
      }
    }
  }

  private final FakeTicker ticker = new FakeTicker();
  private final Pacer pacer = new Pacer(TelegramSettings.Pacing.TELEGRAM, ticker);

  @Test
  void oneMessagePerSecondPerChat() throws InterruptedException {
    long start = ticker.now;
    for (int i = 0; i < 5; i++) {
      pacer.acquire("1", false);
      assertEquals(start + i * S, ticker.now);
    }
  }

  @Test
  void otherChatsAreNotHeldBack() {
    long now = ticker.now;
    assertEquals(now, pacer.reserveChat("1", false, now));
    assertEquals(now + S, pacer.reserveChat("1", false, now));
    assertEquals(now, pacer.reserveChat("2", false, now));
  }

  @Test
  void twentyPerMinuteInAGroup() {
    long now = ticker.now;
    long last = 0;
    for (int i = 0; i < 20; i++) {
      last = pacer.reserveChat("-100", true, now);
      assertEquals(now + i * S, last);
    }
    // the 21st must wait until a minute after the first
    assertEquals(now + 60 * S, pacer.reserveChat("-100", true, now));
    assertEquals(now + 61 * S, pacer.reserveChat("-100", true, now));
  }

  @Test
  void thirtyPerSecondOverall() {
    long now = ticker.now;
    for (int i = 0; i < 30; i++) {
      assertEquals(now, pacer.reserveOverall(now));
    }
    assertEquals(now + S, pacer.reserveOverall(now));
    assertEquals(now + S, pacer.reserveOverall(now + S / 2));
  }

  @Test
  void customPacingForTests() {
    Pacer fast = new Pacer(new TelegramSettings.Pacing(Duration.ofMillis(20), 1000, 1000), ticker);
    long now = ticker.now;
    fast.reserveChat("1", false, now);
    assertEquals(now + 20_000_000L, fast.reserveChat("1", false, now));
  }

  @Test
  void overallLimitCountsMessagesWhenTheyGoOut() {
    Pacer pacer = new Pacer(new TelegramSettings.Pacing(Duration.ofSeconds(1), 20, 3), ticker);
    long now = 1_000 * S;
    assertEquals(0, pacer.overallWait(now));
    assertEquals(0, pacer.overallWait(now + S / 4));
    assertEquals(0, pacer.overallWait(now + S / 2));
    // timers that fire late together must not make a burst: the fourth waits for the first
    assertEquals(S / 2, pacer.overallWait(now + S / 2));
    assertEquals(0, pacer.overallWait(now + S));
  }

  @Test
  void aChatsNextMessageCountsFromWhenTheLastOneWentOut() {
    Pacer pacer = new Pacer(new TelegramSettings.Pacing(Duration.ofSeconds(1), 20, 30), ticker);
    long now = 1_000 * S;
    assertEquals(now, pacer.reserveChat("1", false, now));
    pacer.chatSentAt("1", now + 700_000_000L);
    assertEquals(now + S + 700_000_000L, pacer.reserveChat("1", false, now + S));
  }
}
