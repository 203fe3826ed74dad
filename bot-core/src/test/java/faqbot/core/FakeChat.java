package faqbot.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written chat platform for tests: users send text, press buttons and submit forms, and
 * the replies come back as the adapters would receive them.
 */
final class FakeChat {
  final BotCore core;
  final Platform platform;

  FakeChat(BotCore core, Platform platform) {
    this.core = core;
    this.platform = platform;
  }

  List<Reply> say(String userId, String text) {
    return core.handle(IncomingMessage.text(platform, "chat-" + userId, ChatType.PRIVATE, userId,
        "User " + userId, text));
  }

  Turn turn(String userId, String text) {
    return core.process(IncomingMessage.text(platform, "chat-" + userId, ChatType.PRIVATE, userId,
        "User " + userId, text));
  }

  List<Reply> sayInGroup(String userId, String text) {
    return core.handle(IncomingMessage.text(platform, "group-1", ChatType.GROUP, userId,
        "User " + userId, text));
  }

  List<Reply> press(String userId, String payload) {
    return core.handle(IncomingMessage.button(platform, "chat-" + userId, ChatType.PRIVATE, userId,
        "User " + userId, payload));
  }

  List<Reply> submit(String userId, Map<String, String> form) {
    return core.handle(new IncomingMessage(platform, "chat-" + userId, ChatType.PRIVATE, userId,
        "User " + userId, null, "", null, form));
  }

  /** Presses the first button of the replies whose label starts with {@code label}. */
  List<Reply> pressLabeled(String userId, List<Reply> replies, String label) {
    return press(userId, button(replies, label).orElseThrow(
        () -> new AssertionError("no button '" + label + "' in " + replies)).payload());
  }

  static Optional<Button> button(List<Reply> replies, String label) {
    return replies.stream().flatMap(r -> r.buttons().stream())
        .filter(b -> b.label().startsWith(label)).findFirst();
  }

  static String text(List<Reply> replies) {
    StringBuilder sb = new StringBuilder();
    for (Reply r : replies) {
      sb.append(r.plainText()).append('\n');
    }
    return sb.toString();
  }
}
