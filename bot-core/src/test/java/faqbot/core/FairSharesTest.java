package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.NumberedLocks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The sharing rule of numbered leads (Discord shards) among replicas, on an in-memory lock table
 * and a clock the test moves: no lead on two replicas, none taken before it was free for the
 * grace, fair splits, a dead replica's leads taken over, a returning one given its part back, and
 * a stuck one not starving the work. The same class on PostgreSQL: DatabaseLeadershipTest.
 */
class FairSharesTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final Table table = new Table();

  /** The server's side: sessions, who takes part, who holds what. */
  static final class Table {
    long sessions;
    final Set<Long> members = new HashSet<>();
    final Map<Integer, Long> holders = new HashMap<>();

    NumberedLocks join() {
      long self = ++sessions;
      members.add(self);
      return new NumberedLocks() {
        @Override
        public View look() throws IOException {
          alive();
          return new View(self, members, holders);
        }

        @Override
        public boolean tryTake(int number) throws IOException {
          alive();
          return holders.putIfAbsent(number, self) == null;
        }

        @Override
        public void release(int number) throws IOException {
          alive();
          holders.remove(number, self);
        }

        @Override
        public void close() {
          end(self);
        }

        private void alive() throws IOException {
          if (!members.contains(self)) {
            throw new IOException("terminating connection due to administrator command");
          }
        }
      };
    }

    /** The session ends (its process died, or pg_terminate_backend): all it held is free. */
    void end(long session) {
      members.remove(session);
      holders.values().removeIf(h -> h == session);
    }

    long holderOf(int number) {
      return holders.getOrDefault(number, 0L);
    }
  }

  private FairShares replica() {
    return replica(4);
  }

  private FairShares replica(int leads) {
    return new FairShares("discord-shards", leads, table::join, now::get);
  }

  private void advance(long millis) {
    now.addAndGet(millis);
  }

  /** Steps every replica once per STEP for {@code seconds}, checking no lead is on two. */
  private List<Set<Integer>> run(int seconds, FairShares... replicas) {
    List<Set<Integer>> held = new ArrayList<>();
    for (FairShares r : replicas) {
      held.add(Set.of());
    }
    for (long t = 0; t < seconds * 1000L; t += Leadership.Shares.STEP.toMillis()) {
      for (int i = 0; i < replicas.length; i++) {
        held.set(i, replicas[i].step());
      }
      assertDisjoint(held);
      advance(Leadership.Shares.STEP.toMillis());
    }
    return held;
  }

  private static void assertDisjoint(List<Set<Integer>> held) {
    Set<Integer> seen = new HashSet<>();
    for (Set<Integer> h : held) {
      for (int n : h) {
        assertTrue(seen.add(n), "lead " + n + " on two replicas: " + held);
      }
    }
  }

  @Test
  void twoReplicasStartingTogetherSplitTheLeadsAfterTheGrace() {
    FairShares a = replica();
    FairShares b = replica();
    assertEquals(Set.of(), a.step());
    assertEquals(Set.of(), b.step());
    advance(FairShares.GRACE.toMillis() - 1);
    assertEquals(Set.of(), a.step(), "nothing before a lead was free for the grace");
    List<Set<Integer>> held = run(12, a, b);
    assertEquals(2, held.get(0).size(), held.toString());
    assertEquals(2, held.get(1).size(), held.toString());
  }

  @Test
  void aDeadReplicasLeadsAreTakenOverAfterTheGraceAndItGetsItsPartBackWhenItReturns() {
    FairShares a = replica();
    FairShares b = replica();
    List<Set<Integer>> held = run(12, a, b);
    Set<Integer> ofA = held.get(0);
    long sessionOfA = table.holderOf(ofA.iterator().next());

    table.end(sessionOfA);
    assertEquals(Set.of(), a.step(), "a lost connection holds nothing at its next step");
    long lost = now.get();
    Set<Integer> ofB = b.step();
    while (ofB.size() < 4) {
      assertTrue(now.get() - lost >= FairShares.GRACE.toMillis() || ofB.size() == 2,
          "taken before the grace: " + ofB);
      advance(Leadership.Shares.STEP.toMillis());
      assertEquals(Set.of(), a.step(), "A waits before it takes part again");
      ofB = b.step();
      assertTrue(now.get() - lost < 15_000, "B took A's leads within 15 s: " + ofB);
    }

    held = run(60, a, b);
    assertEquals(List.of(2, 2), List.of(held.get(0).size(), held.get(1).size()),
        "B gave A its part back: " + held);
  }

  @Test
  void aReplicaThatStartsAloneTakesAllAndGivesTheOthersTheirPartsAsTheyCome() {
    FairShares a = replica();
    assertEquals(4, run(12, a).get(0).size());
    FairShares b = replica();
    List<Set<Integer>> held = run(60, a, b);
    assertEquals(List.of(2, 2), List.of(held.get(0).size(), held.get(1).size()), held.toString());
    FairShares c = replica();
    held = run(90, a, b, c);
    List<Integer> sizes = new ArrayList<>();
    held.forEach(h -> sizes.add(h.size()));
    sizes.sort(null);
    assertEquals(List.of(1, 1, 2), sizes, "4 over 3: nobody over ceil(4/3) = 2, nobody idle");
  }

  @Test
  void leadsAStuckReplicaLeavesAreTakenAfterThePatienceAndKept() {
    FairShares a = replica(5);
    FairShares b = replica(5);
    NumberedLocks stuck = table.join(); // takes part, never takes anything
    List<Set<Integer>> held = run(40, a, b);
    assertEquals(List.of(2, 2), List.of(held.get(0).size(), held.get(1).size()),
        "each takes its share, ceil(5/3) = 2, the one left waits: " + held);
    held = run(30, a, b);
    Set<Integer> all = new TreeSet<>();
    held.forEach(all::addAll);
    assertEquals(Set.of(0, 1, 2, 3, 4), all, "free for twice the patience: taken anyway " + held);
    List<Set<Integer>> kept = run(240, a, b);
    assertEquals(held, kept, "not handed to the stuck replica (under its floor) and taken back");
    stuck.close();
  }

  @Test
  void aClosedShareHoldsNothingAndFreesItsLeads() {
    FairShares a = replica();
    assertEquals(4, run(12, a).get(0).size());
    a.close();
    assertEquals(Set.of(), a.step());
    assertEquals(Map.of(), table.holders);
  }
}
