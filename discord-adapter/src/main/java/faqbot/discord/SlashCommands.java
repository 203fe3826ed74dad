package faqbot.discord;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The slash commands we register and how each maps to the text command the core understands.
 * Default member permissions only pre-filter the menus for server owners: the core checks our own
 * roles on every call.
 */
final class SlashCommands {
  static final String ADD_MODAL_ID = "fq-add";
  static final List<String> FORM_FIELDS = List.of("question", "answer", "doctor", "specialty");
  private static final List<String> OUTCOMES =
      List.of("answered", "no_match", "emergency", "command", "refused", "rate_limited", "error");
  private static final List<String> EDITABLE_FIELDS =
      List.of("question", "answer", "title", "doctor", "specialty", "more_info", "quick_take", "status");

  private SlashCommands() {}

  static List<SlashCommandData> definitions() {
    DefaultMemberPermissions moderators = DefaultMemberPermissions.enabledFor(Permission.MESSAGE_MANAGE);
    DefaultMemberPermissions admins = DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER);
    OptionData entryId = new OptionData(OptionType.INTEGER, "id", "Entry id", true).setMinValue(1);
    OptionData queueId = new OptionData(OptionType.INTEGER, "queue_id", "Queue item id", true).setMinValue(1);
    OptionData field = new OptionData(OptionType.STRING, "field", "Which part to change", true);
    EDITABLE_FIELDS.forEach(f -> field.addChoice(f, f));
    OptionData outcome = new OptionData(OptionType.STRING, "outcome", "Only this outcome", false);
    OUTCOMES.forEach(o -> outcome.addChoice(o, o));
    OptionData role = new OptionData(OptionType.STRING, "role", "The role to give", true)
        .addChoice("moderator", "moderator")
        .addChoice("admin", "admin");
    return List.of(
        everywhere(Commands.slash("ask", "Ask a health question; answers come from doctor-reviewed entries")
            // Discord's own maximum: a lower limit makes the client refuse a long question
            // before the core can read it, and the core answers an emergency at any length
            .addOptions(new OptionData(OptionType.STRING, "question", "Your question", true)
                .setMaxLength(OptionData.MAX_STRING_OPTION_LENGTH))),
        everywhere(Commands.slash("help", "What this bot can and cannot do")),
        everywhere(Commands.slash("forget", "Delete everything this bot stored about you")),
        everywhere(Commands.slash("faq", "Moderators: manage the knowledge base")
            .setDefaultPermissions(moderators)
            .addSubcommands(
                new SubcommandData("add", "Add a question and answer (opens a form)"),
                new SubcommandData("edit", "Change one field of an entry")
                    .addOptions(entryId, field, new OptionData(OptionType.STRING, "text", "The new text", true)),
                new SubcommandData("remove", "Remove an entry (can be undone)").addOptions(entryId),
                new SubcommandData("undo", "Undo the last change of an entry").addOptions(entryId),
                new SubcommandData("list", "List entries"),
                new SubcommandData("find", "Search entries")
                    .addOptions(new OptionData(OptionType.STRING, "text", "Words to look for", true)),
                new SubcommandData("queue", "Unanswered questions, most asked first"),
                new SubcommandData("answer", "Answer a queued question")
                    .addOptions(queueId, new OptionData(OptionType.STRING, "text", "The answer", true)),
                new SubcommandData("dismiss", "Dismiss a queued question").addOptions(queueId),
                new SubcommandData("link", "Answer a queued question with an existing entry")
                    .addOptions(queueId, entryId),
                new SubcommandData("alt", "An entry's alternative questions: list, add or remove")
                    .addOptions(entryId,
                        new OptionData(OptionType.STRING, "action", "Change them", false)
                            .addChoice("add", "add").addChoice("remove", "remove"),
                        new OptionData(OptionType.STRING, "text",
                            "The question to add, or the number to remove", false)),
                new SubcommandData("dashboard", "A one-time sign-in link to the web dashboard (only you see it)"))),
        everywhere(Commands.slash("logs", "Admins: recent interactions")
            .setDefaultPermissions(admins)
            .addOptions(outcome, days())),
        everywhere(Commands.slash("stats", "Admins: usage statistics").setDefaultPermissions(admins)
            .addOptions(days())),
        everywhere(Commands.slash("export", "Admins: interactions and statistics as CSV")
            .setDefaultPermissions(admins).addOptions(days())),
        everywhere(Commands.slash("audit", "Admins: moderator and admin actions").setDefaultPermissions(admins)
            .addOptions(new OptionData(OptionType.INTEGER, "count", "How many actions", false)
                .setRequiredRange(1, 500))),
        everywhere(Commands.slash("role", "Admins: grant or revoke bot roles")
            .setDefaultPermissions(admins)
            .addSubcommands(
                new SubcommandData("grant", "Give a user a bot role")
                    .addOptions(new OptionData(OptionType.USER, "user", "Who", true), role),
                new SubcommandData("revoke", "Take a user's bot role away")
                    .addOptions(new OptionData(OptionType.USER, "user", "Who", true)))));
  }

  private static OptionData days() {
    return new OptionData(OptionType.INTEGER, "days", "How many days back", false).setRequiredRange(1, 3650);
  }

  private static SlashCommandData everywhere(SlashCommandData command) {
    return command.setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM);
  }

  /** True for commands whose output is for the caller only (moderation, admin, personal data). */
  static boolean isPrivate(String name) {
    return !name.equals("ask") && !name.equals("help");
  }

  static boolean opensForm(String name, String subcommand) {
    return name.equals("faq") && "add".equals(subcommand);
  }

  /**
   * The core's text command for a slash command, or empty for one we do not know (a command
   * left over from an older registration).
   *
   * @param options option values as strings (a user option as the user's id)
   */
  static Optional<String> toCoreText(String name, String subcommand, Map<String, String> options) {
    switch (name) {
      case "ask":
        return Optional.of(join("/ask", options.get("question")));
      case "help":
      case "forget":
        return Optional.of("/" + name);
      case "stats":
      case "export":
        return Optional.of(join("/" + name, options.get("days")));
      case "audit":
        return Optional.of(join("/audit", options.get("count")));
      case "logs":
        return Optional.of(join("/logs", options.get("outcome"), options.get("days")));
      case "role":
        if ("grant".equals(subcommand)) {
          return Optional.of(join("/grant", platformUser(options.get("user")), options.get("role")));
        }
        if ("revoke".equals(subcommand)) {
          return Optional.of(join("/revoke", platformUser(options.get("user"))));
        }
        return Optional.empty();
      case "faq":
        return "add".equals(subcommand) ? Optional.of("/add") : faq(subcommand, options);
      default:
        return Optional.empty();
    }
  }

  private static Optional<String> faq(String subcommand, Map<String, String> o) {
    if (subcommand == null) {
      return Optional.empty();
    }
    switch (subcommand) {
      case "edit": return Optional.of(join("/edit", o.get("id"), o.get("field"), o.get("text")));
      case "remove": return Optional.of(join("/remove", o.get("id")));
      case "undo": return Optional.of(join("/undo", o.get("id")));
      case "list": return Optional.of("/list");
      case "find": return Optional.of(join("/find", o.get("text")));
      case "queue": return Optional.of("/queue");
      case "answer": return Optional.of(join("/answer", o.get("queue_id"), o.get("text")));
      case "dismiss": return Optional.of(join("/dismiss", o.get("queue_id")));
      case "link": return Optional.of(join("/link", o.get("queue_id"), o.get("id")));
      case "alt": return Optional.of(join("/alt", o.get("id"), o.get("action"), o.get("text")));
      case "dashboard": return Optional.of("/dashboard");
      default: return Optional.empty();
    }
  }

  private static String platformUser(String userId) {
    return userId == null ? null : "discord:" + userId;
  }

  private static String join(String command, String... args) {
    StringBuilder sb = new StringBuilder(command);
    for (String a : args) {
      if (a != null && !a.isBlank()) {
        sb.append(' ').append(a.strip());
      }
    }
    return sb.toString();
  }

  /** The form behind {@code /faq add}; its field ids are the core's form keys. */
  static Modal addForm() {
    return Modal.create(ADD_MODAL_ID, "Add a question and answer")
        .addComponents(
            Label.of("Question", TextInput.create("question", TextInputStyle.PARAGRAPH)
                .setRequiredRange(5, 4000).build()),
            Label.of("Doctor's answer", TextInput.create("answer", TextInputStyle.PARAGRAPH)
                .setRequiredRange(5, 4000).build()),
            Label.of("Doctor", TextInput.create("doctor", TextInputStyle.SHORT)
                .setRequired(false).setMaxLength(100).build()),
            Label.of("Specialty", TextInput.create("specialty", TextInputStyle.SHORT)
                .setRequired(false).setMaxLength(100).build()))
        .build();
  }
}
