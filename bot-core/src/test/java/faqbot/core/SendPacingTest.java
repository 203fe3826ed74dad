package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The send pacing port's arithmetic and atomicity, in the process (on a clock that only moves
 * when told) and in PostgreSQL (two stores on one database: two replicas, on the real clock, so
 * each slot is placed between the local times before and after its call).
 */
abstract class SendPacingTest {
  static final long MS = 1_000;
  static final long S = 1_000_000;
  static final SendPacing.Rule PRIVATE = new SendPacing.Rule(S, 0, 1);
  static final SendPacing.Rule FREE = new SendPacing.Rule(0, 0, 1);

  /** The reservations of replica A and replica B, and the local clock in microseconds. */
  abstract SendPacing a();

  abstract SendPacing b();

  abstract long localMicros();

  /** A reservation placed in local time: its slot lies between {@code before} and {@code after} plus the wait. */
  record Taken(long before, long after, long waited, boolean overall) {}

  Taken reserve(SendPacing p, String lane, SendPacing.Rule rule, SendPacing.Rule overall,
      long notBefore) {
    long before = localMicros();
    SendPacing.Slot slot = p.reserve(lane, rule, "bot", overall, notBefore);
    return new Taken(before, localMicros(), slot.waitMicros(), slot.overall());
  }

  Taken reserveOverall(SendPacing p, String lane, SendPacing.Rule rule, SendPacing.Rule overall) {
    long before = localMicros();
    SendPacing.Slot slot = p.reserveOverall(lane, rule, "bot", overall);
    return new Taken(before, localMicros(), slot.waitMicros(), slot.overall());
  }

  /** {@code t}'s slot lies {@code offset} after {@code first}'s, as far as the clocks can tell. */
  static void assertOffset(Taken first, Taken t, long offset) {
    long most = t.after + t.waited - (first.before + first.waited);
    long least = t.before + t.waited - (first.after + first.waited);
    assertTrue(least <= offset + MS && most >= offset - MS,
        "expected " + offset / MS + " ms after the first slot, got " + least / MS + " to "
            + most / MS + " ms");
  }

  @Test
  void aChatsMessagesAreSpacedAndOnlyAFreeOneTakesTheBotsBudget() {
    Taken first = reserve(a(), "chat", PRIVATE, FREE, 0);
    assertEquals(0, first.waited);
    assertTrue(first.overall);
    Taken second = reserve(b(), "chat", PRIVATE, FREE, 0);
    assertFalse(second.overall, "a message that must wait holds no slot of the bot's");
    assertOffset(first, second, S);
    assertOffset(first, reserve(a(), "chat", PRIVATE, FREE, 0), 2 * S);
    assertEquals(0, reserve(b(), "other", PRIVATE, FREE, 0).waited());
  }

  @Test
  void aGroupGetsItsBurstThenOnePerInterval() {
    SendPacing.Rule group = new SendPacing.Rule(0, S, 3);
    Taken first = reserve(a(), "group", group, FREE, 0);
    assertEquals(0, reserve(b(), "group", group, FREE, 0).waited());
    assertEquals(0, reserve(a(), "group", group, FREE, 0).waited());
    Taken fourth = reserve(b(), "group", group, FREE, 0);
    assertFalse(fourth.overall);
    assertOffset(first, fourth, S);
    assertOffset(first, reserve(a(), "group", group, FREE, 0), 2 * S);
  }

  @Test
  void theBotsBudgetIsSharedByAllChats() {
    SendPacing.Rule bot = new SendPacing.Rule(0, 100 * MS, 1);
    Taken first = reserve(a(), "c0", PRIVATE, bot, 0);
    for (int i = 1; i < 6; i++) {
      Taken t = reserve(i % 2 == 0 ? a() : b(), "c" + i, PRIVATE, bot, 0);
      assertTrue(t.overall);
      assertOffset(first, t, i * 100 * MS);
    }
  }

  @Test
  void aRetryAfterPushesTheChatsSlotForEveryReplica() {
    Taken pushed = reserve(a(), "chat", PRIVATE, FREE, 2 * S);
    assertFalse(pushed.overall);
    assertTrue(pushed.waited > S, "the retry_after holds: " + pushed.waited);
    assertOffset(pushed, reserve(b(), "chat", PRIVATE, FREE, 0), S);
  }

  @Test
  void takingTheBotsBudgetLateMovesTheChatsNextSlot() {
    SendPacing.Rule bot = new SendPacing.Rule(0, 500 * MS, 1);
    Taken first = reserve(a(), "x", PRIVATE, bot, 0);
    reserve(b(), "y", PRIVATE, bot, 0);
    reserve(a(), "z", PRIVATE, bot, 0);
    // the chat's own slot has come, but the bot's next is 1.5 s after the first
    Taken late = reserveOverall(b(), "chat", PRIVATE, bot);
    assertOffset(first, late, 1_500 * MS);
    Taken next = reserve(a(), "chat", PRIVATE, bot, 0);
    assertFalse(next.overall);
    assertOffset(first, next, 2_500 * MS);
  }

  @Test
  void aChatsMessagesStaySpacedWhenTheBotsBudgetHoldsOneBack() {
    SendPacing.Rule bot = new SendPacing.Rule(0, 500 * MS, 1);
    Taken first = reserve(a(), "x", PRIVATE, bot, 0);
    reserve(a(), "y", PRIVATE, bot, 0);
    // replica A's message to the chat is free but the bot's budget holds it 1 s
    Taken held = reserve(a(), "chat", PRIVATE, bot, 0);
    assertTrue(held.overall);
    assertOffset(first, held, S);
    // replica B's message to the chat comes a second after that
    Taken next = reserve(b(), "chat", PRIVATE, bot, 0);
    assertFalse(next.overall);
    assertOffset(first, next, 2 * S);
    // and even if B asked for the bot's budget early, it would be told to wait for it
    Taken early = reserveOverall(b(), "chat", PRIVATE, bot);
    assertFalse(early.overall, "the chat's previous message goes at 1 s: not before 2 s");
    assertOffset(first, early, 2 * S);
  }

  @Test
  void twoReplicasNeverGetTheSameSlot() throws Exception {
    SendPacing.Rule bot = new SendPacing.Rule(0, S, 1);
    int n = 60;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      long start = localMicros();
      List<Future<Long>> slots = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        SendPacing p = i % 2 == 0 ? a() : b();
        String lane = "lane" + i;
        // one second apart: the local time of the call, at most a fraction of a second off,
        // rounds away and leaves each slot's number
        slots.add(pool.submit(() -> {
          long before = localMicros();
          long wait = p.reserve(lane, PRIVATE, "bot", bot, 0).waitMicros();
          return Math.round((before - start + wait) / (double) S);
        }));
      }
      TreeSet<Long> distinct = new TreeSet<>();
      for (Future<Long> f : slots) {
        distinct.add(f.get());
      }
      assertEquals(n, distinct.size(), "two reservations took one slot: " + distinct);
      assertEquals(n - 1, distinct.last());
    } finally {
      pool.shutdownNow();
    }
  }

  /** In this process: both "replicas" are one map; the clock moves only when told. */
  static class InProcessTest extends SendPacingTest {
    final AtomicLong now = new AtomicLong(-5 * S); // any origin: System.nanoTime() may be negative
    final LongSupplier clock = now::get;
    final SendPacing pacing = SendPacing.inProcess(clock);

    @Override
    SendPacing a() {
      return pacing;
    }

    @Override
    SendPacing b() {
      return pacing;
    }

    @Override
    long localMicros() {
      return now.get();
    }
  }

  /** Two stores on one PostgreSQL, each with its own pool: two replicas. */
  static class PostgresqlTest extends SendPacingTest {
    Database one;
    Database two;
    SendPacing a;
    SendPacing b;

    @org.junit.jupiter.api.BeforeEach
    void open() throws Exception {
      String url = PostgresServer.freshUrl();
      one = Database.postgresql(url, null, null);
      two = Database.postgresql(url, null, null);
      SqliteSendPacing.migrate(one);
      SqliteSendPacing.migrate(two);
      a = new SqliteSendPacing(one);
      b = new SqliteSendPacing(two);
    }

    @AfterEach
    void close() {
      one.close();
      two.close();
    }

    @Override
    SendPacing a() {
      return a;
    }

    @Override
    SendPacing b() {
      return b;
    }

    @Override
    long localMicros() {
      return System.nanoTime() / 1_000;
    }
  }
}
