package faqbot.core;

import faqbot.knowledge.KnowledgeBase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: the moderators' queue of unanswered questions and the askers waiting for an answer.
 * Questions enter it with their log row ({@link InteractionLog#append}); an asker's platform ids
 * are held only between their "Notify me" and the item's closing.
 */
interface QuestionQueue {

  /** An open or closed queue item. */
  record Item(long id, String text, Long pendingEntryId, int askedCount, Instant firstAt,
      Instant lastAt, String status, int subscribers) {}

  /** A subscriber to notify when a queue item is answered. */
  record Subscriber(String userKey, Platform platform, String userId, String chatId) {}

  /** The item was not open (answered or dismissed meanwhile); the transaction rolls back. */
  final class NotOpen extends RuntimeException {
    NotOpen() {
      super("the queue item is not open", null, false, false);
    }
  }

  /**
   * Records the asker's consent to be notified, with the ids needed to reach them. The button
   * names the no-match log row; only the user who asked it can subscribe, and only while the
   * question is open.
   */
  boolean subscribe(long logId, String userKey, Platform platform, String userId, String chatId);

  /** Open items, most asked first. */
  List<Item> open(int offset, int limit);

  Optional<Item> item(long id);

  /**
   * The words of a queue item: its text and each asker's own message, each once, oldest first.
   */
  List<String> phrasings(long id);

  /**
   * Closes an open item (answered or dismissed) and returns the subscribers to notify; their
   * contact details are deleted as they are no longer needed. Empty when the item is not open.
   */
  List<Subscriber> close(long id, String status, Long answerEntryId, String actor);

  /**
   * Closes the item as answered by the entry a knowledge change writes, in that change's
   * transaction, and hands over the subscribers; throws {@link NotOpen} (rolling the change back)
   * when the item is not open.
   */
  KnowledgeBase.InSameTransaction closeAnsweredBy(long id, String actor,
      Consumer<List<Subscriber>> subscribers);
}
