package faqbot.telegram;

import faqbot.core.ChatCore;
import faqbot.core.Argument;
import faqbot.core.Command;
import faqbot.core.CommandCatalogue;
import faqbot.core.IncomingMessage;
import faqbot.core.Mailbox;
import faqbot.core.Notifier;
import faqbot.core.Platform;
import faqbot.core.Reply;
import faqbot.core.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A hand-written core for adapter-only tests: answers with whatever the test scripts and records
 * what the adapter passed in. The end-to-end tests use the real BotCore.
 */
final class FakeCore implements ChatCore {
  /** A catalogue of its own, so that menus are seen to come from the core's catalogue. */
  static final CommandCatalogue COMMANDS = new CommandCatalogue(List.of(
      new Command("start", "What this bot is", Role.PATIENT),
      new Command("ask", "Ask a health question", Role.PATIENT,
          Argument.text("question", "Your question")),
      new Command("queue", "Unanswered questions", Role.MODERATOR),
      new Command("export", "Interactions as CSV", Role.ADMIN,
          Argument.integer("days", "How many days back", 1, 3650).optional())));

  final List<IncomingMessage> received = new ArrayList<>();
  final Map<String, Role> roles = new ConcurrentHashMap<>();
  /** One mailbox for every bot started on this core, as the real core's database is. */
  final Mailbox mailbox = Mailbox.inMemory();
  volatile Notifier notifier;
  volatile Function<IncomingMessage, List<Reply>> responder =
      m -> List.of(Reply.builder().add(faqbot.core.Part.paragraph("echo: " + m.text())).build());

  @Override
  public List<Reply> handle(IncomingMessage message) {
    synchronized (this) {
      received.add(message);
      notifyAll();
    }
    return responder.apply(message);
  }

  synchronized List<IncomingMessage> received() {
    return new ArrayList<>(received);
  }

  synchronized IncomingMessage awaitMessage(int count, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (received.size() < count) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("core got " + received.size() + " messages, expected " + count);
      }
      wait(left);
    }
    return received.get(count - 1);
  }

  @Override
  public Role roleOf(Platform platform, String userId) {
    return roles.getOrDefault(userId, Role.PATIENT);
  }

  @Override
  public CommandCatalogue commands() {
    return COMMANDS;
  }

  @Override
  public Mailbox mailbox() {
    return mailbox;
  }

  @Override
  public void registerNotifier(Platform platform, Notifier notifier) {
    if (platform == Platform.TELEGRAM) {
      this.notifier = notifier;
    }
  }
}
