package faqbot.telegram;

import faqbot.core.ChatCore;
import faqbot.core.CommandSpec;
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
  static final List<CommandSpec> COMMANDS = List.of(
      new CommandSpec("start", "What this bot is", "", Role.PATIENT),
      new CommandSpec("ask", "Ask a health question", "<question>", Role.PATIENT),
      new CommandSpec("queue", "Unanswered questions", "", Role.MODERATOR),
      new CommandSpec("export", "Interactions as CSV", "[days]", Role.ADMIN));

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
  public List<CommandSpec> commandsFor(Role role) {
    List<CommandSpec> out = new ArrayList<>();
    for (CommandSpec c : COMMANDS) {
      if (role.atLeast(c.minimumRole())) {
        out.add(c);
      }
    }
    return out;
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
