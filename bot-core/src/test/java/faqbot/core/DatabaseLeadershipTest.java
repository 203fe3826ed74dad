package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import faqbot.knowledge.NumberedLocks;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One leader per role among replicas on one PostgreSQL; a dead leader's role is free at once. */
class DatabaseLeadershipTest {
  @Test
  void oneReplicaLeadsARoleUntilItStopsOrItsConnectionDies() throws Exception {
    try (Database shared = PostgresServer.freshDatabase()) {
      Leadership a = new DatabaseLeadership(shared);
      Leadership b = new DatabaseLeadership(shared);
      Optional<Leadership.Lead> aLeads = a.tryLead("telegram-polling");
      assertTrue(aLeads.isPresent());
      assertTrue(aLeads.get().held());
      assertTrue(b.tryLead("telegram-polling").isEmpty(), "A leads");
      Optional<Leadership.Lead> other = b.tryLead("another-role");
      assertTrue(other.isPresent(), "roles are independent");
      other.get().close();

      aLeads.get().close();
      Optional<Leadership.Lead> bLeads = b.tryLead("telegram-polling");
      assertTrue(bLeads.isPresent(), "A stopped: B takes over");

      // B's process dies: the server ends its session, and with it the lock
      try (Connection admin = shared.openWriter(); Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(pid) FROM pg_locks"
            + " WHERE locktype = 'advisory' AND pid <> pg_backend_pid()");
      }
      assertFalse(bLeads.get().held());
      Optional<Leadership.Lead> again = a.tryLead("telegram-polling");
      assertTrue(again.isPresent());
      again.get().close();
      bLeads.get().close();
    }
  }

  @Test
  void numberedLocksAreHeldByOneSessionEachAndFreedWhenItsSessionEnds() throws Exception {
    try (Database shared = PostgresServer.freshDatabase()) {
      NumberedLocks a = shared.joinNumberedLocks("faqbot:discord-shards");
      NumberedLocks b = shared.joinNumberedLocks("faqbot:discord-shards");
      NumberedLocks.View seen = a.look();
      assertEquals(2, seen.members().size(), "both take part");
      assertTrue(a.tryTake(0));
      assertTrue(a.tryTake(1));
      assertFalse(b.tryTake(1), "A holds 1");
      assertTrue(b.tryTake(2));
      assertEquals(Map.of(0, seen.self(), 1, seen.self(), 2, b.look().self()),
          b.look().holders());
      // the one-key lock of the same name, as tryLead takes it, is another lock altogether
      Optional<Database.ExclusiveLock> polling = shared.tryLock("faqbot:discord-shards");
      assertTrue(polling.isPresent());
      polling.get().close();
      // and the numbered locks of another name are apart from these
      NumberedLocks other = shared.joinNumberedLocks("faqbot:something-else");
      assertTrue(other.tryTake(1));
      assertEquals(Set.of(1), other.look().holders().keySet());
      other.close();

      b.release(2);
      assertEquals(Set.of(0, 1), a.look().holders().keySet());

      // A's session ends as when its process dies: all it held is free at once
      try (Connection admin = shared.openWriter(); Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + seen.self() + ")");
        // the signal is sent at once; the session ends a moment later
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
          try (java.sql.ResultSet r = s.executeQuery(
              "SELECT 1 FROM pg_stat_activity WHERE pid = " + seen.self())) {
            if (!r.next()) {
              break;
            }
          }
          Thread.sleep(10);
        }
      }
      assertThrows(IOException.class, a::look, "A finds out at its next look");
      assertEquals(Map.of(), b.look().holders());
      assertEquals(1, b.look().members().size());
      assertTrue(b.tryTake(0));
      a.close();
      b.close();
    }
  }

  @Test
  void sharesOnPostgresqlGoThroughTheFairRule() throws Exception {
    try (Database shared = PostgresServer.freshDatabase()) {
      Leadership.Shares shares = new DatabaseLeadership(shared).share("discord-shards", 4);
      assertEquals(Set.of(), shares.step(), "nothing is taken before it was free for the grace");
      shares.close();
    }
  }
}
