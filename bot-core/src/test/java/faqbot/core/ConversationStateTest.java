package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Database;
import faqbot.knowledge.Entry;
import faqbot.knowledge.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversation state and rate limits in the database: two stores on one database stand for two
 * replicas (or two processes on one SQLite file). Runs on SQLite, and on PostgreSQL in bot-core's
 * second surefire run.
 */
class ConversationStateTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  @TempDir Path dir;
  Database db;
  SqliteConversationStore storeA;
  SqliteConversationStore storeB;
  SqliteRateLimits limitsA;
  SqliteRateLimits limitsB;
  final TestClock clock = new TestClock(T0);

  @BeforeEach
  void open() {
    db = Fixtures.openDatabase(dir);
    storeA = new SqliteConversationStore(db);
    storeB = new SqliteConversationStore(db);
    limitsA = new SqliteRateLimits(db);
    limitsB = new SqliteRateLimits(db);
  }

  @AfterEach
  void close() {
    storeA.close();
    storeB.close();
    limitsA.close();
    limitsB.close();
    db.close();
  }

  private long count(String table) throws SQLException {
    try (Connection c = db.openReader(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Test
  void aFlowAndAConfirmationMadeOnOneReplicaAreFoundOnTheOther() {
    Conversations a = new Conversations(clock, storeA);
    Conversations b = new Conversations(clock, storeB);
    Conversations.Flow f = new Conversations.Flow(Conversations.Step.PASTE);
    f.page.append("Q: line one\nsecond \"quoted\" line ✓");
    f.parts = 2;
    f.answerDraft = new Conversations.PublishAnswer(7, "asked?", null, "Title", "An answer.");
    a.start("mod", f);
    Conversations.Flow there = b.flow("mod");
    assertNotNull(there);
    assertEquals(Conversations.Step.PASTE, there.step);
    assertEquals(f.page.toString(), there.page.toString());
    assertEquals(2, there.parts);
    assertEquals(f.answerDraft, there.answerDraft);
    assertNull(b.flow("someone else"));

    Entry draft = GuidedFlows.draft(clock, "Can I swim after knee surgery?", "After two weeks.",
        "Ana Ruiz", null).toBuilder().source(new Source("chat", "moderators", null, "chat-1"))
        .build();
    String token = a.offer("mod", new Conversations.AddEntries(List.of(draft), "add"));
    assertNull(b.take(token, "patient"), "another user's button does nothing");
    Conversations.Action taken = b.take(token, "mod");
    assertEquals(new Conversations.AddEntries(List.of(draft), "add"), taken);
    assertNull(a.take(token, "mod"), "taken once, on whichever replica got the press");

    assertTrue(b.cancelAll("mod"));
    assertNull(a.flow("mod"));
    assertTrue(!a.cancelAll("mod"));
  }

  @Test
  void expiredStateIsRefusedAndDeleted() throws Exception {
    Conversations a = new Conversations(clock, storeA);
    Conversations b = new Conversations(clock, storeB);
    a.start("mod", new Conversations.Flow(Conversations.Step.QUESTION));
    Path sent = Files.writeString(dir.resolve("sent.txt"), "the file's bytes");
    String upload = a.keepUpload("mod", sent);
    String token = a.offer("mod", new Conversations.ImportFiles(upload, "sent.txt"));
    String forget = a.offer("mod", new Conversations.Forget());
    assertEquals("the file's bytes", new String(b.upload(upload), StandardCharsets.UTF_8));

    clock.advance(Duration.ofMillis(Conversations.TTL_MILLIS + 1));
    assertNull(b.flow("mod"), "a flow lasts 30 minutes from its last step");
    assertNull(b.take(token, "mod"), "an expired button does nothing");
    assertNull(b.upload(upload), "and its file goes with it");
    assertEquals(1, count("core_pending"));
    assertEquals(1, count("core_flows"));

    b.offer("patient", new Conversations.Forget()); // sweeps what expired, whoever's
    assertEquals(1, count("core_pending"));
    assertEquals(0, count("core_flows"));
    assertEquals(0, count("core_uploads"));
    assertNull(a.take(forget, "mod"));
  }

  @Test
  void theRateLimitCountsAUsersMessagesOnBothReplicas() throws Exception {
    RateLimiter a = new RateLimiter(6, clock, limitsA);
    RateLimiter b = new RateLimiter(6, clock, limitsB);
    for (int i = 0; i < 6; i++) {
      assertEquals(RateLimiter.Verdict.ALLOW, (i % 2 == 0 ? a : b).acquire("u"), "message " + i);
    }
    assertEquals(RateLimiter.Verdict.WARN, b.acquire("u"));
    assertEquals(RateLimiter.Verdict.DROP, a.acquire("u"));
    assertEquals(RateLimiter.Verdict.DROP, b.acquire("u"));
    assertEquals(RateLimiter.Verdict.ALLOW, a.acquire("v"), "other users are not limited");

    clock.advance(Duration.ofSeconds(10)); // one token per 10 s
    assertEquals(RateLimiter.Verdict.ALLOW, b.acquire("u"));
    assertEquals(RateLimiter.Verdict.WARN, a.acquire("u"));
    assertEquals(RateLimiter.Verdict.DROP, b.acquire("u"));

    clock.advance(Duration.ofMinutes(5));
    a.acquire("w"); // forgets buckets idle for over a minute (full again)
    assertEquals(1, count("core_rate_limits"));
    assertEquals(RateLimiter.Verdict.ALLOW, b.acquire("u"));
  }

  @Test
  void aDatabaseThatDoesNotAnswerLetsMessagesThrough() {
    RateLimitStore down = new RateLimitStore() {
      @Override
      public Bucket acquire(String key, int capacity, long now) {
        throw new java.io.UncheckedIOException(new java.io.IOException("connection refused"));
      }

      @Override
      public void forgetIdle(long before) {
        throw new java.io.UncheckedIOException(new java.io.IOException("connection refused"));
      }

      @Override
      public void close() {}
    };
    RateLimiter l = new RateLimiter(1, clock, down);
    for (int i = 0; i < 3; i++) {
      assertEquals(RateLimiter.Verdict.ALLOW, l.acquire("u"));
    }
    clock.advance(Duration.ofMinutes(2)); // the sweep fails too, quietly
    assertEquals(RateLimiter.Verdict.ALLOW, l.acquire("u"));
  }

  @Test
  void aDroppedFloodIsNotCountedInTheDatabaseUntilATokenCanBeBack() {
    AtomicInteger asked = new AtomicInteger();
    RateLimitStore counting = new RateLimitStore() {
      @Override
      public Bucket acquire(String key, int capacity, long now) {
        asked.incrementAndGet();
        return limitsA.acquire(key, capacity, now);
      }

      @Override
      public void forgetIdle(long before) {
        limitsA.forgetIdle(before);
      }

      @Override
      public void close() {}
    };
    RateLimiter a = new RateLimiter(6, clock, counting);
    RateLimiter b = new RateLimiter(6, clock, limitsB);
    for (int i = 0; i < 8; i++) {
      a.acquire("u");
    }
    assertEquals(8, asked.get(), "six allowed, a warning, the first drop");
    for (int i = 0; i < 100; i++) {
      assertEquals(RateLimiter.Verdict.DROP, a.acquire("u"));
    }
    assertEquals(8, asked.get(), "the flood is dropped here");
    clock.advance(Duration.ofMillis(9_999));
    assertEquals(RateLimiter.Verdict.DROP, a.acquire("u"));
    clock.advance(Duration.ofMillis(1));
    assertEquals(RateLimiter.Verdict.ALLOW, a.acquire("u"), "a token came back after 10 s");
    assertEquals(RateLimiter.Verdict.WARN, b.acquire("u"), "and was taken, on every replica");
    int before = asked.get();
    assertEquals(RateLimiter.Verdict.ALLOW,
        new RateLimiter(RateLimiter.UNLIMITED, clock, counting).acquire("x"));
    assertEquals(before, asked.get(), "no limit, nothing counted");
  }
}
