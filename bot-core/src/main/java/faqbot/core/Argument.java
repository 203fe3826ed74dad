package faqbot.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One argument of a {@link Command}: its name (a Discord option's name too), the kind of value it
 * takes and its limits. Typed text ("/edit 12 answer ...") and values a platform passes typed (a
 * Discord option) are checked by the same {@link #accept} rules, so a limit is declared once.
 *
 * @param name lower case letters and underscores, unique in its command
 * @param kind what it takes
 * @param required whether the command needs it
 * @param description one line for help texts and platform menus
 * @param min the smallest number an {@link Kind#INTEGER} takes
 * @param max the largest number an {@link Kind#INTEGER} takes, or the most characters a
 *     {@link Kind#TEXT} takes; 0 when only the message length limits it
 * @param choices the values a {@link Kind#CHOICE} takes, as platforms offer them
 * @param aliases other spellings a person may type for a choice ("mod" for "moderator")
 */
public record Argument(String name, Kind kind, boolean required, String description, long min,
    long max, List<String> choices, Map<String, String> aliases) {

  /** What an argument takes. */
  public enum Kind {
    /** Free text. Typed, it takes the rest of the line; two in a row are separated by "|". */
    TEXT,
    /** A whole number from {@code min} to {@code max}. */
    INTEGER,
    /** A knowledge-base entry: 12 or #12. */
    ENTRY_ID,
    /** An item of the moderators' queue: 7 or Q7. */
    QUEUE_ID,
    /** One of {@code choices}. */
    CHOICE,
    /**
     * A user. Typed as platform:userId (telegram:123); a platform that picks users itself passes
     * its numeric user id (a Long), which belongs to the platform the command came from.
     */
    USER
  }

  public Argument {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (!name.matches("[a-z][a-z_]{0,31}")) {
      throw new IllegalArgumentException("argument name " + name);
    }
    choices = List.copyOf(choices);
    aliases = Map.copyOf(aliases);
    if (kind == Kind.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException(name + ": a choice needs choices");
    }
  }

  public static Argument text(String name, String description) {
    return new Argument(name, Kind.TEXT, true, description, 0, 0, List.of(), Map.of());
  }

  public static Argument integer(String name, String description, long min, long max) {
    return new Argument(name, Kind.INTEGER, true, description, min, max, List.of(), Map.of());
  }

  public static Argument entryId(String name, String description) {
    return new Argument(name, Kind.ENTRY_ID, true, description, 0, 0, List.of(), Map.of());
  }

  public static Argument queueId(String name, String description) {
    return new Argument(name, Kind.QUEUE_ID, true, description, 0, 0, List.of(), Map.of());
  }

  public static Argument choice(String name, String description, List<String> choices) {
    return new Argument(name, Kind.CHOICE, true, description, 0, 0, choices, Map.of());
  }

  public static Argument user(String name, String description) {
    return new Argument(name, Kind.USER, true, description, 0, 0, List.of(), Map.of());
  }

  /** The same argument, not needed by its command. */
  public Argument optional() {
    return new Argument(name, kind, false, description, min, max, choices, aliases);
  }

  /** The same choice, also taking {@code alias} for {@code choice}. */
  public Argument alias(String alias, String choice) {
    Map<String, String> more = new java.util.HashMap<>(aliases);
    more.put(alias, choice);
    return new Argument(name, kind, required, description, min, max, choices, more);
  }

  /** How help texts show it: {@code <id>}, or {@code <moderator|admin>} for a short choice. */
  String placeholder() {
    boolean spelledOut = kind == Kind.CHOICE && choices.size() <= 3;
    return "<" + (spelledOut ? String.join("|", choices) : name) + ">";
  }

  private static final Pattern ENTRY = Pattern.compile("[#qQ]?([0-9]{1,18})");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

  /**
   * The value this argument holds for {@code raw}: typed text, or a platform's typed value (a
   * number, a string, a user id). TEXT, CHOICE and USER give a String, the rest a Long.
   *
   * @param platform where the command came from, for a user a platform picked by its own id
   * @throws IllegalArgumentException saying what is wrong, in words for the user
   */
  Object accept(Object raw, Platform platform) {
    String s = raw instanceof String str ? Texts.sanitize(str).strip() : String.valueOf(raw);
    switch (kind) {
      case TEXT -> {
        if (max > 0 && s.length() > max) {
          throw new IllegalArgumentException(name + " may have at most " + max + " characters");
        }
        return s;
      }
      case INTEGER -> {
        if (!NUMBER.matcher(s).matches()) {
          throw new IllegalArgumentException(name + " must be a whole number");
        }
        long n = Long.parseLong(s);
        if (n < min || n > max) {
          throw new IllegalArgumentException(name + " must be from " + min + " to " + max);
        }
        return n;
      }
      case ENTRY_ID, QUEUE_ID -> {
        Matcher m = ENTRY.matcher(s);
        if (!m.matches()) {
          throw new IllegalArgumentException(name + " must be "
              + (kind == Kind.ENTRY_ID ? "an entry number such as 12" : "a queue item such as Q7"));
        }
        return Long.valueOf(m.group(1));
      }
      case CHOICE -> {
        String key = choiceKey(s);
        for (String c : choices) {
          if (choiceKey(c).equals(key)) {
            return c;
          }
        }
        for (Map.Entry<String, String> a : aliases.entrySet()) {
          if (choiceKey(a.getKey()).equals(key)) {
            return a.getValue();
          }
        }
        throw new IllegalArgumentException(name + " must be one of " + String.join(", ", choices));
      }
      case USER -> {
        // a platform's own user picker gives a bare number; typed references name their platform
        return CoreConfig.normalizeUserRef(raw instanceof Number ? platform.key() + ":" + s : s);
      }
      default -> throw new IllegalStateException(kind.name());
    }
  }

  /** "more_info", "more-info" and "MoreInfo" are one choice. */
  private static String choiceKey(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }
}
