package faqbot.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where conversation state lives (see {@link Conversations}): confirmations waiting for their
 * button, guided flows, the topic of a patient's last answer, and the files of previewed imports. In the database, so that a user's next
 * message or button press may land on any replica. The state is opaque text to the store; every
 * row has an expiry, and {@link #deleteExpired} removes what passed it.
 */
interface ConversationStore extends AutoCloseable {
  /** A confirmation taken or withdrawn: whose it was, what it does, and until when it held. */
  record Pending(String userKey, String action, long expires) {}

  void putPending(String token, String userKey, String action, long expires);

  /**
   * Removes and returns the token's confirmation when it is {@code userKey}'s; another user's is
   * left in place (a forwarded or forged button) and null returned, as for an unknown token.
   */
  Pending takePending(String token, String userKey);

  /** Removes and returns the token's confirmation whoever's it is; null when there is none. */
  Pending removePending(String token);

  /** Removes and returns the user's confirmations. */
  List<Pending> removePendingOf(String userKey);

  /** The user's flow unless it expired before {@code now}; null when there is none. */
  String flow(String userKey, long now);

  void putFlow(String userKey, String flow, long expires);

  /** True when the user had a flow. */
  boolean removeFlow(String userKey);

  /** The topic of the user's last answer unless it expired before {@code now}; null when none. */
  String topic(String userKey, long now);

  void putTopic(String userKey, String topic, long expires);

  void removeTopic(String userKey);

  /** Keeps the bytes of a file sent for import, read from {@code file}, until {@code expires}. */
  void putUpload(String id, String userKey, Path file, long expires) throws IOException;

  /** The upload's bytes (at most a platform's file limit); null when it is gone. */
  byte[] upload(String id);

  void removeUpload(String id);

  /** Deletes the confirmations, flows, topics and uploads that expired before {@code now}. */
  void deleteExpired(long now);

  @Override
  void close();
}
