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
  sealed interface Action permits Forget, AddEntries {}

  /** Delete everything stored about the user. */
  record Forget() implements Action {}

  /** Publish these entries (a previewed add or paste). */
  record AddEntries(List<Entry> entries, String how) implements Action {
    AddEntries {
      entries = List.copyOf(entries);
    }
  }

  /** Where a guided flow is. */
  enum Step { QUESTION, ANSWER, DOCTOR, SPECIALTY, PASTE }

  /** A guided add in progress. */
  static final class Flow {
    Step step;
    String question;
    String answer;
    String doctor;
    String specialty;
    long touched;

    Flow(Step step) {
      this.step = step;
    }
  }

  private record Pending(String userKey, Action action, long expires) {}

  private final Clock clock;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Flow> flows = new ConcurrentHashMap<>();

  Conversations(Clock clock) {
    this.clock = clock;
  }

  /** Registers an action for the user's confirm button and returns its token. */
  String offer(String userKey, Action action) {
    long now = clock.millis();
    pending.values().removeIf(p -> p.expires < now);
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
    if (!pending.remove(token, p) || p.expires < clock.millis()) {
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
    had |= pending.values().removeIf(p -> p.userKey.equals(userKey));
    return had;
  }
}
