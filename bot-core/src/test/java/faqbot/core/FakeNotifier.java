package faqbot.core;

import java.util.ArrayList;
import java.util.List;

/** Records notifications instead of sending them. */
final class FakeNotifier implements Notifier {
  record Sent(String userId, String chatId, Reply reply) {}

  final List<Sent> sent = new ArrayList<>();
  boolean accept = true;

  @Override
  public synchronized boolean notify(String userId, String chatId, Reply reply) {
    sent.add(new Sent(userId, chatId, reply));
    return accept;
  }
}
