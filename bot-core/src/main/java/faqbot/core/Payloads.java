package faqbot.core;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Button payloads: a letter, a colon and an argument ("f:42"). Everything that comes back is
 * untrusted: a payload that does not parse, names an unknown kind or a stale token is answered
 * politely by the caller, never trusted.
 */
final class Payloads {
  /** Show the full answer of an entry. */
  static final char FULL = 'f';
  /** Show the answer of an entry (a similar-question button). */
  static final char QUESTION = 'q';
  /** Feedback on a logged answer. */
  static final char HELPFUL = 'h';
  static final char NOT_HELPFUL = 'n';
  /** Confirm or cancel a pending action by its token. */
  static final char CONFIRM = 'c';
  static final char CANCEL = 'x';
  /** Opt in to a notification when a queued question is answered. */
  static final char SUBSCRIBE = 's';
  /** A page of /list. */
  static final char LIST_PAGE = 'l';

  private static final String NUMERIC_KINDS = "fqhnsl";
  private static final String TOKEN_KINDS = "cx";
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6,16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  record Payload(char kind, String argument) {
    long number() {
      return Long.parseLong(argument);
    }
  }

  private Payloads() {}

  static String of(char kind, long number) {
    return kind + ":" + number;
  }

  static String of(char kind, String token) {
    return kind + ":" + token;
  }

  static Optional<Payload> parse(String payload) {
    if (payload == null || payload.length() < 3 || payload.length() > Button.MAX_PAYLOAD_BYTES
        || payload.charAt(1) != ':') {
      return Optional.empty();
    }
    char kind = payload.charAt(0);
    String arg = payload.substring(2);
    if (NUMERIC_KINDS.indexOf(kind) >= 0 && NUMBER.matcher(arg).matches()) {
      return Optional.of(new Payload(kind, arg));
    }
    if (TOKEN_KINDS.indexOf(kind) >= 0 && TOKEN.matcher(arg).matches()) {
      return Optional.of(new Payload(kind, arg));
    }
    return Optional.empty();
  }

  /** An unguessable token for a pending confirmation. */
  static String newToken() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(Character.forDigit(RANDOM.nextInt(36), 36));
    }
    return sb.toString();
  }
}
