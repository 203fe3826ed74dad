package faqbot.core;

import java.util.Locale;
import java.util.Optional;

/** What became of one incoming message, as the interaction log records it. */
public enum Outcome {
  /** A published entry was shown as the answer. */
  ANSWERED,
  /** No confident published match: the question went to the moderators' queue. */
  NO_MATCH,
  /** Triage recognized an emergency or self-harm: emergency guidance instead of an answer. */
  EMERGENCY,
  /**
   * A command, a button press other than a question, or small talk (a message that is only a
   * greeting, thanks or goodbye).
   */
  COMMAND,
  /**
   * A message in a language the bot does not answer in: told so in that language where it can,
   * always with the emergency number.
   */
  OTHER_LANGUAGE,
  /** A command the user's role does not allow, a message too long, or one without words. */
  REFUSED,
  /** Dropped or answered with a slow-down note because the user sent too much too fast. */
  RATE_LIMITED,
  /** Something failed inside the core; the user got an apology. */
  ERROR;

  /** Lower-case name as used in filters and CSV ("no_match"). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a key such as "no_match", "no-match" or "NO MATCH". */
  public static Optional<Outcome> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String k = s.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (Outcome o : values()) {
      if (o.name().equals(k)) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }
}
