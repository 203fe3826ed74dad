package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.core.SendPacing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telegram's limits as rules, on the core's in-process pacing and a clock that only moves when told. */
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

  private Pacer pacer(TelegramSettings.Pacing pacing) {
    return new Pacer(pacing, SendPacing.inProcess(() -> ticker.now / 1_000), "42");
  }

  private final Pacer pacer = pacer(TelegramSettings.Pacing.TELEGRAM);

  @Test
  void oneMessagePerSecondPerChat() throws InterruptedException {
    long start = ticker.now;
    for (int i = 0; i < 5; i++) {
      pacer.acquire("1", false, ticker);
      assertEquals(start + i * S, ticker.now);
    }
  }

  @Test
  void otherChatsAreNotHeldBack() {
    Pacer.Reservation first = pacer.reserve("1", false, 0);
    assertEquals(0, first.waitNanos());
    assertTrue(first.overall());
    Pacer.Reservation second = pacer.reserve("1", false, 0);
    assertEquals(S, second.waitNanos());
    assertFalse(second.overall(), "a message that must wait holds none of the bot's budget");
    // only the bot's pace: 27 a second, evenly
    assertEquals(37_038_000L, pacer.reserve("2", false, 0).waitNanos());
  }

  /** Slots of {@code n} messages asked for at once, in nanoseconds from now. */
  private List<Long> slots(Pacer p, int n, boolean sameChat, boolean group) {
    List<Long> slots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Pacer.Reservation r = p.reserve(sameChat ? "-100" : "c" + i, group, 0);
      slots.add(r.waitNanos());
    }
    return slots;
  }

  @Test
  void aGroupGetsTwentyAMinuteAndNoMore() {
    List<Long> slots = slots(pacer, 80, true, true);
    for (int i = 0; i < 5; i++) {
      assertEquals(i * S, slots.get(i), "a short reply goes one message a second");
    }
    for (int i = 0; i + 20 < slots.size(); i++) {
      assertTrue(slots.get(i + 20) - slots.get(i) >= 60 * S,
          "21 messages within a minute, from message " + i + ": " + slots);
    }
    // and not much slower than the limit: 80 messages in under 5 minutes
    assertTrue(slots.get(79) < 300 * S, slots.toString());
  }

  @Test
  void twentySevenASecondOverallUnderTelegramsThirty() {
    List<Long> slots = slots(pacer, 90, false, false);
    for (int i = 0; i + 27 < slots.size(); i++) {
      assertTrue(slots.get(i + 27) - slots.get(i) >= S, "28 messages within a second: " + slots);
    }
    assertTrue(slots.get(89) < 3.4 * S, slots.toString());
  }

  @Test
  void aRetryAfterPushesTheChatsNextSlots() {
    pacer.reserve("1", false, 0);
    Pacer.Reservation retry = pacer.reserve("1", false, 5 * S);
    assertEquals(5 * S, retry.waitNanos());
    assertFalse(retry.overall());
    assertEquals(6 * S, pacer.reserve("1", false, 0).waitNanos());
  }

  @Test
  void customPacingForTests() {
    Pacer fast = pacer(new TelegramSettings.Pacing(Duration.ofMillis(20), 1000, 1000));
    fast.reserve("1", false, 0);
    assertEquals(20_000_000L, fast.reserve("1", false, 0).waitNanos());
  }

  @Test
  void whenTheBotsBudgetIsLateTheChatsNextSlotCountsFromIt() {
    Pacer p = pacer(new TelegramSettings.Pacing(Duration.ofSeconds(1), 20, 2));
    p.reserve("a", false, 0);
    p.reserve("b", false, 0);
    p.reserve("c", false, 0);
    // chat d's own slot is now, the bot's next is 1.5 s away
    assertEquals(1_500_000_000L, p.reserveOverall("d", false).waitNanos());
    assertEquals(2_500_000_000L, p.reserve("d", false, 0).waitNanos());
  }

  @Test
  void theBotsIdKeepsTwoBotsApart() {
    SendPacing shared = SendPacing.inProcess(() -> ticker.now / 1_000);
    Pacer one = new Pacer(TelegramSettings.Pacing.TELEGRAM, shared, "1");
    Pacer two = new Pacer(TelegramSettings.Pacing.TELEGRAM, shared, "2");
    one.reserve("7", false, 0);
    assertEquals(0, two.reserve("7", false, 0).waitNanos());
    assertEquals(S, one.reserve("7", false, 0).waitNanos());
    assertEquals("123456", TelegramBot.botId("123456:AAE-secret"));
  }
}
