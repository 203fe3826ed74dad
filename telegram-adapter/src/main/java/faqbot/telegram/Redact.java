package faqbot.telegram;

/**
 * Describes failures for log lines without the token. Exceptions are logged as these strings,
 * never as throwables, because a stack trace prints every cause's message and the library's
 * request URLs contain the token.
 */
final class Redact {
  private Redact() {}

  static String describe(Throwable t, String token) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 5; c = c.getCause(), depth++) {
      if (depth > 0) {
        sb.append(" <- ");
      }
      sb.append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
    }
    return scrub(sb.toString(), token);
  }

  static String scrub(String text, String token) {
    if (text == null || token == null || token.isEmpty()) {
      return text;
    }
    String out = text.replace(token, "<token>");
    int colon = token.indexOf(':');
    // the secret half alone is as sensitive as the whole token
    return colon > 0 && colon < token.length() - 1
        ? out.replace(token.substring(colon + 1), "<token>") : out;
  }
}
