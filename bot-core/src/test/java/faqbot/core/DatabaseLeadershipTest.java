package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
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
}
