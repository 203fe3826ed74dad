package faqbot.core;

/**
 * Port: the interaction log, one row per message handled. Row ids are assigned before the row is
 * written, so a reply can carry its own log id in its buttons. Writes may be deferred (batched off
 * the reply's path) but are never dropped; {@link #flush} makes them readable.
 */
interface InteractionLog extends AutoCloseable {

  /** One logged message. */
  record Row(long id, long at, Platform platform, ChatType chatType, String userKey, String text,
      Outcome outcome, Long entryId, String externalId, Double confidence, long latencyMs,
      String triageRule, String triageLevel) {}

  /**
   * A no-match question for the moderators' queue, grouped with an open item of the same
   * normalized text, the same pending entry, or the same meaning (its embedding, may be null).
   * A follow-up names the {@code topic} of the answer before it (else null); the queue shows
   * "About Chickenpox: is it contagious", so neither moderators nor grouping read it alone.
   */
  record Question(Long pendingEntryId, float[] meaning, String topic) {

    /** The text the moderators' queue shows for the logged {@code text}. */
    String queued(String text) {
      return topic == null ? text : "About " + topic + ": " + text;
    }
  }

  long nextId();

  /**
   * Logs one row; with a {@code question} (may be null) also puts its text in the moderators'
   * queue, in the same transaction.
   */
  void append(Row row, Question question);

  /**
   * Records feedback on a logged answer of this user; false when there is no such answer (a
   * forged or someone else's button).
   */
  boolean feedback(long id, String userKey, int value);

  /** Returns once every row appended before the call is written. */
  void flush();

  /** Writes everything appended. */
  @Override
  void close();
}
