package faqbot.core;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A chat command, declared once in {@link CommandCatalogue}: the core parses and checks its
 * arguments, and the adapters build their menus and slash commands from it.
 *
 * @param name without the slash, lower case ("ask", "queue")
 * @param description one line for help texts and menus
 * @param arguments in the order they are typed
 * @param role who may use it (the core checks this on every call, whatever a menu shows)
 * @param scope where it may be used
 * @param group a family of commands a platform may show together (Discord nests them as
 *     subcommands of one slash command named after it); null for a command of its own
 * @param aliases other names the core accepts ("start" for "help"); menus show only the name
 */
public record Command(String name, String description, List<Argument> arguments, Role role,
    Scope scope, String group, List<String> aliases) {

  /** Where a command may be used. */
  public enum Scope {
    /** Anywhere, groups too: its answer is for whoever reads the chat (a question, help). */
    ANYWHERE,
    /**
     * Only where nobody else reads the exchange: a private chat, or an exchange the platform
     * shows to the sender alone (a Discord ephemeral reply). Staff output shows patients'
     * questions, and a user's own data is theirs.
     */
    PRIVATE
  }

  public Command {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scope, "scope");
    arguments = List.copyOf(arguments);
    aliases = List.copyOf(aliases);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < arguments.size(); i++) {
      Argument a = arguments.get(i);
      if (!names.add(a.name())) {
        throw new IllegalArgumentException(name + ": two arguments named " + a.name());
      }
      // typed text reads a text to the end of the line, so nothing but a second text may follow
      if (a.kind() == Argument.Kind.TEXT && i + 1 < arguments.size()
          && (arguments.get(i + 1).kind() != Argument.Kind.TEXT || i + 2 < arguments.size())) {
        throw new IllegalArgumentException(name + ": only a last text may follow a text");
      }
    }
  }

  /** A command of its own, used anywhere, without aliases. */
  public Command(String name, String description, Role role, Argument... arguments) {
    this(name, description, List.of(arguments), role,
        role == Role.PATIENT ? Scope.ANYWHERE : Scope.PRIVATE, null, List.of());
  }

  public Command privately() {
    return new Command(name, description, arguments, role, Scope.PRIVATE, group, aliases);
  }

  public Command inGroup(String group) {
    return new Command(name, description, arguments, role, scope, group, aliases);
  }

  public Command alias(String alias) {
    List<String> more = new java.util.ArrayList<>(aliases);
    more.add(alias);
    return new Command(name, description, arguments, role, scope, group, more);
  }

  /** The argument syntax for help texts: {@code <queue_id> [<title> |] <text>}. */
  String usage() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < arguments.size(); i++) {
      Argument a = arguments.get(i);
      boolean barFollows = a.kind() == Argument.Kind.TEXT && i + 1 < arguments.size();
      String shown = a.placeholder() + (barFollows ? " |" : "");
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(a.required() ? shown : "[" + shown + "]");
    }
    return sb.toString();
  }

  /** "/edit <id> <field> <text>". */
  public String synopsis() {
    String usage = usage();
    return "/" + name + (usage.isEmpty() ? "" : " " + usage);
  }

  /** The argument called {@code name}, or null. */
  public Argument argument(String name) {
    for (Argument a : arguments) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return null;
  }
}
