package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Database;
import faqbot.knowledge.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two replicas' mailboxes on one PostgreSQL: each event handled once, a dead one's work adopted. */
class SharedMailboxTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void anEventDeliveredToBothReplicasIsStoredOnce() {
    try (Database db = PostgresServer.freshDatabase();
        SqliteMailbox a = SqliteMailbox.open(db, new TestClock(T0));
        SqliteMailbox b = SqliteMailbox.open(db, new TestClock(T0))) {
      assertTrue(a.shared());
      assertEquals(1, a.receive(Platform.TELEGRAM,
          List.of(new Mailbox.Arrival("7", "chat", "hello")), null, null).size());
      // the load balancer retried the webhook on the other replica
      assertEquals(List.of(), b.receive(Platform.TELEGRAM,
          List.of(new Mailbox.Arrival("7", "chat", "hello")), null, null));
    }
  }

  @Test
  void aLiveReplicasWorkIsLeftAloneAndADeadOnesIsAdoptedWhenItsLeaseRunsOut() {
    TestClock clockA = new TestClock(T0);
    TestClock clockB = new TestClock(T0);
    try (Database db = PostgresServer.freshDatabase();
        SqliteMailbox a = SqliteMailbox.open(db, clockA);
        SqliteMailbox b = SqliteMailbox.open(db, clockB)) {
      List<Mailbox.Turn> turns = a.receive(Platform.TELEGRAM, List.of(
          new Mailbox.Arrival("1", "chat", "one"), new Mailbox.Arrival("2", "chat", "two")),
          null, null);
      a.finish(turns.get(0).id(), List.of(Mailbox.Outgoing.draft("chat", "answer one")));
      // B starting: A is alive, its turn and message are its own
      assertEquals(List.of(), b.unfinished(Platform.TELEGRAM));
      assertEquals(List.of(), b.undelivered(Platform.TELEGRAM));
      assertEquals(List.of(), b.orphanedTurns(Platform.TELEGRAM));

      // A keeps renewing while it lives
      clockA.advance(Duration.ofSeconds(20));
      clockB.advance(Duration.ofSeconds(20));
      a.renewClaims();
      clockB.advance(Duration.ofSeconds(20));
      assertEquals(List.of(), b.orphanedTurns(Platform.TELEGRAM), "renewed 20 s ago");

      // A died: nobody renews; after the lease B adopts the turn and the message, once
      clockB.advance(SqliteMailbox.LEASE);
      assertEquals(List.of("two"),
          b.orphanedTurns(Platform.TELEGRAM).stream().map(Mailbox.Turn::payload).toList());
      assertEquals(List.of("answer one"),
          b.orphanedMessages(Platform.TELEGRAM).stream().map(Mailbox.Outgoing::payload).toList());
      assertEquals(List.of(), b.orphanedTurns(Platform.TELEGRAM), "adopted once");
      assertEquals(List.of(), b.orphanedMessages(Platform.TELEGRAM));
    }
  }
}
