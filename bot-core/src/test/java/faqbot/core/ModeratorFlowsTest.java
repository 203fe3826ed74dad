package faqbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import faqbot.knowledge.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /answer, paste sessions and files through chat, driven through {@link FakeChat}. */
class ModeratorFlowsTest extends CoreTestCase {
  static final String MOD = "500";
  static final String PATIENT = "111";

  static final String PAGE = String.join("\n",
      "Back pain when sitting after vertebroplasty",
      "Three weeks after vertebroplasty my back hurts when I sit for more than an hour.",
      "Is that normal?",
      "lee, 60~69 year old male. Ask Date: 2021/03/04",
      "Dr. Chen Hao reply Orthopedics",
      "Hello, some pain while sitting is common for a few weeks after the procedure.",
      "If the pain grows or spreads to the legs, please see your surgeon.",
      "Reply Date: 2021/03/05");

  @BeforeEach
  void open() throws Exception {
    chat.say(ADMIN, "/grant telegram:" + MOD + " moderator");
  }

  private String queueId(String startOfQuestion) {
    String queue = FakeChat.text(chat.say(MOD, "/queue"));
    return queue.replaceAll("(?s).*?Q(\\d+) asked \\d+x[^:]*: " + startOfQuestion + ".*", "$1");
  }

  private int entries() {
    return kb.counts().total();
  }

  @Test
  void answerWithoutANotifierPreviewsACleanTitleThenPublishesClosesAuditsOnce() {
    // no notifier registered at all, as in the console: this used to crash after publishing
    List<Reply> asked = chat.say(PATIENT, "my grandmother has glaucoma , is it hereditary");
    chat.pressLabeled(PATIENT, asked, "Notify me");
    String qid = queueId("my grandmother");
    int before = entries();

    List<Reply> preview = chat.say(MOD, "/answer Q" + qid + " Some kinds of glaucoma run in "
        + "families; relatives of a patient should have their eyes checked regularly.");
    String text = FakeChat.text(preview);
    assertTrue(text.contains("Nothing is published yet"), text);
    assertTrue(text.contains("My grandmother has glaucoma, is it hereditary?"), text);
    assertEquals(before, entries(), "a preview publishes nothing");

    // the moderator replaces the title; the first preview's Publish is void
    List<Reply> retitled = chat.say(MOD, "Is glaucoma hereditary?");
    assertTrue(FakeChat.text(retitled).contains("The title patients see: \"Is glaucoma "
        + "hereditary?\""), FakeChat.text(retitled));
    assertTrue(FakeChat.text(chat.pressLabeled(MOD, preview, "Publish")).contains("expired"));
    assertEquals(before, entries());

    String done = FakeChat.text(chat.pressLabeled(MOD, retitled, "Publish"));
    assertTrue(done.contains("Published #") && done.contains("notified 0 of 1"), done);
    assertEquals(before + 1, entries());
    Entry published = kb.list(0, 1000, false).stream()
        .filter(e -> e.title().equals("Is glaucoma hereditary?")).findFirst().orElseThrow();
    assertEquals(Entry.Status.PUBLISHED, published.status());
    List<Admin.AuditRecord> audit = core.admin().audit(10).stream()
        .filter(a -> a.action().equals("answer")).toList();
    assertEquals(1, audit.size(), audit.toString());
    assertEquals("Q" + qid, audit.get(0).target());
    assertTrue(audit.get(0).detail().startsWith("#" + published.id() + ": "), audit.toString());
    assertTrue(FakeChat.text(chat.say(MOD, "/queue")).contains("The queue is empty"));
    // the title message was authoring, not a question: nothing new was queued
    assertEquals(Outcome.ANSWERED, chat.turn(PATIENT, "is glaucoma hereditary").outcome());
  }

  @Test
  void answerWithANotifierTellsTheAskerWithTheTitleTheModeratorChose() {
    FakeNotifier notifier = new FakeNotifier();
    core.registerNotifier(Platform.TELEGRAM, notifier);
    chat.pressLabeled(PATIENT, chat.say(PATIENT, "does coffee stop calcium working"), "Notify me");
    String qid = queueId("does coffee");
    List<Reply> preview = chat.say(MOD, "/answer " + qid + " Coffee and calcium | A cup or two "
        + "of coffee a day has little effect on calcium when you get enough of it.");
    assertTrue(FakeChat.text(preview).contains("\"Coffee and calcium\""), FakeChat.text(preview));
    String done = FakeChat.text(chat.pressLabeled(MOD, preview, "Publish"));
    assertTrue(done.contains("notified 1 of 1"), done);
    assertEquals(1, notifier.sent.size());
    String sent = notifier.sent.get(0).reply().plainText();
    assertTrue(sent.contains("Coffee and calcium") && sent.contains("little effect"), sent);
  }

  @Test
  void anItemClosedBetweenPreviewAndPublishPublishesNothing() {
    chat.say(PATIENT, "can I swim with a cast");
    String qid = queueId("can I swim");
    List<Reply> preview = chat.say(MOD, "/answer " + qid + " Only with a waterproof cover.");
    chat.say(MOD, "/dismiss " + qid);
    int before = entries();
    String text = FakeChat.text(chat.pressLabeled(MOD, preview, "Publish"));
    assertTrue(text.contains("no longer open") && text.contains("nothing was published"), text);
    assertEquals(before, entries());
    assertTrue(core.admin().audit(10).stream().noneMatch(a -> a.action().equals("answer")));
  }

  @Test
  void answerUsage() {
    assertTrue(FakeChat.text(chat.say(MOD, "/answer")).contains("Usage: /answer"));
    assertTrue(FakeChat.text(chat.say(MOD, "/answer Q77 text")).contains("no open queue item"));
  }

  @Test
  void aPageInSeveralMessagesIsOnePreviewAndNoPartIsQueued() {
    int split = PAGE.indexOf("Dr. Chen Hao");
    String ack = FakeChat.text(chat.say(MOD, "/paste " + PAGE.substring(0, split).strip()));
    assertTrue(ack.contains("Got part 1"), ack);
    assertTrue(FakeChat.text(chat.say(MOD, PAGE.substring(split).strip())).contains("Got part 2"));
    List<Reply> preview = chat.say(MOD, "/done");
    String text = FakeChat.text(preview);
    assertTrue(text.contains("Preview") && text.contains("Dr. Chen Hao, Orthopedics"), text);
    assertTrue(text.contains("some pain while sitting is common"), text);
    assertTrue(FakeChat.text(chat.say(MOD, "/queue")).contains("The queue is empty"));
    chat.pressLabeled(MOD, preview, "Publish");
    assertEquals(Outcome.ANSWERED,
        chat.turn(PATIENT, "back pain when sitting after vertebroplasty").outcome());
  }

  @Test
  void cancelEndsAPasteSessionAndDoneWithoutOneSaysSo() {
    chat.say(MOD, "/paste");
    chat.say(MOD, "Back pain when sitting");
    assertTrue(FakeChat.text(chat.say(MOD, "/cancel")).contains("Cancelled"));
    assertTrue(FakeChat.text(chat.say(MOD, "/done")).contains("no paste in progress"));
    // after the session a plain message is a question again
    assertEquals(Outcome.NO_MATCH, chat.turn(MOD, "does yoga help with tinnitus").outcome());
  }

  @Test
  void aPatientCannotPasteAndAnEmergencyInAPatientsMessageIsStillFirst() {
    assertTrue(FakeChat.text(chat.say(PATIENT, "/paste")).contains("not allowed"));
    Turn t = chat.turn(PATIENT, "/done my father has crushing chest pain and can't breathe");
    assertEquals(Outcome.EMERGENCY, t.outcome());
  }

  // ---- files -----------------------------------------------------------------------------------

  private static IncomingFile file(String name, byte[] bytes, AtomicInteger opened) {
    return new IncomingFile(name, "text/plain", bytes.length, 20L << 20, () -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(bytes);
    });
  }

  private List<Reply> send(String user, String caption, IncomingFile f) {
    return core.handle(IncomingMessage.file(Platform.TELEGRAM, "chat-" + user, ChatType.PRIVATE,
        user, "User " + user, caption, f));
  }

  /** Files sent and kept: in the database between preview and import, on disk never after. */
  private long uploadsLeft() throws IOException, java.sql.SQLException {
    long kept;
    try (java.sql.Connection c = kb.database().openReader();
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT count(*) FROM core_uploads")) {
      r.next();
      kept = r.getLong(1);
    }
    Path uploads = home.resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return kept;
    }
    try (Stream<Path> s = Files.walk(uploads)) {
      long onDisk = s.filter(Files::isRegularFile).count();
      assertEquals(0, onDisk, "nothing sent stays on this replica's disk after its turn");
      return kept;
    }
  }

  @Test
  void aModeratorsPageIsPreviewedThenImportedOnConfirm() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    int before = entries();
    List<Reply> preview = send(MOD, "", file("back-pain.txt",
        PAGE.getBytes(StandardCharsets.UTF_8), opened));
    String text = FakeChat.text(preview);
    assertTrue(text.contains("back-pain.txt: qa_page, would add 1, update 0, leave 0 unchanged, "
        + "skip 0"), text);
    assertEquals(before, entries(), "a preview imports nothing");
    assertEquals(1, uploadsLeft());
    String done = FakeChat.text(chat.pressLabeled(MOD, preview, "Import"));
    assertTrue(done.contains("back-pain.txt: qa_page, 1 added, 0 updated, 0 unchanged, 0 skipped"),
        done);
    assertEquals(before + 1, entries());
    assertEquals(0, uploadsLeft(), "the file is deleted once imported");
    assertEquals(Outcome.ANSWERED,
        chat.turn(PATIENT, "back pain when sitting after vertebroplasty").outcome());
    // the same file again: nothing to do
    String again = FakeChat.text(send(MOD, "", file("back-pain.txt",
        PAGE.getBytes(StandardCharsets.UTF_8), opened)));
    assertTrue(again.contains("leave 1 unchanged") && again.contains("Nothing to import"), again);
    assertTrue(core.admin().audit(5).stream().anyMatch(a -> a.action().equals("import")));
  }

  @Test
  void aZipIsPreviewedPerFileAndABrokenFileIsReportedWithItsLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("pages/back-pain.txt"));
      zip.write(PAGE.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("pages/broken.jsonl"));
      zip.write("{\"kind\":\"QA\"\n".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("../../escape/LICENSE.txt"));
      zip.write("Permission is hereby granted".getBytes(StandardCharsets.UTF_8));
    }
    int before = entries();
    List<Reply> preview = send(MOD, "", file("pack.zip", bytes.toByteArray(),
        new AtomicInteger()));
    String text = FakeChat.text(preview);
    assertTrue(text.contains("pages/back-pain.txt: qa_page, would add 1"), text);
    assertTrue(text.contains("pages/broken.jsonl: FAILED, nothing imported: pages/broken.jsonl")
        && text.contains("line 1"), text);
    assertTrue(text.contains("escape/LICENSE.txt: not a knowledge document, passed over"), text);
    assertFalse(Files.exists(home.resolve("escape")));
    assertFalse(Files.exists(home.getParent().resolve("escape")));
    String done = FakeChat.text(chat.pressLabeled(MOD, preview, "Import"));
    assertEquals(before + 1, entries(), done);
    assertTrue(done.contains("pages/broken.jsonl: FAILED"), done);
    assertEquals(0, uploadsLeft());
  }

  @Test
  void cancelledOrTooLargeFilesLeaveNothing() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    List<Reply> preview = send(MOD, "", file("back-pain.txt",
        PAGE.getBytes(StandardCharsets.UTF_8), opened));
    chat.pressLabeled(MOD, preview, "Cancel");
    assertEquals(0, uploadsLeft());
    // /cancel, and a preview left unconfirmed past its 30 minutes, delete the file too
    send(MOD, "", file("back-pain.txt", PAGE.getBytes(StandardCharsets.UTF_8), opened));
    assertEquals(1, uploadsLeft());
    chat.say(MOD, "/cancel");
    assertEquals(0, uploadsLeft());
    List<Reply> forgotten = send(MOD, "", file("back-pain.txt",
        PAGE.getBytes(StandardCharsets.UTF_8), opened));
    clock.advance(java.time.Duration.ofMinutes(31));
    chat.say(MOD, "/forget"); // any new confirmation sweeps the expired ones
    assertEquals(0, uploadsLeft());
    assertTrue(FakeChat.text(chat.pressLabeled(MOD, forgotten, "Import")).contains("expired"));
    chat.say(MOD, "/cancel");
    IncomingFile huge = new IncomingFile("big.jsonl", null, 30L << 20, 20L << 20, () -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(new byte[0]);
    });
    int fetched = opened.get();
    String text = FakeChat.text(send(MOD, "", huge));
    assertTrue(text.contains("at most 20 MB") && text.contains("Nothing was imported"), text);
    assertEquals(fetched, opened.get(), "a file over the limit is not fetched");
    String unknown = FakeChat.text(send(MOD, "", file("notes.txt",
        "just some words".getBytes(StandardCharsets.UTF_8), opened)));
    assertTrue(unknown.contains("notes.txt: FAILED, nothing imported") && unknown.contains(
        "unknown format"), unknown);
    assertEquals(0, uploadsLeft());
  }

  @Test
  void aPatientsFileIsNeitherFetchedNorKeptAndItsCaptionIsTriagedFirst() throws Exception {
    AtomicInteger opened = new AtomicInteger();
    byte[] scan = "not really an x-ray".getBytes(StandardCharsets.UTF_8);
    String polite = FakeChat.text(send(PATIENT, "", file("xray.jpg", scan, opened)));
    assertTrue(polite.contains("I can't open files") && polite.contains("911"), polite);
    Turn emergency = core.process(IncomingMessage.file(Platform.TELEGRAM, "chat-" + PATIENT,
        ChatType.PRIVATE, PATIENT, "P", "my father has crushing chest pain and can't breathe",
        file("xray.jpg", scan, opened)));
    assertEquals(Outcome.EMERGENCY, emergency.outcome());
    // a moderator's caption is triaged too, before anything is fetched
    Turn mod = core.process(IncomingMessage.file(Platform.TELEGRAM, "chat-" + MOD,
        ChatType.PRIVATE, MOD, "M", "I have crushing chest pain and can't breathe",
        file("back-pain.txt", PAGE.getBytes(StandardCharsets.UTF_8), opened)));
    assertEquals(Outcome.EMERGENCY, mod.outcome());
    Turn question = core.process(IncomingMessage.file(Platform.TELEGRAM, "chat-" + PATIENT,
        ChatType.PRIVATE, PATIENT, "P", "knee pain after running", file("knee.png", scan, opened)));
    assertEquals(Outcome.ANSWERED, question.outcome());
    assertTrue(question.replies().get(0).plainText().startsWith("I can't open files"));
    assertEquals(0, opened.get());
    assertEquals(0, uploadsLeft());
  }
}
