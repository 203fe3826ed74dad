package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Database;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.PostgresServer;
import faqbot.knowledge.SearchHit;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas (two cores, each with its own home and search index and its own connection pool)
 * on one PostgreSQL, a user's messages dealt to either: a moderator's flow, a confirmation and a
 * file import go on wherever the next message lands, the rate limit counts both, and what one
 * publishes the other answers within seconds. Skipped where no PostgreSQL can be started.
 */
class ReplicasStateTest {
  private static final String ADMIN = "900";
  private static final String PATIENT = "77";

  @TempDir Path homeA;
  @TempDir Path homeB;
  final TestClock clock = new TestClock(Fixtures.START);
  KnowledgeBase kbA;
  KnowledgeBase kbB;
  BotCore coreA;
  BotCore coreB;
  FakeChat a;
  FakeChat b;

  @BeforeEach
  void open() throws Exception {
    String url = PostgresServer.freshUrl();
    kbA = KnowledgeBase.open(homeA, Database.postgresql(url, null, null));
    kbB = KnowledgeBase.open(homeB, Database.postgresql(url, null, null));
    kbA.followStore();
    kbB.followStore();
    CoreConfig config = CoreConfig.defaults().withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey("a test key of enough bytes");
    coreA = BotCore.create(config, kbA, clock);
    coreB = BotCore.create(config, kbB, clock);
    a = new FakeChat(coreA, Platform.TELEGRAM);
    b = new FakeChat(coreB, Platform.TELEGRAM);
  }

  @AfterEach
  void close() throws Exception {
    coreA.close();
    coreB.close();
    kbA.close();
    kbB.close();
  }

  @Test
  void aGuidedAddGoesOnWhereverTheNextMessageLandsAndTheOtherReplicaAnswersWithIt()
      throws Exception {
    assertTrue(FakeChat.text(b.say(ADMIN, "/add")).contains("First, send the question"));
    String question = "Can I swim two weeks after a knee arthroscopy?";
    assertTrue(FakeChat.text(a.say(ADMIN, question)).contains("Now send the doctor's answer"),
        "the flow started on B goes on on A");
    assertTrue(FakeChat.text(b.say(ADMIN, "Wait until the small wounds have closed, usually "
        + "about two weeks, before swimming.")).contains("Who answered?"));
    assertTrue(FakeChat.text(a.say(ADMIN, "Ana Ruiz")).contains("specialty"));
    List<Reply> preview = b.say(ADMIN, "Sports Medicine");
    assertTrue(FakeChat.text(preview).contains("Preview"), FakeChat.text(preview));

    // Publish pressed on A: the entry is written there, and B must find it
    String done = FakeChat.text(a.pressLabeled(ADMIN, preview, "Publish"));
    Matcher id = Pattern.compile("Published #(\\d+)").matcher(done);
    assertTrue(id.find(), done);
    long entryId = Long.parseLong(id.group(1));
    long start = System.nanoTime();
    while (!found(kbB, question, entryId)) {
      assertTrue(System.nanoTime() - start < 5_000_000_000L,
          "replica B did not find the entry published on A within 5 s");
      Thread.sleep(20);
    }
    Turn answered = b.turn(PATIENT, question);
    assertEquals(Outcome.ANSWERED, answered.outcome());
    assertEquals(entryId, answered.entryId());
  }

  @Test
  void aRoleGrantedOnOneReplicaHoldsOnTheOtherWithinSeconds() throws Exception {
    assertTrue(FakeChat.text(a.say(ADMIN, "/grant telegram:500 moderator")).contains("500"));
    assertEquals(Role.MODERATOR, coreA.roleOf(Platform.TELEGRAM, "500"));
    long start = System.nanoTime();
    while (coreB.roleOf(Platform.TELEGRAM, "500") != Role.MODERATOR) {
      assertTrue(System.nanoTime() - start < 2 * BotCore.ROLES_FRESH_NANOS,
          "B did not see the grant made on A");
      Thread.sleep(100);
    }
    assertTrue(FakeChat.text(b.say(ADMIN, "/revoke telegram:500")).contains("now a patient"));
    start = System.nanoTime();
    while (coreA.roleOf(Platform.TELEGRAM, "500") != Role.PATIENT) {
      assertTrue(System.nanoTime() - start < 2 * BotCore.ROLES_FRESH_NANOS,
          "A did not see the revocation made on B");
      Thread.sleep(100);
    }
  }

  private static boolean found(KnowledgeBase kb, String question, long id) {
    List<SearchHit> hits = kb.search(question, 1);
    return !hits.isEmpty() && hits.get(0).entry().id() == id;
  }

  @Test
  void aConfirmationAndAFileSentOnOneReplicaAreTakenUpOnTheOther() throws Exception {
    List<Reply> ask = a.say(PATIENT, "/forget");
    String forgotten = FakeChat.text(b.pressLabeled(PATIENT, ask, "Yes, delete everything"));
    assertTrue(forgotten.contains("Done: I deleted everything"), forgotten);

    byte[] jsonl = ("{\"kind\":\"QA\",\"title\":\"Hiccups that last for days\",\"question\":"
        + "\"My hiccups have lasted three days. Should I see a doctor?\",\"reply\":\"Yes: hiccups "
        + "that last more than two days should be examined by a doctor.\",\"source\":"
        + "{\"externalId\":\"replica-hiccups\"}}\n").getBytes(StandardCharsets.UTF_8);
    List<Reply> preview = coreA.handle(IncomingMessage.file(Platform.TELEGRAM, "chat-" + ADMIN,
        ChatType.PRIVATE, ADMIN, "Admin", "", new IncomingFile("hiccups.jsonl", null,
            jsonl.length, 20L << 20, () -> new ByteArrayInputStream(jsonl))));
    assertTrue(FakeChat.text(preview).contains("would add 1"), FakeChat.text(preview));
    assertEquals(0, filesUnder(homeA.resolve("uploads")), "the bytes wait in the database");
    assertEquals(1, uploadsKept());

    String imported = FakeChat.text(b.pressLabeled(ADMIN, preview, "Import"));
    assertTrue(imported.contains("1 added"), imported);
    assertTrue(kbB.getByExternalId("replica-hiccups").isPresent());
    assertEquals(0, uploadsKept());
    assertEquals(0, filesUnder(homeB.resolve("uploads")));
  }

  @Test
  void theRateLimitCountsAUsersMessagesOnBothReplicas() {
    int limit = coreA.config().rateLimitPerMinute();
    for (int i = 0; i < limit; i++) {
      Turn t = (i % 2 == 0 ? a : b).turn(PATIENT, "hello there number " + i);
      assertNotEquals(Outcome.RATE_LIMITED, t.outcome(), "message " + i);
    }
    Turn warned = a.turn(PATIENT, "one more");
    assertEquals(Outcome.RATE_LIMITED, warned.outcome(), "over the limit across both replicas");
    assertTrue(FakeChat.text(warned.replies()).contains("faster than I can answer"));
    Turn dropped = b.turn(PATIENT, "and another");
    assertEquals(Outcome.RATE_LIMITED, dropped.outcome());
    assertEquals(List.of(), dropped.replies(), "warned once, on whichever replica");
    clock.advance(java.time.Duration.ofSeconds(60));
    assertNotEquals(Outcome.RATE_LIMITED, b.turn(PATIENT, "later").outcome());
  }

  private long uploadsKept() throws Exception {
    try (Connection c = kbA.database().openReader(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM core_uploads")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long filesUnder(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
