package faqbot.dashboard;

import faqbot.core.BotCore;
import faqbot.core.ChatType;
import faqbot.core.CoreConfig;
import faqbot.core.IncomingMessage;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.TestClock;
import faqbot.core.Turn;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A knowledge base with two entries (our own synthetic words, no patient's), a core with one admin
 * and one moderator, a log seeded over several days through the core itself, and the dashboard.
 */
final class Harness implements AutoCloseable {
  static final String ADMIN = "1001";
  static final String MODERATOR = "1002";
  static final String UNANSWERED = "Can a parrot learn to whistle the national anthem backwards?";
  private static final Pattern LINK = Pattern.compile("(http\\S+/signin/[A-Za-z0-9_-]+)");

  final TestClock clock;
  final KnowledgeBase kb;
  final BotCore core;
  final DashboardServer server;
  long kneeId;
  /** Questions (answered, no match, emergency) and other messages the seeded log holds. */
  int seeded;
  int refused;
  int urgent;

  Harness(Path home, boolean readOnly, Instant start) throws IOException {
    this(home, null, readOnly, start);
  }

  /**
   * On {@code database} (null: the home's SQLite file). A second harness on a database another
   * one seeded is one more replica: it adds no entries and grants no role again.
   */
  Harness(Path home, faqbot.knowledge.Database database, boolean readOnly, Instant start)
      throws IOException {
    clock = new TestClock(start);
    kb = database == null ? KnowledgeBase.open(home) : KnowledgeBase.open(home, database);
    if (kb.counts().total() > 0) {
      core = BotCore.create(config(), kb, clock);
      server = DashboardServer.start(new DashboardServer.Settings("127.0.0.1", 0, null, readOnly),
          core, kb, clock);
      return;
    }
    kneeId = kb.add(Entry.builder(Entry.Kind.QA)
        .title("Knee pain after running")
        .question("My knee hurts on the outside after long runs. What can I do?")
        .doctorName("Ana Ruiz")
        .specialty("Sports Medicine")
        .reply("Pain on the outside of the knee after long runs often comes from an irritated "
            + "band of tissue along the thigh. Rest, a slow return to running and hip "
            + "strengthening usually help.")
        .replyDate(LocalDate.of(2021, 4, 2))
        .source(new Source("test", "seed", null, "test-knee"))
        .build(), "test").id();
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Sore wrist after typing")
        .question("My wrist aches after a day of typing. What helps?")
        .reply("Regular breaks, a neutral wrist position and stretching help most aching wrists.")
        .replyDate(LocalDate.of(2021, 5, 3))
        .source(new Source("test", "seed", null, "test-wrist"))
        .build(), "test");
    core = BotCore.create(config(), kb, clock);
    say(ADMIN, "/grant telegram:" + MODERATOR + " moderator");
    server = DashboardServer.start(new DashboardServer.Settings("127.0.0.1", 0, null, readOnly),
        core, kb, clock);
  }

  private static CoreConfig config() {
    return CoreConfig.defaults()
        .withInitialAdmins("telegram:" + ADMIN)
        .withPseudonymizationKey("dashboard-test-key-0123456789");
  }

  /** Messages from patients over the last days: answers, feedback, no-matches, an emergency. */
  void seedLog() {
    Instant end = clock.instant();
    clock.advance(Duration.ofDays(-5));
    for (int day = 0; day < 5; day++) {
      for (int i = 0; i <= day; i++) {
        Turn t = say("p" + i, "my knee hurts on the outside after long runs, what can I do?");
        seeded++;
        if (i == 0 && t.replies().get(0).buttons().size() > 1) {
          // the last two buttons are Helpful / Not helpful
          var buttons = t.replies().get(0).buttons();
          press("p" + i, buttons.get(buttons.size() - (day % 2 == 0 ? 2 : 1)).payload());
        }
      }
      say("p9", UNANSWERED);
      seeded++;
      if (day % 2 == 1) {
        // no words: refused, in the chart but not a question
        say("p6", "???");
        refused++;
      }
      if (day == 3) {
        Turn t = say("p5", "new numbness in my left leg since my kyphoplasty last week");
        seeded++;
        urgent += t.triage().equals("urgent") ? 1 : 0;
      }
      clock.advance(Duration.ofDays(1));
    }
    say("p8", "my father has crushing chest pain and can't breathe right now");
    seeded++;
    clock.advance(Duration.between(clock.instant(), end));
  }

  Turn say(String userId, String text) {
    return core.process(IncomingMessage.text(Platform.TELEGRAM, userId, ChatType.PRIVATE, userId,
        null, text));
  }

  Turn press(String userId, String payload) {
    return core.process(IncomingMessage.button(Platform.TELEGRAM, userId, ChatType.PRIVATE,
        userId, null, payload));
  }

  /** Sends /dashboard as this staff member and returns the link from the reply. */
  String link(String userId) {
    Turn t = say(userId, "/dashboard");
    String text = t.replies().stream().map(Reply::plainText).reduce("", String::concat);
    Matcher m = LINK.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no link in the reply: " + text);
    }
    return m.group(1);
  }

  String base() {
    return server.url().toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    core.close();
    kb.close();
  }
}
