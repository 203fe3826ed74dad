package faqbot.core;

import java.util.List;
import java.util.OptionalLong;

/**
 * Port: the durable inbox and outbox an adapter works from, so that nothing a user sent and
 * nothing the bot answered is lost when the process dies. An adapter stores each platform event
 * here before it confirms it to the platform, processes stored turns, stores a turn's outgoing
 * messages together with marking the turn done, and deletes nothing itself: a message is marked
 * delivered once the platform confirmed it. On start it resumes {@link #unfinished} turns and
 * sends {@link #undelivered} messages. Payloads are the adapter's own serialized form, opaque here.
 *
 * <p>{@link BotCore#mailbox()} keeps both in the core's SQLite database.
 */
public interface Mailbox {

  /** An event as received: the platform's unique id for it, the lane (chat) it belongs to. */
  record Arrival(String sourceId, String lane, String payload) {}

  /** A stored turn, not yet done. Turns of one lane are to be handled in id order. */
  record Turn(long id, String lane, String payload) {}

  /**
   * An outgoing message; {@code id} is 0 before it is stored. Messages of one lane are to be
   * delivered in id order.
   */
  record Outgoing(long id, String lane, String payload, long createdAtMillis) {
    public static Outgoing draft(String lane, String payload) {
      return new Outgoing(0, lane, payload, 0);
    }
  }

  /**
   * Stores the arrivals that are not stored yet and, in the same transaction, sets the cursor
   * {@code cursorName} (for example the last confirmed update id) when {@code cursor} is not null.
   * Returns the newly stored turns in arrival order; an arrival seen before is not returned again.
   */
  List<Turn> receive(Platform platform, List<Arrival> arrivals, String cursorName, Long cursor);

  /** The value last stored for the cursor. */
  OptionalLong cursor(Platform platform, String cursorName);

  /**
   * For an adapter that starts: turns stored, not yet done and handled by no live replica (an
   * earlier run left them, or one that died), oldest first; this process handles them from now on.
   */
  List<Turn> unfinished(Platform platform);

  /**
   * For a periodic sweep on a shared mailbox: as {@link #unfinished}, but never this process's
   * own turns, which it handles already: only those of replicas that died.
   */
  default List<Turn> orphanedTurns(Platform platform) {
    return List.of();
  }

  /**
   * Marks the turn done and stores its outgoing messages, in one transaction; returns them with
   * their ids. Finishing a turn twice stores nothing the second time and returns an empty list.
   */
  List<Outgoing> finish(long turnId, List<Outgoing> replies);

  /** Stores messages that belong to no turn (a notification, a note added by the sender). */
  List<Outgoing> post(Platform platform, List<Outgoing> messages);

  /**
   * For an adapter that starts: messages stored, neither delivered nor given up, that no live
   * replica is sending, oldest first (as {@link #unfinished}).
   */
  List<Outgoing> undelivered(Platform platform);

  /** For a periodic sweep: as {@link #orphanedTurns}, the messages of replicas that died. */
  default List<Outgoing> orphanedMessages(Platform platform) {
    return List.of();
  }

  /** The platform confirmed the message: it is never sent again. */
  void delivered(long outgoingId);

  /** The platform refused the message for good (blocked, bad request): it is not sent again. */
  void refused(long outgoingId);

  /**
   * Whether other replicas share it (a shared database): an adapter then calls
   * {@link #renewClaims} and adopts {@link #orphanedTurns} and {@link #orphanedMessages} every few
   * seconds, so that a replica that died has its work done by another.
   */
  default boolean shared() {
    return false;
  }

  /**
   * Keeps this process's claims on its turns and messages; on a shared mailbox, at least every
   * {@link #CLAIM_RENEWAL}, or another replica takes them over.
   */
  default void renewClaims() {}

  /** How often a replica renews its claims on a shared mailbox. */
  java.time.Duration CLAIM_RENEWAL = java.time.Duration.ofSeconds(10);

  /**
   * The same tables in a private in-memory database, for cores without a database (test
   * doubles): it does not survive the process.
   */
  static Mailbox inMemory() {
    return SqliteMailbox.inMemory(java.time.Clock.systemUTC());
  }
}
