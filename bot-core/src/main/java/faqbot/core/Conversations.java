package faqbot.core;

import faqbot.knowledge.Entry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-user conversation state, in memory: actions waiting for a confirm button, and guided
 * add flows. Keyed by the pseudonymous user key, so users never see each other's state. A
 * restart forgets it, which only costs a moderator a repeated /add.
 */
final class Conversations {
  static final long TTL_MILLIS = 30 * 60_000L;

  /** Something a confirm button will do. */
  sealed interface Action permits Forget, AddEntries, PublishAnswer, FinishPaste, ImportFiles {}

  /** Delete everything stored about the user. */
  record Forget() implements Action {}

  /** Publish these entries (a previewed add or paste). */
  record AddEntries(List<Entry> entries, String how) implements Action {
    AddEntries {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Publish a moderator's answer to a queued question, closing the item in the same step.
   *
   * @param asked the queued question's text (for the audit line and the notification)
   * @param pendingEntryId the question-only entry it publishes, or null for a new entry
   */
  record PublishAnswer(long queueId, String asked, Long pendingEntryId, String title,
      String answer) implements Action {}

  /** End the paste session and preview the page collected so far. */
  record FinishPaste() implements Action {}

  /** Import files a moderator sent, previewed; {@code staged} is deleted when done or dropped. */
  record ImportFiles(FileImports.Staged staged) implements Action {}

  /** Where a guided flow is. */
  enum Step { QUESTION, ANSWER, DOCTOR, SPECIALTY, PASTE, ANSWER_TITLE }

  /** A guided add in progress. */
  static final class Flow {
    Step step;
    String question;
    String answer;
    String doctor;
    String specialty;
    /** A paste session: the parts received so far, joined. */
    final StringBuilder page = new StringBuilder();
    int parts;
    /** The confirm token the flow's latest buttons carry, withdrawn when they are replaced. */
    String token;
    /** An answer being previewed (step ANSWER_TITLE): the next message is its new title. */
    PublishAnswer answerDraft;
    long touched;

    Flow(Step step) {
      this.step = step;
    }
  }

  private record Pending(String userKey, Action action, long expires) {}

  private final Clock clock;
  /** Told about actions that are dropped unused (expired, cancelled), to free what they hold. */
  private final java.util.function.Consumer<Action> dropped;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Flow> flows = new ConcurrentHashMap<>();

  Conversations(Clock clock) {
    this(clock, a -> { });
  }

  Conversations(Clock clock, java.util.function.Consumer<Action> dropped) {
    this.clock = clock;
    this.dropped = dropped;
  }

  private void expire(long now) {
    pending.entrySet().removeIf(e -> {
      if (e.getValue().expires < now) {
        dropped.accept(e.getValue().action);
        return true;
      }
      return false;
    });
  }

  /** Withdraws a token's action unused (its buttons were replaced); null tokens are ignored. */
  void withdraw(String token) {
    if (token != null) {
      Pending p = pending.remove(token);
      if (p != null) {
        dropped.accept(p.action);
      }
    }
  }

  /** Registers an action for the user's confirm button and returns its token. */
  String offer(String userKey, Action action) {
    long now = clock.millis();
    expire(now);
    String token = Payloads.newToken();
    pending.put(token, new Pending(userKey, action, now + TTL_MILLIS));
    return token;
  }

  /**
   * The action behind a token, removed; null when the token is unknown, expired, or another
   * user's (a forwarded or forged button).
   */
  Action take(String token, String userKey) {
    Pending p = pending.get(token);
    if (p == null || !p.userKey.equals(userKey)) {
      return null;
    }
    if (!pending.remove(token, p)) {
      return null;
    }
    if (p.expires < clock.millis()) {
      dropped.accept(p.action);
      return null;
    }
    return p.action;
  }

  Flow flow(String userKey) {
    Flow f = flows.get(userKey);
    if (f != null && f.touched + TTL_MILLIS < clock.millis()) {
      flows.remove(userKey, f);
      return null;
    }
    return f;
  }

  void start(String userKey, Flow flow) {
    flow.touched = clock.millis();
    flows.put(userKey, flow);
  }

  void touch(Flow flow) {
    flow.touched = clock.millis();
  }

  void end(String userKey) {
    flows.remove(userKey);
  }

  /** Drops the user's flow and pending confirmations; true if there was any. */
  boolean cancelAll(String userKey) {
    boolean had = flows.remove(userKey) != null;
    had |= pending.values().removeIf(p -> {
      if (p.userKey.equals(userKey)) {
        dropped.accept(p.action);
        return true;
      }
      return false;
    });
    return had;
  }
}
