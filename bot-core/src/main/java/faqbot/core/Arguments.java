package faqbot.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's arguments, checked against its {@link Argument}s: from typed text, or from the
 * typed values a platform passed. Both ways end in {@link Argument#accept}, so they cannot
 * disagree on what a valid value is.
 */
final class Arguments {
  /** Why a command's arguments were refused, in words for the user. */
  static final class Refused extends Exception {
    Refused(String why) {
      super(why, null, false, false);
    }
  }

  private final Map<String, Object> values;

  private Arguments(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * Reads typed text. Arguments are taken in order; an optional one the next word does not fit
   * is passed over, so optional words may come in any order ("/logs #12 30", "/logs 30 #12").
   * A text takes the rest of the line; a second text after it is separated by "|". A command
   * without arguments ignores what follows it (Telegram's "/start payload").
   */
  static Arguments parse(Command command, String rest, Platform platform) throws Refused {
    List<Argument> args = command.arguments();
    Map<String, Object> values = new HashMap<>();
    int at = skipSpace(rest, 0);
    while (at < rest.length() && !args.isEmpty()) {
      int end = at;
      while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
        end++;
      }
      String word = rest.substring(at, end);
      boolean taken = false;
      for (int i = 0; i < args.size() && !taken; i++) {
        Argument a = args.get(i);
        if (values.containsKey(a.name())) {
          continue;
        }
        if (a.kind() == Argument.Kind.TEXT) {
          texts(args.subList(i, args.size()), rest.substring(at), platform, values);
          return check(command, values);
        }
        try {
          values.put(a.name(), a.accept(word, platform));
          taken = true;
        } catch (IllegalArgumentException e) {
          if (a.required()) {
            throw new Refused(e.getMessage());
          }
        }
      }
      if (!taken) {
        throw new Refused("I can't read \"" + Texts.oneLine(word, 40) + "\" here");
      }
      at = skipSpace(rest, end);
    }
    return check(command, values);
  }

  /** One text, or two separated by "|" (the first may be left out when it is optional). */
  private static void texts(List<Argument> texts, String rest, Platform platform,
      Map<String, Object> values) throws Refused {
    Argument first = texts.get(0);
    if (texts.size() == 1) {
      put(values, first, rest, platform);
      return;
    }
    Argument second = texts.get(1);
    int bar = rest.indexOf('|');
    if (bar >= 0) {
      put(values, first, rest.substring(0, bar), platform);
      put(values, second, rest.substring(bar + 1), platform);
    } else {
      put(values, first.required() ? first : second, rest, platform);
    }
  }

  private static void put(Map<String, Object> values, Argument a, Object raw, Platform platform)
      throws Refused {
    try {
      Object v = a.accept(raw, platform);
      if (!"".equals(v)) {
        values.put(a.name(), v);
      }
    } catch (IllegalArgumentException e) {
      throw new Refused(e.getMessage());
    }
  }

  /** Checks the typed values of a {@link CommandCall}. */
  static Arguments bind(Command command, Map<String, Object> given, Platform platform)
      throws Refused {
    Map<String, Object> values = new HashMap<>();
    for (Map.Entry<String, Object> e : given.entrySet()) {
      Argument a = command.argument(e.getKey());
      if (a == null) {
        throw new Refused("/" + command.name() + " has no " + e.getKey());
      }
      put(values, a, e.getValue(), platform);
    }
    return check(command, values);
  }

  private static Arguments check(Command command, Map<String, Object> values) throws Refused {
    for (Argument a : command.arguments()) {
      if (a.required() && !values.containsKey(a.name())) {
        throw new Refused(a.name() + " is missing");
      }
    }
    return new Arguments(values);
  }

  private static int skipSpace(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A value given as typed text for the log and triage: {@code /answer Q7 Title | text}. */
  static String shown(Command command, Map<String, Object> given) {
    StringBuilder sb = new StringBuilder("/").append(command.name());
    List<Argument> args = command.arguments();
    for (int i = 0; i < args.size(); i++) {
      Object v = given.get(args.get(i).name());
      if (v == null) {
        continue;
      }
      sb.append(' ').append(Texts.sanitize(String.valueOf(v)).strip());
      boolean textFollows = args.get(i).kind() == Argument.Kind.TEXT && i + 1 < args.size()
          && given.get(args.get(i + 1).name()) != null;
      if (textFollows) {
        sb.append(" |");
      }
    }
    return sb.toString();
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** A text, choice or user argument; null when not given. */
  String text(String name) {
    return (String) values.get(name);
  }

  /** A number or id argument; null when not given. */
  Long number(String name) {
    return (Long) values.get(name);
  }

  int number(String name, int byDefault) {
    Long n = number(name);
    return n == null ? byDefault : (int) Math.min(n, Integer.MAX_VALUE);
  }
}
