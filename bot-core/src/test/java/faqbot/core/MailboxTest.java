package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailboxTest {
  @TempDir Path dir;

  @Test
  void turnsAndMessagesSurviveReopeningInOrderAndOnlyOnce() throws Exception {
    Path db = dir.resolve("faqbot.db");
    long firstTurn;
    try (SqliteMailbox box = SqliteMailbox.open(db, Clock.systemUTC())) {
      List<Mailbox.Turn> stored = box.receive(Platform.TELEGRAM, List.of(
          new Mailbox.Arrival("u1", "chat-a", "one"),
          new Mailbox.Arrival("u2", "chat-b", "two"),
          new Mailbox.Arrival("u3", "chat-a", "three")), "offset", 3L);
      assertEquals(3, stored.size());
      // a redelivery (webhook retry, a poll the kill cut off) is recognised
      List<Mailbox.Turn> again = box.receive(Platform.TELEGRAM, List.of(
          new Mailbox.Arrival("u3", "chat-a", "three"),
          new Mailbox.Arrival("u4", "chat-b", "four")), "offset", 4L);
      assertEquals(List.of("four"), again.stream().map(Mailbox.Turn::payload).toList());
      firstTurn = stored.get(0).id();
      List<Mailbox.Outgoing> replies = box.finish(firstTurn, List.of(
          Mailbox.Outgoing.draft("chat-a", "answer 1a"),
          Mailbox.Outgoing.draft("chat-a", "answer 1b")));
      assertEquals(2, replies.size());
      assertTrue(replies.get(0).id() < replies.get(1).id());
      assertEquals(List.of(), box.finish(firstTurn, List.of(
          Mailbox.Outgoing.draft("chat-a", "a second answer to the same turn"))));
      box.delivered(replies.get(0).id());
    }
    try (SqliteMailbox box = SqliteMailbox.open(db, Clock.systemUTC())) {
      assertEquals(OptionalLong.of(4), box.cursor(Platform.TELEGRAM, "offset"));
      assertEquals(OptionalLong.empty(), box.cursor(Platform.DISCORD, "offset"));
      assertEquals(List.of("two", "three", "four"), box.unfinished(Platform.TELEGRAM).stream()
          .map(Mailbox.Turn::payload).toList());
      assertEquals(List.of(), box.unfinished(Platform.DISCORD));
      List<Mailbox.Outgoing> pending = box.undelivered(Platform.TELEGRAM);
      assertEquals(List.of("answer 1b"), pending.stream().map(Mailbox.Outgoing::payload).toList());
      box.refused(pending.get(0).id());
      assertEquals(List.of(), box.undelivered(Platform.TELEGRAM));
      List<Mailbox.Outgoing> posted = box.post(Platform.TELEGRAM,
          List.of(Mailbox.Outgoing.draft("chat-c", "note")));
      assertEquals(posted, box.undelivered(Platform.TELEGRAM));
    }
    // what patients wrote is not kept once the turn is answered and the answer delivered
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT payload FROM mailbox_in WHERE id = " + firstTurn)) {
        assertTrue(r.next());
        assertNull(r.getString(1));
      }
      try (ResultSet r = s.executeQuery(
          "SELECT COUNT(*) FROM mailbox_out WHERE state <> 'pending' AND payload IS NOT NULL")) {
        r.next();
        assertEquals(0, r.getInt(1));
      }
    }
  }

  @Test
  void aSweepIsNeverHandedThisProcesssOwnWorkButAnEarlierProcesssAtOnce() throws Exception {
    Path db = dir.resolve("faqbot.db");
    try (SqliteMailbox box = SqliteMailbox.open(db, Clock.systemUTC())) {
      box.receive(Platform.TELEGRAM, List.of(new Mailbox.Arrival("u1", "a", "one")), null, null);
      box.post(Platform.TELEGRAM, List.of(Mailbox.Outgoing.draft("a", "note")));
      // its own turn is in its hands already: a periodic sweep must not handle it twice
      assertEquals(List.of(), box.orphanedTurns(Platform.TELEGRAM));
      assertEquals(List.of(), box.orphanedMessages(Platform.TELEGRAM));
    }
    try (SqliteMailbox next = SqliteMailbox.open(db, Clock.systemUTC())) {
      assertEquals(List.of("one"),
          next.orphanedTurns(Platform.TELEGRAM).stream().map(Mailbox.Turn::payload).toList());
      assertEquals(List.of("note"),
          next.orphanedMessages(Platform.TELEGRAM).stream().map(Mailbox.Outgoing::payload).toList());
      assertEquals(List.of(), next.orphanedTurns(Platform.TELEGRAM), "adopted once");
    }
  }

  @Test
  void doneRowsAreDeletedAfterAWeekWhileTheBotRuns() throws Exception {
    TestClock clock = new TestClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (SqliteMailbox box = SqliteMailbox.open(dir.resolve("faqbot.db"), clock)) {
      List<Mailbox.Turn> t = box.receive(Platform.TELEGRAM,
          List.of(new Mailbox.Arrival("u1", "a", "one")), null, null);
      box.delivered(box.finish(t.get(0).id(), List.of(Mailbox.Outgoing.draft("a", "r"))).get(0)
          .id());
      clock.advance(java.time.Duration.ofDays(6));
      assertTrue(box.receive(Platform.TELEGRAM, List.of(new Mailbox.Arrival("u1", "a", "one")),
          null, null).isEmpty(), "within the week a redelivery is still recognised");
      clock.advance(java.time.Duration.ofDays(2));
      box.receive(Platform.TELEGRAM, List.of(), null, null);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("faqbot.db"));
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) FROM mailbox_in)"
              + " + (SELECT COUNT(*) FROM mailbox_out)")) {
        r.next();
        assertEquals(0, r.getInt(1));
      }
    }
  }

  @Test
  void coreWithoutDatabaseKeepsTheSameTablesInMemory() {
    Mailbox box = new ChatCore() {
      @Override
      public List<Reply> handle(IncomingMessage message) {
        return List.of();
      }

      @Override
      public Role roleOf(Platform platform, String userId) {
        return Role.PATIENT;
      }

      @Override
      public void registerNotifier(Platform platform, Notifier notifier) {}
    }.mailbox();
    List<Mailbox.Turn> t = box.receive(Platform.DISCORD,
        List.of(new Mailbox.Arrival("m1", "dm", "hi")), null, null);
    assertEquals(1, t.size());
    box.finish(t.get(0).id(), List.of(Mailbox.Outgoing.draft("dm", "hello")));
    assertEquals(List.of(), box.unfinished(Platform.DISCORD));
    assertEquals(1, box.undelivered(Platform.DISCORD).size());
  }
}
