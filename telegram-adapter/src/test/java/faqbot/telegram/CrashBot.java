package faqbot.telegram;

import faqbot.core.BotCore;
import faqbot.core.ChatCore;
import faqbot.core.CoreConfig;
import faqbot.core.ForwardingCore;
import faqbot.core.IncomingMessage;
import faqbot.core.Part;
import faqbot.core.Reply;
import faqbot.knowledge.Entry;
import faqbot.knowledge.KnowledgeBase;
import faqbot.knowledge.Source;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The bot as its own process, wired the way the app's {@code run} wires it (knowledge base on a
 * home directory, the real BotCore with its mailbox, the Telegram adapter from the environment,
 * a shutdown hook that closes the adapter, then the core, then the knowledge base), so that
 * {@link CrashTest} and {@link TelegramLoad} can kill it with SIGKILL or stop it with SIGTERM.
 *
 * <p>The one addition: each answer ends with "ref: " and the question, so that the harness can
 * tell which question a delivered message answers and count losses and duplicates.
 *
 * <p>Arguments: home directory. Environment: as for the app ({@code TELEGRAM_BOT_TOKEN},
 * {@code TELEGRAM_API_URL}, ..., {@code FAQBOT_DATABASE_URL} for a replica on a shared database). It exits when its standard input closes, so that it never
 * outlives the harness.
 */
public final class CrashBot {
  static final String REF = "ref: ";

  private CrashBot() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    String shared = System.getenv("FAQBOT_DATABASE_URL");
    // replicas: each its own home (index), all one PostgreSQL; the harness seeds it first
    KnowledgeBase kb = shared == null ? KnowledgeBase.open(home)
        : KnowledgeBase.open(home, faqbot.knowledge.Database.postgresql(shared, null, null));
    if (kb.counts().total() == 0) {
      seed(kb);
    }
    BotCore core = BotCore.create(CoreConfig.defaults()
        .withPseudonymizationKey("crash test pseudonymization key"), kb, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    List<AutoCloseable> bots = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (AutoCloseable bot : bots) {
        closeQuietly(bot);
      }
      closeQuietly(core);
      closeQuietly(kb);
      System.err.println("crashbot: stopped");
      stopped.countDown();
    }, "crashbot-shutdown"));
    TelegramSettings settings = TelegramSettings.fromEnvironment(System.getenv()).orElseThrow();
    bots.add(TelegramBot.start(settings, new Referencing(core)));
    System.err.println("crashbot: running");
    Thread watchdog = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the harness never writes; end of input means it is gone
        }
      } catch (java.io.IOException e) {
        // the same
      }
      System.exit(3);
    }, "crashbot-stdin");
    watchdog.setDaemon(true);
    watchdog.start();
    stopped.await();
  }

  static void seed(KnowledgeBase kb) throws Exception {
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Cement leaking outside the vertebra after kyphoplasty")
        .question("After balloon kyphoplasty the X-ray shows some cement outside the bone. "
            + "Should I worry?")
        .doctorName("Mara Lind")
        .specialty("Spine surgery")
        .reply("Small amounts of cement outside the vertebra are common after kyphoplasty and "
            + "usually cause no trouble. It matters where the cement went: a CT scan shows that. "
            + "New leg weakness or numbness needs a prompt check by the surgeon.")
        .replyDate(LocalDate.of(2021, 3, 14))
        .source(new Source("test", "crash", null, "crash-cement"))
        .build(), "test");
    kb.add(Entry.builder(Entry.Kind.QA)
        .title("Walking after vertebroplasty")
        .question("How soon can I walk after a vertebroplasty?")
        .doctorName("Ines Varga")
        .specialty("Neurosurgery")
        .reply("Most people walk the same day, a few hours after a vertebroplasty. Start with"
            + " short walks and build up over the following weeks.")
        .replyDate(LocalDate.of(2023, 6, 1))
        .source(new Source("test", "crash", null, "crash-walk"))
        .build(), "test");
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("crashbot: while stopping: " + e.getMessage());
    }
  }

  /** The real core, with the question appended to its last reply. */
  private static final class Referencing extends ForwardingCore {
    Referencing(ChatCore core) {
      super(core);
    }

    @Override
    public List<Reply> handle(IncomingMessage message) {
      List<Reply> replies = new ArrayList<>(core.handle(message));
      if (!replies.isEmpty() && !message.isButton()) {
        Reply last = replies.remove(replies.size() - 1);
        List<Part> parts = new ArrayList<>(last.parts());
        parts.add(Part.paragraph(REF + message.text()));
        replies.add(new Reply(parts, last.buttons(), last.privateToAsker(), last.attachment()));
      }
      return replies;
    }
  }
}
