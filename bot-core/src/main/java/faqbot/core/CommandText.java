package faqbot.core;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed command, split: {@code "/ask@faqbot is it safe?"} is {@code ask}, addressed to
 * {@code faqbot}, with the rest {@code "is it safe?"}. Telegram addresses commands in groups to
 * one bot this way; this is the one place that reads that suffix, for the core and the adapters.
 *
 * @param name lower case, without the slash
 * @param addressee the bot named after "@", or null
 * @param rest what follows the command, stripped (line breaks inside it are kept)
 */
public record CommandText(String name, String addressee, String rest) {
  private static final Pattern COMMAND =
      Pattern.compile("/([A-Za-z0-9_]{1,32})(?:@(\\S*))?(?=\\s|$)(.*)", Pattern.DOTALL);

  /** The command in {@code text}, or empty when it does not start with one. */
  public static Optional<CommandText> parse(String text) {
    Matcher m = COMMAND.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new CommandText(m.group(1).toLowerCase(Locale.ROOT), m.group(2),
        m.group(3).strip()));
  }

  /** The command without its addressee: {@code "/ask is it safe?"}. */
  public String text() {
    return rest.isEmpty() ? "/" + name : "/" + name + " " + rest;
  }
}
