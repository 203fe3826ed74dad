package faqbot.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every command the core understands, each declared once: the core's help text, argument
 * parsing and checks, Telegram's menus and group policy and Discord's slash commands all come
 * from here. Adding a command is an entry here plus its handler.
 */
public final class CommandCatalogue {
  /** How many days back admin reports look at most (ten years). */
  static final int MAX_DAYS = 3650;

  private static final String FAQ = "faq";
  private static final String ROLE = "role";

  /** The commands of {@link BotCore}. */
  public static final CommandCatalogue STANDARD = new CommandCatalogue(List.of(
      new Command("help", "What this bot can and cannot do", Role.PATIENT).alias("start"),
      new Command("ask", "Ask a health question", Role.PATIENT,
          Argument.text("question", "Your question")),
      new Command("forget", "Delete everything stored about you", Role.PATIENT).privately(),
      new Command("cancel", "Cancel what you are doing", Role.PATIENT).privately(),
      new Command("add", "Add a Q&A (guided without arguments)", Role.MODERATOR,
          Argument.text("question", "The question, as a patient would ask it").optional(),
          Argument.text("answer", "The doctor's answer").optional()).inGroup(FAQ),
      new Command("paste", "Add a page pasted in the Q&A or article format, in one message or "
          + "several", Role.MODERATOR,
          Argument.text("page", "The page, or its first part").optional()).inGroup(FAQ),
      new Command("done", "Finish a paste and preview it", Role.MODERATOR).inGroup(FAQ),
      new Command("import", "Import a file you send (page, JSONL, MedQuAD XML, zip)",
          Role.MODERATOR).inGroup(FAQ),
      new Command("edit", "Change a field of an entry", Role.MODERATOR,
          Argument.entryId("id", "Entry id"),
          Argument.choice("field", "Which part to change", List.of("title", "question", "answer",
              "more_info", "doctor", "specialty", "quick_take", "status"))
              .alias("reply", "answer").alias("body", "answer"),
          Argument.text("text", "The new text")).inGroup(FAQ),
      new Command("remove", "Remove an entry (undoable)", Role.MODERATOR,
          Argument.entryId("id", "Entry id")).inGroup(FAQ),
      new Command("undo", "Undo the last change of an entry", Role.MODERATOR,
          Argument.entryId("id", "Entry id")).inGroup(FAQ),
      new Command("list", "List entries", Role.MODERATOR,
          Argument.integer("page", "Page number", 1, Integer.MAX_VALUE).optional()).inGroup(FAQ),
      new Command("find", "Search entries", Role.MODERATOR,
          Argument.text("text", "Words to look for")).inGroup(FAQ),
      new Command("queue", "Unanswered questions, most asked first", Role.MODERATOR)
          .inGroup(FAQ),
      new Command("answer", "Answer a queued question (preview first)", Role.MODERATOR,
          Argument.queueId("queue_id", "Queue item id"),
          Argument.text("title", "The title patients see (optional)").optional(),
          Argument.text("text", "The answer")).inGroup(FAQ),
      new Command("dismiss", "Dismiss a queued question", Role.MODERATOR,
          Argument.queueId("queue_id", "Queue item id")).inGroup(FAQ),
      new Command("link", "Answer a queued question with an existing entry", Role.MODERATOR,
          Argument.queueId("queue_id", "Queue item id"),
          Argument.entryId("id", "Entry id")).inGroup(FAQ),
      new Command("alt", "An entry's alternative questions: list, add, remove", Role.MODERATOR,
          Argument.entryId("id", "Entry id"),
          Argument.choice("action", "Change them", List.of("add", "remove")).optional(),
          Argument.text("text", "The question to add, or the number to remove").optional())
          .inGroup(FAQ),
      new Command("dashboard", "A one-time sign-in link to the web dashboard", Role.MODERATOR)
          .inGroup(FAQ),
      new Command("logs", "Recent interactions", Role.ADMIN,
          Argument.choice("outcome", "Only this outcome",
              Arrays.stream(Outcome.values()).map(Outcome::key).toList()).optional(),
          days(7),
          Argument.entryId("entry", "Only questions answered with this entry").optional()),
      new Command("stats", "Statistics", Role.ADMIN, days(30)),
      new Command("export", "Interactions and statistics as CSV", Role.ADMIN, days(30)),
      new Command("grant", "Give a role", Role.ADMIN,
          Argument.user("user", "Who (platform:userId)"),
          Argument.choice("role", "The role to give", List.of("moderator", "admin"))
              .alias("mod", "moderator")).inGroup(ROLE),
      new Command("revoke", "Take a role back", Role.ADMIN,
          Argument.user("user", "Who (platform:userId)")).inGroup(ROLE),
      new Command("audit", "Moderator and admin actions", Role.ADMIN,
          Argument.integer("count", "How many actions (default 20)", 1, 500).optional())));

  private static Argument days(int byDefault) {
    return Argument.integer("days", "How many days back (default " + byDefault + ")", 1, MAX_DAYS)
        .optional();
  }

  private final List<Command> commands;

  /** A catalogue of these commands, in menu order; names and aliases must not repeat. */
  public CommandCatalogue(List<Command> commands) {
    this.commands = List.copyOf(commands);
    Set<String> names = new HashSet<>();
    for (Command c : this.commands) {
      for (String n : names(c)) {
        if (!names.add(n)) {
          throw new IllegalArgumentException("two commands named " + n);
        }
      }
    }
  }

  private static List<String> names(Command c) {
    List<String> all = new java.util.ArrayList<>(c.aliases());
    all.add(0, c.name());
    return all;
  }

  /** All commands, in menu order. */
  public List<Command> all() {
    return commands;
  }

  /** The commands a user with this role may use, in menu order. */
  public List<Command> forRole(Role role) {
    return commands.stream().filter(c -> role.atLeast(c.role())).toList();
  }

  /** The command with this name or alias (lower case, without the slash). */
  public Optional<Command> find(String name) {
    return commands.stream().filter(c -> names(c).contains(name)).findFirst();
  }
}
