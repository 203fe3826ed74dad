package faqbot.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} options, {@code --flag} switches and positional
 * words, with a usage error for anything unknown.
 */
final class Args {
  final Map<String, String> options = new HashMap<>();
  final List<String> positional = new ArrayList<>();

  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * @param withValue options that take a value ("--format", "-k")
   * @param flags options that don't ("--json")
   */
  static Args parse(List<String> args, Set<String> withValue, Set<String> flags) throws UsageException {
    Args a = new Args();
    for (int i = 0; i < args.size(); i++) {
      String s = args.get(i);
      if (s.equals("--")) {
        a.positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      String name = s;
      String inlineValue = null;
      int eq = s.indexOf('=');
      if (s.startsWith("--") && eq > 0) {
        name = s.substring(0, eq);
        inlineValue = s.substring(eq + 1);
      }
      if (withValue.contains(name)) {
        if (inlineValue == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
          }
          inlineValue = args.get(++i);
        }
        a.options.put(name, inlineValue);
      } else if (flags.contains(name) && inlineValue == null) {
        a.options.put(name, "true");
      } else if (s.startsWith("-") && s.length() > 1 && !isNumber(s)) {
        throw new UsageException("unknown option " + s);
      } else {
        a.positional.add(s);
      }
    }
    return a;
  }

  private static boolean isNumber(String s) {
    return s.matches("-\\d+(\\.\\d+)?");
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  int intOption(String name, int fallback, int min, int max) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new UsageException(name + " must be between " + min + " and " + max + ": " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be a number: " + v);
    }
  }
}
